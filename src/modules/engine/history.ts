/**
 * The history of a case (who, what, when, opinion, and the clocks now) and the rebuild check: the process
 * state and the set of open tasks are derived again from the events alone and compared with the cache.
 */
import type { Kysely } from 'kysely';
import type { ProcessEvent, ProcessState } from '../../core/process/events.ts';
import { replay } from '../../core/process/execute.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../shared/errors.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import { eventLabel } from '../cases/case-events.ts';
import { type CaseEventRow, findCase, listEvents } from '../cases/cases.queries.ts';
import { readClock } from '../clock/clock.service.ts';
import { definitionOf } from './definitions.ts';
import { openTasksOf } from './tasks.ts';

type Db = Kysely<DB>;
type Payload = { process?: ProcessEvent; stepId?: string; stepName?: string; opinion?: string };

/** The process events of a case in order: what the pure core replays. */
export const processEventsOf = (events: readonly CaseEventRow[]): ProcessEvent[] =>
  events.map((e) => (e.payload as Payload | null)?.process).filter((e): e is ProcessEvent => !!e);

export async function caseHistory(db: Db, caseId: string, at: Date) {
  const c = await findCase(db, caseId);
  if (!c) throw notFound('Case', '办件');
  const events = await listEvents(db, caseId);
  const taskIds = (
    await db.selectFrom('case_tasks').select('id').where('case_id', '=', caseId).execute()
  ).map((t) => t.id);
  const clocks = await db
    .selectFrom('clocks')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('subject_type', '=', 'case'), eb('subject_id', '=', caseId)]),
        ...(taskIds.length
          ? [eb.and([eb('subject_type', '=', 'task'), eb('subject_id', 'in', taskIds)])]
          : []),
      ]),
    )
    .orderBy('started_at')
    .orderBy('id')
    .execute();
  const views = await Promise.all(
    clocks.map(async ({ id }) => {
      const { clock, result } = await readClock(db, id, at);
      return {
        id,
        subjectType: clock.subject_type,
        subjectId: clock.subject_id,
        purpose: clock.purpose,
        status: clock.status,
        dueDate: result.dueDate ?? null,
        dueAt: result.dueAt == null ? null : new Date(result.dueAt).toISOString(),
        light: clock.light,
        remainingWorkingDays: result.remainingWorkingDays ?? null,
      };
    }),
  );
  return {
    caseId,
    processState: c.process_state,
    clocks: views,
    events: events.map((e) => {
      const p = (e.payload ?? {}) as Payload;
      return {
        seq: e.seq,
        type: e.type,
        label: eventLabel(e.type),
        at: e.at.toISOString(),
        actor: { id: e.actor_id, name: e.actor_name, kind: e.actor_kind },
        stepId: p.stepId ?? null,
        stepName: p.stepName ?? null,
        opinion: p.opinion ?? null,
        payload: e.payload,
      };
    }),
  };
}

/** Rebuilds the process state and the open task set from the events and compares them with the stored ones. */
export async function rebuildCase(db: Db, caseId: string) {
  const c = await findCase(db, caseId);
  if (!c) throw notFound('Case', '办件');
  const def = await definitionOf(db, c.item_version_id);
  const rebuilt = replay(def, processEventsOf(await listEvents(db, caseId)));
  const stored = c.process_state as ProcessState | null;
  const open = (await openTasksOf(db, caseId)).map((t) => t.step_id).sort();
  const tasksMatch = JSON.stringify(open) === JSON.stringify([...rebuilt.active].sort());
  const equal = canonicalJson(stored) === canonicalJson(rebuilt) && tasksMatch;
  return { equal, stored, rebuilt, openTasks: open, activeSteps: rebuilt.active };
}
