// The scheduler's supervision jobs: notice escalation, reminders, meeting lists, intake facts.

import { scheduleTimer } from '../scheduler/timers.ts';
import type { TimerHandler } from '../scheduler/worker.ts';
import { consumeIntakeFacts } from './supervision.facts.ts';
import { ESCALATION_TIMER, escalateNotice } from './supervision.notices.ts';
import { compactLightCounts } from './supervision.queries.ts';
import {
  MEETING_TIMER,
  nextReminderRun,
  REMINDERS_TIMER,
  sendMeetingLists,
  sendStepReminders,
} from './supervision.reminders.ts';

export const FACTS_TIMER = 'supervision.facts';
/** Folds the light-count ledger (supervision_light_counts) so readers add up few rows per key. */
export const LIGHTS_COMPACT_TIMER = 'supervision.lights.compact';
const LIGHTS_COMPACT_EVERY_MS = 30_000;
/** How often the intake-facts consumer looks for new events when it is caught up. */
const FACTS_EVERY_MS = 60_000;

const since = (payload: unknown, now: Date) => {
  const s = (payload as { since?: unknown } | null)?.since;
  return typeof s === 'string' && !Number.isNaN(Date.parse(s))
    ? new Date(s)
    : new Date(now.getTime() - 86_400_000);
};

export const SUPERVISION_TIMER_HANDLERS: Record<string, TimerHandler> = {
  [ESCALATION_TIMER]: async (trx, timer, { now }) => void (await escalateNotice(trx, timer.key, now)),
  [REMINDERS_TIMER]: async (trx, timer, { now }) => {
    await sendStepReminders(trx, since(timer.payload, now), now);
    await scheduleTimer(trx, {
      kind: REMINDERS_TIMER,
      key: timer.key,
      dueAt: await nextReminderRun(trx, now),
      payload: { since: now.toISOString() },
      now,
    });
  },
  [MEETING_TIMER]: async (trx, timer, { now }) => {
    const p = timer.payload as { meetingId?: string; beforeWorkingDays?: number };
    if (p.meetingId) await sendMeetingLists(trx, p.meetingId, p.beforeWorkingDays ?? 0, now);
  },
  [LIGHTS_COMPACT_TIMER]: async (trx, timer, { now }) => {
    await compactLightCounts(trx);
    const dueAt = new Date(now.getTime() + LIGHTS_COMPACT_EVERY_MS);
    await scheduleTimer(trx, { kind: LIGHTS_COMPACT_TIMER, key: timer.key, dueAt, now });
  },
  [FACTS_TIMER]: async (trx, timer, { now }) => {
    const n = await consumeIntakeFacts(trx, now);
    const dueAt = new Date(now.getTime() + (n > 0 ? 0 : FACTS_EVERY_MS));
    await scheduleTimer(trx, { kind: FACTS_TIMER, key: timer.key, dueAt, now });
  },
};

/** Recurring supervision timers (idempotent): reminders, the intake-facts consumer, the light-count fold. */
export const SUPERVISION_RECURRING = [
  { kind: REMINDERS_TIMER, key: 'daily' },
  { kind: FACTS_TIMER, key: 'events' },
  { kind: LIGHTS_COMPACT_TIMER, key: 'counts' },
];
