/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// The API the dev server forwards to (npm run web:dev next to npm start).
const api = process.env.ROUNDTABLE_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    react(),
    // Brotli and gzip copies next to each file; the API serves them (express-static-gzip).
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 512 }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: { target: 'es2022', sourcemap: false, manifest: true, chunkSizeWarningLimit: 400 },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: true },
      // The dev server's origin is not the API's: present the API's own, so no CORS_ORIGINS is needed.
      '/socket.io': { target: api, ws: true, changeOrigin: true, headers: { origin: api } },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
