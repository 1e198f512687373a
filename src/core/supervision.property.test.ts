/**
 * The binary search of nextCrossing against the plain day-by-day scan it replaced: for generated clocks
 * (working-day and working-hour limits, suspensions begun by then, three time zones, custom thresholds and overdue
 * marks) and generated instants, both give the same next instant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCalendar } from './builtin-calendar.ts';
import { type ClockInput, type ClockResult, computeClock, lightFor } from './clock.ts';
import { isoToDayNumber, localDateOf, zonedDayMinuteToInstant } from './dates.ts';
import {
  crossingPlan,
  DEFAULT_RULE_SET,
  firedRules,
  nextCrossing,
  planAt,
  type RuleSet,
} from './supervision.ts';

const calendar = builtinCalendar();
const FIRST = isoToDayNumber('2020-01-01');
const LAST_START = isoToDayNumber('2026-06-30');

/** The first midnight (or the due instant) whose state differs, trying every one in order. */
function scan(input: ClockInput, atMs: number, set: RuleSet, horizonDays = 400): number | null {
  const tz = input.timeZone ?? 'Asia/Shanghai';
  const now = computeClock(input, atMs);
  if (now.suspended || now.beyondCalendar !== undefined) return null;
  const marks = set.rules.flatMap((r) => (r.when === 'overdue' ? [r.minWorkingDays] : []));
  const sig = (r: ClockResult) =>
    `${lightFor(r, set.thresholds)}|${marks.filter((m) => r.overdue && (r.overdueWorkingDays ?? 0) >= m).length}`;
  const base = sig(now);
  if (now.overdue && (now.overdueWorkingDays ?? 0) >= Math.max(0, ...marks)) return null;
  const candidates: number[] = [];
  // overdue from the millisecond after the due instant: at the due instant itself that is still ahead
  if (now.dueAt !== null && now.dueAt >= atMs) candidates.push(now.dueAt + 1);
  const today = isoToDayNumber(localDateOf(atMs, tz));
  for (let d = today + 1; d <= today + horizonDays; d++) candidates.push(zonedDayMinuteToInstant(d, 0, tz));
  candidates.sort((a, b) => a - b);
  for (const t of candidates) {
    const r = computeClock(input, t);
    if (r.beyondCalendar !== undefined || sig(r) !== base) return t;
  }
  return null;
}

const startDay = fc.integer({ min: FIRST, max: LAST_START });
const startMinute = fc.integer({ min: 0, max: 24 * 60 - 1 });
const zone = fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York');
const limit = fc.oneof(
  fc.record({ value: fc.integer({ min: 1, max: 60 }), unit: fc.constant('working_days' as const) }),
  fc.record({ value: fc.integer({ min: 1, max: 40 }), unit: fc.constant('working_hours' as const) }),
);
const ruleSet = fc
  .record({
    days: fc.integer({ min: 0, max: 5 }),
    ratio: fc.constantFrom(0.5, 0.8, 0.9, 1),
    marks: fc.uniqueArray(fc.integer({ min: 1, max: 10 }), { maxLength: 3 }),
    caseLights: fc.subarray(['yellow', 'red'] as const),
  })
  .map(
    ({ days, ratio, marks, caseLights }): RuleSet => ({
      ...DEFAULT_RULE_SET,
      thresholds: {
        ...DEFAULT_RULE_SET.thresholds,
        yellowRemainingWorkingDays: days,
        yellowUsedRatio: ratio,
      },
      rules: [
        ...marks.map((m) => ({
          id: `late-${m}`,
          card: 'yellow' as const,
          subject: 'step' as const,
          when: 'overdue' as const,
          minWorkingDays: m,
        })),
        ...caseLights.map((light) => ({
          id: `case-${light}`,
          card: 'red' as const,
          subject: 'case' as const,
          when: 'light' as const,
          light,
        })),
      ],
    }),
  );

