import type { OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../server/context.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../server/middleware.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponse, errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import { ChangePasswordRequest, LoginRequest, LoginResponse, Me, Ok } from './auth.schemas.ts';
import { changePassword, login, logout } from './auth.service.ts';
import { PERMISSIONS, type Permission } from './permissions.ts';
import { can, type Principal } from './principal.ts';

const tags = ['auth'];

export function toMe(p: Principal): Me {
  return {
    id: p.staffId,
    username: p.username,
    displayName: p.displayName,
    roles: p.roles,
    centreId: p.centreId,
    departmentId: p.departmentId,
    officeId: p.officeId,
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((perm) => can(p, perm)),
    csrfToken: p.csrfToken,
  };
}

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(
      { public: true },
      {
        method: 'post',
        path: '/api/v1/auth/login',
        tags,
        summary: 'Log in with username and password (sets the session cookie)',
        request: { body: jsonBody(LoginRequest) },
        responses: {
          200: json(LoginResponse),
          400: errorResponses[400],
          401: errorResponse('Wrong credentials'),
          429: errorResponse('Too many failures'),
        },
      },
    ),
    async (c) => {
      const deps = c.get('deps');
      const body = c.req.valid('json');
      const result = await login(deps, {
        ...body,
        ip: c.get('clientIp'),
        userAgent: c.req.header('user-agent') ?? null,
      });
      setCookie(c, SESSION_COOKIE, result.cookieValue, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: deps.config.COOKIE_SECURE,
        path: '/',
        expires: result.expiresAt,
      });
      c.header(CSRF_HEADER, result.csrfToken);
      return c.json({ me: toMe(result.principal), expiresAt: result.expiresAt.toISOString() }, 200);
    },
  );

  app.openapi(
    defineRoute(
      { permission: 'session.self' },
      {
        method: 'post',
        path: '/api/v1/auth/logout',
        tags,
        summary: 'End the current session',
        responses: { 200: json(Ok), ...errorResponses },
      },
    ),
    async (c) => {
      await logout(c.get('deps'), requirePrincipal(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    defineRoute(
      { permission: 'session.self' },
      {
        method: 'get',
        path: '/api/v1/auth/me',
        tags,
        summary: 'Who am I',
        responses: { 200: json(Me), ...errorResponses },
      },
    ),
    (c) => c.json(toMe(requirePrincipal(c)), 200),
  );

  app.openapi(
    defineRoute(
      { permission: 'session.self' },
      {
        method: 'post',
        path: '/api/v1/auth/password',
        tags,
        summary: 'Change my password (ends my other sessions)',
        request: { body: jsonBody(ChangePasswordRequest) },
        responses: { 200: json(Ok), ...errorResponses },
      },
    ),
    async (c) => {
      await changePassword(c.get('deps'), requirePrincipal(c), c.req.valid('json'));
      return c.json({ ok: true as const }, 200);
    },
  );
}
