import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { type Client, expectJson, type TestApp } from '../../../test/factories.ts';
import type { ItemVersion, VersionSummary } from './catalogue.schemas.ts';
import { getItemVersion, materialsFor } from './catalogue.service.ts';
import { buildItem, createCatalogueTestApp, formWith, PDF_BYTES, sendForm } from './catalogue.testing.ts';
import type { GuideItemDetail } from './guide.schemas.ts';

describe.each(BACKENDS)('catalogue versions on %s', (backend) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createCatalogueTestApp(backend);
    admin = await t.loginAs('centre-admin');
  });
  afterAll(() => t.close());

  const create = async (overrides = {}) =>
    expectJson<ItemVersion>(admin.post('/api/v1/catalogue/items', await buildItem(t, overrides)), 201);
  const publish = (id: string) =>
    expectJson<ItemVersion>(admin.post(`/api/v1/catalogue/versions/${id}/publish`), 200);

  it('keeps a case pinned to v1 on v1’s materials and limits after v2 is published', async () => {
    const v1 = await create();
    expect(v1).toMatchObject({ version: 1, status: 'draft', isCurrent: false });
    await publish(v1.id);
    const { itemId, id: _id, ...rest } = v1;
    const edited = {
      ...(await buildItem(t)),
      name: rest.name,
      promisedLimit: { value: 10, unit: 'working_days' },
      materials: [{ name: '申请书' }, { name: '新增的承诺书' }, { name: '营业执照副本' }],
    };
    const { centreId: _c, basicCode: _b, implementationCode: _i, ...content } = edited;
    const v2 = await expectJson<ItemVersion>(
      admin.request('PUT', `/api/v1/catalogue/items/${itemId}/draft`, content),
      200,
    );
    expect(v2).toMatchObject({ version: 2, status: 'draft' });
    await publish(v2.id);

    const pinned = await getItemVersion(t.deps.db, v1.id);
    expect(pinned).toMatchObject({ version: 1, status: 'superseded', isCurrent: false });
    expect(pinned.promisedLimit).toMatchObject({ value: 15, unit: 'working_days' });
    expect(pinned.materials.map((m) => m.name)).toEqual(['申请书', '营业执照副本']);
    const current = await getItemVersion(t.deps.db, v2.id);
    expect(current).toMatchObject({ status: 'published', isCurrent: true, promisedLimit: { value: 10 } });
    expect(current.materials).toHaveLength(3);
    const guide = await expectJson<GuideItemDetail>(t.anon.get(`/api/v1/guide/items/${itemId}`), 200);
    expect(guide.id).toBe(v2.id);
    const versions = await expectJson<VersionSummary[]>(
      admin.get(`/api/v1/catalogue/items/${itemId}/versions`),
      200,
    );
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
  });

  it('never changes a published version: editing opens a new draft, publishing twice is refused', async () => {
    const v1 = await create();
    await publish(v1.id);
    await expectJson(admin.post(`/api/v1/catalogue/versions/${v1.id}/publish`), 409);
    const draft = await expectJson<ItemVersion>(
      admin.post(`/api/v1/catalogue/items/${v1.itemId}/versions`),
      201,
    );
    expect(draft).toMatchObject({ version: 2, status: 'draft', contentHash: v1.contentHash });
    await expectJson(admin.post(`/api/v1/catalogue/items/${v1.itemId}/versions`), 409);
    const form = formWith(
      { target: 'blank_form', materialPosition: '1' },
      { bytes: PDF_BYTES, name: '申请书.pdf' },
    );
    expect(
      (await sendForm(t, 'centre-admin', `/api/v1/catalogue/versions/${v1.id}/files`, form)).status,
    ).toBe(409);
  });

  it('enforces promised ≤ statutory, also across units, and same-day promises for immediate items', async () => {
    const tooLong = await buildItem(t, { promisedLimit: { value: 25, unit: 'working_days' } });
    const res = await expectJson<{ error: { code: string; details: { path: string }[] } }>(
      admin.post('/api/v1/catalogue/items', tooLong),
      422,
    );
    expect(res.error.details.map((d) => d.path)).toEqual(['promisedLimit.value']);
    const natural = await buildItem(t, {
      statutoryLimit: { value: 20, unit: 'natural_days' },
      promisedLimit: { value: 15, unit: 'working_days' },
    });
    await expectJson(admin.post('/api/v1/catalogue/items', natural), 422);
    const fits = await buildItem(t, {
      statutoryLimit: { value: 60, unit: 'natural_days' },
      promisedLimit: { value: 20, unit: 'working_days' },
    });
    await expectJson(admin.post('/api/v1/catalogue/items', fits), 201);
    const immediate = await buildItem(t, { handlingType: 'immediate' });
    await expectJson(admin.post('/api/v1/catalogue/items', immediate), 422);
    const sameDay = await buildItem(t, {
      handlingType: 'immediate',
      promisedLimit: { value: 0, unit: 'same_day' },
    });
    await expectJson(admin.post('/api/v1/catalogue/items', sameDay), 201);
  });

  it('uploads a blank form to a draft and serves it publicly once published', async () => {
    const v1 = await create();
    const form = formWith(
      { target: 'blank_form', materialPosition: '1' },
      { bytes: PDF_BYTES, name: '申请书.pdf' },
    );
    const res = await sendForm(t, 'centre-admin', `/api/v1/catalogue/versions/${v1.id}/files`, form);
    const withFile = await expectJson<ItemVersion>(res, 200);
    const fileId = withFile.materials[0]!.blankFormFileId!;
    expect(fileId).toBeTruthy();
    expect((await t.anon.get(`/api/v1/guide/files/${fileId}`)).status).toBe(404); // still a draft
    await publish(v1.id);
    const download = await t.anon.get(`/api/v1/guide/files/${fileId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF_BYTES);
    const html = formWith(
      { target: 'sample', materialPosition: '1' },
      { bytes: new TextEncoder().encode('<html>'), name: 'x.html' },
    );
    const v2 = await expectJson<ItemVersion>(
      admin.post(`/api/v1/catalogue/items/${v1.itemId}/versions`),
      201,
    );
    expect(
      (await sendForm(t, 'centre-admin', `/api/v1/catalogue/versions/${v2.id}/files`, html)).status,
    ).toBe(400);
    const big = formWith(
      { target: 'sample', materialPosition: '1' },
      { bytes: new Uint8Array(11 * 1024 * 1024), name: 'big.pdf' },
    );
    expect((await sendForm(t, 'centre-admin', `/api/v1/catalogue/versions/${v2.id}/files`, big)).status).toBe(
      413,
    );
  });

  it('withdraws an item: gone from the guide, its version still readable for the cases that pinned it', async () => {
    const v1 = await create();
    await publish(v1.id);
    await expectJson(admin.post(`/api/v1/catalogue/items/${v1.itemId}/withdraw`), 200);
    await expectJson(t.anon.get(`/api/v1/guide/items/${v1.itemId}`), 404);
    expect(await getItemVersion(t.deps.db, v1.id)).toMatchObject({ status: 'withdrawn', isCurrent: false });
  });

  it('selects the materials of a situation (variants by 情形)', async () => {
    const v = await create({
      materials: [
        { name: '申请书' },
        { name: '原许可证', situations: ['延续'] },
        { name: '勘查方案', situations: ['新立'] },
      ],
    });
    expect(materialsFor(v, '延续').map((m) => m.name)).toEqual(['申请书', '原许可证']);
    expect(materialsFor(v).map((m) => m.name)).toHaveLength(3);
  });

  it('records every change in the action log', async () => {
    const v1 = await create();
    await publish(v1.id);
    const log = await t.deps.db
      .selectFrom('action_log')
      .select('action')
      .where('target_id', '=', v1.itemId)
      .orderBy('seq')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['catalogue.item_created', 'catalogue.version_published']);
  });
});

describe.each(BACKENDS)('catalogue permissions on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createCatalogueTestApp(backend);
  });
  afterAll(() => t.close());

  it('lets staff read, denies clerks every admin route (403), and keeps centre admins in their centre', async () => {
    const clerk = await t.loginAs('clerk');
    const body = await buildItem(t);
    expect((await clerk.post('/api/v1/catalogue/items', body)).status).toBe(403);
    expect((await clerk.get('/api/v1/catalogue/export')).status).toBe(403);
    expect((await clerk.get('/api/v1/catalogue/template')).status).toBe(403);
    expect(
      (
        await sendForm(
          t,
          'clerk',
          '/api/v1/catalogue/import',
          formWith({}, { bytes: PDF_BYTES, name: 'a.xlsx' }),
        )
      ).status,
    ).toBe(403);
    expect((await clerk.get('/api/v1/catalogue/items')).status).toBe(200);
    expect((await t.anon.get('/api/v1/catalogue/items')).status).toBe(401);

    const mlrAdmin = await t.loginAs('centre-admin');
    const hn = await t.deps.db
      .selectFrom('centres')
      .select('id')
      .where('code', '=', 'HN')
      .executeTakeFirstOrThrow();
    expect((await mlrAdmin.post('/api/v1/catalogue/items', { ...body, centreId: hn.id })).status).toBe(403);
    const system = await t.loginAs('admin');
    const created = await expectJson<ItemVersion>(system.post('/api/v1/catalogue/items', body), 201);
    expect(created.centreId).toBe(body.centreId);
    // A clerk of another centre cannot read MLR's drafts.
    const hnClerk = await t.loginAs('hn-clerk');
    expect((await hnClerk.get(`/api/v1/catalogue/versions/${created.id}`)).status).toBe(403);
    expect((await clerk.get(`/api/v1/catalogue/versions/${created.id}`)).status).toBe(200);
  });
});
