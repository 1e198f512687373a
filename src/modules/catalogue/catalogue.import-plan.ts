/**
 * What an import does to each valid row, decided against the stored versions by content hash:
 *   new item                      → create version 1 (published when 状态 = 已发布)
 *   已发布, equal to the published → nothing
 *   已发布, equal to the open draft → publish that draft
 *   已发布, no draft               → new version, published
 *   草稿, equal to the draft (or, without a draft, to the latest version) → nothing
 *   草稿 otherwise                 → save as the open draft
 * A 已发布 row that differs from both the published version and an open draft is a problem: the draft
 * is someone's unfinished work.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { contentOf, type VersionRow } from './catalogue.mapping.ts';
import { materialsOf } from './catalogue.queries.ts';
import type { ItemContent } from './catalogue.schemas.ts';
import { missingFiles } from './catalogue.validate.ts';
import { insertItems, writeDraft, writePublish } from './catalogue.write.ts';
import { contentHash } from './content.ts';
import { ITEMS_SHEET } from './xlsx/columns.ts';
import type { ImportProblem } from './xlsx/parse-rows.ts';

export interface ReadyItem {
  row: number;
  centreId: string;
  basicCode: string;
  implementationCode: string;
  status: 'draft' | 'published';
  content: ItemContent;
  /** The file had no materials sheet (csv): keep the stored materials. */
  keepMaterials: boolean;
}

export type Op = 'create' | 'unchanged' | 'publish_draft' | 'publish_new' | 'save_draft';

export interface Plan {
  op: Op;
  item: ReadyItem;
  itemId?: string;
  draftId?: string;
}

export interface Planned {
  plans: Plan[];
  problems: ImportProblem[];
}

interface Stored {
  id: string;
  basic_code: string;
  draft?: VersionRow;
  published?: VersionRow;
  latest: VersionRow;
}

