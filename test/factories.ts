import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import type { DatabaseKind } from '../src/db/database.ts';
import { seedDemo } from '../src/db/seed/demo.ts';
import { DEMO_PASSWORD } from '../src/db/seed/demo-org.ts';
import type { Principal } from '../src/modules/auth/principal.ts';
import { createApp } from '../src/server/app.ts';
import type { AppDeps } from '../src/server/context.ts';
import { ManualTime } from '../src/shared/time.ts';
import { createTestDatabase } from './db.ts';

export interface TestApp {
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  time: ManualTime;
  /** An anonymous client. */
  anon: Client;
  loginAs(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  csrfToken: string | null;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
  patch(path: string, body?: unknown): Promise<Response>;
  delete(path: string): Promise<Response>;
}

/** A client that talks to the app in-process, keeping a session cookie and CSRF token like a browser. */
export function makeClient(
  app: TestApp['app'],
  auth: { cookie?: string; csrfToken?: string; bearer?: string } = {},
): Client {
  const client: Client = {
    csrfToken: auth.csrfToken ?? null,
    request(method, path, body, headers = {}) {
      const h: Record<string, string> = { ...headers };
      if (auth.cookie) h.cookie = auth.cookie;
      if (auth.csrfToken) h['x-csrf-token'] = auth.csrfToken;
      if (auth.bearer) h.authorization = `Bearer ${auth.bearer}`;
      let payload: string | undefined;
      if (body !== undefined) {
        h['content-type'] ??= 'application/json';
        payload = typeof body === 'string' ? body : JSON.stringify(body);
      }
      return Promise.resolve(app.request(path, { method, headers: h, body: payload }));
    },
    get: (path) => client.request('GET', path),
    post: (path, body) => client.request('POST', path, body ?? {}),
    patch: (path, body) => client.request('PATCH', path, body ?? {}),
    delete: (path) => client.request('DELETE', path),
  };
  return client;
}

export const silentLogger = pino({ level: 'silent' });

/** A migrated database with the demo organisation and accounts, and an app over it with a manual clock. */
export async function createTestApp(
  kind: DatabaseKind,
  opts: { env?: Record<string, string>; start?: string; seed?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const time = new ManualTime(opts.start ?? '2025-09-30T02:00:00Z');
  const config = loadConfig({ ...opts.env });
  const deps: AppDeps = { database, db: database.db, time, config, logger: silentLogger };
  if (opts.seed !== false) await seedDemo(deps);
  const app = createApp(deps);
  return {
    deps,
    app,
    time,
    anon: makeClient(app),
    async loginAs(username, password = DEMO_PASSWORD) {
      const res = await app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200)
        throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      const body = (await res.json()) as { me: { csrfToken: string } };
      return makeClient(app, { cookie, csrfToken: body.me.csrfToken });
    },
    close: () => database.close(),
  };
}

/** Parses a JSON answer, failing the test with the body when the status is not the expected one. */
export async function expectJson<T = unknown>(res: Response | Promise<Response>, status: number): Promise<T> {
  const r = await res;
  const text = await r.text();
  if (r.status !== status) throw new Error(`expected HTTP ${status}, got ${r.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A staff member's principal as a signed-in session would carry it, for code called without a request. */
export function staffPrincipal(p: Pick<Principal, 'staffId' | 'roles'> & Partial<Principal>): Principal {
  return {
    username: 'staff',
    displayName: '工作人员',
    centreId: null,
    departmentId: null,
    officeId: null,
    regionPath: null,
    via: 'session',
    scopes: null,
    sessionId: null,
    csrfToken: null,
    ip: null,
    ...p,
  };
}
