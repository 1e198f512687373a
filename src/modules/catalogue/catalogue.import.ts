/**
 * Import of the catalogue workbook (xlsx, or csv for the item sheet alone). Every problem is reported
 * with sheet, row and column; nothing is written when any row is invalid unless `partial`, which writes
 * the valid items only. Rows whose content equals what is stored change nothing, so importing the same
 * file twice, or an export, is a no-op. Rules: docs/catalogue.md ("Import").
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import type { Actor } from '../audit/audit.log.ts';
import { changeWithLog } from '../audit/change.ts';
import {
  type ApplyResult,
  applyPlan,
  type Planned,
  planItems,
  type ReadyItem,
} from './catalogue.import-plan.ts';
import type { ItemContent } from './catalogue.schemas.ts';
import { checkCodes, codeLengths } from './catalogue.validate.ts';
import { officeDayHours } from './limits.ts';
import { ITEMS_SHEET, MATERIALS_SHEET } from './xlsx/columns.ts';
import {
  type CentreInfo,
  crossCheck,
  type ImportProblem,
  type ParsedItem,
  type ParsedMaterial,
  parseItemRow,
  parseMaterialRow,
} from './xlsx/parse-rows.ts';
import { readWorkbook } from './xlsx/workbook.ts';

export type { ImportProblem };

export interface ImportOptions {
  actor: Actor;
  /** Write the valid items even when other rows have problems. */
  partial?: boolean;
  /** The centre of rows whose 中心编码 is empty. */
  defaultCentreId?: string;
  /** Whether the caller may manage a centre's catalogue. */
  canManage: (centreId: string) => boolean;
  onProgress?: (phase: 'validate' | 'apply', done: number, total: number) => void;
}

export interface ImportReport extends ApplyResult {
  applied: boolean;
  partial: boolean;
  items: number;
  skipped: number;
  problems: ImportProblem[];
}

async function loadCentres(db: Kysely<DB>, canManage: (id: string) => boolean) {
  const centres = await db
    .selectFrom('centres')
    .select(['id', 'code', 'office_open', 'office_close'])
    .execute();
  const depts = await db.selectFrom('departments').select(['id', 'code', 'centre_id']).execute();
  const byCode = new Map<string, CentreInfo>();
  for (const c of centres)
    byCode.set(c.code, {
      id: c.id,
      code: c.code,
      dayHours: officeDayHours(c.office_open, c.office_close),
      departments: new Map(depts.filter((d) => d.centre_id === c.id).map((d) => [d.code, d.id])),
      manageable: canManage(c.id),
    });
  return byCode;
}

const keyOf = (i: ParsedItem) => `${i.centre?.code ?? ''}/${i.implementationCode}`;

/** Reports a second row of the same item, and material rows of items the item sheet does not have. */
function linkRows(items: ParsedItem[], materials: ParsedMaterial[] | null, materialSheet: string) {
  const seen = new Map<string, ParsedItem>();
  for (const i of items) {
    if (!i.implementationCode) continue;
    const first = seen.get(keyOf(i));
    if (first)
      i.problems.push({
        sheet: ITEMS_SHEET,
        row: i.row,
        column: '实施编码',
        message: `实施编码与第 ${first.row} 行重复。`,
        messageEn: `Same implementation code as row ${first.row}.`,
      });
    else seen.set(keyOf(i), i);
  }
  const byItem = new Map<string, ParsedMaterial[]>();
  for (const m of materials ?? []) {
    if (!seen.has(m.key) && !m.problems.some((p) => p.column === '实施编码'))
      m.problems.push({
        sheet: materialSheet,
        row: m.row,
        column: '实施编码',
        message: '事项表中没有该实施编码。',
        messageEn: 'No item with this implementation code in the item sheet.',
      });
    const list = byItem.get(m.key) ?? [];
    list.push(m);
    byItem.set(m.key, list);
  }
  for (const list of byItem.values()) {
    list.sort((a, b) => a.position - b.position);
    list.forEach((m, k) => {
      if (k > 0 && m.position === list[k - 1]!.position)
        m.problems.push({
          sheet: materialSheet,
          row: m.row,
          column: '序号',
          message: '同一事项的材料序号重复。',
          messageEn: 'Duplicate material position in this item.',
        });
    });
  }
  return byItem;
}

