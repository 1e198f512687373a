// The public guide (办事指南): listing, search and item detail of published versions. No login.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { notFound } from '../../shared/errors.ts';
import {
  AUDIENCES,
  CHANNELS,
  EXERCISE_LEVELS,
  HANDLING_TYPES,
  ITEM_TYPES,
  type ItemType,
  LIMIT_UNITS,
  type LimitUnit,
} from './catalogue.labels.ts';
import type { ItemVersion } from './catalogue.schemas.ts';
import { getCurrentItemVersion } from './catalogue.service.ts';
import { findFile, readFile } from './file-store.ts';
import { isPublicFile, searchPublished } from './guide.queries.ts';
import type { GuideItemDetail, GuideItemSummary, GuideQuery } from './guide.schemas.ts';
import { toFlow } from './process.ts';

/** Search terms: lower case, split on white space (full-width too), at most 5 of at most 30 characters. */
export const searchTerms = (q?: string) =>
  (q ?? '')
    .toLowerCase()
    .split(/[\s\u3000,，;；]+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((t) => t.slice(0, 30));

export async function listGuide(db: Kysely<DB>, q: GuideQuery) {
  const { total, rows } = await searchPublished(db, {
    ...q,
    terms: searchTerms(q.q),
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const items: GuideItemSummary[] = rows.map((r) => ({
    itemId: r.item_id,
    versionId: r.id,
    centreId: r.centre_id,
    implementationCode: r.implementation_code,
    name: r.name,
    itemType: r.item_type as ItemType,
    department: { id: r.department_id, name: r.department_name },
    handlingType: r.handling_type as GuideItemSummary['handlingType'],
    statutoryLimit: { value: r.statutory_limit_value, unit: r.statutory_limit_unit as LimitUnit },
    promisedLimit: { value: r.promised_limit_value, unit: r.promised_limit_unit as LimitUnit },
    audiences: r.audiences as GuideItemSummary['audiences'],
    themes: r.themes,
    channels: r.channels as GuideItemSummary['channels'],
  }));
  return { total, page: q.page, pageSize: q.pageSize, items };
}

const limitLabel = (l: { value: number; unit: LimitUnit }) =>
  l.unit === 'same_day' ? '当日办结' : `${l.value}个${LIMIT_UNITS[l.unit]}`;

function labelsOf(v: ItemVersion): Record<string, string> {
  return {
    itemType: ITEM_TYPES[v.itemType],
    exerciseLevel: EXERCISE_LEVELS[v.exerciseLevel as keyof typeof EXERCISE_LEVELS],
    handlingType: HANDLING_TYPES[v.handlingType],
    statutoryLimit: limitLabel(v.statutoryLimit),
    promisedLimit: limitLabel(v.promisedLimit),
    audiences: v.audiences.map((a) => AUDIENCES[a]).join('、'),
    channels: v.channels.map((c) => CHANNELS[c]).join('、'),
    fee: v.fee.charged ? '收费' : '不收费',
  };
}

/** The guide page of an item: its current published version, the flow to draw and the files to fetch. */
export async function guideDetail(deps: Pick<AppDeps, 'db'>, itemId: string): Promise<GuideItemDetail> {
  const v = await getCurrentItemVersion(deps.db, itemId);
  const ids = [v.resultSampleFileId, ...v.materials.flatMap((m) => [m.blankFormFileId, m.sampleFileId])];
  const files: GuideItemDetail['files'] = {};
  for (const id of ids) {
    const f = id ? await findFile(deps.db, id) : undefined;
    if (f) files[f.id] = { id: f.id, filename: f.filename, size: f.size, url: `/api/v1/guide/files/${f.id}` };
  }
  return { ...v, flow: toFlow(v.processDefinition), files, labels: labelsOf(v) };
}

/** A blank form or sample of a published version, or 404 (drafts' files stay private). */
export async function publicFile(deps: Pick<AppDeps, 'db' | 'config'>, fileId: string) {
  const found = (await isPublicFile(deps.db, fileId)) ? await readFile(deps, fileId) : undefined;
  if (!found) throw notFound('File', '文件');
  return found;
}
