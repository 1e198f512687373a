import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface GuideFilter {
  centreId?: string;
  departmentId?: string;
  itemType?: string;
  theme?: string;
  audience?: string;
  channel?: string;
  /** Lower-case search terms; every term must match the name, its pinyin or its initials. */
  terms: string[];
  limit: number;
  offset: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * How well one term matches, best first: the exact name 0, a prefix of the name 1, inside the name 2,
 * a prefix of the full pinyin 3, inside it 4, a prefix of the initials 5, inside them 6.
 */
function termRank(term: string) {
  const p = escapeLike(term);
  return sql<number>`CASE
    WHEN lower(v.name) = ${term} THEN 0
    WHEN lower(v.name) LIKE ${`${p}%`} THEN 1
    WHEN lower(v.name) LIKE ${`%${p}%`} THEN 2
    WHEN v.search_pinyin LIKE ${`${p}%`} THEN 3
    WHEN v.search_pinyin LIKE ${`%${p}%`} THEN 4
    WHEN v.search_initials LIKE ${`${p}%`} THEN 5
    ELSE 6 END`;
}

/** Published versions matching the filter, ranked when searching, in pinyin order otherwise. */
export async function searchPublished(db: Kysely<DB>, f: GuideFilter) {
  const conditions: Expression<SqlBool>[] = [sql<SqlBool>`v.status = 'published'`];
  if (f.centreId) conditions.push(sql<SqlBool>`v.centre_id = ${f.centreId}`);
  if (f.departmentId) conditions.push(sql<SqlBool>`v.department_id = ${f.departmentId}`);
  if (f.itemType) conditions.push(sql<SqlBool>`v.item_type = ${f.itemType}`);
  if (f.theme) conditions.push(sql<SqlBool>`${f.theme} = ANY(v.themes)`);
  if (f.audience) conditions.push(sql<SqlBool>`${f.audience} = ANY(v.audiences)`);
  if (f.channel) conditions.push(sql<SqlBool>`${f.channel} = ANY(v.channels)`);
  for (const t of f.terms) conditions.push(sql<SqlBool>`v.search_text LIKE ${`%${escapeLike(t)}%`}`);
  const where = sql<SqlBool>`${sql.join(conditions, sql` AND `)}`;
  const rank = f.terms.length ? sql.join(f.terms.map(termRank), sql` + `) : sql`0`;
  // Without search terms the order is the pinyin index's own order.
  const order = f.terms.length
    ? sql`rank, length(v.name), v.search_pinyin, v.id`
    : sql`v.search_pinyin, v.id`;
  // Rank and page on the narrow version table first; join the names for the page's rows only.
  const { rows } = await sql<{
    id: string;
    total: number;
    rank: number;
  }>`SELECT v.id, count(*) OVER () AS total, ${rank} AS rank
     FROM catalogue_item_versions v WHERE ${where}
     ORDER BY ${order}
     LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  if (!rows.length) {
    const total = f.offset > 0 ? await countPublished(db, where) : 0;
    return { total, rows: [] };
  }
  const details = await db
    .selectFrom('catalogue_item_versions as v')
    .innerJoin('catalogue_items as i', 'i.id', 'v.item_id')
    .innerJoin('departments as d', 'd.id', 'v.department_id')
    .select([
      'v.id',
      'v.item_id',
      'v.centre_id',
      'v.name',
      'v.item_type',
      'v.handling_type',
      'v.statutory_limit_value',
      'v.statutory_limit_unit',
      'v.promised_limit_value',
      'v.promised_limit_unit',
      'v.audiences',
      'v.themes',
      'v.channels',
      'i.implementation_code',
      'd.id as department_id',
      'd.name as department_name',
    ])
    .where(
      'v.id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byId = new Map(details.map((d) => [d.id, d]));
  return {
    total: Number(rows[0]!.total),
    rows: rows.map((r) => ({ ...byId.get(r.id)!, rank: Number(r.rank) })),
  };
}

async function countPublished(db: Kysely<DB>, where: Expression<SqlBool>) {
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM catalogue_item_versions v WHERE ${where}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Whether a file belongs to a published version (only those are served to the public). */
export async function isPublicFile(db: Kysely<DB>, fileId: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`SELECT
      EXISTS (SELECT 1 FROM catalogue_materials m JOIN catalogue_item_versions v ON v.id = m.version_id
              WHERE v.status = 'published' AND (m.blank_form_file_id = ${fileId} OR m.sample_file_id = ${fileId}))
   OR EXISTS (SELECT 1 FROM catalogue_item_versions v
              WHERE v.status = 'published' AND v.result_sample_file_id = ${fileId}) AS ok`.execute(db);
  return rows[0]?.ok === true;
}
