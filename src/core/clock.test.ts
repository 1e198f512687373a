import { describe, expect, it } from 'vitest';
import { builtinCalendar } from './builtin-calendar.ts';
import {
  type ClockInput,
  computeClock,
  DEFAULT_EXTENSION_JOINT,
  DEFAULT_EXTENSION_SINGLE,
  lightFor,
  validateExtension,
} from './clock.ts';
import { zonedInstant } from './dates.ts';

const calendar = builtinCalendar();
/** Beijing wall-clock time → epoch ms. */
const bj = (date: string, time = '10:00') => zonedInstant(date, time, 'Asia/Shanghai');

/** National Day 2025 case: 5 working days from Tue 2025-09-30 (Oct 1–8 off, Sat Oct 11 a make-up day). */
const base: ClockInput = { startedAt: bj('2025-09-30'), limit: { value: 5, unit: 'working_days' }, calendar };
const expertReview = { reason: '专家评审', kind: 'expert_review' as const };

describe('computeClock: working days', () => {
  it('makes "5 working days from 2025-09-30" due on 2025-10-14 at 17:30 Beijing time', () => {
    const r = computeClock(base, bj('2025-10-09'));
    expect(r.dueDate).toBe('2025-10-14');
    expect(r.baseDueDate).toBe('2025-10-14');
    expect(r.dueAt).toBe(Date.UTC(2025, 9, 14, 9, 30));
    expect(r.startDate).toBe('2025-09-30');
  });

  it('never counts the start day, whatever the time of day', () => {
    for (const time of ['00:00', '08:00', '17:29', '23:59']) {
      expect(computeClock({ ...base, startedAt: bj('2025-09-30', time) }, bj('2025-10-09')).dueDate).toBe(
        '2025-10-14',
      );
    }
  });

  it("takes the start date in the centre's time zone, not UTC", () => {
    const startedAt = Date.UTC(2025, 9, 10, 16, 30); // Sat 2025-10-11 00:30 in Beijing, Fri in UTC
    const limit = { value: 1, unit: 'working_days' } as const;
    expect(computeClock({ startedAt, limit, calendar }, startedAt).dueDate).toBe('2025-10-13');
    expect(computeClock({ startedAt, limit, calendar, timeZone: 'UTC' }, startedAt).dueDate).toBe(
      '2025-10-11',
    );
  });

  it('reports used and remaining working days as time passes', () => {
    const at = (date: string, time?: string) => computeClock(base, bj(date, time));
    expect(at('2025-09-30')).toMatchObject({ usedWorkingDays: 0, remainingWorkingDays: 5, overdue: false });
    expect(lightFor(at('2025-09-30'))).toBe('green');
    expect(at('2025-10-05')).toMatchObject({ usedWorkingDays: 0, remainingWorkingDays: 5 });
    expect(at('2025-10-11')).toMatchObject({ usedWorkingDays: 3, remainingWorkingDays: 2 });
    expect(lightFor(at('2025-10-11'))).toBe('green');
    expect(at('2025-10-13')).toMatchObject({ usedWorkingDays: 4, remainingWorkingDays: 1 });
    expect(lightFor(at('2025-10-13'))).toBe('yellow');
    expect(at('2025-10-14', '17:30')).toMatchObject({ remainingWorkingDays: 0, overdue: false });
  });

  it('turns red after office close on the due date, with remaining 0 and then negative', () => {
    const evening = computeClock(base, bj('2025-10-14', '17:31'));
    expect(evening).toMatchObject({ overdue: true, remainingWorkingDays: 0, overdueWorkingDays: 0 });
    expect(lightFor(evening)).toBe('red');
    const later = computeClock(base, bj('2025-10-16'));
    expect(later).toMatchObject({ overdue: true, remainingWorkingDays: -2, overdueWorkingDays: 2 });
    expect(later.usedWorkingDays).toBe(7);
  });

  it('gives an extension of 10 working days exactly 10 more working days', () => {
    const ext = { days: 10, reason: '情况复杂', approvedBy: '主任' };
    const r = computeClock({ ...base, extensions: [ext] }, bj('2025-10-16'));
    expect(r).toMatchObject({ baseDueDate: '2025-10-14', dueDate: '2025-10-28', extendedWorkingDays: 10 });
    expect(r).toMatchObject({ overdue: false, usedWorkingDays: 7, remainingWorkingDays: 8 });
  });

  it('is due on the next working day when a 0-day limit starts on a holiday', () => {
    const r = computeClock(
      { ...base, startedAt: bj('2025-10-03'), limit: { value: 0, unit: 'working_days' } },
      0,
    );
    expect(r.dueDate).toBe('2025-10-09');
  });
});

