/**
 * One engine change = one transaction: lock the case row, refuse archived cases (409), do the change,
 * append the case event(s) and the action-log entry last (its head-row lock is held briefly).
 */
import type { Kysely } from 'kysely';
import type { ProcessDefinition } from '../../core/process/definition.ts';
import type { ProcessState } from '../../core/process/events.ts';
import { initialState } from '../../core/process/events.ts';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { conflict, notFound } from '../../shared/errors.ts';
import { type Actor, appendAction } from '../audit/audit.log.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { type CaseActor, caseActorOf } from '../cases/case-events.ts';
import { type CaseRow, lockCase } from '../cases/cases.queries.ts';
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
 */
export async function onCase<T>(
  deps: AppDeps,
  who: { principal: Principal | null; actor: CaseActor; auditActor: Actor },
  caseId: string,
  fn: (ctx: EngineContext) => Promise<{ result: T; log: LogEntry }>,
  opts: { expectedVersion?: number; trx?: Tx } = {},
): Promise<T> {
  const now = deps.time.now();
  const run = async (trx: Tx) => {
    const c = await lockCase(trx, caseId);
    if (!c) throw notFound('Case', '办件');
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
    const { result, log } = await fn({ trx, now, c, def, ...who });
    await appendAction(trx, who.auditActor, now, {
      action: log.action,
      targetType: 'case',
      targetId: caseId,
      payload: log.payload,
    });
    return result;
  };
  return opts.trx ? run(opts.trx) : deps.db.transaction().execute(run);
}

export const whoOf = (p: Principal) => ({ principal: p, actor: caseActorOf(p), auditActor: actorOf(p) });
