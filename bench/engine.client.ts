/**
 * bench:engine's client loop, run on the main thread (PGlite) or in a worker thread (PostgreSQL: see
 * engine.worker.ts). Each client works its own case (no case-lock contention between clients).
 */
import { sql } from 'kysely';
import type { Principal } from '../src/modules/auth/principal.ts';
import { completeTask } from '../src/modules/engine/transitions.ts';
import type { AppDeps } from '../src/server/context.ts';

/**
 * One client: completes the open task of its case again and again (pass a, return b → a) until `until`
 * (performance.now() of this thread). It reads the open task once; after that each completion's answer
 * names the task it opened (a new task is at version 1), so every round trip it makes is part of a
 * transition.
 */
export async function client(deps: AppDeps, p: Principal, caseId: string, until: number): Promise<number> {
  const { rows } = await sql<{ id: string; step_id: string; version: number }>`
    SELECT id, step_id, version FROM case_tasks WHERE case_id = ${caseId} AND status IN ('open', 'claimed')`.execute(
    deps.db,
  );
  let task = rows[0]!;
  let n = 0;
  while (performance.now() < until) {
    const body =
      task.step_id === 'a'
        ? { version: task.version, action: 'pass' as const, opinion: '同意', attachments: [] }
        : {
            version: task.version,
            action: 'return' as const,
            returnTo: 'a',
            opinion: '退回重办',
            attachments: [],
          };
    const done = await completeTask(deps, p, task.id, body);
    if (done.opened.length !== 1) throw new Error(`expected one opened task, got ${done.opened.length}`);
    task = { id: done.opened[0]!, step_id: task.step_id === 'a' ? 'b' : 'a', version: 1 };
    n++;
  }
  return n;
}
