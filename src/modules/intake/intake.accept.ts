// 受理 and 容缺受理: the case number, the promised and statutory clocks, the first work and the notice.
import { conditionFailure, intakeConditions, type Refusal, undeferrable } from '../../core/case-state.ts';
import { zonedInstant } from '../../core/dates.ts';
import { unprocessable } from '../../shared/errors.ts';
import { actorOf } from '../auth/principal.ts';
import { recordEvent } from '../cases/case-events.ts';
import { allocateNumber } from '../cases/case-number.ts';
import { type CaseMaterialRow, listCaseMaterials, listEvents, updateCase } from '../cases/cases.queries.ts';
import { resumeClock, startClock, stopClock, suspendClock } from '../clock/clock.service.ts';
import { definitionOf } from '../engine/definitions.ts';
import type { EngineContext } from '../engine/engine.context.ts';
import { startProcess } from '../engine/transitions.ts';
import { acceptanceNotice, deferralNotice } from '../notices/notice.content.ts';
import { noticeBase, storeNotice } from '../notices/notices.service.ts';
import { type DecisionContext, receivedText, toChecked } from './intake.context.ts';
import type { Decision } from './intake.schemas.ts';

type Defer = Extract<Decision, { decision: 'defer' }>;

const fail = (r: Refusal, details?: unknown) => unprocessable(r.code, r.zh, r.en, details);

/** Starts both clocks from the acceptance instant; a deemed acceptance does not count the applicant's correction time. */
async function startClocks(ctx: DecisionContext, startedAt: Date) {
  const { trx, c, version: v } = ctx;
  const maxExtensionDays = v.isJoint ? 15 : 10;
  const start = (purpose: string, limit: { value: number; unit: string }) =>
    startClock(trx, {
      centreId: c.centre_id,
      caseId: c.id,
      subjectType: 'case',
      subjectId: c.id,
      purpose,
      startedAt,
      limit: { value: limit.value, unit: limit.unit as 'working_days' },
      maxExtensionDays,
    });
  const promised = await start('promised', v.promisedLimit);
  const statutory = await start('statutory', v.statutoryLimit);
  let dueDate = promised.result.dueDate;
  if (c.deemed_accepted) {
    const events = await listEvents(trx, c.id);
    const asked = events.find((e) => e.type === 'correction_requested')?.at;
    const back = events.filter((e) => e.type === 'resubmitted').at(-1)?.at;
    if (asked && back) {
      for (const clock of [promised.clock, statutory.clock]) {
        await suspendClock(trx, clock.id, {
          kind: 'applicant_correction',
          reason: '申请人补正材料',
          by: null,
          at: asked,
        });
        const resumed = await resumeClock(trx, clock.id, { by: null, at: back });
        if (clock.id === promised.clock.id) dueDate = resumed.result.dueDate;
      }
    }
  }
  return { promised: promised.clock, statutory: statutory.clock, dueDate };
}

/** 受理 starts the approval engine: the process state, the first tasks and their step clocks. */
async function openFirstWork(
  ctx: DecisionContext,
  clocks: { promised: { id: string }; statutory: { id: string } },
) {
  const { trx, c, now } = ctx;
  const engine: EngineContext = {
    trx,
    now,
    c: { ...c, promised_clock_id: clocks.promised.id, statutory_clock_id: clocks.statutory.id },
    def: await definitionOf(trx, c.item_version_id),
    principal: ctx.principal,
    actor: ctx.actor,
    auditActor: actorOf(ctx.principal),
  };
  return startProcess(engine);
}

async function admit(ctx: DecisionContext, deferred: CaseMaterialRow[]) {
  const { trx, c, now, version: v, facts, settings } = ctx;
  const acceptedAt = c.deemed_accepted ? c.received_at : now;
  const caseNumber = await allocateNumber({
    trx,
    centreId: c.centre_id,
    centreCode: facts.centre.code,
    timeZone: facts.centre.time_zone,
    at: now,
    template: settings.caseNumberFormat,
    scope: 'case',
    dept: v.department.code,
  });
  const clocks = await startClocks(ctx, acceptedAt);
  const immediate = v.handlingType === 'immediate' && deferred.length === 0;
  if (immediate) for (const clock of [clocks.promised, clocks.statutory]) await stopClock(trx, clock.id, now);
  const currentStep = immediate ? null : await openFirstWork(ctx, clocks);
  return { acceptedAt, caseNumber, clocks, immediate, currentStep };
}

