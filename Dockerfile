FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/web/package.json apps/web/
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
# A fixed mmap threshold: argon2id's 19 MiB buffers (one per login) go back to the system when
# freed instead of staying in glibc's heap (docs/SCALING.md, Memory).
ENV TZ=UTC NODE_ENV=production MALLOC_MMAP_THRESHOLD_=131072
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/assets ./assets
COPY --from=build /app/apps/web/dist ./apps/web/dist
COPY package.json ./
EXPOSE 3000
CMD ["node", "dist/scripts/start.js"]
