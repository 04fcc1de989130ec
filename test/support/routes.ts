import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ENDPOINT, EndpointMetadata } from '@roundtable/core';
import { API_PREFIX } from '../../apps/api/src/configure-app';

export interface Route {
  /** e.g. `GET /api/v1/groups/{groupId}/members` — the key of the permission matrix. */
  key: string;
  method: string;
  /** OpenAPI path template. */
  path: string;
  /** Names of the path parameters, in order. */
  params: string[];
  /** `MembersController.list`, to find the code. */
  handler: string;
  /** The operationId @nestjs/swagger gives it. */
  operationId: string;
  endpoint?: EndpointMetadata;
  /** The status the route answers with on success (Nest: @HttpCode, else 201 for POST, 200). */
  status: number;
}

const UNPREFIXED = new Set(['health', 'metrics']);

function join(...parts: string[]): string {
  return (
    '/' +
    parts
      .flatMap((p) => p.split('/'))
      .filter(Boolean)
      .join('/')
  );
}

// Every route the running app serves, read from the controllers Nest registered (the router
// itself), so a route nobody listed anywhere is still found.
export function appRoutes(app: INestApplication): Route[] {
  const routes: Route[] = [];
  const seen = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!ctrl || seen.has(ctrl)) continue;
      seen.add(ctrl);
      const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      const proto = ctrl.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor' || typeof proto[name] !== 'function') continue;
        const fn = proto[name] as object;
        const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
        const verb = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (sub === undefined || verb === undefined) continue;
        const prefix = UNPREFIXED.has(base.split('/')[0]) ? '' : API_PREFIX;
        const raw = join(prefix, base, sub);
        const path = raw.replace(/:(\w+)/g, '{$1}');
        const method = RequestMethod[verb];
        routes.push({
          key: `${method} ${path}`,
          method,
          path,
          params: [...raw.matchAll(/:(\w+)/g)].map((m) => m[1]),
          handler: `${ctrl.name}.${name}`,
          operationId: `${ctrl.name}_${name}`,
          endpoint: Reflect.getMetadata(ENDPOINT, fn) as EndpointMetadata | undefined,
          status:
            (Reflect.getMetadata(HTTP_CODE_METADATA, fn) as number | undefined) ??
            (verb === RequestMethod.POST ? 201 : 200),
        });
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
