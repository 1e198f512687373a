// Receiving applications (收件): at a window on the applicant's behalf, or online by the applicant.
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { conflict, unprocessable } from '../../shared/errors.ts';
import { upsertApplicant } from '../applicants/applicants.service.ts';
import { appendAction } from '../audit/audit.log.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { type CaseActor, caseActorOf, recordEvent } from '../cases/case-events.ts';
import { applicantIdOf, requireOnCase } from '../cases/cases.policy.ts';
import { insertCase, insertCaseMaterials, updateCase } from '../cases/cases.queries.ts';
import type { CaseDetail } from '../cases/cases.schemas.ts';
import { caseDetail, requireCase } from '../cases/cases.service.ts';
import type { ItemVersion } from '../catalogue/catalogue.schemas.ts';
import { getCurrentItemVersion, materialsFor } from '../catalogue/catalogue.service.ts';
import { idempotent } from './idempotency.ts';
import { applyChecks, lockedAt } from './intake.materials.ts';
import type { CreateApplication, OnlineApplication } from './intake.schemas.ts';

type Db = Kysely<DB>;

// No 0/O, 1/I/L: a query code is read aloud and typed from paper.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const newQueryCode = () =>
  Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

function checkChannel(v: ItemVersion, channel: string) {
  if (v.channels.length && !v.channels.includes(channel as ItemVersion['channels'][number]))
    throw unprocessable(
      'channel_not_offered',
      `事项“${v.name}”不支持该办理渠道。`,
      `Item ${v.name} is not offered on channel ${channel}.`,
    );
}

interface Receipt {
  version: ItemVersion;
  input: Omit<CreateApplication, 'applicant'> & {
    applicantId: string | null;
    applicant: CreateApplication['applicant'] | null;
  };
  actor: CaseActor;
  principal: Principal;
}

async function receive(trx: Db, now: Date, r: Receipt): Promise<CaseDetail> {
  const { version: v, input } = r;
  const applicantId = input.applicant
    ? (await upsertApplicant(trx, input.applicant, now)).id
    : input.applicantId!;
  const agent = input.agent ? await upsertApplicant(trx, input.agent, now) : null;
  const isStaff = r.actor.kind === 'staff';
  const row = await insertCase(trx, {
    centre_id: v.centreId,
    item_id: v.itemId,
    item_version_id: v.id,
    department_id: v.department.id,
    channel: input.channel,
    situation: input.situation,
    applicant_id: applicantId,
    agent_id: agent?.id ?? null,
    status: 'received',
    query_code: newQueryCode(),
    received_at: now,
    received_by: isStaff ? r.actor.id : null,
    filed_by_account: isStaff ? null : r.principal.staffId,
    created_at: now,
    updated_at: now,
  });
  await insertCaseMaterials(
    trx,
    materialsFor(v, input.situation ?? undefined).map((m) => ({
      case_id: row.id,
      material_id: m.id,
      position: m.position,
      name: m.name,
      required: m.required,
      can_defer: m.deferrable,
      form: m.form,
      originals_required: m.originals,
      copies_required: m.copies,
    })),
  );
  await recordEvent(trx, row.id, r.actor, now, 'received', {
    channel: input.channel,
    itemVersion: v.version,
  });
  if (input.materials.length) await applyChecks(trx, row, input.materials, r.actor, now);
  await appendAction(trx, actorOf(r.principal), now, {
    action: 'case.received',
    targetType: 'case',
    targetId: row.id,
    payload: { itemVersionId: v.id, channel: input.channel, applicantId },
  });
  return caseDetail(trx, row);
}

/** A window clerk receives an application on the applicant's behalf (Idempotency-Key aware). */
export async function createApplication(deps: AppDeps, p: Principal, input: CreateApplication, key?: string) {
  const version = await getCurrentItemVersion(deps.db, input.itemId);
  requireOnCase(p, 'receive', {
    centre_id: version.centreId,
    department_id: version.department.id,
    applicant_id: '',
    agent_id: null,
    filed_by_account: null,
  });
  checkChannel(version, input.channel);
  return idempotent(deps, { key, principal: p, request: { op: 'create', input } }, 201, (trx, now) =>
    receive(trx, now, {
      version,
      input: { ...input, applicantId: null },
      actor: caseActorOf(p),
      principal: p,
    }),
  );
}

/** A logged-in applicant files online; materials are then uploaded and checked by the window. */
export async function fileOnline(deps: AppDeps, p: Principal, input: OnlineApplication, key?: string) {
  const version = await getCurrentItemVersion(deps.db, input.itemId);
  checkChannel(version, input.channel);
  const applicantId = applicantIdOf(p)!;
  return idempotent(deps, { key, principal: p, request: { op: 'file', input } }, 201, (trx, now) =>
    receive(trx, now, {
      version,
      input: { ...input, materials: [], applicant: null, applicantId },
      actor: caseActorOf(p),
      principal: p,
    }),
  );
}

/** The corrected materials are handed in (at the window or online): the case goes back to the window. */
export async function resubmit(
  deps: AppDeps,
  p: Principal,
  caseId: string,
  version: number,
  action: 'receive' | 'supplement',
) {
  await requireCase(deps.db, p, caseId, action);
  const now = deps.time.now();
  return deps.db.transaction().execute(async (trx) => {
    const c = await lockedAt(trx, caseId, version);
    if (c.status !== 'correction_requested')
      throw conflict(
        'not_awaiting_correction',
        '该申请不在待补正状态。',
        'The application is not awaiting a correction.',
      );
    await trx
      .updateTable('case_materials')
      .set({ status: 'pending', checked_at: null, checked_by: null })
      .where('case_id', '=', c.id)
      .where('status', 'in', ['missing', 'defective', 'mismatch'])
      .execute();
    await recordEvent(trx, c.id, caseActorOf(p), now, 'resubmitted', {});
    const row = await updateCase(trx, c.id, now, { status: 'received' });
    await appendAction(trx, actorOf(p), now, {
      action: 'case.resubmitted',
      targetType: 'case',
      targetId: c.id,
    });
    return caseDetail(trx, row);
  });
}
