import { STATS_RECURRING, STATS_TIMER_HANDLERS } from '../stats/stats.timers.ts';
import { crossingSweep } from '../supervision/supervision.batch.ts';
import { SUPERVISION_RECURRING, SUPERVISION_TIMER_HANDLERS } from '../supervision/supervision.timers.ts';
import { scheduleTimer } from './timers.ts';
import { SWEEPS, type TimerHandler, type TimerHandlers } from './worker.ts';

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

/** Every timer kind and sweep the scheduler knows. Modules add their handlers here. */
export const TIMER_HANDLERS: TimerHandlers = {
  'maintenance.cleanup': cleanup,
  ...SUPERVISION_TIMER_HANDLERS,
  ...STATS_TIMER_HANDLERS,
  // Clocks that crossed a threshold: refresh the cached light, move to the next crossing, give the cards due.
  [SWEEPS]: [crossingSweep],
};

/** Makes sure the recurring timers exist (idempotent; called when a server or worker starts). */
export async function ensureRecurringTimers(db: Parameters<TimerHandler>[0], now: Date) {
  const recurring = [
    { kind: 'maintenance.cleanup', key: 'daily' },
    ...SUPERVISION_RECURRING,
    ...STATS_RECURRING,
  ];
  await db
    .insertInto('timers')
    .values(recurring.map((r) => ({ ...r, due_at: now, payload: '{}', created_at: now })))
    .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
    .execute();
}
