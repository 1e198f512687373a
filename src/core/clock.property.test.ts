/**
 * Property tests for the calendar and the clock. Generated start dates stay in 2020-01-01 … 2026-03-31 and
 * the generated amounts are small enough that every result stays inside the built-in 2020–2026 calendar.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCalendar } from './builtin-calendar.ts';
import {
  type ClockComputed,
  type ClockInput,
  type ClockSuspension,
  clockAdvancer,
  computeClock,
} from './clock.ts';
import { dayNumberToIso, isoToDayNumber, MS_PER_DAY, zonedDayMinuteToInstant } from './dates.ts';

const calendar = builtinCalendar();
const FIRST = isoToDayNumber('2020-01-01');
const LAST_START = isoToDayNumber('2026-03-31');

const day = fc.integer({ min: FIRST, max: LAST_START });
const minute = fc.integer({ min: 0, max: 24 * 60 - 1 });
const zone = fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York');
const count = fc.integer({ min: 0, max: 60 });

const at = (dn: number, min: number, tz: string) => zonedDayMinuteToInstant(dn, min, tz);

function computed(input: ClockInput, when: number): ClockComputed {
  const r = computeClock(input, when);
  if (r.beyondCalendar !== undefined)
    throw new Error(`unexpectedly beyond the calendar: ${r.beyondCalendar}`);
  return r;
}

/** A case started on `dn` at `min` in `tz` with a limit of `n` working days. */
function caseInput(dn: number, min: number, tz: string, n: number): ClockInput {
  return { startedAt: at(dn, min, tz), limit: { value: n, unit: 'working_days' }, calendar, timeZone: tz };
}

const FAR_FUTURE = at(isoToDayNumber('2026-12-31'), 0, 'UTC');

describe('calendar properties', () => {
  it('adding m then n working days equals adding m + n', () => {
    fc.assert(
      fc.property(day, count, count, (dn, m, n) => {
        const from = dayNumberToIso(dn);
        expect(calendar.addWorkingDays(calendar.addWorkingDays(from, m), n)).toBe(
          calendar.addWorkingDays(from, m + n),
        );
      }),
    );
  });

  it('counts back exactly the working days it added', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 120 }), (dn, n) => {
        const from = dayNumberToIso(dn);
        const to = calendar.addWorkingDays(from, n);
        expect(calendar.countWorkingDays(from, to)).toBe(n);
        if (n > 0) expect(calendar.isWorkingDay(to)).toBe(true);
      }),
    );
  });
});

