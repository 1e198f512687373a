// The server side of a browser journey: the real app (createApp) over a fresh in-memory PGlite with the
// demo seed, serving the built web app, on a free port.
import { type ServerType, serve } from '@hono/node-server';
import { isWebBuilt } from '../src/server/static.ts';
import { createTestApp, type TestApp } from '../test/factories.ts';

export interface RunningApp {
  url: string;
  test: TestApp;
  close(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  if (!isWebBuilt())
    throw new Error('web/dist is missing: run `npm run build` (or npm run test:e2e, which builds)');
  // The browser's clock is real, so the server's must be too (session cookies expire by it).
  const test = await createTestApp('pglite', { start: new Date().toISOString() });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: test.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    test,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await test.close();
    },
  };
}
