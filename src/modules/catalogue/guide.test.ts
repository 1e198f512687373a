import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { expectJson, type TestApp } from '../../../test/factories.ts';
import { createCatalogueTestApp, departmentId } from './catalogue.testing.ts';
import type { GuideItemDetail, GuideItemSummary } from './guide.schemas.ts';

type Page = { total: number; page: number; pageSize: number; items: GuideItemSummary[] };

describe.each(BACKENDS)('public guide on %s', (backend) => {
  let t: TestApp;
  const search = async (q: string, extra = '') =>
    expectJson<Page>(t.anon.get(`/api/v1/guide/items?q=${encodeURIComponent(q)}${extra}`), 200);
  beforeAll(async () => {
    t = await createCatalogueTestApp(backend);
  });
  afterAll(() => t.close());

  it('lists the demo catalogue without a login: at least 40 items from 5 halls', async () => {
    const page = await expectJson<Page>(t.anon.get('/api/v1/guide/items?pageSize=100'), 200);
    expect(page.total).toBeGreaterThanOrEqual(40);
    expect(new Set(page.items.map((i) => i.centreId)).size).toBe(5);
    expect(new Set(page.items.map((i) => i.department.id)).size).toBeGreaterThanOrEqual(10);
    expect(page.items.some((i) => i.name === '企业简易注销登记')).toBe(false); // a draft is not public
  });

  it('pages through the list', async () => {
    const first = await expectJson<Page>(t.anon.get('/api/v1/guide/items?pageSize=10&page=1'), 200);
    const second = await expectJson<Page>(t.anon.get('/api/v1/guide/items?pageSize=10&page=2'), 200);
    expect(first.items).toHaveLength(10);
    expect(second.items).toHaveLength(10);
    expect(second.total).toBe(first.total);
    const ids = new Set([...first.items, ...second.items].map((i) => i.itemId));
    expect(ids.size).toBe(20);
  });

  it('filters by department, theme, audience and channel', async () => {
    const gs = await departmentId(t, 'HN', 'GS');
    const byDept = await expectJson<Page>(t.anon.get(`/api/v1/guide/items?departmentId=${gs}`), 200);
    expect(byDept.items.length).toBeGreaterThanOrEqual(5);
    expect(byDept.items.every((i) => i.department.id === gs)).toBe(true);
    const byTheme = await expectJson<Page>(
      t.anon.get(`/api/v1/guide/items?theme=${encodeURIComponent('不动产登记')}`),
      200,
    );
    expect(byTheme.items.every((i) => i.themes.includes('不动产登记'))).toBe(true);
    expect(byTheme.total).toBeGreaterThanOrEqual(5);
    const people = await expectJson<Page>(
      t.anon.get('/api/v1/guide/items?audience=natural_person&pageSize=100'),
      200,
    );
    expect(people.items.every((i) => i.audiences.includes('natural_person'))).toBe(true);
    const post = await expectJson<Page>(t.anon.get('/api/v1/guide/items?channel=post'), 200);
    expect(post.items.map((i) => i.name)).toContain('政府信息公开申请');
    expect(post.items.every((i) => i.channels.includes('post'))).toBe(true);
  });

  it('finds items by a Chinese substring, exact name first', async () => {
    const page = await search('采矿权');
    expect(page.items.map((i) => i.name)).toEqual(
      expect.arrayContaining(['采矿权新立登记', '采矿权延续登记']),
    );
    const exact = await search('采矿权新立登记');
    expect(exact.items[0]!.name).toBe('采矿权新立登记');
    const inner = await search('抵押');
    expect(inner.items.map((i) => i.name)).toEqual(['土地使用权抵押登记', '土地使用权解除抵押登记']);
  });

  it('finds items by several words, all of which must match', async () => {
    const page = await search('探矿权 延续');
    expect(page.items.map((i) => i.name)).toEqual(['探矿权延续登记']);
  });

  it('finds 建设用地… by full pinyin (jianshe) and by initials (jsyd)', async () => {
    const full = await search('jianshe');
    expect(full.items.map((i) => i.name)).toEqual(
      expect.arrayContaining(['建设项目用地预审', '建设用地审批（单独选址项目）', '建设用地规划许可证核发']),
    );
    const initials = await search('jsyd');
    expect(initials.items.map((i) => i.name)).toEqual(
      expect.arrayContaining(['建设用地审批（单独选址项目）', '建设用地规划许可证核发']),
    );
    expect((await search('JianSheYongDi')).total).toBeGreaterThanOrEqual(2);
  });

  it('ranks the exact name first, then names starting with the words, then names containing them', async () => {
    const names = (await search('建设用地规划许可证核发')).items.map((i) => i.name);
    expect(names[0]).toBe('建设用地规划许可证核发');
    const ranked = (await search('建设')).items.map((i) => i.name);
    expect(ranked.indexOf('建设项目用地预审')).toBeLessThan(ranked.indexOf('国有建设用地供地审批'));
    const pinyin = (await search('jianshe')).items.map((i) => i.name);
    expect(pinyin.indexOf('建设项目用地预审')).toBeLessThan(pinyin.indexOf('国有建设用地供地审批'));
  });

  it('shows every public field, the materials and the process as a flow with parallel branches', async () => {
    const page = await search('国有建设用地供地审批');
    const detail = await expectJson<GuideItemDetail>(
      t.anon.get(`/api/v1/guide/items/${page.items[0]!.itemId}`),
      200,
    );
    expect(detail.legalBasis).toContain('土地管理法');
    expect(detail.consultPhone).toMatch(/^0514-/);
    expect(detail.materials.length).toBeGreaterThanOrEqual(5);
    // the engine's definition (core demo): gateways collapse into step-to-step edges for drawing
    const parallel = detail.flow.nodes.filter((n) => ['ownership', 'area', 'price'].includes(n.id));
    expect(new Set(parallel.map((n) => n.column)).size).toBe(1);
    expect(parallel.map((n) => n.row).sort()).toEqual([0, 1, 2]);
    expect(detail.flow.nodes.find((n) => n.id === 'material_review')!.fork).toBe(true);
    expect(detail.flow.nodes.find((n) => n.id === 'cosign_ly')!.join).toBe(true);
    expect(detail.labels.promisedLimit).toBe('20个工作日');
  });

  it('gives the mining-right licence its 20 materials', async () => {
    const page = await search('采矿权新立登记');
    const detail = await expectJson<GuideItemDetail>(
      t.anon.get(`/api/v1/guide/items/${page.items[0]!.itemId}`),
      200,
    );
    expect(detail.materials).toHaveLength(20);
  });

  it('answers 404 for an unknown item and 400 for a bad query', async () => {
    await expectJson(t.anon.get('/api/v1/guide/items/00000000-0000-4000-8000-000000000000'), 404);
    await expectJson(t.anon.get('/api/v1/guide/items?pageSize=1000'), 400);
  });
});
