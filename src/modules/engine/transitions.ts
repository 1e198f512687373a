/**
 * Transitions: each completion of a task is one transaction — the case row locked, the task's version
 * checked (a stale one answers 409), the pure state advanced, tasks and their clocks closed and opened,
 * the case event and the action-log entry written, the cached state stored.
 */
import { sql, type Updateable } from 'kysely';
import { APPLICANT } from '../../core/process/definition.ts';
import { ProcessEventError } from '../../core/process/errors.ts';
import type { ProcessEvent, ProcessState } from '../../core/process/events.ts';
import { type Advance, advance, start } from '../../core/process/execute.ts';
import { executeDeferred } from '../../db/deferred.ts';
import type { CasesTable } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../shared/errors.ts';
import type { Principal } from '../auth/principal.ts';
import { CASE_EVENTS, type CaseEventType } from '../cases/case-events.ts';
import type { CaseRow, CaseTaskRow } from '../cases/cases.queries.ts';
import { lockedClockJson, rememberLockedClock } from '../clock/clock.read.ts';
import { rememberRuleSet, ruleSetInForceJson } from '../supervision/supervision.rules.ts';
import { type KnownOffices, workRight } from './assignees.ts';
import { stepOf } from './definitions.ts';
import { type EngineContext, onCase, stateOf, type Tx, whoOf } from './engine.context.ts';
import type { CompleteTask } from './engine.schemas.ts';
import { onChildCompleted, refuseManualJoin, splitJoint } from './joint.ts';
import { afterStep, checkStepPreconditions } from './results.ts';
import {
  cancelSteps,
  closeTask,
  openTasks,
  openTasksOf,
  pauseCaseClocks,
  pauseTaskClocks,
  promisedDueDate,
} from './tasks.ts';

export const CORRECTION_PAUSE = { kind: 'applicant_correction', reason: '退回申请人补正材料' };

/** Maps the pure core's refusal of an event to an HTTP error. */
export function eventError(e: unknown): never {
  if (e instanceof ProcessEventError) {
    const status = ['missing_reasons', 'action_not_allowed', 'bad_return_target'].includes(e.code)
      ? 422
      : 409;
    const err = status === 422 ? unprocessable : conflict;
    throw err(`process_${e.code}`, e.messageZh ?? e.message, e.message, { stepId: e.stepId });
  }
  throw e;
}

const namesOf = (ctx: EngineContext, ids: readonly string[]) =>
  ids.map((id) => stepOf(ctx.def, id).name).join('、') || null;

interface Meta {
  type: CaseEventType;
  task?: CaseTaskRow;
  opinion?: string;
  attachments?: string[];
  actingFor?: string | null;
  picks?: Record<string, string>;
}

/**
 * Applies an advance to the stored case: closes the completed task, cancels withdrawn ones, pauses the
 * clocks when the case goes to the applicant, opens the activated steps' tasks, 办结 when finished or
 * denied, and records the event (payload.process is what replay reads).
 */
export async function applyAdvance(ctx: EngineContext, event: ProcessEvent, adv: Advance, meta: Meta) {
  if (meta.task)
    await closeTask(ctx, meta.task, {
      status: 'done',
      action: event.type === 'step_completed' ? event.action : null,
      opinion: meta.opinion ?? '',
      attachments: meta.attachments ?? [],
      by: ctx.principal?.staffId ?? null,
      actingFor: meta.actingFor ?? null,
    });
  // the open tasks (after the close above) are read only when something needs them
  let open: CaseTaskRow[] | null = null;
  const openNow = async () => {
    open ??= await openTasksOf(ctx.trx, ctx.c.id);
    return open;
  };
  if (adv.cancelled.length) {
    await cancelSteps(ctx, adv.cancelled, await openNow());
    open = (await openNow()).filter((t) => !adv.cancelled.includes(t.step_id));
  }
  if (adv.state.status === 'with_applicant') {
    await pauseCaseClocks(ctx, CORRECTION_PAUSE);
    await pauseTaskClocks(ctx, await openNow(), CORRECTION_PAUSE);
  }
  if (event.type === 'resubmitted') {
    await pauseCaseClocks(ctx, null);
    await pauseTaskClocks(ctx, await openNow(), null);
  }
  const opened = await openTasks(ctx, adv.activated, meta.picks);
  const due = await promisedDueDate(ctx);
  ctx.promisedClockDue = undefined; // read once: later changes in this transaction read the clock again
  await recordEventAndUpdateCase(
    ctx,
    meta.type,
    {
      process: event,
      taskId: meta.task?.id ?? null,
      stepId: meta.task?.step_id ?? null,
      stepName: meta.task?.step_name ?? null,
      opinion: meta.opinion ?? '',
      attachments: meta.attachments ?? [],
      actingFor: meta.actingFor ?? null,
      activated: adv.activated,
      cancelled: adv.cancelled,
      choices: adv.choices,
    },
    {
      process_state: adv.state,
      current_step: namesOf(ctx, adv.state.active),
      promised_due_date: due,
    },
  );
  const passed = event.type === 'step_completed' && event.action === 'pass';
  const wasCompleted = ctx.c.status === 'completed';
  await afterStep(ctx, passed ? meta.task : undefined, adv.state);
  if (!wasCompleted && ctx.c.status === 'completed' && ctx.c.parent_case_id)
    await onChildCompleted(ctx, (parent, ev, task) =>
      applyAdvance(parent, ev, advance(parent.def, stateOf(parent.c), ev), {
        type: 'step_completed',
        task,
        opinion: '联办部门均已办结',
      }),
    );
  return { opened };
}