export async function importCatalogue(
  deps: AppDeps,
  file: { bytes: Uint8Array; filename: string },
  opts: ImportOptions,
): Promise<ImportReport> {
  const sheets = await readWorkbook(file.bytes, file.filename);
  const centres = await loadCentres(deps.db, opts.canManage);
  const defaultCentre = [...centres.values()].find((c) => c.id === opts.defaultCentreId);
  const lengths = await codeLengths(deps.db);
  const items = sheets.items.map((row, n) => {
    opts.onProgress?.('validate', n, sheets.items.length);
    const item = parseItemRow(row, ITEMS_SHEET, centres, defaultCentre);
    for (const p of checkCodes(lengths, item.basicCode, item.implementationCode))
      item.problems.push({
        sheet: ITEMS_SHEET,
        row: item.row,
        column: p.path === 'basicCode' ? '基本编码' : '实施编码',
        message: p.zh,
        messageEn: p.en,
      });
    return item;
  });
  const materials =
    sheets.materials?.map((row, n) => parseMaterialRow(row, MATERIALS_SHEET, defaultCentre?.code ?? '', n)) ??
    null;
  const byItem = linkRows(items, materials, MATERIALS_SHEET);
  const ready: ReadyItem[] = [];
  for (const item of items) {
    const rows = byItem.get(keyOf(item)) ?? [];
    if (materials && rows.every((m) => m.value)) {
      item.content.materials = rows.map((m) => m.value!);
      item.valid.add('materials');
    }
    crossCheck(item, ITEMS_SHEET, rows, MATERIALS_SHEET);
    if (item.problems.length || rows.some((m) => m.problems.length) || !item.centre) continue;
    ready.push({
      row: item.row,
      centreId: item.centre.id,
      basicCode: item.basicCode,
      implementationCode: item.implementationCode,
      status: item.status,
      content: { ...(item.content as ItemContent), materials: item.content.materials ?? [] },
      keepMaterials: materials === null,
    });
  }
  const planned: Planned = await planItems(deps.db, ready);
  const problems = [
    ...sheets.problems.map((p) => ({
      sheet: p.sheet,
      row: 1,
      column: p.column,
      message: p.zh,
      messageEn: p.en,
    })),
    ...items.flatMap((i) => i.problems),
    ...(materials ?? []).flatMap((m) => m.problems),
    ...planned.problems,
  ].sort((a, b) => Number(a.sheet !== ITEMS_SHEET) - Number(b.sheet !== ITEMS_SHEET) || a.row - b.row);
  const report = {
    partial: !!opts.partial,
    items: items.length,
    problems,
    created: 0,
    newVersions: 0,
    draftsSaved: 0,
    published: 0,
    unchanged: 0,
    changes: [],
  };
  if (problems.length && !opts.partial) return { ...report, applied: false, skipped: items.length };
  const skipped = items.length - planned.plans.length;
  if (planned.plans.every((p) => p.op === 'unchanged'))
    return { ...report, applied: true, skipped, unchanged: planned.plans.length };
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const result = await changeWithLog(
    deps,
    opts.actor,
    (trx, now) =>
      applyPlan(trx, now, opts.actor.id, planned.plans, (done, total) =>
        opts.onProgress?.('apply', done, total),
      ),
    (r) => ({
      action: 'catalogue.imported',
      targetType: 'catalogue_import',
      targetId: sha256,
      payload: { filename: file.filename, partial: !!opts.partial, problems: problems.length, ...r },
    }),
  );
  return { ...report, ...result, applied: true, skipped };
}