export async function accept(ctx: DecisionContext) {
  const { trx, c, now, version: v } = ctx;
  const materials = await listCaseMaterials(trx, c.id);
  const report = intakeConditions(materials.map(toChecked));
  const failure = conditionFailure(report);
  if (failure) throw fail(failure, report);
  const a = await admit(ctx, []);
  const base = await noticeBase(trx, c, ctx.facts, {
    kind: 'acceptance',
    settings: ctx.settings,
    officer: ctx.principal.displayName,
    at: now,
  });
  const content = acceptanceNotice(base, {
    caseNumber: a.caseNumber,
    queryCode: c.query_code,
    promised: v.promisedLimit,
    statutory: v.statutoryLimit,
    promisedDueDate: a.clocks.dueDate,
    deemedAccepted: c.deemed_accepted,
    immediate: a.immediate,
    materials: materials
      .filter((m) => m.status === 'ok')
      .map((m) => ({ name: m.name, requirement: receivedText(m) })),
  });
  const notice = await storeNotice(trx, c.id, content, ctx.principal.staffId);
  await recordEvent(trx, c.id, ctx.actor, now, 'accepted', {
    caseNumber: a.caseNumber,
    acceptedAt: a.acceptedAt.toISOString(),
    deemedAccepted: c.deemed_accepted,
    promisedDueDate: a.clocks.dueDate,
    noticeId: notice.id,
  });
  if (a.immediate) await recordEvent(trx, c.id, ctx.actor, now, 'completed', { immediate: true });
  return updateCase(trx, c.id, now, {
    status: a.immediate ? 'completed' : 'accepted',
    case_number: a.caseNumber,
    accepted_at: a.acceptedAt,
    decided_at: now,
    decided_by: ctx.principal.staffId,
    completed_at: a.immediate ? now : null,
    promised_clock_id: a.clocks.promised.id,
    statutory_clock_id: a.clocks.statutory.id,
    promised_due_date: a.clocks.dueDate,
    current_step: a.currentStep,
  });
}

function checkDeferral(ctx: DecisionContext, materials: CaseMaterialRow[], d: Defer) {
  if (ctx.creditRestricted)
    throw unprocessable(
      'credit_restricted',
      '申请人存在失信记录，不适用容缺受理。',
      'Applicants with a bad-credit record cannot use 容缺受理.',
    );
  if (ctx.version.handlingType === 'immediate')
    throw unprocessable(
      'immediate_not_deferrable',
      '即办件不适用容缺受理。',
      'Immediate items are not accepted with deferrals.',
    );
  const chosen = materials.filter((m) => d.materialIds.includes(m.material_id));
  if (chosen.length !== d.materialIds.length)
    throw unprocessable(
      'unknown_material',
      '所选材料不属于该办件。',
      'A chosen material is not one of this case.',
    );
  const names = new Set(chosen.map((m) => m.name));
  const bad = undeferrable(materials.map(toChecked), names);
  if (bad.length)
    throw unprocessable(
      'not_deferrable',
      `以下材料不可容缺：${bad.join('、')}。`,
      `Not eligible for deferral: ${bad.join(', ')}.`,
      { materials: bad },
    );
  const report = intakeConditions(materials.map(toChecked), names);
  const failure = conditionFailure(report);
  if (failure) throw fail(failure, report);
  return chosen;
}

export async function defer(ctx: DecisionContext, d: Defer) {
  const { trx, c, now, facts } = ctx;
  const materials = await listCaseMaterials(trx, c.id);
  const chosen = checkDeferral(ctx, materials, d);
  const a = await admit(ctx, chosen);
  if (!a.clocks.dueDate || d.deadline > a.clocks.dueDate)
    throw unprocessable(
      'deferral_deadline_too_late',
      `补齐材料的期限不得晚于承诺办结日期（${a.clocks.dueDate ?? '未知'}）。`,
      `The make-up deadline must not be later than the promised due date (${a.clocks.dueDate ?? 'unknown'}).`,
    );
  await trx
    .updateTable('case_materials')
    .set({ status: 'deferred', checked_at: now })
    .where(
      'id',
      'in',
      chosen.map((m) => m.id),
    )
    .execute();
  const base = await noticeBase(trx, c, facts, {
    kind: 'deferral',
    settings: ctx.settings,
    officer: ctx.principal.displayName,
    at: now,
  });
  const content = deferralNotice(base, {
    caseNumber: a.caseNumber,
    queryCode: c.query_code,
    deadline: d.deadline,
    materials: chosen.map((m) => ({
      name: m.name,
      requirement: `需原件${m.originals_required}份、复印件${m.copies_required}份`,
    })),
    commitment: { signedBy: d.commitment.signedBy, signedDate: d.commitment.signedAt },
  });
  const notice = await storeNotice(trx, c.id, content, ctx.principal.staffId);
  await recordEvent(trx, c.id, ctx.actor, now, 'deferred', {
    caseNumber: a.caseNumber,
    materials: chosen.map((m) => m.name),
    deadline: d.deadline,
    commitment: d.commitment,
    promisedDueDate: a.clocks.dueDate,
    noticeId: notice.id,
  });
  return updateCase(trx, c.id, now, {
    status: 'accepted',
    case_number: a.caseNumber,
    accepted_at: a.acceptedAt,
    decided_at: now,
    decided_by: ctx.principal.staffId,
    deferral_due_at: new Date(zonedInstant(d.deadline, facts.centre.office_close, facts.centre.time_zone)),
    promised_clock_id: a.clocks.promised.id,
    statutory_clock_id: a.clocks.statutory.id,
    promised_due_date: a.clocks.dueDate,
    current_step: a.currentStep,
  });
}
