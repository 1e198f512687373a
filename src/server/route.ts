import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Permission } from '../modules/auth/permissions.ts';
import { can } from '../modules/auth/principal.ts';
import { forbidden, unauthorized } from '../shared/errors.ts';
import type { AppEnv } from './context.ts';

/** Every route states who may call it. There is no default: a route without access does not compile. */
export type Access = { public: true } | { permission: Permission };

export type AccessMiddleware = MiddlewareHandler<AppEnv> & { access: Access };

export function authorize(access: Access): AccessMiddleware {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    if ('permission' in access) {
      const p = c.get('principal');
      if (!p) throw unauthorized();
      if (!can(p, access.permission)) throw forbidden();
    }
    await next();
  };
  return Object.assign(mw, { access });
}

/**
 * createRoute with the access check placed before validation (so an unauthorised caller learns nothing
 * about the expected input) and recorded on the route for the OpenAPI document and the route × role test.
 */
export function defineRoute<R extends Omit<RouteConfig, 'middleware'>>(access: Access, config: R) {
  return createRoute({
    ...config,
    middleware: [authorize(access)] as const,
    security: ('public' in access ? [] : [{ session: [] }, { bearer: [] }]) as Record<string, string[]>[],
    description: [
      config.description,
      'public' in access ? 'Public.' : `Permission: \`${access.permission}\`.`,
    ]
      .filter(Boolean)
      .join('\n\n'),
  });
}
