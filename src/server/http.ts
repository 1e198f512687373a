import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app.ts';
import type { AppDeps } from './context.ts';

export interface RunningServer {
  url: string;
  /** Stops accepting connections, lets in-flight requests finish (up to the grace period), closes the DB. */
  stop(): Promise<void>;
}

export async function startHttpServer(deps: AppDeps): Promise<RunningServer> {
  const app = createApp(deps);
  const { PORT, HOST, SHUTDOWN_GRACE_MS } = deps.config;
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: PORT, hostname: HOST }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : PORT;
  const url = `http://${HOST.includes(':') ? `[${HOST}]` : HOST}:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
          resolve();
        }, SHUTDOWN_GRACE_MS);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await deps.database.close();
      deps.logger.info('stopped');
    })();
    return stopping;
  };
  return { url, stop };
}
