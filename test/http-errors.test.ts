import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './db.ts';
import { type Client, createTestApp, expectJson, type TestApp } from './factories.ts';

interface ErrorBody {
  error: { code: string; message: string; messageEn: string; details?: unknown };
}

describe.each(BACKENDS)('bad input on %s', (backend) => {
  let t: TestApp;
  let admin: Client;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp(backend, { env: { JSON_BODY_LIMIT: '4096' } });
    admin = await t.loginAs('centre-admin');
    const centres = await expectJson<{ id: string; code: string }[]>(admin.get('/api/v1/org/centres'), 200);
    centreId = centres.find((c) => c.code === 'MLR')!.id;
  });
  afterAll(() => t.close());

  const departmentCount = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('departments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('answers malformed JSON with 400 and a message in Chinese and English', async () => {
    const res = await admin.request('POST', '/api/v1/org/departments', '{"centreId": ');
    const body = await expectJson<ErrorBody>(res, 400);
    expect(body.error.code).toBe('malformed_json');
    expect(body.error.message).toMatch(/JSON/);
    expect(body.error.messageEn).toMatch(/JSON/);
  });

  it('answers wrong types with 400 naming the field', async () => {
    const body = await expectJson<ErrorBody>(
      admin.post('/api/v1/org/departments', { centreId, code: 42, name: '测试' }),
      400,
    );
    expect(body.error.code).toBe('invalid_request');
    expect((body.error.details as { path: string }[]).map((d) => d.path)).toContain('code');
  });

  it('answers unknown fields with 400', async () => {
    const body = await expectJson<ErrorBody>(
      admin.post('/api/v1/org/departments', { centreId, code: 'NEW', name: '测试', isAdmin: true }),
      400,
    );
    expect(JSON.stringify(body.error.details)).toContain('isAdmin');
  });

  it('answers an oversized body with 413', async () => {
    const res = await admin.post('/api/v1/org/departments', {
      centreId,
      code: 'BIG',
      name: 'x'.repeat(10_000),
    });
    expect((await expectJson<ErrorBody>(res, 413)).error.code).toBe('payload_too_large');
  });

  it('answers a wrong content type with 415', async () => {
    const res = await admin.request('POST', '/api/v1/org/departments', 'code=x', {
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(415);
  });

  it('writes nothing when a request fails, and the log stays consistent', async () => {
    const before = await departmentCount();
    const invalid = { centreId, code: 'OK1', name: '测试单位', creditCode: '91350100M000100Y44' };
    expect((await admin.post('/api/v1/org/departments', invalid)).status).toBe(400);
    expect(await departmentCount()).toBe(before);
    await expectJson(
      admin.post('/api/v1/org/departments', { ...invalid, creditCode: '91350100M000100Y43' }),
      201,
    );
    const dup = await expectJson<ErrorBody>(
      admin.post('/api/v1/org/departments', { ...invalid, creditCode: null }),
      409,
    );
    expect(dup.error.code).toBe('already_exists');
    expect(dup.error.details).toEqual({ constraint: 'departments_centre_id_code_key' });
    expect(await departmentCount()).toBe(before + 1);
  });

  it('answers unknown routes with a JSON 404 and never shows a stack trace', async () => {
    const body = await expectJson<ErrorBody>(t.anon.get('/api/v1/nothing-here'), 404);
    expect(body.error.code).toBe('not_found');
    const text = JSON.stringify(await expectJson(admin.post('/api/v1/org/departments', '{'), 400));
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('keeps a centre administrator inside their own centre', async () => {
    const centres = await expectJson<{ id: string; code: string }[]>(admin.get('/api/v1/org/centres'), 200);
    const other = centres.find((c) => c.code === 'HN')!.id;
    expect(
      (await admin.post('/api/v1/org/departments', { centreId: other, code: 'X', name: '外中心' })).status,
    ).toBe(403);
  });

  it('serves health, readiness and the OpenAPI document', async () => {
    expect(await expectJson(t.anon.get('/healthz'), 200)).toMatchObject({ status: 'ok' });
    expect(await expectJson(t.anon.get('/readyz'), 200)).toMatchObject({ status: 'ready' });
    const doc = await expectJson<{ openapi: string; paths: Record<string, unknown> }>(
      t.anon.get('/api/openapi.json'),
      200,
    );
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/login');
    expect((await t.anon.get('/api/docs')).status).toBe(200);
  });
});
