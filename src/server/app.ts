import { readFileSync } from 'node:fs';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'kysely';
import { pendingMigrations } from '../db/migrate.ts';
import { registerAuditRoutes } from '../modules/audit/audit.routes.ts';
import { registerTokenRoutes } from '../modules/auth/api-tokens.ts';
import { registerAuthRoutes } from '../modules/auth/auth.routes.ts';
import { registerCalendarRoutes } from '../modules/calendar/calendar.routes.ts';
import { registerCatalogueRoutes } from '../modules/catalogue/catalogue.routes.ts';
import { registerProcessCheckRoutes } from '../modules/catalogue/process-check.routes.ts';
import { registerEngineRoutes } from '../modules/engine/engine.routes.ts';
import { registerIntakeRoutes } from '../modules/intake/intake.routes.ts';
import { registerNotificationRoutes } from '../modules/notifications/notifications.routes.ts';
import { registerOrgRoutes } from '../modules/org/org.routes.ts';
import { registerStaffRoutes } from '../modules/staff/staff.routes.ts';
import { registerStatsRoutes } from '../modules/stats/stats.routes.ts';
import { registerSupervisionRoutes } from '../modules/supervision/supervision.routes.ts';
import { AppError } from '../shared/errors.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { onError, validationHook } from './errors.ts';
import { authenticate, requestContext } from './middleware.ts';
import { registerDocs } from './openapi-docs.ts';
import { registerWebApp } from './static.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Module route registrars, in the order they appear in the OpenAPI document. */
const MODULES: ((app: OpenAPIHono<AppEnv>) => void)[] = [
  registerAuthRoutes,
  registerTokenRoutes,
  registerOrgRoutes,
  registerCalendarRoutes,
  registerStaffRoutes,
  registerAuditRoutes,
  registerCatalogueRoutes,
  registerProcessCheckRoutes,
  registerIntakeRoutes,
  registerEngineRoutes,
  registerSupervisionRoutes,
  registerStatsRoutes,
  registerNotificationRoutes,
];

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(onError);
  app.use('*', requestContext(deps));
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: undefined }));
  // JSON bodies are small; file uploads (multipart) get their own, larger limit.
  const tooLarge = (limit: number) => () => {
    throw new AppError(
      413,
      'payload_too_large',
      '提交的内容过大。',
      `The request body exceeds ${limit} bytes.`,
    );
  };
  const jsonLimit = bodyLimit({
    maxSize: deps.config.JSON_BODY_LIMIT,
    onError: tooLarge(deps.config.JSON_BODY_LIMIT),
  });
  const uploadLimit = bodyLimit({
    maxSize: deps.config.UPLOAD_BODY_LIMIT,
    onError: tooLarge(deps.config.UPLOAD_BODY_LIMIT),
  });
  app.use('/api/*', (c, next) =>
    (c.req.header('content-type')?.startsWith('multipart/form-data') ? uploadLimit : jsonLimit)(c, next),
  );
  app.use('/api/*', authenticate);

  app.get('/healthz', (c) => c.json({ status: 'ok', version: VERSION }));
  app.get('/readyz', async (c) => {
    try {
      await sql`SELECT 1`.execute(deps.db);
      const pending = await pendingMigrations(deps.database);
      if (pending.length) return c.json({ status: 'migrating', pending }, 503);
      return c.json({ status: 'ready', database: deps.database.kind });
    } catch {
      return c.json({ status: 'database unavailable' }, 503);
    }
  });

  for (const register of MODULES) register(app);
  registerDocs(app, VERSION);
  registerWebApp(app);

  app.notFound((c) =>
    c.json(
      new AppError(
        404,
        'not_found',
        '请求的地址不存在。',
        `No route for ${c.req.method} ${c.req.path}.`,
      ).toBody(),
      404,
    ),
  );
  return app;
}

export type App = ReturnType<typeof createApp>;
