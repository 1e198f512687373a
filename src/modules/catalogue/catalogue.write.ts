/**
 * The writes of the catalogue, inside a transaction the caller opened (through changeWithLog): used by
 * the admin API, the import and the demo seed alike, so that every path keeps the same invariants —
 * at most one draft and one published version per item, published versions never change, and
 * catalogue_items.current_version_id is the published version.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { conflict } from '../../shared/errors.ts';
import { materialRows, versionColumns } from './catalogue.mapping.ts';
import {
  findItem,
  findVersion,
  insertMaterials,
  insertVersions,
  latestVersion,
  replaceMaterials,
} from './catalogue.queries.ts';
import type { ItemContent } from './catalogue.schemas.ts';

type Tx = Kysely<DB>;

export interface NewItem {
  centreId: string;
  basicCode: string;
  implementationCode: string;
  content: ItemContent;
  publish: boolean;
}

export interface Written {
  itemId: string;
  versionId: string;
  version: number;
}

/** Inserts new items with their first version (published or draft) in a few statements. */
export async function insertItems(
  trx: Tx,
  now: Date,
  actorId: string | null,
  items: NewItem[],
): Promise<Written[]> {
  const out: Written[] = [];
  for (let i = 0; i < items.length; i += 500) {
    const chunk = items.slice(i, i + 500);
    const rows = await trx
      .insertInto('catalogue_items')
      .values(
        chunk.map((x) => ({
          centre_id: x.centreId,
          basic_code: x.basicCode,
          implementation_code: x.implementationCode,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning('id')
      .execute();
    const versions = await insertVersions(
      trx,
      chunk.map((x, k) => ({
        ...versionColumns(x.content),
        item_id: rows[k]!.id,
        centre_id: x.centreId,
        version: 1,
        status: x.publish ? 'published' : 'draft',
        created_at: now,
        created_by: actorId,
        published_at: x.publish ? now : null,
        published_by: x.publish ? actorId : null,
      })),
    );
    await insertMaterials(
      trx,
      versions.flatMap((v, k) => materialRows(v.id, chunk[k]!.content)),
    );
    const published = versions.filter((v) => v.status === 'published').map((v) => v.item_id);
    if (published.length)
      await trx
        .updateTable('catalogue_items')
        .set((eb) => ({
          current_version_id: eb
            .selectFrom('catalogue_item_versions as v')
            .select('v.id')
            .whereRef('v.item_id', '=', 'catalogue_items.id')
            .where('v.status', '=', 'published'),
        }))
        .where('id', 'in', published)
        .execute();
    out.push(...versions.map((v) => ({ itemId: v.item_id, versionId: v.id, version: 1 })));
  }
  return out;
}

/** Saves content as the item's open draft: updates it, or opens version n+1 when there is none. */
export async function writeDraft(
  trx: Tx,
  now: Date,
  actorId: string | null,
  itemId: string,
  content: ItemContent,
): Promise<Written> {
  const item = await findItem(trx, itemId);
  if (!item) throw new Error(`no catalogue item ${itemId}`);
  const latest = await latestVersion(trx, itemId);
  if (latest?.status === 'draft') {
    await trx
      .updateTable('catalogue_item_versions')
      .set(versionColumns(content))
      .where('id', '=', latest.id)
      .execute();
    await replaceMaterials(trx, latest.id, materialRows(latest.id, content));
    return { itemId, versionId: latest.id, version: latest.version };
  }
  const [v] = await insertVersions(trx, [
    {
      ...versionColumns(content),
      item_id: itemId,
      centre_id: item.centre_id,
      version: (latest?.version ?? 0) + 1,
      status: 'draft',
      created_at: now,
      created_by: actorId,
    },
  ]);
  await insertMaterials(trx, materialRows(v!.id, content));
  await trx.updateTable('catalogue_items').set({ updated_at: now }).where('id', '=', itemId).execute();
  return { itemId, versionId: v!.id, version: v!.version };
}

/** Publishes a draft: the published version before it is superseded; new cases get this one. */
export async function writePublish(
  trx: Tx,
  now: Date,
  actorId: string | null,
  versionId: string,
): Promise<Written> {
  const v = await findVersion(trx, versionId);
  if (!v) throw new Error(`no catalogue version ${versionId}`);
  if (v.status !== 'draft')
    throw conflict('version_not_draft', '只有草稿可以发布。', 'Only a draft version can be published.');
  await trx
    .updateTable('catalogue_item_versions')
    .set({ status: 'superseded', ended_at: now })
    .where('item_id', '=', v.item_id)
    .where('status', '=', 'published')
    .execute();
  await trx
    .updateTable('catalogue_item_versions')
    .set({ status: 'published', published_at: now, published_by: actorId })
    .where('id', '=', versionId)
    .execute();
  await trx
    .updateTable('catalogue_items')
    .set({ current_version_id: versionId, updated_at: now })
    .where('id', '=', v.item_id)
    .execute();
  return { itemId: v.item_id, versionId, version: v.version };
}

/** Withdraws the published version: the item leaves the guide and takes no new cases. */
export async function writeWithdraw(trx: Tx, now: Date, itemId: string): Promise<Written> {
  const v = await trx
    .updateTable('catalogue_item_versions')
    .set({ status: 'withdrawn', ended_at: now })
    .where('item_id', '=', itemId)
    .where('status', '=', 'published')
    .returning(['id', 'version'])
    .executeTakeFirst();
  if (!v)
    throw conflict('not_published', '该事项当前没有已发布的版本。', 'The item has no published version.');
  await trx
    .updateTable('catalogue_items')
    .set({ current_version_id: null, updated_at: now })
    .where('id', '=', itemId)
    .execute();
  return { itemId, versionId: v.id, version: v.version };
}
