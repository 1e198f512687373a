import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarDay, CalendarNotConfiguredError, WorkingCalendar } from './calendar.ts';
import { addDays, dayNumberToIso, isoToDayNumber, weekday } from './dates.ts';

/** A small made-up calendar: 2030 only, with a holiday and a make-up Saturday. */
const days2030: CalendarDay[] = [
  { date: '2030-05-01', isOffDay: true, name: '劳动节' }, // Wednesday
  { date: '2030-05-02', isOffDay: true, name: '劳动节' }, // Thursday
  { date: '2030-05-04', isOffDay: false, name: '劳动节调休上班' }, // Saturday
];
const cal2030 = new WorkingCalendar([2030], days2030);

/** Day-by-day reference implementation. */
function slowAdd(cal: WorkingCalendar, from: string, n: number): string {
  let d = from;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (cal.isWorkingDay(d)) left--;
  }
  return d;
}

describe('WorkingCalendar', () => {
  it('uses Monday–Friday inside a covered year, overridden by the entries', () => {
    expect(weekday('2030-04-29')).toBe(1);
    expect(cal2030.isWorkingDay('2030-04-29')).toBe(true);
    expect(cal2030.isWorkingDay('2030-04-27')).toBe(false); // Saturday
    expect(cal2030.isWorkingDay('2030-05-01')).toBe(false); // holiday
    expect(cal2030.isWorkingDay('2030-05-04')).toBe(true); // make-up Saturday
    expect(cal2030.dayInfo('2030-05-01')).toEqual({ date: '2030-05-01', working: false, name: '劳动节' });
    expect(cal2030.dayInfo('2030-05-03')).toEqual({ date: '2030-05-03', working: true });
  });

  it('never counts the start day and returns it for n = 0', () => {
    expect(cal2030.addWorkingDays('2030-04-30', 0)).toBe('2030-04-30');
    expect(cal2030.addWorkingDays('2030-04-27', 0)).toBe('2030-04-27');
    expect(cal2030.addWorkingDays('2030-04-29', 1)).toBe('2030-04-30');
    expect(cal2030.addWorkingDays('2030-04-30', 1)).toBe('2030-05-03');
    expect(cal2030.addWorkingDays('2030-04-30', 2)).toBe('2030-05-04');
    expect(cal2030.addWorkingDays('2030-04-30', 3)).toBe('2030-05-06');
    expect(cal2030.addWorkingDays('2030-05-01', 1)).toBe('2030-05-03');
  });

  it('counts working days in (from, to]', () => {
    expect(cal2030.countWorkingDays('2030-04-30', '2030-05-06')).toBe(3);
    expect(cal2030.countWorkingDays('2030-04-30', '2030-04-30')).toBe(0);
    expect(cal2030.countWorkingDays('2030-05-06', '2030-04-30')).toBe(0);
    expect(cal2030.countWorkingDays('2030-04-29', '2030-04-30')).toBe(1);
    expect(cal2030.countWorkingDays('2030-05-01', '2030-05-02')).toBe(0);
  });

  it('finds the next working day on or after a date', () => {
    expect(cal2030.nextWorkingDayOnOrAfter('2030-04-30')).toBe('2030-04-30');
    expect(cal2030.nextWorkingDayOnOrAfter('2030-05-01')).toBe('2030-05-03');
    expect(cal2030.nextWorkingDayOnOrAfter('2030-05-05')).toBe('2030-05-06');
  });

  it('adds natural days without needing coverage', () => {
    expect(cal2030.addNaturalDays('2030-12-25', 10)).toBe('2031-01-04');
    expect(() => cal2030.addNaturalDays('2030-12-25', 1.5)).toThrow(RangeError);
  });

  it('refuses to guess about a year that is not configured', () => {
    const err = (() => {
      try {
        cal2030.isWorkingDay('2031-01-02');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CalendarNotConfiguredError);
    expect((err as CalendarNotConfiguredError).year).toBe(2031);
    expect((err as CalendarNotConfiguredError).message).toBe('calendar for 2031 is not configured');
    expect((err as CalendarNotConfiguredError).messageZh).toBe('2031 年的工作日历尚未配置');
    expect(() => cal2030.addWorkingDays('2030-12-27', 5)).toThrow('calendar for 2031 is not configured');
    expect(() => cal2030.countWorkingDays('2030-12-27', '2031-01-03')).toThrow(CalendarNotConfiguredError);
    expect(() => cal2030.addWorkingDays('2029-12-31', 1)).not.toThrow();
    expect(() => cal2030.addWorkingDays('2029-12-30', 1)).toThrow('calendar for 2029 is not configured');
    expect(() => cal2030.addWorkingDays('2035-06-01', 1)).toThrow('calendar for 2035 is not configured');
    expect(() => new WorkingCalendar([], []).isWorkingDay('2030-01-02')).toThrow(CalendarNotConfiguredError);
  });

  it('does not jump over a gap in the covered years', () => {
    const cal = new WorkingCalendar([2030, 2032], []);
    expect(() => cal.addWorkingDays('2030-12-30', 5)).toThrow('calendar for 2031 is not configured');
    expect(cal.addWorkingDays('2032-01-01', 1)).toBe('2032-01-02');
    expect(cal.coveredYears()).toEqual([2030, 2032]);
  });

  it('rejects invalid input', () => {
    expect(() => cal2030.addWorkingDays('2030-02-30', 1)).toThrow(RangeError);
    expect(() => cal2030.addWorkingDays('2030-02-03', -1)).toThrow(RangeError);
    expect(() => cal2030.addWorkingDays('2030-02-03', 1.5)).toThrow(RangeError);
    expect(() => new WorkingCalendar([2030], [{ date: '2030-02-30', isOffDay: true, name: 'x' }])).toThrow(
      RangeError,
    );
  });

  it('merges layers: national, then year overrides replacing a whole year, then local days off', () => {
    const cal = WorkingCalendar.fromLayers({
      national: {
        years: [2030, 2031],
        days: [...days2030, { date: '2031-01-01', isOffDay: true, name: '元旦' }],
      },
      yearOverrides: [
        { year: 2031, days: [{ date: '2031-01-02', isOffDay: true, name: '元旦' }] },
        { year: 2032, days: [] },
      ],
      localDaysOff: [{ date: '2030-05-06', name: '中心搬迁' }],
    });
    expect(cal.coveredYears()).toEqual([2030, 2031, 2032]);
    expect(cal.isWorkingDay('2030-05-01')).toBe(false);
    expect(cal.isWorkingDay('2030-05-04')).toBe(true);
    expect(cal.isWorkingDay('2030-05-06')).toBe(false); // local day off
    expect(cal.dayInfo('2030-05-06').name).toBe('中心搬迁');
    expect(cal.isWorkingDay('2031-01-01')).toBe(true); // replaced by the override
    expect(cal.isWorkingDay('2031-01-02')).toBe(false);
    expect(cal.isWorkingDay('2032-01-01')).toBe(true);
    expect(cal.addWorkingDays('2030-04-30', 3)).toBe('2030-05-07');
    expect(cal.entries().map((d) => d.date)).toEqual([
      '2030-05-01',
      '2030-05-02',
      '2030-05-04',
      '2030-05-06',
      '2031-01-02',
    ]);
    expect(() =>
      WorkingCalendar.fromLayers({
        national: { years: [], days: [] },
        yearOverrides: [{ year: 2031, days: [{ date: '2030-01-01', isOffDay: true, name: 'x' }] }],
      }),
    ).toThrow(RangeError);
  });

  it('matches a day-by-day reference on random calendars', () => {
    const dayInYears = fc.integer({ min: isoToDayNumber('2040-01-01'), max: isoToDayNumber('2042-12-31') });
    fc.assert(
      fc.property(
        fc.array(fc.record({ dn: dayInYears, isOffDay: fc.boolean() }), { maxLength: 80 }),
        dayInYears,
        fc.integer({ min: 0, max: 120 }),
        (raw, fromDn, n) => {
          const cal = new WorkingCalendar(
            [2040, 2041, 2042, 2043],
            raw.map((r) => ({ date: dayNumberToIso(r.dn), isOffDay: r.isOffDay, name: 'x' })),
          );
          const from = dayNumberToIso(fromDn);
          const to = cal.addWorkingDays(from, n);
          expect(to).toBe(slowAdd(cal, from, n));
          expect(cal.countWorkingDays(from, to)).toBe(n);
          if (n > 0) expect(cal.isWorkingDay(to)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