/**
 * 受理: starts the process inside the acceptance's transaction. A first step of kind intake is the
 * acceptance itself: it is recorded as passed by the accepting clerk.
 */
export async function startProcess(ctx: EngineContext): Promise<string | null> {
  const started = start(ctx.def);
  await applyAdvance(ctx, { type: 'started' }, started, { type: 'process_started' });
  const first = started.state.active[0];
  if (first && started.state.active.length === 1 && stepOf(ctx.def, first).kind === 'intake') {
    const [task] = await openTasksOf(ctx.trx, ctx.c.id);
    const event: ProcessEvent = { type: 'step_completed', stepId: first, action: 'pass' };
    const adv = advance(ctx.def, started.state, event);
    await applyAdvance(ctx, event, adv, { type: 'step_completed', task, opinion: '受理' });
  }
  await splitJoint(ctx, startProcess);
  return ctx.c.current_step;
}

function eventFor(task: CaseTaskRow, input: CompleteTask): ProcessEvent {
  const base = { type: 'step_completed' as const, stepId: task.step_id };
  switch (input.action) {
    case 'pass':
      return input.data ? { ...base, action: 'pass', data: input.data } : { ...base, action: 'pass' };
    case 'return':
      if (!input.returnTo)
        throw unprocessable(
          'return_target_required',
          '退回须指明退回的环节或申请人。',
          'A return needs a target step or the applicant.',
        );
      return { ...base, action: 'return', returnTo: input.returnTo };
    case 'deny':
      if (!input.reasons?.length || !input.opinion.trim())
        throw unprocessable(
          'reasons_required',
          '不予许可须说明理由。',
          'A denial needs reasons and an opinion.',
        );
      return { ...base, action: 'deny', reasons: input.reasons };
  }
}

/**
 * What a completion reads of its task once the case is locked, in one statement: the task, the promised
 * clock's due date, the offices of the case's department (for the assignees of the steps it opens), the
 * case's supervision rule set (for their clocks' lights) and the task's step clock, locked for its stop.
 * Everything is found from the task id alone, so completeTask sends it with the case lock (onCase's
 * withLock): one round trip for both, the read run after the lock is held.
 */
export function readTaskToComplete(trx: Tx, taskId: string) {
  return trx
    .selectFrom('case_tasks')
    .innerJoin('cases as k', 'k.id', 'case_tasks.case_id')
    .selectAll('case_tasks')
    .select((eb) => [
      eb
        .selectFrom('clocks')
        .select('clocks.due_date')
        .whereRef('clocks.id', '=', 'k.promised_clock_id')
        .as('promised_clock_due'),
      sql<KnownOffices['offices']>`(SELECT coalesce(json_agg(json_build_object('id', o.id, 'code', o.code,
        'name', o.name)), '[]') FROM offices o WHERE o.department_id = k.department_id)`.as('offices'),
      ruleSetInForceJson(sql.ref('k.centre_id'), sql.ref('k.item_id')).as('rule_set'),
      lockedClockJson(sql.ref('case_tasks.clock_id')).as('locked_clock'),
    ])
    .where('case_tasks.id', '=', taskId)
    .executeTakeFirst();
}
type TaskToComplete = Awaited<ReturnType<typeof readTaskToComplete>>;

/**
 * Completes a task inside an engine context (the case is locked); `read` is readTaskToComplete's answer
 * when it was sent with the lock.
 */
