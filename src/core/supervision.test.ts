import { describe, expect, it } from 'vitest';
import { builtinCalendar } from './builtin-calendar.ts';
import { type ClockInput, computeClock } from './clock.ts';
import {
  assessmentScore,
  DEFAULT_RULE_SET,
  firedRules,
  gradeOf,
  nextCrossing,
  nextEscalationLevel,
  reminderInstants,
  replyDueAt,
} from './supervision.ts';

const calendar = builtinCalendar();
const bj = (local: string) => Date.parse(`${local}+08:00`);
// Accepted on Tue 2025-09-30 with 5 working days: due Tue 2025-10-14 at 17:30 (across National Day).
const clock = (extra: Partial<ClockInput> = {}): ClockInput => ({
  startedAt: bj('2025-09-30T10:00:00'),
  limit: { value: 5, unit: 'working_days' },
  calendar,
  ...extra,
});
const ids = (rules: { id: string }[]) => rules.map((r) => r.id);

describe('rules → cards', () => {
  it('gives nothing to a green case and a yellow card to a yellow one', () => {
    expect(
      firedRules(
        { subject: 'case', clock: computeClock(clock(), bj('2025-10-10T12:00:00')) },
        DEFAULT_RULE_SET,
      ),
    ).toEqual([]);
    const yellow = computeClock(clock(), bj('2025-10-13T09:00:00'));
    expect(ids(firedRules({ subject: 'case', clock: yellow }, DEFAULT_RULE_SET))).toEqual(['case-yellow']);
  });

  it('gives an overdue case both cards, and a step its cards by days overdue', () => {
    const red = computeClock(clock(), bj('2025-10-14T18:00:00'));
    expect(ids(firedRules({ subject: 'case', clock: red }, DEFAULT_RULE_SET))).toEqual([
      'case-yellow',
      'case-red',
    ]);
    expect(ids(firedRules({ subject: 'step', clock: red }, DEFAULT_RULE_SET))).toEqual([]); // late, but not 1 full working day
    const oneDay = computeClock(clock(), bj('2025-10-15T09:00:00'));
    expect(ids(firedRules({ subject: 'step', clock: oneDay }, DEFAULT_RULE_SET))).toEqual(['step-late-1']);
    const threeDays = computeClock(clock(), bj('2025-10-17T09:00:00'));
    expect(ids(firedRules({ subject: 'step', clock: threeDays }, DEFAULT_RULE_SET))).toEqual([
      'step-late-1',
      'step-late-3',
    ]);
  });

  it('cards a refusal without reasons and a correction notice given after 5 working days', () => {
    const c = computeClock(clock(), bj('2025-10-09T09:00:00'));
    const fired = firedRules(
      { subject: 'case', clock: c, refusedWithoutReasons: true, correctionNoticeWorkingDays: 6 },
      DEFAULT_RULE_SET,
    );
    expect(ids(fired)).toEqual(['refused-no-reason', 'late-correction']);
  });
});

describe('next crossing', () => {
  it('turns yellow at the start of the last working day but one, across the make-up Saturday', () => {
    // Oct 13 (Mon): 4 of 5 working days used, 1 left → yellow from local midnight.
    expect(nextCrossing(clock(), bj('2025-09-30T10:00:00'), DEFAULT_RULE_SET)).toBe(
      bj('2025-10-13T00:00:00'),
    );
  });

  it('then turns red just after the due instant, then counts overdue days at midnights', () => {
    const red = nextCrossing(clock(), bj('2025-10-13T00:00:00'), DEFAULT_RULE_SET);
    expect(red).toBe(bj('2025-10-14T17:30:00') + 1);
    expect(nextCrossing(clock(), red!, DEFAULT_RULE_SET)).toBe(bj('2025-10-15T00:00:00'));
    expect(nextCrossing(clock(), bj('2025-10-15T00:00:00'), DEFAULT_RULE_SET)).toBe(
      bj('2025-10-17T00:00:00'),
    );
    expect(nextCrossing(clock(), bj('2025-10-17T00:00:00'), DEFAULT_RULE_SET)).toBeNull();
  });

  it('has no crossing while suspended: only resuming changes the clock', () => {
    const paused = clock({ suspensions: [{ reason: '专家评审', startedAt: bj('2025-10-09T09:00:00') }] });
    expect(nextCrossing(paused, bj('2025-10-10T09:00:00'), DEFAULT_RULE_SET)).toBeNull();
  });

  it('agrees with the light computed at every hour up to the crossing', () => {
    const from = bj('2025-09-30T10:00:00');
    const crossing = nextCrossing(clock(), from, DEFAULT_RULE_SET)!;
    const sig = (t: number) =>
      ids(firedRules({ subject: 'case', clock: computeClock(clock(), t) }, DEFAULT_RULE_SET)).join();
    for (let t = from; t < crossing; t += 3_600_000) expect(sig(t)).toBe(sig(from));
    expect(sig(crossing)).not.toBe(sig(from));
  });
});

describe('reminders, replies and escalation', () => {
  it('reminds at office opening 3 and 1 working days before the due date', () => {
    const r = reminderInstants('2025-10-14', calendar, DEFAULT_RULE_SET, {
      after: bj('2025-09-30T10:00:00'),
    });
    expect(r).toEqual([
      { beforeWorkingDays: 3, at: bj('2025-10-10T08:30:00') },
      { beforeWorkingDays: 1, at: bj('2025-10-13T08:30:00') },
    ]);
    expect(
      reminderInstants('2025-10-14', calendar, DEFAULT_RULE_SET, { after: bj('2025-10-11T00:00:00') }),
    ).toHaveLength(1);
  });

  it('expects a reply within 2 working days, at office close', () => {
    expect(replyDueAt(bj('2025-09-30T10:00:00'), calendar, DEFAULT_RULE_SET)).toBe(bj('2025-10-10T17:30:00'));
  });

  it('escalates office → department → centre, then stops', () => {
    expect(nextEscalationLevel('office', DEFAULT_RULE_SET)).toBe('department');
    expect(nextEscalationLevel('department', DEFAULT_RULE_SET)).toBe('centre');
    expect(nextEscalationLevel('centre', DEFAULT_RULE_SET)).toBeNull();
  });
});

describe('assessment', () => {
  it('weights the components and maps the score to the four grades', () => {
    expect(assessmentScore({ onTimeRate: 1, earlyRate: 1, qualityRate: 1, supervisionRate: 1 })).toBe(100);
    const s = assessmentScore({ onTimeRate: 0.9, earlyRate: 0.5, qualityRate: 1, supervisionRate: 1 });
    expect(s).toBe(90);
    expect(gradeOf(s)).toBe('excellent');
    expect(gradeOf(89.9)).toBe('good');
    expect(gradeOf(60)).toBe('pass');
    expect(gradeOf(59.9)).toBe('fail');
  });
});
