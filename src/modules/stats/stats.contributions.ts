// What one case event adds to the statistics (pure). Definitions: docs/statistics.md.
import type { StatsCounter } from '../../db/schema.ts';

export interface Completion {
  /** Completed no later than the promised clock's due instant. */
  onTime: boolean;
  /** Completed on a day before the promised due date. */
  early: boolean;
  /** Working days used on the promised clock, suspensions excluded (null: outside the calendar). */
  workingDays: number | null;
  /** 到办事现场次数 of the item version the case was filed under. */
  visits: number;
}

export interface Contribution {
  counters: Partial<Record<StatsCounter, number>>;
  workingDays?: number;
}

const one = (...names: StatsCounter[]): Contribution => ({
  counters: Object.fromEntries(names.map((n) => [n, 1])),
});

const payloadOf = (p: unknown): Record<string, unknown> =>
  p && typeof p === 'object' ? (p as Record<string, unknown>) : {};

/**
 * The counters an event moves. Unknown event types (the engine adds its own) count nothing, except a
 * step sent back (type ending in "returned", or an action "return" — the engine's step_completed carries it
 * as payload.process.action), which counts as a return (quality).
 */
export function contributionOf(type: string, payload: unknown, completion?: Completion): Contribution | null {
  const p = payloadOf(payload);
  switch (type) {
    case 'received':
      return one('received');
    case 'accepted':
      return one('accepted');
    case 'deferred':
      return one('accepted', 'deferred');
    case 'refused':
      return one('refused');
    case 'correction_requested':
      return one('corrected');
    case 'terminated':
      return one('terminated');
    case 'completed': {
      if (!completion) return one('completed');
      const c: Contribution = one('completed');
      if (completion.onTime) c.counters.on_time = 1;
      else c.counters.overdue = 1;
      if (completion.early) c.counters.early = 1;
      c.counters.visits = completion.visits;
      if (completion.workingDays !== null) {
        c.counters.work_days = completion.workingDays;
        c.workingDays = completion.workingDays;
      }
      return c;
    }
    case 'supervision_card':
      return one(p.card === 'red' ? 'cards_red' : 'cards_yellow');
    case 'supervision_notice_issued':
      return one('notices');
    case 'supervision_notice_escalated':
      // The first escalation is the moment a notice went unanswered in time: a late reply (迟复).
      return p.escalations === 1 ? one('notices_late') : null;
  }
  const process = payloadOf(p.process);
  if (type.endsWith('returned') || p.action === 'return' || process.action === 'return')
    return one('returns');
  return null;
}

/** Nearest-rank percentile of a histogram {value → count}; null when empty. */
export function percentile(histogram: Map<number, number>, q: number): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value)!;
    if (seen >= rank) return value;
  }
  return null;
}