describe('next crossing by binary search', () => {
  it('finds the same instant as the day-by-day scan', () => {
    fc.assert(
      fc.property(
        startDay,
        startMinute,
        zone,
        limit,
        fc.integer({ min: 0, max: 90 * 24 * 60 }), // minutes from the start to "now"
        fc.option(
          fc.tuple(fc.integer({ min: 0, max: 20 * 24 * 60 }), fc.integer({ min: 1, max: 10 * 24 * 60 })),
        ),
        ruleSet,
        (dn, min, tz, lim, after, pause, set) => {
          const startedAt = zonedDayMinuteToInstant(dn, min, tz);
          const input: ClockInput = {
            startedAt,
            limit: lim,
            calendar,
            timeZone: tz,
            suspensions: pause
              ? [
                  {
                    reason: '专家评审',
                    startedAt: startedAt + pause[0] * 60_000,
                    endedAt: startedAt + (pause[0] + pause[1]) * 60_000,
                  },
                ]
              : [],
          };
          // A suspension is recorded when it begins, so none starts after "now".
          const at = startedAt + Math.max(after, pause ? pause[0] : 0) * 60_000;
          expect(nextCrossing(input, at, set)).toBe(scan(input, at, set));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('next crossing at the due instant itself', () => {
  // Found by the crossing-plan property (seed 637135932): at the due instant the clock is not overdue yet,
  // so its next crossing is the millisecond after, not the next midnight.
  it('is the millisecond after it, when the clock turns red', () => {
    const timeZone = 'Asia/Shanghai';
    const startedAt = zonedDayMinuteToInstant(isoToDayNumber('2020-08-27'), 505, timeZone);
    const input: ClockInput = { startedAt, limit: { value: 48, unit: 'working_days' }, calendar, timeZone };
    const set: RuleSet = {
      ...DEFAULT_RULE_SET,
      thresholds: { ...DEFAULT_RULE_SET.thresholds, yellowRemainingWorkingDays: 0, yellowUsedRatio: 0.5 },
      rules: [],
    };
    const dueAt = computeClock(input, startedAt).dueAt!;
    expect(new Date(dueAt).toISOString()).toBe('2020-11-09T09:30:00.000Z'); // 17:30 in Shanghai
    const atDue = computeClock(input, dueAt);
    expect([atDue.overdue, lightFor(atDue, set.thresholds)]).toEqual([false, 'yellow']);
    expect(nextCrossing(input, dueAt, set, atDue)).toBe(dueAt + 1);
    expect(lightFor(computeClock(input, dueAt + 1), set.thresholds)).toBe('red');
    expect(scan(input, dueAt, set)).toBe(dueAt + 1);
  });
});

describe('crossing plan', () => {
  it('gives the light and next crossing that recomputing gives, at any instant before its cards', () => {
    fc.assert(
      fc.property(
        startDay,
        startMinute,
        zone,
        limit,
        fc.integer({ min: 0, max: 30 * 24 * 60 }), // minutes from the start to the plan
        fc.array(fc.integer({ min: 0, max: 120 * 24 * 60 }), { minLength: 1, maxLength: 8 }), // later instants
        fc.constantFrom('step' as const, 'case' as const, null),
        ruleSet,
        (dn, min, tz, lim, after, laters, cards, set) => {
          const startedAt = zonedDayMinuteToInstant(dn, min, tz);
          const input: ClockInput = { startedAt, limit: lim, calendar, timeZone: tz };
          const at = startedAt + after * 60_000;
          const current = computeClock(input, at);
          const plan = crossingPlan(input, at, set, current, nextCrossing(input, at, set, current), cards);
          if (!plan) return;
          expect(plan.at).toEqual([...plan.at].sort((a, b) => a - b));
          for (const later of laters) {
            const t = at + later * 60_000;
            if (plan.cardsFrom !== null && t >= plan.cardsFrom) continue;
            const { light, next } = planAt(plan, lightFor(current, set.thresholds), t);
            if (light === undefined) continue;
            const r = computeClock(input, t);
            expect(light).toBe(lightFor(r, set.thresholds));
            expect(next).toBe(nextCrossing(input, t, set, r));
            if (cards)
              expect(
                firedRules({ subject: cards, clock: r }, set).filter(
                  (x) => x.when === 'light' || x.when === 'overdue',
                ),
              ).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
