// Serves the built web app (web/dist): hashed files under /assets/ cached for a year, other files of
// the build (favicon) briefly, and index.html for every other GET that is not the API or a probe, so
// that client-side routes (/staff/…, /guide/items/…) load the app. Compressible files are gzipped once
// and kept in memory: the build is small and never changes while the server runs.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './context.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.map']);
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Paths the app never answers with index.html. */
const NOT_APP = /^\/(api|healthz|readyz)(\/|$)/;

interface Cached {
  type: string;
  raw: Uint8Array;
  gzip?: Uint8Array;
}

export function isWebBuilt(dist = WEB_DIST): boolean {
  return existsSync(join(dist, 'index.html'));
}

export function registerWebApp(app: OpenAPIHono<AppEnv>, dist = WEB_DIST) {
  const cache = new Map<string, Cached | null>();

  const load = (relative: string): Cached | null => {
    if (cache.has(relative)) return cache.get(relative)!;
    const file = normalize(join(dist, relative));
    let entry: Cached | null = null;
    if (file.startsWith(dist + sep) && existsSync(file) && statSync(file).isFile()) {
      const raw = new Uint8Array(readFileSync(file));
      const ext = extname(file);
      entry = { type: TYPES[ext] ?? 'application/octet-stream', raw };
      if (COMPRESSIBLE.has(ext) && raw.length > 1024)
        entry.gzip = new Uint8Array(gzipSync(raw, { level: 9 }));
    }
    // index.html is re-read after a rebuild only on restart; misses are not cached (a build may appear).
    if (entry) cache.set(relative, entry);
    return entry;
  };

  const send = (c: Context<AppEnv>, entry: Cached, cacheControl: string) => {
    const gzip = entry.gzip && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const headers: Record<string, string> = {
      'content-type': entry.type,
      'cache-control': cacheControl,
      vary: 'accept-encoding',
    };
    if (gzip) headers['content-encoding'] = 'gzip';
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    return c.body(new Uint8Array(gzip ? entry.gzip! : entry.raw), 200, headers);
  };

  const notBuilt = (c: Context<AppEnv>) =>
    c.html(
      `<!doctype html><meta charset="utf-8"><title>onewindow</title><body style="font-family:sans-serif;padding:2em">
<h1>网页端尚未构建 / The web app is not built</h1>
<p>运行 <code>npm run build</code> 后重启服务。Run <code>npm run build</code>, then restart the server.</p>
<p>API: <a href="/api/docs">/api/docs</a></p></body>`,
      503,
    );

  app.on(['GET', 'HEAD'], '/assets/*', (c) => {
    const entry = load(decodeURIComponent(c.req.path).slice(1));
    return entry ? send(c, entry, IMMUTABLE) : c.notFound();
  });

  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const path = c.req.path;
    if (NOT_APP.test(path)) return next();
    // A file of the build's root (favicon.svg); anything else is a client route.
    if (/^\/[\w.-]+\.\w+$/.test(path) && path !== '/index.html') {
      const file = load(path.slice(1));
      if (file) return send(c, file, 'public, max-age=3600');
    }
    const index = load('index.html');
    return index ? send(c, index, 'no-cache') : notBuilt(c);
  });
}

/**
 * Builds web/dist with Vite's API in this process (what `npm run build` does), logging progress. Vite
 * is a development dependency: without it (npm ci --omit=dev) this says so instead of building.
 */
export async function buildWebApp(log: (message: string) => void): Promise<boolean> {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    log(
      'cannot build the web app: Vite is not installed (dev dependencies were left out); run `npm run build` where it is',
    );
    return false;
  }
  const started = performance.now();
  let modules = 0;
  const progress: import('vite').Plugin = {
    name: 'onewindow-build-progress',
    transform() {
      if (++modules % 1000 === 0) log(`building the web app: ${modules} modules compiled`);
    },
    renderStart() {
      log(`building the web app: ${modules} modules compiled, writing bundles`);
    },
  };
  // A production bundle even when the caller runs with NODE_ENV=test (vitest) or development.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      mode: 'production',
      logLevel: 'warn',
      plugins: [progress],
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  log(`web app built in ${((performance.now() - started) / 1000).toFixed(1)} s (web/dist)`);
  return true;
}
