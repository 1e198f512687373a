import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../src/modules/auth/permissions.ts';
import { isRole, ROLES, type Role } from '../src/modules/auth/roles.ts';
import type { AccessMiddleware } from '../src/server/route.ts';
import { BACKENDS } from './db.ts';
import { type Client, createTestApp, type TestApp } from './factories.ts';

// One demo account per role.
const ACCOUNT: Record<Role, string> = {
  window_clerk: 'clerk',
  reviewer: 'reviewer',
  leader: 'leader',
  supervisor: 'supervisor',
  inspector: 'inspector',
  centre_admin: 'centre-admin',
  system_admin: 'admin',
};

interface RouteEntry {
  method: string;
  path: string;
  access: AccessMiddleware['access'] | null;
}

/** Every route the app registered under /api/v1, with the access rule found on its handler chain. */
function apiRoutes(app: TestApp['app']): RouteEntry[] {
  const byKey = new Map<string, RouteEntry>();
  for (const r of app.routes) {
    if (!r.path.startsWith('/api/v1/') || r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    const entry = byKey.get(key) ?? { method: r.method, path: r.path, access: null };
    const access = (r.handler as Partial<AccessMiddleware>).access;
    if (access) entry.access = access;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

describe.each(BACKENDS)('role × route matrix on %s', (backend) => {
  let t: TestApp;
  const clients = {} as Record<Role, Client>;
  beforeAll(async () => {
    t = await createTestApp(backend);
    for (const role of ROLES) clients[role] = await t.loginAs(ACCOUNT[role]);
  });
  afterAll(() => t.close());

  it('gives every API route an explicit access rule (deny by default)', () => {
    const routes = apiRoutes(t.app);
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every non-public route', async () => {
    for (const r of apiRoutes(t.app)) {
      if (!r.access || 'public' in r.access) continue;
      const res = await t.anon.request(r.method, concrete(r.path), r.method === 'GET' ? undefined : {});
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it('answers 403 to every role the route’s permission does not list', async () => {
    let checked = 0;
    for (const r of apiRoutes(t.app)) {
      if (!r.access || 'public' in r.access) continue;
      const allowed: readonly string[] = PERMISSIONS[r.access.permission as Permission];
      for (const role of ROLES.filter((x) => !allowed.includes(x))) {
        const res = await clients[role].request(
          r.method,
          concrete(r.path),
          r.method === 'GET' ? undefined : {},
        );
        expect(res.status, `${role} → ${r.method} ${r.path}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('lets each listed role past the permission check', async () => {
    for (const r of apiRoutes(t.app)) {
      if (!r.access || 'public' in r.access || r.method !== 'GET') continue;
      for (const role of PERMISSIONS[r.access.permission as Permission]) {
        if (!isRole(role)) continue; // applicant principals: src/modules/applicants/applicants.test.ts
        const res = await clients[role].request('GET', concrete(r.path));
        expect([401, 403], `${role} → GET ${r.path}`).not.toContain(res.status);
      }
    }
  });
});