describe('clock properties', () => {
  const suspension = fc.record({
    offset: fc.integer({ min: -5, max: 60 }),
    length: fc.integer({ min: 0, max: 20 }),
    startMin: minute,
    endMin: minute,
    open: fc.boolean(),
  });
  const unit = fc.constantFrom('working_days', 'natural_days', 'same_day', 'working_hours') as fc.Arbitrary<
    ClockInput['limit']['unit']
  >;
  /** A clock of any unit, with up to three suspensions (some still open) and two extensions. */
  const generatedClock = fc
    .record({
      dn: day,
      min: minute,
      tz: zone,
      u: unit,
      n: count,
      susp: fc.array(suspension, { maxLength: 3 }),
      ext: fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 2 }),
    })
    .map(({ dn, min, tz, u, n, susp, ext }) => {
      const suspensions: ClockSuspension[] = susp.map((s) => ({
        reason: '鉴定',
        startedAt: at(dn + s.offset, s.startMin, tz),
        endedAt: s.open
          ? null
          : at(dn + s.offset + s.length, s.endMin, tz) + (s.length === 0 ? MS_PER_DAY : 0),
      }));
      const extensions = ext.map((days) => ({ days, reason: '延期', approvedBy: '主任' }));
      const input: ClockInput = {
        ...caseInput(dn, min, tz, n),
        limit: { value: n, unit: u },
        suspensions,
        extensions,
      };
      return { dn, min, tz, input };
    });

  it('always puts the due date on a working day', () => {
    fc.assert(
      fc.property(generatedClock, fc.integer({ min: 0, max: 90 }), ({ dn, min, tz, input }, later) => {
        const r = computed(input, at(dn + later, min, tz));
        expect(calendar.isWorkingDay(r.dueDate)).toBe(true);
        expect(r.dueDate >= r.baseDueDate).toBe(true);
      }),
    );
  });

  it('advances a clock to a later instant exactly as computing it afresh would', () => {
    fc.assert(
      fc.property(
        generatedClock,
        fc.integer({ min: 0, max: 90 * 24 * 60 }),
        fc.array(fc.integer({ min: 0, max: 400 * 24 * 60 }), { minLength: 1, maxLength: 5 }),
        ({ dn, min, tz, input }, afterMin, laterMins) => {
          const now = at(dn, min, tz) + afterMin * 60_000;
          const result = computeClock(input, now);
          const advance = clockAdvancer(input, result, now);
          const canAdvance =
            !result.suspended &&
            result.beyondCalendar === undefined &&
            (input.suspensions ?? []).every(
              (s) => s.endedAt != null && (s.endedAt as number) <= now && (s.startedAt as number) <= now,
            );
          if (!canAdvance) {
            expect(advance).toBeUndefined();
            return;
          }
          expect(advance).toBeDefined();
          expect(advance!(now - 1)).toBeUndefined();
          for (const m of laterMins) {
            const later = now + m * 60_000;
            const fresh = computeClock(input, later);
            const moved = advance!(later);
            if (fresh.beyondCalendar !== undefined) expect(moved).toBeUndefined();
            else expect(moved).toEqual(fresh);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('moves the due date by exactly the k working days a suspension covers', () => {
    fc.assert(
      fc.property(day, minute, zone, fc.integer({ min: 1, max: 60 }), suspension, (dn, min, tz, n, s) => {
        const input = caseInput(dn, min, tz, n);
        const due0 = isoToDayNumber(computed(input, input.startedAt as number).dueDate);
        const a = dn + 1 + (Math.abs(s.offset) % (due0 - dn)); // starts on a day in (start, due]
        const b = a + s.length; // resumes on day b: days a … b-1 are suspended
        const endedAt = at(b, s.endMin, tz);
        const startedAt = Math.min(at(a, s.startMin, tz), endedAt);
        const k = calendar.countWorkingDays(dayNumberToIso(a - 1), dayNumberToIso(b - 1));
        const r = computed({ ...input, suspensions: [{ reason: '听证', startedAt, endedAt }] }, endedAt + 1);
        expect(r.suspendedWorkingDays).toBe(k);
        expect(r.dueDate).toBe(calendar.addWorkingDays(dayNumberToIso(due0), k));
      }),
    );
  });

  it('does not move the due date for a suspension that starts after the time ran out', () => {
    fc.assert(
      fc.property(day, minute, zone, fc.integer({ min: 1, max: 60 }), suspension, (dn, min, tz, n, s) => {
        const input = caseInput(dn, min, tz, n);
        const due0 = computed(input, FAR_FUTURE).dueDate;
        const a = isoToDayNumber(due0) + 1 + (Math.abs(s.offset) % 10);
        const suspensions = [
          { reason: '拍卖', startedAt: at(a, s.startMin, tz), endedAt: at(a + s.length + 1, 0, tz) },
        ];
        const r = computed({ ...input, suspensions }, FAR_FUTURE);
        expect(r).toMatchObject({ dueDate: due0, suspendedWorkingDays: 0, overdue: true });
      }),
    );
  });

  it('does not move the due date for a suspension entirely inside days off', () => {
    fc.assert(
      fc.property(
        day,
        minute,
        zone,
        fc.integer({ min: 1, max: 60 }),
        minute,
        minute,
        fc.nat(),
        (dn, min, tz, n, m1, m2, pick) => {
          const input = caseInput(dn, min, tz, n);
          const due0 = computed(input, FAR_FUTURE).dueDate;
          let p = dn + 1 + (pick % 30);
          while (calendar.isWorkingDayNumber(p)) p++;
          let q = p; // [p, q] is a run of days off, q + 1 the next working day
          while (!calendar.isWorkingDayNumber(q + 1)) q++;
          const a = p + (pick % (q - p + 1));
          const b = a + 1 + ((pick >> 3) % (q + 1 - a)); // resumes on a day in (a, q + 1]
          const suspensions = [{ reason: '检疫', startedAt: at(a, m1, tz), endedAt: at(b, m2, tz) }];
          const r = computed({ ...input, suspensions }, FAR_FUTURE);
          expect(r.suspendedWorkingDays).toBe(0);
          expect(r.dueDate).toBe(due0);
        },
      ),
    );
  });

  it('moves the due date by exactly k working days for an extension of k', () => {
    fc.assert(
      fc.property(day, minute, zone, unit, count, fc.integer({ min: 0, max: 15 }), (dn, min, tz, u, n, k) => {
        const input: ClockInput = { ...caseInput(dn, min, tz, n), limit: { value: n, unit: u } };
        const before = computed(input, FAR_FUTURE);
        const after = computed(
          { ...input, extensions: [{ days: k, reason: '复杂', approvedBy: '局长' }] },
          FAR_FUTURE,
        );
        expect(after.dueDate).toBe(calendar.addWorkingDays(before.dueDate, k));
        expect(after.baseDueDate).toBe(before.baseDueDate);
      }),
    );
  });

  it('splits the budget into used + remaining until the due date, whatever the time of day', () => {
    fc.assert(
      fc.property(
        day,
        minute,
        minute,
        zone,
        fc.integer({ min: 1, max: 60 }),
        fc.nat(),
        (dn, min, min2, tz, n, pick) => {
          const input = caseInput(dn, min, tz, n);
          const due = isoToDayNumber(computed(input, FAR_FUTURE).dueDate);
          expect(computed(caseInput(dn, min2, tz, n), FAR_FUTURE).dueDate).toBe(dayNumberToIso(due));
          const today = dn + (pick % (due - dn + 1));
          const r = computed(input, at(today, Math.min(min2, 17 * 60), tz));
          expect(r.overdue).toBe(false);
          expect(r.usedWorkingDays + r.remainingWorkingDays).toBe(n);
          const late = computed(input, at(due + 1 + (pick % 20), min2, tz));
          expect(late.overdue).toBe(true);
          expect(late.remainingWorkingDays + late.overdueWorkingDays).toBe(0);
          expect(late.usedWorkingDays).toBe(n + late.overdueWorkingDays);
        },
      ),
    );
  });
});
