import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/context.ts';
import { registerEngineCaseRoutes } from './cases.routes.ts';
import { registerTaskRoutes } from './tasks.routes.ts';

export function registerEngineRoutes(app: OpenAPIHono<AppEnv>) {
  registerTaskRoutes(app);
  registerEngineCaseRoutes(app);
}
