import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, makeClient, type TestApp } from '../../../test/factories.ts';
import { createApp } from '../../server/app.ts';

describe.each(BACKENDS)('authentication on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, { env: { LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_MINUTES: '15' } });
  });
  afterAll(() => t.close());

  it('logs a demo clerk in with an HttpOnly SameSite cookie and tells who they are', async () => {
    const res = await t.anon.post('/api/v1/auth/login', { username: 'clerk', password: 'onewindow-demo' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^ow_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const clerk = await t.loginAs('clerk');
    const me = await expectJson<{ username: string; roles: string[]; permissions: string[] }>(
      clerk.get('/api/v1/auth/me'),
      200,
    );
    expect(me).toMatchObject({ username: 'clerk', roles: ['window_clerk'] });
    expect(me.permissions).not.toContain('audit.read');
  });

  it('refuses a wrong password with 401 and no cookie', async () => {
    const res = await t.anon.post('/api/v1/auth/login', { username: 'leader', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = await expectJson<{ error: { code: string; message: string } }>(res, 401);
    expect(body.error.code).toBe('invalid_credentials');
    expect(body.error.message).toBe('用户名或密码错误。');
  });

  it('throttles an account after repeated failures, even with the right password, until the window passes', async () => {
    for (let i = 0; i < 3; i++) {
      expect(
        (await t.anon.post('/api/v1/auth/login', { username: 'reviewer2', password: `bad-${i}` })).status,
      ).toBe(401);
    }
    const blocked = await t.anon.post('/api/v1/auth/login', {
      username: 'reviewer2',
      password: 'onewindow-demo',
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    t.time.advanceMs(16 * 60_000);
    expect(
      (await t.anon.post('/api/v1/auth/login', { username: 'reviewer2', password: 'onewindow-demo' })).status,
    ).toBe(200);
  });

  it('requires the CSRF token for a browser call that changes something', async () => {
    const res = await t.anon.post('/api/v1/auth/login', {
      username: 'supervisor',
      password: 'onewindow-demo',
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const noCsrf = makeClient(t.app, { cookie });
    expect((await noCsrf.get('/api/v1/auth/me')).status).toBe(200);
    const denied = await noCsrf.post('/api/v1/auth/logout');
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBe('csrf_token_invalid');
  });

  it('ends the session on logout', async () => {
    const leader = await t.loginAs('leader');
    expect((await leader.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await leader.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('changes a password with the current one, enforces the policy, and ends other sessions', async () => {
    const first = await t.loginAs('yz-leader');
    const second = await t.loginAs('yz-leader');
    expect(
      (
        await first.post('/api/v1/auth/password', {
          currentPassword: 'nope',
          newPassword: 'a-long-new-secret',
        })
      ).status,
    ).toBe(400);
    const weak = await first.post('/api/v1/auth/password', {
      currentPassword: 'onewindow-demo',
      newPassword: 'short',
    });
    expect((await expectJson<{ error: { code: string } }>(weak, 400)).error.code).toBe('weak_password');
    await expectJson(
      first.post('/api/v1/auth/password', {
        currentPassword: 'onewindow-demo',
        newPassword: 'a-long-new-secret',
      }),
      200,
    );
    expect((await first.get('/api/v1/auth/me')).status).toBe(200);
    expect((await second.get('/api/v1/auth/me')).status).toBe(401);
    await t.loginAs('yz-leader', 'a-long-new-secret');
  });

  it('accepts bearer tokens limited to their scopes, and stops accepting them when revoked', async () => {
    const admin = await t.loginAs('centre-admin');
    const staff = await expectJson<{ id: string; username: string }[]>(admin.get('/api/v1/staff'), 200);
    const inspector = staff.find((s) => s.username === 'inspector')!;
    const beyond = await admin.post('/api/v1/tokens', {
      name: 'x',
      staffId: inspector.id,
      scopes: ['staff.manage'],
    });
    expect(beyond.status).toBe(400);
    const created = await expectJson<{ id: string; token: string }>(
      admin.post('/api/v1/tokens', { name: '电子监察平台', staffId: inspector.id, scopes: ['audit.read'] }),
      201,
    );
    const external = makeClient(t.app, { bearer: created.token });
    expect((await external.get('/api/v1/audit/verify')).status).toBe(200);
    const used = async () =>
      (
        await t.deps.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('id', '=', created.id)
          .executeTakeFirstOrThrow()
      ).last_used_at;
    const first = await used();
    expect(first).not.toBeNull();
    t.time.advanceMs(10_000);
    await external.get('/api/v1/audit/verify');
    expect(await used()).toEqual(first); // recorded at most once a minute
    t.time.advanceMs(60_000);
    await external.get('/api/v1/audit/verify');
    expect((await used())!.getTime()).toBe(t.time.now().getTime());
    expect((await external.get('/api/v1/org/regions')).status).toBe(403); // org.read is not among its scopes
    expect((await makeClient(t.app, { bearer: 'ow_not-a-token' }).get('/api/v1/audit/verify')).status).toBe(
      401,
    );
    await expectJson(admin.delete(`/api/v1/tokens/${created.id}`), 200);
    expect((await external.get('/api/v1/audit/verify')).status).toBe(401);
  });

  it('never writes a password or a session secret to the log', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (s: string) => lines.push(s) });
    const app = createApp({ ...t.deps, logger });
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'inspector', password: 'onewindow-demo' }),
    });
    expect(res.status).toBe(200);
    const secret = res.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(text).not.toContain('onewindow-demo');
    expect(text).not.toContain(secret);
  });
});
