// The clerk's check of each material, and uploads of electronic copies.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { badRequest, conflict, unprocessable } from '../../shared/errors.ts';
import { appendAction } from '../audit/audit.log.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { type CaseActor, caseActorOf, recordEvent } from '../cases/case-events.ts';
import type { CaseAction } from '../cases/cases.policy.ts';
import { requireOnCase } from '../cases/cases.policy.ts';
import {
  type CaseMaterialRow,
  type CaseRow,
  listCaseMaterials,
  lockCase,
  updateCase,
} from '../cases/cases.queries.ts';
import { caseDetail, requireCase } from '../cases/cases.service.ts';
import { insertFileRow, prepareFile } from '../catalogue/file-store.ts';
import type { MaterialCheck } from './intake.schemas.ts';
import { intakeSettings } from './intake.settings.ts';

type Db = Kysely<DB>;

const needsPaper = (c: CaseRow, m: CaseMaterialRow) =>
  (c.channel === 'window' || c.channel === 'post') && (m.form === 'paper' || m.form === 'both');
const needsFile = (c: CaseRow, m: CaseMaterialRow) =>
  m.form === 'electronic' || m.form === 'both' || c.channel === 'online' || c.channel === 'mobile';

function validateCheck(c: CaseRow, m: CaseMaterialRow, check: MaterialCheck, fileCount: number) {
  if (check.status === 'defective' && !check.note)
    throw badRequest(
      'note_required',
      `请说明“${m.name}”不符合法定形式的具体问题。`,
      `Say what is wrong with ${m.name}.`,
    );
  if (check.status !== 'ok') return;
  if (
    needsPaper(c, m) &&
    (check.originalsReceived < m.originals_required || check.copiesReceived < m.copies_required)
  )
    throw unprocessable(
      'paper_copies_short',
      `“${m.name}”需原件 ${m.originals_required} 份、复印件 ${m.copies_required} 份，收取数量不足，不能核验为合格。`,
      `${m.name} needs ${m.originals_required} originals and ${m.copies_required} copies.`,
    );
  if (needsFile(c, m) && fileCount === 0)
    throw unprocessable(
      'electronic_copy_missing',
      `“${m.name}”需提交电子材料，尚未上传，不能核验为合格。`,
      `${m.name} needs an electronic copy; none was uploaded.`,
    );
}

/** Which state allows a check: any material while received; only owed (容缺) ones once accepted. */
function checkable(c: CaseRow, m: CaseMaterialRow) {
  if (c.status === 'received') return true;
  return c.status === 'accepted' && m.status === 'deferred';
}

