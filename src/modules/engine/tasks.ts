// Tasks of the active steps: opened with their step clock, closed (done or cancelled) with it stopped.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { executeDeferred } from '../../db/deferred.ts';
import type { DB } from '../../db/schema.ts';
import type { CaseTaskRow } from '../cases/cases.queries.ts';
import { resumeClock, startClocksDeferred, stopClock, suspendClock } from '../clock/clock.service.ts';
import { resolveAssignee } from './assignees.ts';
import { stepOf } from './definitions.ts';
import type { EngineContext } from './engine.context.ts';

type Db = Kysely<DB>;
export const OPEN = ['open', 'claimed'] as const;

export const openTasksOf = (db: Db, caseId: string) =>
  db
    .selectFrom('case_tasks')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', 'in', OPEN)
    .orderBy('created_at')
    .orderBy('step_id')
    .execute();

export const findTask = (db: Db, id: string) =>
  db.selectFrom('case_tasks').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Opens one task per step, each with a step clock from the step's limit (none without a limit): the clocks
 * in one statement, the tasks in another, both deferred (they travel with the transaction's next
 * statement). Returns the new tasks' ids.
 */
export async function openTasks(
  ctx: EngineContext,
  stepIds: readonly string[],
  picks: Record<string, string> = {},
): Promise<string[]> {
  if (!stepIds.length) return [];
  const planned = [];
  for (const stepId of stepIds) {
    const step = stepOf(ctx.def, stepId);
    planned.push({
      step,
      id: randomUUID(),
      a: await resolveAssignee(ctx.trx, ctx.c, step, picks[stepId], ctx.offices),
    });
  }
  const timed = planned.filter((t) => t.step.limit);
  const clocks = await startClocksDeferred(
    ctx.trx,
    timed.map(({ step, id }) => ({
      centreId: ctx.c.centre_id,
      caseId: ctx.c.id,
      subjectType: 'task',
      subjectId: id,
      purpose: 'step',
      startedAt: ctx.now,
      limit: step.limit!,
      maxExtensionDays: 0,
      itemId: ctx.c.item_id,
    })),
  );
  const clockOf = new Map(timed.map((t, i) => [t.id, clocks[i]!]));
  const insert = ctx.trx.insertInto('case_tasks').values(
    planned.map(({ step, id, a }) => ({
      id,
      case_id: ctx.c.id,
      step_id: step.id,
      step_name: step.name,
      kind: step.kind,
      ...a,
      status: 'open' as const,
      created_at: ctx.now,
      clock_id: clockOf.get(id) ?? null,
    })),
  );
  await executeDeferred(ctx.trx, insert.compile());
  return planned.map((t) => t.id);
}

export interface Closing {
  status: 'done' | 'cancelled';
  action?: string | null;
  opinion?: string;
  attachments?: string[];
  by?: string | null;
  actingFor?: string | null;
}

/** Closes a task and stops its step clock (both writes deferred: they travel with the next statement). */
export async function closeTask(ctx: EngineContext, t: CaseTaskRow, how: Closing): Promise<void> {
  if (t.clock_id) await stopClock(ctx.trx, t.clock_id, ctx.now);
  const close = ctx.trx
    .updateTable('case_tasks')
    .set((eb) => ({
      status: how.status,
      action: how.action ?? null,
      opinion: how.opinion ?? '',
      attachment_ids: how.attachments ?? [],
      completed_at: ctx.now,
      completed_by: how.by ?? null,
      acting_for: how.actingFor ?? null,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', t.id);
  await executeDeferred(ctx.trx, close.compile());
}

/** Cancels the open tasks of the given steps (withdrawn by a return or a denial). */
export async function cancelSteps(ctx: EngineContext, stepIds: readonly string[], open: CaseTaskRow[]) {
  for (const t of open.filter((x) => stepIds.includes(x.step_id)))
    await closeTask(ctx, t, { status: 'cancelled' });
}

/** Pauses (or resumes) the step clocks of the open tasks, e.g. while the case is with the applicant. */
export async function pauseTaskClocks(
  ctx: EngineContext,
  open: CaseTaskRow[],
  pause: { kind: string; reason: string } | null,
) {
  for (const t of open) {
    if (!t.clock_id) continue;
    const clock = await ctx.trx
      .selectFrom('clocks')
      .select('status')
      .where('id', '=', t.clock_id)
      .executeTakeFirstOrThrow();
    if (pause && clock.status === 'running')
      await suspendClock(ctx.trx, t.clock_id, { ...pause, by: ctx.principal?.staffId ?? null, at: ctx.now });
    if (!pause && clock.status === 'suspended')
      await resumeClock(ctx.trx, t.clock_id, { by: ctx.principal?.staffId ?? null, at: ctx.now });
  }
}

/** Pauses or resumes the case's promised and statutory clocks. */
export async function pauseCaseClocks(ctx: EngineContext, pause: { kind: string; reason: string } | null) {
  ctx.promisedClockDue = undefined;
  for (const id of [ctx.c.promised_clock_id, ctx.c.statutory_clock_id]) {
    if (!id) continue;
    const clock = await ctx.trx
      .selectFrom('clocks')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (pause && clock.status === 'running')
      await suspendClock(ctx.trx, id, { ...pause, by: ctx.principal?.staffId ?? null, at: ctx.now });
    if (!pause && clock.status === 'suspended')
      await resumeClock(ctx.trx, id, { by: ctx.principal?.staffId ?? null, at: ctx.now });
  }
}

/** The promised due date after a change to the case clocks. */
export async function promisedDueDate(ctx: EngineContext): Promise<string | null> {
  if (!ctx.c.promised_clock_id) return ctx.c.promised_due_date;
  if (ctx.promisedClockDue?.caseId === ctx.c.id) return ctx.promisedClockDue.due;
  const row = await ctx.trx
    .selectFrom('clocks')
    .select('due_date')
    .where('id', '=', ctx.c.promised_clock_id)
    .executeTakeFirstOrThrow();
  return row.due_date;
}
