/**
 * 容缺受理 that was not made good: a case whose owed materials were not supplied by the make-up deadline
 * is terminated. The supervision scheduler calls terminateOverdueDeferrals(deps, now) periodically; each
 * case is terminated in its own transaction (with its event and action-log entry), so one failure does
 * not hold back the others, and a case supplied meanwhile is left alone (re-checked under its row lock).
 */
import type { AppDeps } from '../../server/context.ts';
import { appendAction, systemActor } from '../audit/audit.log.ts';
import { recordEvent, SYSTEM_CASE_ACTOR } from '../cases/case-events.ts';
import { lockCase, updateCase } from '../cases/cases.queries.ts';
import { stopClock } from '../clock/clock.service.ts';

async function terminateOne(deps: AppDeps, caseId: string, now: Date): Promise<string | null> {
  return deps.db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, caseId);
    if (c?.status !== 'accepted' || !c.deferral_due_at || c.deferral_due_at >= now) return null;
    const owed = await trx
      .selectFrom('case_materials')
      .select('name')
      .where('case_id', '=', c.id)
      .where('status', '=', 'deferred')
      .execute();
    for (const id of [c.promised_clock_id, c.statutory_clock_id]) if (id) await stopClock(trx, id, now);
    await trx
      .updateTable('case_tasks')
      .set({ status: 'cancelled', completed_at: now })
      .where('case_id', '=', c.id)
      .where('status', '=', 'open')
      .execute();
    const reason = '容缺受理的材料未在承诺期限内补齐';
    await recordEvent(trx, c.id, SYSTEM_CASE_ACTOR, now, 'terminated', {
      reason,
      materials: owed.map((m) => m.name),
      deadline: c.deferral_due_at.toISOString(),
    });
    await updateCase(trx, c.id, now, { status: 'terminated', terminated_at: now, current_step: null });
    await appendAction(trx, systemActor('deferral-check'), now, {
      action: 'case.terminated',
      targetType: 'case',
      targetId: c.id,
      payload: { reason, caseNumber: c.case_number, materials: owed.map((m) => m.name) },
    });
    return c.id;
  });
}

/** Terminates every case whose 容缺 deadline passed before `now`; returns their ids. */
export async function terminateOverdueDeferrals(deps: AppDeps, now: Date): Promise<string[]> {
  const due = await deps.db
    .selectFrom('cases')
    .select('id')
    .where('status', '=', 'accepted')
    .where('deferral_due_at', '<', now)
    .orderBy('deferral_due_at')
    .execute();
  const done: string[] = [];
  for (const { id } of due) {
    const terminated = await terminateOne(deps, id, now);
    if (terminated) done.push(terminated);
  }
  return done;
}
