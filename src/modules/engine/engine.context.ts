/**
 * One engine change = one transaction: lock the case row, refuse archived cases (409), do the change,
 * append the case event(s) and the action-log entry last (it takes a free lane of the log, ADR 005; in a
 * transaction of its own it is sent with the COMMIT). In a transaction of its own the light counts of the
 * clocks it touches are recounted once, just before that entry (migration 0022), not by every statement.
 */
import { type Kysely, sql } from 'kysely';
import type { ProcessDefinition } from '../../core/process/definition.ts';
import type { ProcessState } from '../../core/process/events.ts';
import { initialState } from '../../core/process/events.ts';
import { type Ahead, executeAhead, executeDeferred } from '../../db/deferred.ts';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { conflict, notFound } from '../../shared/errors.ts';
import { type Actor, appendAction, appendLastAction } from '../audit/audit.log.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { type CaseActor, caseActorOf } from '../cases/case-events.ts';
import type { CaseRow } from '../cases/cases.queries.ts';
import { reuseCentreAndCalendarIn } from '../clock/clock.read.ts';
import type { KnownOffices } from './assignees.ts';
import { definitionOf } from './definitions.ts';

export type Tx = Kysely<DB>;

export interface EngineContext {
  trx: Tx;
  now: Date;
  c: CaseRow;
  def: ProcessDefinition;
  principal: Principal | null;
  actor: CaseActor;
  auditActor: Actor;
  /**
   * The due date of the case's promised clock, read after the case lock (with the task being completed);
   * valid while this transaction has not paused or resumed the case clocks.
   */
  promisedClockDue?: { caseId: string; due: string | null };
  /** The offices of the case's department, read with the task being completed (for the next steps' assignees). */
  offices?: KnownOffices;
}

export const stateOf = (c: CaseRow): ProcessState =>
  (c.process_state as ProcessState | null) ?? initialState();

export const archivedConflict = () =>
  conflict('case_archived', '办件已归档，不能再修改。', 'The case is archived and can no longer be changed.');

export interface LogEntry {
  action: string;
  payload?: unknown;
}

/**
 * Runs `fn` on the locked case. `expectedVersion` (the case version the caller saw) gives 409 when stale.
 * `withLock` issues a read that does not depend on the case row right after the lock, in the same round
 * trip (executeAhead): it runs once the lock is held, with a snapshot of its own, so it sees what the
 * lock's previous holder committed; `fn` gets its promise (settled with the lock's error if that fails).
 */
export async function onCase<T, P = undefined>(
  deps: AppDeps,
  who: { principal: Principal | null; actor: CaseActor; auditActor: Actor },
  target: string | { taskId: string },
  fn: (ctx: EngineContext, read: Promise<P>) => Promise<{ result: T; log: LogEntry }>,
  opts: { expectedVersion?: number; trx?: Tx; withLock?: (trx: Tx) => Promise<P> } = {},
): Promise<T> {
  const now = deps.time.now();
  const owned = !opts.trx;
  const run = async (trx: Tx) => {
    reuseCentreAndCalendarIn(trx);
    // the light counts are recounted once, at the end (migration 0022): its own transaction only, which
    // it knows it flushes
    if (owned)
      await executeDeferred(trx, sql`SELECT set_config('onewindow.light_defer', 'on', true)`.compile(trx));
    const locking = await lockForChange(trx, target, opts.withLock !== undefined);
    const read = opts.withLock ? opts.withLock(trx) : Promise.resolve(undefined as P);
    read.catch(() => {}); // awaited by fn; when the lock fails first, the read's error is the same one
    const c = (await locking.rows())[0];
    if (!c) throw typeof target === 'string' ? notFound('Case', '办件') : notFound('Task', '任务');
    const caseId = c.id;
    if (c.archived_at) throw archivedConflict();
    if (opts.expectedVersion !== undefined && c.version !== opts.expectedVersion)
      throw conflict(
        'stale_version',
        '办件已被他人更新，请刷新后重试。',
        'The case has changed; reload and retry.',
        {
          version: c.version,
        },
      );
    const def = await definitionOf(trx, c.item_version_id);
    const { result, log } = await fn({ trx, now, c, def, ...who }, read);
    const entry = { action: log.action, targetType: 'case', targetId: caseId, payload: log.payload };
    // in a transaction of its own the entry is the last statement: it travels with the COMMIT
    if (!owned) await appendAction(trx, who.auditActor, now, entry);
    else {
      await executeDeferred(trx, sql`SELECT supervision_light_flush()`.compile(trx));
      await appendLastAction(trx, who.auditActor, now, entry);
    }
    return result;
  };
  return opts.trx ? run(opts.trx) : deps.db.transaction().execute(run);
}

/**
 * Locks the case, by its id or by one of its tasks (a task never changes case); `ahead`: sent with the
 * transaction's next statement.
 */
async function lockForChange(
  trx: Tx,
  target: string | { taskId: string },
  ahead: boolean,
): Promise<Ahead<CaseRow>> {
  const q = trx
    .selectFrom('cases')
    .selectAll('cases')
    .where((eb) =>
      typeof target === 'string'
        ? eb('cases.id', '=', target)
        : eb(
            'cases.id',
            '=',
            eb
              .selectFrom('case_tasks')
              .select('case_tasks.case_id')
              .where('case_tasks.id', '=', target.taskId),
          ),
    )
    .forUpdate();
  if (ahead) return executeAhead(trx, q.compile());
  const rows = (await q.execute()) as CaseRow[];
  return { rows: async () => rows };
}

export const whoOf = (p: Principal) => ({ principal: p, actor: caseActorOf(p), auditActor: actorOf(p) });
