import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { conflict, notFound } from '../../shared/errors.ts';
import { changeWithLog } from '../audit/change.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { contentOf, toItemVersion } from './catalogue.mapping.ts';
import { requireManage, requireRead, scopeOf } from './catalogue.policy.ts';
import {
  departmentsById,
  findItem,
  findVersion,
  latestVersion,
  listAdminItems,
  listVersionsOfItem,
  materialsOf,
} from './catalogue.queries.ts';
import type { AdminItem, CreateItem, ItemContent, ItemVersion, VersionSummary } from './catalogue.schemas.ts';
import { assertValid, loadCentreContext } from './catalogue.validate.ts';
import { insertItems, type Written, writeDraft, writePublish, writeWithdraw } from './catalogue.write.ts';

/** One version with its materials and limits, or undefined. Cases pin `id`; this reads it back. */
export async function findItemVersion(db: Kysely<DB>, versionId: string): Promise<ItemVersion | undefined> {
  const v = await findVersion(db, versionId);
  if (!v) return undefined;
  const item = (await findItem(db, v.item_id))!;
  const materials = (await materialsOf(db, [v.id])).get(v.id)!;
  const depts = await departmentsById(db, [v.department_id, v.lead_department_id]);
  return toItemVersion(v, item, materials, depts);
}

/** The version a case was filed under (frozen unless it is still a draft). Throws 404. */
export async function getItemVersion(db: Kysely<DB>, versionId: string): Promise<ItemVersion> {
  const v = await findItemVersion(db, versionId);
  if (!v) throw notFound('Item version', '事项版本');
  return v;
}

/** The published version new cases of an item are filed under. Throws 404 when the item is not offered. */
export async function getCurrentItemVersion(db: Kysely<DB>, itemId: string): Promise<ItemVersion> {
  const item = await findItem(db, itemId);
  if (!item?.current_version_id) throw notFound('Published item', '已发布的事项');
  return getItemVersion(db, item.current_version_id);
}

/** The materials a case in a given situation (情形, e.g. 延续) must bring; no situation = all materials. */
export const materialsFor = (v: Pick<ItemVersion, 'materials'>, situation?: string) =>
  v.materials.filter((m) => !situation || m.situations.length === 0 || m.situations.includes(situation));

async function requireItem(deps: AppDeps, itemId: string) {
  const item = await findItem(deps.db, itemId);
  if (!item) throw notFound('Catalogue item', '事项');
  return item;
}

async function centreContext(deps: AppDeps, centreId: string) {
  const ctx = await loadCentreContext(deps.db, centreId);
  if (!ctx) throw notFound('Centre', '服务中心');
  return ctx;
}

const logOf = (action: string) => (w: Written) => ({
  action,
  targetType: 'catalogue_item',
  targetId: w.itemId,
  payload: { versionId: w.versionId, version: w.version },
});

export async function createItem(deps: AppDeps, p: Principal, input: CreateItem): Promise<ItemVersion> {
  requireManage(p, input.centreId);
  const { centreId, basicCode, implementationCode, ...content } = input;
  await assertValid(deps.db, await centreContext(deps, centreId), content, [basicCode, implementationCode]);
  const w = await changeWithLog(
    deps,
    actorOf(p),
    async (trx, now) =>
      (
        await insertItems(trx, now, p.staffId, [
          { centreId, basicCode, implementationCode, content, publish: false },
        ])
      )[0]!,
    (w) => ({
      action: 'catalogue.item_created',
      targetType: 'catalogue_item',
      targetId: w.itemId,
      payload: { versionId: w.versionId, version: w.version, centreId, implementationCode },
    }),
  );
  return getItemVersion(deps.db, w.versionId);
}

/** Editing: saves the open draft, or opens a new draft version when the latest one is frozen. */
export async function saveDraft(deps: AppDeps, p: Principal, itemId: string, content: ItemContent) {
  const item = await requireItem(deps, itemId);
  requireManage(p, item.centre_id);
  await assertValid(deps.db, await centreContext(deps, item.centre_id), content);
  const w = await changeWithLog(
    deps,
    actorOf(p),
    (trx, now) => writeDraft(trx, now, p.staffId, itemId, content),
    logOf('catalogue.draft_saved'),
  );
  return getItemVersion(deps.db, w.versionId);
}

/** Opens a new draft version as a copy of the latest one (409 when a draft is already open). */
export async function newVersion(deps: AppDeps, p: Principal, itemId: string) {
  const item = await requireItem(deps, itemId);
  requireManage(p, item.centre_id);
  const latest = (await latestVersion(deps.db, itemId))!;
  if (latest.status === 'draft')
    throw conflict('draft_open', '该事项已有未发布的草稿。', 'The item already has an open draft.', {
      versionId: latest.id,
    });
  const materials = (await materialsOf(deps.db, [latest.id])).get(latest.id)!;
  const w = await changeWithLog(
    deps,
    actorOf(p),
    (trx, now) => writeDraft(trx, now, p.staffId, itemId, contentOf(latest, materials)),
    logOf('catalogue.version_opened'),
  );
  return getItemVersion(deps.db, w.versionId);
}

export async function publishVersion(deps: AppDeps, p: Principal, versionId: string) {
  const v = await findVersion(deps.db, versionId);
  if (!v) throw notFound('Item version', '事项版本');
  requireManage(p, v.centre_id);
  const w = await changeWithLog(
    deps,
    actorOf(p),
    (trx, now) => writePublish(trx, now, p.staffId, versionId),
    logOf('catalogue.version_published'),
  );
  return getItemVersion(deps.db, w.versionId);
}

export async function withdrawItem(deps: AppDeps, p: Principal, itemId: string) {
  const item = await requireItem(deps, itemId);
  requireManage(p, item.centre_id);
  const w = await changeWithLog(
    deps,
    actorOf(p),
    (trx, now) => writeWithdraw(trx, now, itemId),
    logOf('catalogue.item_withdrawn'),
  );
  return getItemVersion(deps.db, w.versionId);
}

export async function readVersion(deps: AppDeps, p: Principal, versionId: string) {
  const v = await getItemVersion(deps.db, versionId);
  requireRead(p, v.centreId);
  return v;
}

export async function listVersions(deps: AppDeps, p: Principal, itemId: string): Promise<VersionSummary[]> {
  const item = await requireItem(deps, itemId);
  requireRead(p, item.centre_id);
  return (await listVersionsOfItem(deps.db, itemId)).map((v) => ({
    id: v.id,
    version: v.version,
    status: v.status,
    name: v.name,
    contentHash: v.content_hash,
    createdAt: v.created_at.toISOString(),
    publishedAt: v.published_at?.toISOString() ?? null,
    endedAt: v.ended_at?.toISOString() ?? null,
  }));
}

export async function listItems(
  deps: AppDeps,
  p: Principal,
  f: { centreId?: string; status?: 'draft' | 'published' | 'withdrawn'; limit: number; offset: number },
): Promise<AdminItem[]> {
  const scope = scopeOf(p);
  if (f.centreId) requireRead(p, f.centreId);
  const rows = await listAdminItems(deps.db, { ...f, centreId: f.centreId ?? scope ?? undefined });
  return rows.map((r) => ({
    id: r.id,
    centreId: r.centre_id,
    basicCode: r.basic_code,
    implementationCode: r.implementation_code,
    name: r.name,
    currentVersionId: r.current_version_id,
    draftVersionId: r.draft_id,
    latestVersion: r.version,
  }));
}
