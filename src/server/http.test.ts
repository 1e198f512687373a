import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/factories.ts';
import { loadConfig } from '../config.ts';
import { startHttpServer } from './http.ts';

describe('the HTTP server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close().catch(() => {}));

  it('lets an in-flight request finish on shutdown, then refuses new connections and closes the database', async () => {
    const deps = { ...t.deps, config: loadConfig({ PORT: '0', SHUTDOWN_GRACE_MS: '5000' }) };
    const server = await startHttpServer(deps);
    // A login takes a while (argon2id): it is in flight when the shutdown starts.
    const inFlight = fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk', password: 'onewindow-demo' }),
    });
    await new Promise((r) => setTimeout(r, 20));
    const stopped = server.stop();
    const res = await inFlight;
    expect(res.status).toBe(200);
    await stopped;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    await expect(t.deps.db.selectFrom('staff').select('id').execute()).rejects.toThrow();
  });
});
