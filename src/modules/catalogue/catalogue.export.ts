/**
 * Export of the catalogue in the import format: for each item its published version (状态 已发布), or
 * for an item never (or no longer) published its open draft (草稿). Withdrawn items without a draft are
 * left out. Importing the file back changes nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { contentOf, type VersionRow } from './catalogue.mapping.ts';
import { materialsOf } from './catalogue.queries.ts';
import type { ItemContent } from './catalogue.schemas.ts';
import { writeWorkbook } from './xlsx/workbook.ts';

type Row = Record<string, unknown>;

function itemRow(
  c: ItemContent,
  v: VersionRow,
  codes: { centre: string; impl: string; basic: string },
  depts: Map<string, { code: string; name: string }>,
): Row {
  const limit = (p: 'statutory' | 'promised', l: ItemContent['statutoryLimit']) => ({
    [`${p}Value`]: l.unit === 'same_day' ? null : l.value,
    [`${p}Unit`]: l.unit,
    [`${p}Note`]: l.note,
  });
  return {
    ...c,
    centreCode: codes.centre,
    implementationCode: codes.impl,
    basicCode: codes.basic,
    exerciseLevel: String(c.exerciseLevel),
    departmentCode: depts.get(c.departmentId)?.code,
    departmentName: depts.get(c.departmentId)?.name,
    leadDepartmentCode: c.leadDepartmentId ? depts.get(c.leadDepartmentId)?.code : '',
    ...limit('statutory', c.statutoryLimit),
    ...limit('promised', c.promisedLimit),
    feeCharged: c.fee.charged,
    feeStandard: c.fee.standard,
    feeBasis: c.fee.basis,
    feeWaiver: c.fee.waiver,
    status: v.status === 'published' ? 'published' : 'draft',
  };
}

/** The rows of both sheets for the given centres (all when null). */
export async function exportRows(db: Kysely<DB>, centreIds: string[] | null) {
  if (centreIds && !centreIds.length) return { items: [], materials: [] };
  let q = db
    .selectFrom('catalogue_item_versions as v')
    .innerJoin('catalogue_items as i', 'i.id', 'v.item_id')
    .innerJoin('centres as c', 'c.id', 'v.centre_id')
    .selectAll('v')
    .select(['i.implementation_code', 'i.basic_code', 'c.code as centre_code'])
    .where('v.status', 'in', ['published', 'draft'])
    .orderBy('c.code')
    .orderBy('i.implementation_code')
    .orderBy('v.status', 'desc'); // 'published' before 'draft'
  if (centreIds) q = q.where('v.centre_id', 'in', centreIds);
  const all = await q.execute();
  const chosen = all.filter((v, k) => k === 0 || all[k - 1]!.item_id !== v.item_id);
  const depts = new Map(
    (await db.selectFrom('departments').select(['id', 'code', 'name']).execute()).map((d) => [d.id, d]),
  );
  const items: Row[] = [];
  const materials: Row[] = [];
  for (let k = 0; k < chosen.length; k += 1000) {
    const chunk = chosen.slice(k, k + 1000);
    const mats = await materialsOf(
      db,
      chunk.map((v) => v.id),
    );
    for (const v of chunk) {
      const content = contentOf(v, mats.get(v.id)!);
      const codes = { centre: v.centre_code, impl: v.implementation_code, basic: v.basic_code };
      items.push(itemRow(content, v, codes, depts));
      materials.push(
        ...content.materials.map((m, n) => ({
          ...m,
          centreCode: codes.centre,
          implementationCode: codes.impl,
          position: n + 1,
        })),
      );
    }
  }
  return { items, materials };
}

export async function exportWorkbook(
  db: Kysely<DB>,
  centreIds: string[] | null,
): Promise<Uint8Array<ArrayBuffer>> {
  const { items, materials } = await exportRows(db, centreIds);
  return writeWorkbook(items, materials);
}

export const templateWorkbook = () => writeWorkbook([], []);
