// The statistics job on the scheduler: folds new case events into the summary tables.
import { scheduleTimer } from '../scheduler/timers.ts';
import type { TimerHandler } from '../scheduler/worker.ts';
import { consumeStats } from './stats.consumer.ts';

export const STATS_TIMER = 'stats.consume';
/** When caught up, look again after this long: the figures lag the events by at most about a minute. */
const STATS_EVERY_MS = 60_000;

export const STATS_TIMER_HANDLERS: Record<string, TimerHandler> = {
  [STATS_TIMER]: async (trx, timer, { now }) => {
    const n = await consumeStats(trx, now);
    const dueAt = new Date(now.getTime() + (n > 0 ? 0 : STATS_EVERY_MS));
    await scheduleTimer(trx, { kind: STATS_TIMER, key: timer.key, dueAt, now });
  },
};

export const STATS_RECURRING = [{ kind: STATS_TIMER, key: 'events' }];