export async function completeLocked(
  ctx: EngineContext,
  p: Principal,
  taskId: string,
  input: CompleteTask,
  read?: Promise<TaskToComplete>,
) {
  const row = await (read ?? readTaskToComplete(ctx.trx, taskId));
  if (!row || row.case_id !== ctx.c.id) throw notFound('Task', '任务');
  const { promised_clock_due, offices, rule_set, locked_clock, ...task } = row;
  rememberRuleSet(ctx.trx, ctx.c.centre_id, ctx.c.item_id, rule_set);
  rememberLockedClock(ctx.trx, locked_clock); // for the stop of the step's clock when the step closes
  if (ctx.c.promised_clock_id) ctx.promisedClockDue = { caseId: ctx.c.id, due: promised_clock_due };
  ctx.offices = { departmentId: ctx.c.department_id, offices };
  if (task.status !== 'open' && task.status !== 'claimed')
    throw conflict('task_closed', '该任务已办理或已撤回。', 'The task is already completed or withdrawn.');
  if (task.version !== input.version)
    throw conflict(
      'stale_version',
      '任务已被他人更新，请刷新后重试。',
      'The task has changed; reload and retry.',
      {
        version: task.version,
      },
    );
  const right = await workRight(ctx.trx, p, task, ctx.c.centre_id, ctx.now);
  if (!right) throw forbidden('该任务不属于您。', 'This task is not assigned to you.');
  if (input.action === 'pass') {
    await refuseManualJoin(ctx, task.kind);
    await checkStepPreconditions(ctx, task);
  }
  const event = eventFor(task, input);
  let adv: Advance;
  try {
    adv = advance(ctx.def, stateOf(ctx.c), event);
  } catch (e) {
    eventError(e);
  }
  const r = await applyAdvance(ctx, event, adv, {
    type: 'step_completed',
    task,
    opinion: input.opinion,
    attachments: input.attachments,
    actingFor: right.actingFor,
    picks: input.assignees,
  });
  return {
    task,
    opened: r.opened,
    returnedToApplicant: input.action === 'return' && input.returnTo === APPLICANT,
  };
}

export async function completeTask(deps: AppDeps, p: Principal, taskId: string, input: CompleteTask) {
  return onCase(
    deps,
    whoOf(p),
    { taskId },
    async (ctx, read: Promise<TaskToComplete>) => {
      const r = await completeLocked(ctx, p, taskId, input, read);
      return {
        result: { caseId: ctx.c.id, caseVersion: ctx.c.version, opened: r.opened },
        log: {
          action: 'engine.task.complete',
          payload: { taskId, stepId: r.task.step_id, action: input.action },
        },
      };
    },
    { withLock: (trx) => readTaskToComplete(trx, taskId) },
  );
}

/**
 * Appends a case event and stores the case's cached columns (version + 1) in one statement, deferred (it
 * travels with the transaction's next statement, in a transition its COMMIT): the caller holds the case
 * lock, so the next event number is max + 1, and the stored case is the locked one with the patch, which
 * is what the transaction goes on with (no trigger changes a case row as it is written).
 */
async function recordEventAndUpdateCase(
  ctx: EngineContext,
  type: CaseEventType,
  payload: Record<string, unknown>,
  patch: Omit<Updateable<CasesTable>, 'process_state'> & { process_state: ProcessState },
): Promise<void> {
  const id = ctx.c.id;
  const write = ctx.trx
    .with('ev', (db) =>
      db.insertInto('case_events').values({
        case_id: id,
        seq: sql<number>`(SELECT coalesce(max(seq), 0) + 1 FROM case_events WHERE case_id = ${id})`,
        type,
        at: ctx.now,
        actor_id: ctx.actor.id,
        actor_name: ctx.actor.name,
        actor_kind: ctx.actor.kind,
        public: CASE_EVENTS[type].public,
        payload: JSON.stringify(payload),
      }),
    )
    .updateTable('cases')
    .set((eb) => ({
      ...patch,
      process_state: JSON.stringify(patch.process_state),
      updated_at: ctx.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id);
  await executeDeferred(ctx.trx, write.compile());
  ctx.c = {
    ...ctx.c,
    ...patch,
    // as the database gives jsonb back: plain JSON
    process_state: JSON.parse(JSON.stringify(patch.process_state)),
    updated_at: ctx.now,
    version: ctx.c.version + 1,
  } as CaseRow;
}

/** The applicant handed in the corrections asked for mid-process: the clocks resume, the step reopens. */
export async function resubmitCorrections(deps: AppDeps, p: Principal, caseId: string, note: string) {
  return onCase(deps, whoOf(p), caseId, async (ctx) => {
    const event: ProcessEvent = { type: 'resubmitted' };
    let adv: Advance;
    try {
      adv = advance(ctx.def, stateOf(ctx.c), event);
    } catch (e) {
      eventError(e);
    }
    await applyAdvance(ctx, event, adv, { type: 'corrections_resubmitted', opinion: note });
    return {
      result: { caseId, promisedDueDate: ctx.c.promised_due_date },
      log: { action: 'engine.corrections.resubmit' },
    };
  });
}
