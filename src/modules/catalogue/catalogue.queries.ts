import type { Insertable, Kysely } from 'kysely';
import type { CatalogueItemVersionsTable, CatalogueMaterialsTable, DB } from '../../db/schema.ts';
import type { DepartmentRef, MaterialRow, VersionRow } from './catalogue.mapping.ts';

type Db = Kysely<DB>;

export const findItem = (db: Db, id: string) =>
  db.selectFrom('catalogue_items').selectAll().where('id', '=', id).executeTakeFirst();

export const findVersion = (db: Db, id: string) =>
  db.selectFrom('catalogue_item_versions').selectAll().where('id', '=', id).executeTakeFirst();

export const latestVersion = (db: Db, itemId: string) =>
  db
    .selectFrom('catalogue_item_versions')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

export const listVersionsOfItem = (db: Db, itemId: string) =>
  db
    .selectFrom('catalogue_item_versions')
    .select(['id', 'version', 'status', 'name', 'content_hash', 'created_at', 'published_at', 'ended_at'])
    .where('item_id', '=', itemId)
    .orderBy('version', 'desc')
    .execute();

export async function materialsOf(db: Db, versionIds: string[]): Promise<Map<string, MaterialRow[]>> {
  const out = new Map<string, MaterialRow[]>(versionIds.map((id) => [id, []]));
  if (!versionIds.length) return out;
  const rows = await db
    .selectFrom('catalogue_materials')
    .selectAll()
    .where('version_id', 'in', versionIds)
    .orderBy('version_id')
    .orderBy('position')
    .execute();
  for (const r of rows) out.get(r.version_id)!.push(r);
  return out;
}

export async function departmentsById(db: Db, ids: (string | null)[]): Promise<Map<string, DepartmentRef>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'code', 'name', 'credit_code', 'centre_id'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export const insertVersions = (db: Db, rows: Insertable<CatalogueItemVersionsTable>[]) =>
  rows.length
    ? db.insertInto('catalogue_item_versions').values(rows).returningAll().execute()
    : Promise.resolve([]);

export async function insertMaterials(db: Db, rows: Insertable<CatalogueMaterialsTable>[]) {
  // Chunks keep each statement well below the protocol's 65,535 parameters.
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insertInto('catalogue_materials')
      .values(rows.slice(i, i + 2000))
      .execute();
}

export async function replaceMaterials(
  db: Db,
  versionId: string,
  rows: Insertable<CatalogueMaterialsTable>[],
) {
  await db.deleteFrom('catalogue_materials').where('version_id', '=', versionId).execute();
  await insertMaterials(db, rows);
}

export function listAdminItems(
  db: Db,
  f: { centreId?: string; status?: 'draft' | 'published' | 'withdrawn'; limit: number; offset: number },
) {
  let q = db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_item_versions as v', (j) =>
      j.onRef('v.item_id', '=', 'i.id').on((eb) =>
        eb(
          'v.version',
          '=',
          eb
            .selectFrom('catalogue_item_versions as w')
            .select((e) => e.fn.max('w.version').as('m'))
            .whereRef('w.item_id', '=', 'i.id'),
        ),
      ),
    )
    .leftJoin('catalogue_item_versions as d', (j) =>
      j.onRef('d.item_id', '=', 'i.id').on('d.status', '=', 'draft'),
    )
    .select([
      'i.id',
      'i.centre_id',
      'i.basic_code',
      'i.implementation_code',
      'i.current_version_id',
      'v.name',
      'v.version',
      'v.status',
      'd.id as draft_id',
    ])
    .orderBy('i.implementation_code')
    .limit(f.limit)
    .offset(f.offset);
  if (f.centreId) q = q.where('i.centre_id', '=', f.centreId);
  if (f.status === 'published') q = q.where('i.current_version_id', 'is not', null);
  if (f.status === 'draft') q = q.where('d.id', 'is not', null);
  if (f.status === 'withdrawn') q = q.where('v.status', '=', 'withdrawn');
  return q.execute();
}

export type { MaterialRow, VersionRow };
