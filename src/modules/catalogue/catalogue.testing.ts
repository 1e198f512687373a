// Builders and helpers for the catalogue's tests (not imported by the application).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../../../test/factories.ts';
import type { DatabaseKind } from '../../db/database.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo-org.ts';
import type { ItemContentInput } from './catalogue.schemas.ts';

/** A test app whose file store is a fresh temporary directory. */
export const createCatalogueTestApp = (backend: DatabaseKind) =>
  createTestApp(backend, { env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'ow-catalogue-')) } });

export async function departmentId(t: TestApp, centreCode: string, deptCode: string): Promise<string> {
  const row = await t.deps.db
    .selectFrom('departments as d')
    .innerJoin('centres as c', 'c.id', 'd.centre_id')
    .select('d.id')
    .where('c.code', '=', centreCode)
    .where('d.code', '=', deptCode)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function centreId(t: TestApp, code: string): Promise<string> {
  return (
    await t.deps.db.selectFrom('centres').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  ).id;
}

let serial = 0;

/** A valid new item of the Ministry hall (version 1, draft); override any field. */
export async function buildItem(
  t: TestApp,
  overrides: Partial<ItemContentInput> & {
    centreId?: string;
    basicCode?: string;
    implementationCode?: string;
  } = {},
) {
  serial += 1;
  return {
    centreId: await centreId(t, 'MLR'),
    basicCode: `T${serial}`,
    implementationCode: `TEST${Date.now() % 100000}${serial}`,
    name: `测试事项${serial}`,
    itemType: '01',
    exerciseLevel: 1,
    departmentId: await departmentId(t, 'MLR', 'KCKF'),
    legalBasis: '《中华人民共和国行政许可法》',
    statutoryLimit: { value: 20, unit: 'working_days' },
    promisedLimit: { value: 15, unit: 'working_days' },
    handlingType: 'promised',
    materials: [{ name: '申请书' }, { name: '营业执照副本', copies: 1, originals: 0 }],
    ...overrides,
  };
}

/** Logs in like a browser and sends a multipart form (the shared client only sends JSON). */
export async function sendForm(t: TestApp, username: string, path: string, form: FormData, method = 'POST') {
  const login = await t.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { me } = (await login.json()) as { me: { csrfToken: string } };
  return t.app.request(path, { method, headers: { cookie, 'x-csrf-token': me.csrfToken }, body: form });
}

export const formWith = (
  fields: Record<string, string | Blob>,
  file?: { bytes: Uint8Array; name: string },
) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new File([new Uint8Array(file.bytes)], file.name));
  return form;
};

/** The first bytes of a PDF, enough for the file store's type check. */
export const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n% blank form\n%%EOF\n');