describe('computeClock: suspensions (特别程序)', () => {
  it('pauses the clock during an expert review', () => {
    // [Fri Oct 10, Tue Oct 14): Fri 10, Sat 11 (make-up), Mon 13 are not counted
    const suspensions = [
      { ...expertReview, startedAt: bj('2025-10-10', '09:00'), endedAt: bj('2025-10-14', '09:00') },
    ];
    const r = computeClock({ ...base, suspensions }, bj('2025-10-15'));
    expect(r).toMatchObject({ baseDueDate: '2025-10-14', dueDate: '2025-10-17', suspendedWorkingDays: 3 });
    expect(r).toMatchObject({ usedWorkingDays: 3, remainingWorkingDays: 2, suspended: false });
  });

  it('does not move the due date for a suspension that only covers a weekend', () => {
    const suspensions = [
      { ...expertReview, startedAt: bj('2025-10-18', '09:00'), endedAt: bj('2025-10-20', '08:00') },
    ];
    const r = computeClock({ ...base, startedAt: bj('2025-10-15'), suspensions }, bj('2025-10-21'));
    expect(r).toMatchObject({ baseDueDate: '2025-10-22', dueDate: '2025-10-22', suspendedWorkingDays: 0 });
  });

  it('counts nothing for a suspension that starts and ends on the same day', () => {
    const suspensions = [
      { ...expertReview, startedAt: bj('2025-10-09', '09:00'), endedAt: bj('2025-10-09', '16:00') },
    ];
    expect(computeClock({ ...base, suspensions }, bj('2025-10-10')).dueDate).toBe('2025-10-14');
  });

  it('counts an open suspension up to and including the day of evaluation, and never goes red while paused', () => {
    const suspensions = [{ reason: '检测', kind: 'testing' as const, startedAt: bj('2025-10-13', '11:00') }];
    const r = computeClock({ ...base, suspensions }, bj('2025-10-20', '18:00'));
    // 3 days used (Oct 9, 10, 11); Mon 13 … Mon 20 suspended (6 working days); 2 days left from Oct 21
    expect(r).toMatchObject({
      suspended: true,
      suspendedWorkingDays: 6,
      dueDate: '2025-10-22',
      overdue: false,
    });
    expect(r).toMatchObject({ usedWorkingDays: 3, remainingWorkingDays: 2 });
    expect(lightFor(r)).toBe('suspended');
  });

  it('treats a resumption later than the evaluation instant as still open', () => {
    const suspensions = [
      { ...expertReview, startedAt: bj('2025-10-13', '11:00'), endedAt: bj('2025-10-30') },
    ];
    const r = computeClock({ ...base, suspensions }, bj('2025-10-20', '18:00'));
    expect(r).toMatchObject({ suspended: true, dueDate: '2025-10-22' });
  });

  it('ignores a suspension that has not started yet at the evaluation instant', () => {
    const suspensions = [{ ...expertReview, startedAt: bj('2025-10-13', '11:00') }];
    const r = computeClock({ ...base, suspensions }, bj('2025-10-10'));
    expect(r).toMatchObject({ suspended: false, dueDate: '2025-10-14', suspendedWorkingDays: 0 });
  });

  it('runs a mid-process correction on the applicant’s clock', () => {
    const suspensions = [
      {
        reason: '补正材料',
        kind: 'applicant_correction' as const,
        startedAt: bj('2025-10-09'),
        endedAt: bj('2025-10-10'),
      },
    ];
    expect(computeClock({ ...base, suspensions }, bj('2025-10-10')).dueDate).toBe('2025-10-15');
  });

  it('counts overlapping suspensions once', () => {
    const suspensions = [
      { ...expertReview, startedAt: bj('2025-10-09'), endedAt: bj('2025-10-13') },
      { reason: '检验', startedAt: bj('2025-10-10'), endedAt: bj('2025-10-14') },
    ];
    const r = computeClock({ ...base, suspensions }, bj('2025-10-20'));
    expect(r).toMatchObject({ suspendedWorkingDays: 4, dueDate: '2025-10-20' });
  });

  it('cannot revive a clock that has already run out', () => {
    const suspensions = [{ ...expertReview, startedAt: bj('2025-10-16'), endedAt: bj('2025-10-20') }];
    const r = computeClock({ ...base, suspensions }, bj('2025-10-21'));
    expect(r).toMatchObject({
      dueDate: '2025-10-14',
      overdue: true,
      suspendedWorkingDays: 0,
      overdueWorkingDays: 5,
    });
    expect(lightFor(r)).toBe('red');
  });

  it('ignores the part of a suspension before the case started', () => {
    const suspensions = [{ ...expertReview, startedAt: bj('2025-09-01'), endedAt: bj('2025-10-10') }];
    expect(computeClock({ ...base, suspensions }, bj('2025-10-10')).suspendedWorkingDays).toBe(1);
  });
});

