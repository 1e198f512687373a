import { randomUUID } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { principalFromSession, principalFromToken } from '../modules/auth/auth.service.ts';
import { AppError, unauthorized } from '../shared/errors.ts';
import type { AppDeps, AppEnv } from './context.ts';

export const SESSION_COOKIE = 'ow_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('deps', deps);
    c.set('principal', null);
    c.set('requestId', c.req.header('x-request-id')?.slice(0, 64) || randomUUID());
    let ip = 'local';
    if (deps.config.TRUST_PROXY) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || ip;
    else {
      try {
        ip = getConnInfo(c).remote.address ?? ip;
      } catch {
        // in-process requests (tests) have no socket
      }
    }
    c.set('clientIp', ip);
    const started = performance.now();
    await next();
    c.header('x-request-id', c.get('requestId'));
    // Only the path: query strings may carry a case number and query code, bodies may carry passwords.
    deps.logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        staff: c.get('principal')?.username,
      },
      'request',
    );
  };
}

/**
 * Resolves the caller: a bearer token (external systems) or the session cookie (browsers). A browser
 * call that changes something must also carry the session's CSRF token in a header.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  const ip = c.get('clientIp');
  const authz = c.req.header('authorization');
  if (authz) {
    const m = /^Bearer\s+(\S+)$/i.exec(authz);
    const principal = m?.[1] ? await principalFromToken(deps, m[1], ip) : null;
    if (!principal) throw unauthorized();
    c.set('principal', principal);
    return next();
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie) {
    const principal = await principalFromSession(deps, cookie, ip);
    if (principal) {
      if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== principal.csrfToken) {
        throw new AppError(
          403,
          'csrf_token_invalid',
          '页面已过期，请刷新后重试。',
          'Missing or wrong CSRF token (send the X-CSRF-Token header).',
        );
      }
      c.set('principal', principal);
    }
  }
  return next();
};