async function loadStored(db: Kysely<DB>, items: ReadyItem[]): Promise<Map<string, Stored>> {
  const out = new Map<string, Stored>();
  const byCentre = new Map<string, ReadyItem[]>();
  for (const i of items) {
    const list = byCentre.get(i.centreId) ?? [];
    list.push(i);
    byCentre.set(i.centreId, list);
  }
  for (const [centreId, list] of byCentre)
    for (let k = 0; k < list.length; k += 1000) {
      const codes = list.slice(k, k + 1000).map((i) => i.implementationCode);
      const rows = await db
        .selectFrom('catalogue_items')
        .select(['id', 'basic_code', 'implementation_code'])
        .where('centre_id', '=', centreId)
        .where('implementation_code', 'in', codes)
        .execute();
      if (!rows.length) continue;
      const versions = await db
        .selectFrom('catalogue_item_versions')
        .selectAll()
        .where(
          'item_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('version', 'desc')
        .execute();
      for (const r of rows) {
        const vs = versions.filter((v) => v.item_id === r.id);
        out.set(`${centreId}/${r.implementation_code}`, {
          id: r.id,
          basic_code: r.basic_code,
          draft: vs.find((v) => v.status === 'draft'),
          published: vs.find((v) => v.status === 'published'),
          latest: vs[0]!,
        });
      }
    }
  return out;
}

/** Without a materials sheet a row keeps the materials of the version it is compared with. */
async function withStoredMaterials(db: Kysely<DB>, item: ReadyItem, compared: VersionRow | undefined) {
  if (!item.keepMaterials || !compared) return item;
  const rows = (await materialsOf(db, [compared.id])).get(compared.id)!;
  return { ...item, content: { ...item.content, materials: contentOf(compared, rows).materials } };
}

function decide(item: ReadyItem, s: Stored): Plan | ImportProblem {
  const hash = contentHash(item.content);
  const base = { item, itemId: s.id, draftId: s.draft?.id };
  if (item.status === 'published') {
    if (s.published?.content_hash === hash) return { ...base, op: 'unchanged' };
    if (s.draft?.content_hash === hash) return { ...base, op: 'publish_draft' };
    if (s.draft)
      return {
        sheet: ITEMS_SHEET,
        row: item.row,
        column: '状态',
        message: '该事项有未发布的草稿，且与导入内容不同；请先发布或修改草稿。',
        messageEn: 'The item has an open draft that differs from this row; publish or edit the draft first.',
      };
    return { ...base, op: 'publish_new' };
  }
  const compared = s.draft ?? s.latest;
  return { ...base, op: compared.content_hash === hash ? 'unchanged' : 'save_draft' };
}

export async function planItems(db: Kysely<DB>, items: ReadyItem[]): Promise<Planned> {
  const stored = await loadStored(db, items);
  const problems: ImportProblem[] = [];
  const plans: Plan[] = [];
  const missing = await missingFiles(
    db,
    items
      .flatMap((i) => [
        i.content.resultSampleFileId,
        ...i.content.materials.flatMap((m) => [m.blankFormFileId, m.sampleFileId]),
      ])
      .filter((x): x is string => !!x),
  );
  for (const raw of items) {
    const s = stored.get(`${raw.centreId}/${raw.implementationCode}`);
    const problem = (column: string, message: string, messageEn: string) =>
      problems.push({ sheet: ITEMS_SHEET, row: raw.row, column, message, messageEn });
    if (raw.content.resultSampleFileId && missing.has(raw.content.resultSampleFileId))
      problem(
        '结果样本文件',
        '文件不存在，请清空后导入并重新上传。',
        'Unknown file; clear the cell, import, then upload again.',
      );
    if (
      raw.content.materials.some(
        (m) => missing.has(m.blankFormFileId ?? '') || missing.has(m.sampleFileId ?? ''),
      )
    )
      problem(
        '实施编码',
        '材料引用的文件不存在，请清空后导入并重新上传。',
        'A material refers to an unknown file; clear it, import, then upload again.',
      );
    if (!s) {
      plans.push({ op: 'create', item: raw });
      continue;
    }
    if (s.basic_code !== raw.basicCode) {
      problem(
        '基本编码',
        `与已有事项的基本编码（${s.basic_code}）不一致。`,
        `Differs from the stored basic code ${s.basic_code}.`,
      );
      continue;
    }
    const item = await withStoredMaterials(
      db,
      raw,
      raw.status === 'published' ? (s.published ?? s.draft) : (s.draft ?? s.latest),
    );
    const d = decide(item, s);
    if ('op' in d) plans.push(d);
    else problems.push(d);
  }
  const bad = new Set(problems.map((p) => p.row));
  return { plans: plans.filter((p) => !bad.has(p.item.row)), problems };
}

export interface ApplyResult {
  created: number;
  newVersions: number;
  draftsSaved: number;
  published: number;
  unchanged: number;
  changes: { implementationCode: string; itemId: string; versionId: string; op: Op }[];
}

export async function applyPlan(
  trx: Kysely<DB>,
  now: Date,
  actorId: string | null,
  plans: Plan[],
  progress: (done: number, total: number) => void,
): Promise<ApplyResult> {
  const result: ApplyResult = {
    created: 0,
    newVersions: 0,
    draftsSaved: 0,
    published: 0,
    unchanged: 0,
    changes: [],
  };
  const creates = plans.filter((p) => p.op === 'create');
  const written = await insertItems(
    trx,
    now,
    actorId,
    creates.map((p) => ({ ...p.item, publish: p.item.status === 'published' })),
  );
  written.forEach((w, k) => {
    result.changes.push({ implementationCode: creates[k]!.item.implementationCode, ...w, op: 'create' });
  });
  result.created = creates.length;
  result.published += creates.filter((p) => p.item.status === 'published').length;
  let done = creates.length;
  for (const p of plans.filter((x) => x.op !== 'create')) {
    progress(done++, plans.length);
    if (p.op === 'unchanged') {
      result.unchanged++;
      continue;
    }
    let versionId = p.draftId!;
    if (p.op !== 'publish_draft') {
      const w = await writeDraft(trx, now, actorId, p.itemId!, p.item.content);
      versionId = w.versionId;
      if (w.versionId !== p.draftId) result.newVersions++;
      else result.draftsSaved++;
    }
    if (p.op !== 'save_draft') {
      await writePublish(trx, now, actorId, versionId);
      result.published++;
    }
    result.changes.push({
      implementationCode: p.item.implementationCode,
      itemId: p.itemId!,
      versionId,
      op: p.op,
    });
  }
  progress(plans.length, plans.length);
  return result;
}