describe('computeClock: other units', () => {
  it('counts natural days and moves a due date on a day off to the next working day', () => {
    const natural = (start: string, value: number) =>
      computeClock({ startedAt: bj(start), limit: { value, unit: 'natural_days' }, calendar }, bj(start))
        .dueDate;
    expect(natural('2025-09-20', 10)).toBe('2025-09-30');
    expect(natural('2025-09-25', 7)).toBe('2025-10-09'); // Oct 2 is a holiday
    expect(natural('2025-10-01', 10)).toBe('2025-10-11'); // a make-up Saturday is a working day
  });

  it('makes a same-day item due at office close, or on the next working day', () => {
    const sameDay = (date: string, time: string) =>
      computeClock(
        { startedAt: bj(date, time), limit: { value: 0, unit: 'same_day' }, calendar },
        bj(date, time),
      );
    expect(sameDay('2025-10-10', '10:00')).toMatchObject({
      dueDate: '2025-10-10',
      dueAt: bj('2025-10-10', '17:30'),
    });
    expect(sameDay('2025-10-12', '10:00').dueDate).toBe('2025-10-13');
    expect(sameDay('2025-10-10', '17:45').dueDate).toBe('2025-10-11'); // after close → next working day
  });

  it('counts working hours within office hours', () => {
    const hours = (date: string, time: string, value: number) =>
      computeClock(
        { startedAt: bj(date, time), limit: { value, unit: 'working_hours' }, calendar },
        bj(date, time),
      );
    expect(hours('2025-10-10', '16:00', 4).dueAt).toBe(bj('2025-10-11', '11:00')); // into the make-up Saturday
    expect(hours('2025-10-09', '07:00', 2).dueAt).toBe(bj('2025-10-09', '10:30'));
    expect(hours('2025-10-09', '15:30', 2).dueAt).toBe(bj('2025-10-09', '17:30'));
    expect(hours('2025-09-30', '12:00', 20).dueAt).toBe(bj('2025-10-10', '14:00')); // 5.5 h + 9 h + 5.5 h
    expect(hours('2025-10-04', '12:00', 1.5).dueAt).toBe(bj('2025-10-09', '10:00'));
  });
});

describe('computeClock: beyond the calendar and bad input', () => {
  it('flags a due date beyond the configured calendar instead of throwing', () => {
    const r = computeClock(
      { ...base, startedAt: bj('2026-12-20'), limit: { value: 20, unit: 'working_days' } },
      0,
    );
    expect(r).toMatchObject({ beyondCalendar: 2027, dueDate: null, dueAt: null, usedWorkingDays: null });
    expect(lightFor(r)).toBe('yellow');
  });

  it('still knows a case is overdue when only the evaluation date is beyond the calendar', () => {
    const r = computeClock({ ...base, startedAt: bj('2026-11-02') }, bj('2027-01-05'));
    expect(r).toMatchObject({ beyondCalendar: 2027, dueDate: '2026-11-09', overdue: true });
    expect(lightFor(r)).toBe('red');
  });

  it('accepts Date objects as well as epoch milliseconds', () => {
    const asDates = computeClock(
      { ...base, startedAt: new Date(bj('2025-09-30')) },
      new Date(bj('2025-10-13')),
    );
    expect(asDates).toEqual(computeClock(base, bj('2025-10-13')));
  });

  it('rejects invalid input', () => {
    const at = bj('2025-10-10');
    expect(() => computeClock({ ...base, limit: { value: -1, unit: 'working_days' } }, at)).toThrow(
      RangeError,
    );
    expect(() => computeClock({ ...base, limit: { value: 1.5, unit: 'working_days' } }, at)).toThrow(
      RangeError,
    );
    expect(() => computeClock({ ...base, officeOpen: '18:00' }, at)).toThrow(RangeError);
    expect(() =>
      computeClock({ ...base, extensions: [{ days: -2, reason: '', approvedBy: '' }] }, at),
    ).toThrow();
    const backwards = [{ ...expertReview, startedAt: bj('2025-10-09'), endedAt: bj('2025-10-08') }];
    expect(() => computeClock({ ...base, suspensions: backwards }, at)).toThrow(RangeError);
  });
});

describe('lights and extensions', () => {
  it('turns yellow when 80% of the time is used, with configurable thresholds', () => {
    const twenty = {
      ...base,
      startedAt: bj('2025-03-03'),
      limit: { value: 20, unit: 'working_days' as const },
    };
    const r = computeClock(twenty, bj('2025-03-25')); // 16 of 20 used
    expect(r).toMatchObject({ usedWorkingDays: 16, remainingWorkingDays: 4 });
    expect(lightFor(r)).toBe('yellow');
    expect(lightFor(r, { yellowRemainingWorkingDays: 1, yellowUsedRatio: 0.9 })).toBe('green');
    expect(lightFor(computeClock(twenty, bj('2025-03-24')))).toBe('green');
  });

  it('validates extensions against the statutory maximum', () => {
    expect(DEFAULT_EXTENSION_SINGLE).toBe(10);
    expect(DEFAULT_EXTENSION_JOINT).toBe(15);
    expect(validateExtension(10, 0, DEFAULT_EXTENSION_SINGLE)).toEqual({
      ok: true,
      days: 10,
      totalAfter: 10,
    });
    expect(validateExtension(6, 5, 10)).toMatchObject({ ok: false, code: 'exceeds_limit', allowedDays: 5 });
    expect(validateExtension(0, 0, 10)).toMatchObject({ ok: false, code: 'invalid_days' });
    expect(validateExtension(2.5, 0, 10)).toMatchObject({ ok: false, code: 'invalid_days' });
    expect(validateExtension(1, 15, 15)).toMatchObject({ ok: false, allowedDays: 0 });
  });
});
