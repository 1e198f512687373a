import { CROSSING_TIMER, refreshClock } from '../clock/clock.service.ts';
import { scheduleTimer } from './timers.ts';
import type { TimerHandler, TimerHandlers } from './worker.ts';

const DAY = 86_400_000;

/** Deletes expired sessions and old login attempts, then schedules itself for the next day. */
const cleanup: TimerHandler = async (trx, _timer, { deps, now }) => {
  await trx.deleteFrom('sessions').where('expires_at', '<', now).execute();
  const keepFrom = new Date(now.getTime() - deps.config.LOGIN_WINDOW_MINUTES * 60_000 * 4);
  await trx.deleteFrom('login_attempts').where('at', '<', keepFrom).execute();
  await scheduleTimer(trx, {
    kind: 'maintenance.cleanup',
    key: 'daily',
    dueAt: new Date(now.getTime() + DAY),
    now,
  });
};

/** Every timer kind the scheduler knows. Modules add their handlers here. */
export const TIMER_HANDLERS: TimerHandlers = {
  'maintenance.cleanup': cleanup,
  // A clock crossed a threshold: refresh its cached light and schedule the next crossing.
  [CROSSING_TIMER]: async (trx, timer, { now }) => void (await refreshClock(trx, timer.key, now)),
};

/** Makes sure the recurring timers exist (idempotent; called when a server or worker starts). */
export async function ensureRecurringTimers(db: Parameters<TimerHandler>[0], now: Date) {
  await db
    .insertInto('timers')
    .values({ kind: 'maintenance.cleanup', key: 'daily', due_at: now, payload: '{}', created_at: now })
    .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
    .execute();
}
