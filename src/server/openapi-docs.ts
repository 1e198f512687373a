import { createRequire } from 'node:module';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';

const swaggerDir = createRequire(import.meta.url)('swagger-ui-dist').getAbsoluteFSPath() as string;

export function registerDocs(app: OpenAPIHono<AppEnv>, version: string) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'ow_session',
    description:
      'Browser session from POST /api/v1/auth/login; unsafe methods also need the X-CSRF-Token header.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'API token for external systems, created by an administrator.',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'onewindow API',
      version,
      description:
        'onewindow (一窗通办): one-stop government service hall. Errors are `{error:{code,message,messageEn,details}}`.',
    },
  });
  // The docs page is served from the swagger-ui-dist package: government networks often reach no CDN.
  app.use(
    '/api/docs/assets/*',
    serveStatic({ root: swaggerDir, rewriteRequestPath: (p) => p.replace('/api/docs/assets', '') }),
  );
  app.get('/api/docs', (c) =>
    c.html(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>onewindow API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`),
  );
  app.get('/api/docs/init.js', (c) =>
    c.body("SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });", 200, {
      'content-type': 'text/javascript',
    }),
  );
}
