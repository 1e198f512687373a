import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { type Client, expectJson, type TestApp } from '../../../test/factories.ts';
import type { ImportReport } from './catalogue.import.ts';
import { createCatalogueTestApp, formWith, sendForm } from './catalogue.testing.ts';
import { ITEM_COLUMNS, MATERIAL_COLUMNS } from './xlsx/columns.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/catalogue');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
type ErrorBody = { error: { code: string; details: ImportReport } };

async function edit(
  bytes: Uint8Array,
  changes: [sheet: string, row: number, header: string, value: string | number][],
) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  for (const [sheet, row, header, value] of changes) {
    const ws = wb.getWorksheet(sheet)!;
    const headers = ws.getRow(1).values as string[];
    ws.getRow(row).getCell(headers.indexOf(header)).value = value;
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe.each(BACKENDS)('catalogue import and export on %s', (backend) => {
  let t: TestApp;
  let admin: Client;
  const versionCount = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('catalogue_item_versions')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const importFile = (bytes: Uint8Array, name: string, fields: Record<string, string> = {}, user = 'admin') =>
    sendForm(t, user, '/api/v1/catalogue/import', formWith(fields, { bytes, name }));
  const exportAll = async () =>
    new Uint8Array(await (await admin.get('/api/v1/catalogue/export')).arrayBuffer());
  beforeAll(async () => {
    t = await createCatalogueTestApp(backend);
    admin = await t.loginAs('admin');
  });
  afterAll(() => t.close());

  it('downloads a template with the Chinese headers of both sheets', async () => {
    const res = await admin.get('/api/v1/catalogue/template');
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['事项', '材料', '说明']);
    expect((wb.getWorksheet('事项')!.getRow(1).values as string[]).slice(1)).toEqual(
      ITEM_COLUMNS.map((c) => c.header),
    );
    expect((wb.getWorksheet('材料')!.getRow(1).values as string[]).slice(1)).toEqual(
      MATERIAL_COLUMNS.map((c) => c.header),
    );
  });

  it('round-trips: importing an export changes nothing', async () => {
    const before = await versionCount();
    const head = await t.deps.db.selectFrom('action_log_head').select('seq').executeTakeFirstOrThrow();
    const report = await expectJson<ImportReport>(importFile(await exportAll(), 'export.xlsx'), 200);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ applied: true, created: 0, newVersions: 0, draftsSaved: 0, published: 0 });
    expect(report.unchanged).toBeGreaterThanOrEqual(44);
    expect(await versionCount()).toBe(before);
    const logged = await t.deps.db
      .selectFrom('action_log')
      .select('action')
      .where('seq', '>', head.seq)
      .where('action', 'like', 'catalogue.%')
      .execute();
    expect(logged).toEqual([]);
  });

  it('reports exactly the 5 planted errors with their sheets, rows and columns, and imports nothing', async () => {
    const exported = new Uint8Array(
      await (await admin.get(`/api/v1/catalogue/export?centreId=${await mlr(t)}`)).arrayBuffer(),
    );
    const planted = await edit(exported, [
      ['事项', 2, '事项类型', '99'],
      ['事项', 3, '承诺办结时限', 21],
      ['事项', 4, '实施主体编码', 'NOPE'],
      ['事项', 5, '基本编码', 'X12345678901'],
      ['材料', 3, '是否必备', '也许'],
      ['事项', 6, '事项名称', '改过名字的事项'], // a valid change: must not be written either
    ]);
    const before = await versionCount();
    const body = await expectJson<ErrorBody>(importFile(planted, 'planted.xlsx'), 422);
    expect(body.error.code).toBe('import_invalid');
    expect(body.error.details.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      ['事项', 2, '事项类型'],
      ['事项', 3, '承诺办结时限'],
      ['事项', 4, '实施主体编码'],
      ['事项', 5, '基本编码'],
      ['材料', 3, '是否必备'],
    ]);
    expect(body.error.details.problems.every((p) => p.message && p.messageEn)).toBe(true);
    expect(await versionCount()).toBe(before);
  });

  it('imports only the valid rows in partial mode', async () => {
    const exported = new Uint8Array(
      await (await admin.get(`/api/v1/catalogue/export?centreId=${await mlr(t)}`)).arrayBuffer(),
    );
    const planted = await edit(exported, [
      ['事项', 2, '事项类型', '99'],
      ['事项', 6, '事项名称', '改过名字的事项'],
    ]);
    const report = await expectJson<ImportReport>(
      importFile(planted, 'partial.xlsx', { partial: 'true' }),
      200,
    );
    expect(report.problems).toHaveLength(1);
    expect(report).toMatchObject({ applied: true, skipped: 1, newVersions: 1, published: 1 });
  });

  it('imports an xlsx that LibreOffice converted from csv (numbers, rich text, labels and codes)', async () => {
    const report = await expectJson<ImportReport>(
      importFile(fixture('libreoffice.xlsx'), 'libreoffice.xlsx'),
      200,
    );
    expect(report).toMatchObject({ created: 3, published: 2, problems: [] });
    const rows = await t.deps.db
      .selectFrom('catalogue_item_versions as v')
      .innerJoin('catalogue_items as i', 'i.id', 'v.item_id')
      .select(['i.implementation_code', 'v.item_type', 'v.handling_type', 'v.status', 'v.document'])
      .where('i.implementation_code', 'like', 'LO01%')
      .orderBy('i.implementation_code')
      .execute();
    expect(rows.map((r) => [r.implementation_code, r.item_type, r.handling_type, r.status])).toEqual([
      ['LO0101', '07', 'promised', 'published'],
      ['LO0102', '20', 'immediate', 'published'],
      ['LO0103', '10', 'promised', 'draft'],
    ]);
    expect((rows[0]!.document as { faqs: unknown[] }).faqs).toEqual([
      { question: '备案需要多长时间？', answer: '材料齐全的，10个工作日内办结。' },
    ]);
  });

  it('imports a two-sheet workbook saved by LibreOffice, then re-importing it changes nothing', async () => {
    const bytes = fixture('libreoffice-two-sheets.xlsx');
    const first = await expectJson<ImportReport>(importFile(bytes, 'two.xlsx'), 200);
    expect(first).toMatchObject({ created: 2, published: 2, problems: [] });
    const before = await versionCount();
    const again = await expectJson<ImportReport>(importFile(bytes, 'two.xlsx'), 200);
    expect(again).toMatchObject({ created: 0, unchanged: 2, newVersions: 0 });
    expect(await versionCount()).toBe(before);
    const m = await t.deps.db
      .selectFrom('catalogue_materials as m')
      .innerJoin('catalogue_items as i', 'i.current_version_id', 'm.version_id')
      .select(['m.name', 'm.situations'])
      .where('i.implementation_code', '=', 'LO0201')
      .orderBy('m.position')
      .execute();
    expect(m).toEqual([
      { name: '闭坑地质报告', situations: [] },
      { name: '原采矿许可证', situations: ['整体闭坑'] },
    ]);
  });

  it('imports the csv itself, keeping stored materials, and refuses other file types', async () => {
    const report = await expectJson<ImportReport>(
      importFile(fixture('libreoffice.csv'), 'libreoffice.csv'),
      200,
    );
    expect(report).toMatchObject({ created: 0, unchanged: 3 });
    const res = await importFile(new TextEncoder().encode('x'), 'catalogue.txt');
    expect(res.status).toBe(400);
  });

  it('lets a centre administrator import only into their own centre', async () => {
    const report = await expectJson<ErrorBody>(
      importFile(fixture('libreoffice.csv'), 'x.csv', {}, 'centre-admin'),
      200,
    ).catch(() => null);
    expect(report).not.toBeNull(); // MLR rows: allowed and unchanged
    const hn = await edit(await exportAll(), []);
    const body = await expectJson<ErrorBody>(importFile(hn, 'all.xlsx', {}, 'centre-admin'), 422);
    expect(body.error.details.problems.every((p) => p.column === '中心编码')).toBe(true);
  });
});

const mlr = async (t: TestApp) =>
  (await t.deps.db.selectFrom('centres').select('id').where('code', '=', 'MLR').executeTakeFirstOrThrow()).id;