/** Applies checks inside the caller's transaction; returns whether owed (容缺) materials were all supplied. */
export async function applyChecks(trx: Db, c: CaseRow, checks: MaterialCheck[], actor: CaseActor, now: Date) {
  const rows = await listCaseMaterials(trx, c.id);
  const files = await trx
    .selectFrom('case_material_files')
    .select(['case_material_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where(
      'case_material_id',
      'in',
      rows.length ? rows.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000'],
    )
    .groupBy('case_material_id')
    .execute();
  const count = new Map(files.map((f) => [f.case_material_id, Number(f.n)]));
  for (const check of checks) {
    const m = rows.find((r) => r.material_id === check.materialId);
    if (!m)
      throw badRequest(
        'unknown_material',
        '该办件没有这项材料。',
        `No material ${check.materialId} in this case.`,
      );
    if (!checkable(c, m))
      throw conflict(
        'material_not_checkable',
        `当前状态下不能核验“${m.name}”。`,
        `${m.name} cannot be checked now.`,
      );
    if (c.status === 'accepted' && check.status !== 'ok')
      throw badRequest(
        'supply_ok_only',
        '容缺材料补交时只能核验为合格。',
        'An owed material can only be recorded as supplied (ok).',
      );
    validateCheck(c, m, check, count.get(m.id) ?? 0);
    await trx
      .updateTable('case_materials')
      .set({
        status: check.status,
        note: check.note,
        originals_received: check.originalsReceived,
        copies_received: check.copiesReceived,
        checked_at: now,
        checked_by: actor.kind === 'staff' ? actor.id : null,
      })
      .where('id', '=', m.id)
      .execute();
  }
  await recordEvent(trx, c.id, actor, now, 'materials_checked', { checks });
  const owed = (await listCaseMaterials(trx, c.id)).filter((m) => m.status === 'deferred');
  return c.status === 'accepted' && c.deferral_due_at !== null && owed.length === 0;
}

/** The clerk records the check of materials (or the supply of owed 容缺 materials). */
export async function checkMaterials(
  deps: AppDeps,
  p: Principal,
  caseId: string,
  input: { version: number; materials: MaterialCheck[] },
) {
  await requireCase(deps.db, p, caseId, 'receive');
  const now = deps.time.now();
  return deps.db.transaction().execute(async (trx) => {
    const c = await lockedAt(trx, caseId, input.version);
    const fulfilled = await applyChecks(trx, c, input.materials, caseActorOf(p), now);
    if (fulfilled) await recordEvent(trx, c.id, caseActorOf(p), now, 'deferral_fulfilled', {});
    const row = await updateCase(trx, c.id, now, fulfilled ? { deferral_due_at: null } : {});
    await appendAction(trx, actorOf(p), now, {
      action: fulfilled ? 'case.deferral_fulfilled' : 'case.materials_checked',
      targetType: 'case',
      targetId: c.id,
      payload: { checks: input.materials },
    });
    return caseDetail(trx, row);
  });
}

/** Locks the case and checks the version the caller last read (409 when someone else changed it). */
export async function lockedAt(trx: Db, caseId: string, version: number): Promise<CaseRow> {
  const c = await lockCase(trx, caseId);
  if (!c) throw conflict('case_gone', '办件不存在。', 'The case does not exist.');
  if (c.version !== version)
    throw conflict(
      'version_conflict',
      '该办件已被他人更新，请刷新后重试。',
      'The case was changed meanwhile; reload and retry.',
      {
        currentVersion: c.version,
      },
    );
  return c;
}

/** Stores an uploaded electronic copy of one material (type sniffed, size limited, name sanitised). */
export async function uploadMaterialFile(
  deps: AppDeps,
  p: Principal,
  ids: { caseId: string; materialId: string },
  file: File,
  action: CaseAction,
) {
  const c = await requireCase(deps.db, p, ids.caseId, action);
  requireOnCase(p, action, c);
  if (
    c.status !== 'received' &&
    c.status !== 'correction_requested' &&
    !(c.status === 'accepted' && c.deferral_due_at)
  )
    throw conflict(
      'case_closed_for_uploads',
      '当前状态下不能再上传材料。',
      'No uploads in the case’s current state.',
    );
  const settings = await intakeSettings(deps.db);
  const prepared = await prepareFile(
    deps.config.DATA_DIR,
    { bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name },
    settings.maxUploadBytes,
  );
  const now = deps.time.now();
  const actor = caseActorOf(p);
  return deps.db.transaction().execute(async (trx) => {
    const locked = (await lockCase(trx, c.id))!;
    const m = (await listCaseMaterials(trx, c.id)).find((x) => x.material_id === ids.materialId);
    if (!m)
      throw badRequest(
        'unknown_material',
        '该办件没有这项材料。',
        `No material ${ids.materialId} in this case.`,
      );
    const stored = await insertFileRow(trx, now, actor.kind === 'staff' ? actor.id : null, prepared);
    await trx
      .insertInto('case_material_files')
      .values({ case_material_id: m.id, file_id: stored.id, uploaded_at: now, uploaded_by: actor.name })
      .execute();
    await recordEvent(trx, c.id, actor, now, 'file_uploaded', { material: m.name, file: stored });
    await updateCase(trx, c.id, now, {});
    await appendAction(trx, actorOf(p), now, {
      action: 'case.file_uploaded',
      targetType: 'case',
      targetId: c.id,
      payload: { materialId: m.material_id, file: stored },
    });
    return { version: locked.version + 1, file: stored };
  });
}
