import { describe, expect, it } from 'vitest';
import { BUILTIN_YEARS, builtinCalendar, builtinCalendarEntries } from './builtin-calendar.ts';
import { CalendarNotConfiguredError, WorkingCalendar } from './calendar.ts';
import { dayNumberToIso, isoToDayNumber } from './dates.ts';

const cal = builtinCalendar();

/**
 * Hand-written from the State Council notices (国办发明电〔2024〕12号 for 2025, the 2025-11 notice for 2026):
 * for each holiday the day before, the first and last day inside, the day after, and every make-up day.
 * [date, working?, what]
 */
const BOUNDARIES: Array<[string, boolean, string]> = [
  // 2025 元旦: Jan 1 (Wed)
  ['2024-12-31', true, 'Tue before New Year'],
  ['2025-01-01', false, 'New Year'],
  ['2025-01-02', true, 'Thu after New Year'],
  // 2025 春节: Jan 28 (Tue) – Feb 4 (Tue); make-up Sun Jan 26 and Sat Feb 8
  ['2025-01-25', false, 'Saturday before the make-up Sunday'],
  ['2025-01-26', true, 'make-up Sunday'],
  ['2025-01-27', true, 'Mon before Spring Festival'],
  ['2025-01-28', false, 'first day of Spring Festival (除夕)'],
  ['2025-02-04', false, 'last day of Spring Festival'],
  ['2025-02-05', true, 'Wed after Spring Festival'],
  ['2025-02-08', true, 'make-up Saturday'],
  ['2025-02-09', false, 'Sunday after the make-up Saturday'],
  // 2025 清明: Apr 4 (Fri) – Apr 6 (Sun)
  ['2025-04-03', true, 'Thu before Qingming'],
  ['2025-04-04', false, 'first day of Qingming'],
  ['2025-04-06', false, 'last day of Qingming'],
  ['2025-04-07', true, 'Mon after Qingming'],
  // 2025 劳动节: May 1 (Thu) – May 5 (Mon); make-up Sun Apr 27
  ['2025-04-27', true, 'make-up Sunday'],
  ['2025-04-30', true, 'Wed before Labour Day'],
  ['2025-05-01', false, 'first day of Labour Day'],
  ['2025-05-05', false, 'last day of Labour Day'],
  ['2025-05-06', true, 'Tue after Labour Day'],
  // 2025 端午: May 31 (Sat) – Jun 2 (Mon)
  ['2025-05-30', true, 'Fri before Dragon Boat'],
  ['2025-05-31', false, 'first day of Dragon Boat'],
  ['2025-06-02', false, 'last day of Dragon Boat'],
  ['2025-06-03', true, 'Tue after Dragon Boat'],
  // 2025 国庆节+中秋节: Oct 1 (Wed) – Oct 8 (Wed); make-up Sun Sep 28 and Sat Oct 11
  ['2025-09-27', false, 'Saturday before the make-up Sunday'],
  ['2025-09-28', true, 'make-up Sunday'],
  ['2025-09-30', true, 'Tue before National Day'],
  ['2025-10-01', false, 'first day of National Day'],
  ['2025-10-06', false, 'Mid-autumn inside National Day'],
  ['2025-10-08', false, 'last day of National Day'],
  ['2025-10-09', true, 'Thu after National Day'],
  ['2025-10-11', true, 'make-up Saturday'],
  ['2025-10-12', false, 'Sunday after the make-up Saturday'],
  // 2026 元旦: Jan 1 (Thu) – Jan 3 (Sat); make-up Sun Jan 4
  ['2025-12-31', true, 'Wed before New Year'],
  ['2026-01-01', false, 'first day of New Year'],
  ['2026-01-03', false, 'last day of New Year'],
  ['2026-01-04', true, 'make-up Sunday'],
  ['2026-01-05', true, 'Mon after New Year'],
  // 2026 春节: Feb 15 (Sun) – Feb 23 (Mon); make-up Sat Feb 14 and Sat Feb 28
  ['2026-02-13', true, 'Fri before Spring Festival'],
  ['2026-02-14', true, 'make-up Saturday'],
  ['2026-02-15', false, 'first day of Spring Festival'],
  ['2026-02-23', false, 'last day of Spring Festival'],
  ['2026-02-24', true, 'Tue after Spring Festival'],
  ['2026-02-28', true, 'make-up Saturday'],
  ['2026-03-01', false, 'Sunday after the make-up Saturday'],
  // 2026 清明: Apr 4 (Sat) – Apr 6 (Mon)
  ['2026-04-03', true, 'Fri before Qingming'],
  ['2026-04-04', false, 'first day of Qingming'],
  ['2026-04-06', false, 'last day of Qingming'],
  ['2026-04-07', true, 'Tue after Qingming'],
  // 2026 劳动节: May 1 (Fri) – May 5 (Tue); make-up Sat May 9
  ['2026-04-30', true, 'Thu before Labour Day'],
  ['2026-05-01', false, 'first day of Labour Day'],
  ['2026-05-05', false, 'last day of Labour Day'],
  ['2026-05-06', true, 'Wed after Labour Day'],
  ['2026-05-09', true, 'make-up Saturday'],
  // 2026 端午: Jun 19 (Fri) – Jun 21 (Sun)
  ['2026-06-18', true, 'Thu before Dragon Boat'],
  ['2026-06-19', false, 'first day of Dragon Boat'],
  ['2026-06-21', false, 'last day of Dragon Boat'],
  ['2026-06-22', true, 'Mon after Dragon Boat'],
  // 2026 中秋: Sep 25 (Fri) – Sep 27 (Sun)
  ['2026-09-20', true, 'make-up Sunday for National Day'],
  ['2026-09-24', true, 'Thu before Mid-autumn'],
  ['2026-09-25', false, 'first day of Mid-autumn'],
  ['2026-09-27', false, 'last day of Mid-autumn'],
  ['2026-09-28', true, 'Mon after Mid-autumn'],
  // 2026 国庆节: Oct 1 (Thu) – Oct 7 (Wed); make-up Sun Sep 20 and Sat Oct 10
  ['2026-09-30', true, 'Wed before National Day'],
  ['2026-10-01', false, 'first day of National Day'],
  ['2026-10-07', false, 'last day of National Day'],
  ['2026-10-08', true, 'Thu after National Day'],
  ['2026-10-10', true, 'make-up Saturday'],
  ['2026-10-11', false, 'Sunday after the make-up Saturday'],
];

/** [from, n, expected]: stepping across every holiday and every make-up day. */
const STEPS: Array<[string, number, string]> = [
  ['2024-12-31', 1, '2025-01-02'],
  ['2025-01-24', 1, '2025-01-26'],
  ['2025-01-27', 1, '2025-02-05'],
  ['2025-02-07', 1, '2025-02-08'],
  ['2025-02-08', 1, '2025-02-10'],
  ['2025-04-03', 1, '2025-04-07'],
  ['2025-04-25', 1, '2025-04-27'],
  ['2025-04-30', 1, '2025-05-06'],
  ['2025-05-30', 1, '2025-06-03'],
  ['2025-09-26', 1, '2025-09-28'],
  ['2025-09-30', 1, '2025-10-09'],
  ['2025-09-30', 5, '2025-10-14'],
  ['2025-10-10', 1, '2025-10-11'],
  ['2025-12-31', 1, '2026-01-04'],
  ['2026-01-04', 1, '2026-01-05'],
  ['2026-02-13', 1, '2026-02-14'],
  ['2026-02-14', 1, '2026-02-24'],
  ['2026-02-27', 1, '2026-02-28'],
  ['2026-02-13', 20, '2026-03-19'],
  ['2026-04-03', 1, '2026-04-07'],
  ['2026-04-30', 1, '2026-05-06'],
  ['2026-05-08', 1, '2026-05-09'],
  ['2026-06-18', 1, '2026-06-22'],
  ['2026-09-18', 1, '2026-09-20'],
  ['2026-09-24', 1, '2026-09-28'],
  ['2026-09-30', 1, '2026-10-08'],
  ['2026-10-09', 1, '2026-10-10'],
  ['2026-10-10', 1, '2026-10-12'],
];

describe('built-in national calendar', () => {
  it('covers 2020–2026', () => {
    expect(BUILTIN_YEARS).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(cal.coveredYears()).toEqual(BUILTIN_YEARS);
  });

  it.each(BOUNDARIES)('%s is a working day: %s (%s)', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it.each(STEPS)('addWorkingDays(%s, %i) is %s', (from, n, expected) => {
    expect(cal.addWorkingDays(from, n)).toBe(expected);
    expect(cal.countWorkingDays(from, expected)).toBe(n);
  });

  it('names the holidays and the make-up days', () => {
    expect(cal.dayInfo('2025-10-01')).toEqual({ date: '2025-10-01', working: false, name: '国庆节' });
    expect(cal.dayInfo('2025-10-11')).toEqual({ date: '2025-10-11', working: true, name: '国庆节调休上班' });
    expect(cal.dayInfo('2026-02-17').name).toBe('春节');
    const entries = builtinCalendarEntries();
    expect(entries.find((d) => d.date === '2025-01-01')).toEqual({
      date: '2025-01-01',
      isOffDay: true,
      name: '元旦',
    });
    expect(entries.every((d) => BUILTIN_YEARS.includes(Number(d.date.slice(0, 4))))).toBe(true);
    entries[0]!.name = 'mutated';
    expect(builtinCalendarEntries()[0]!.name).not.toBe('mutated');
  });

  it('agrees with chinese-days on every date 2020–2026', async () => {
    // chinese-days builds its tables and reads dates in the process time zone, which shifts every date by
    // one day west of UTC (TZ=America/New_York). Load and query it under Beijing time, then restore TZ.
    const savedTz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const { default: cd } = await import('chinese-days');
      const mismatches: string[] = [];
      for (let dn = isoToDayNumber('2020-01-01'); dn <= isoToDayNumber('2026-12-31'); dn++) {
        const iso = dayNumberToIso(dn);
        if (cal.isWorkingDayNumber(dn) !== cd.isWorkday(iso)) mismatches.push(iso);
      }
      expect(mismatches).toEqual([]);
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });

  it('does not trust chinese-days for 2027, where it silently falls back to weekdays', () => {
    expect(() => cal.isWorkingDay('2027-01-01')).toThrow(CalendarNotConfiguredError);
    expect(() => cal.addWorkingDays('2026-12-25', 10)).toThrow('calendar for 2027 is not configured');
  });

  it('can be extended with an administrator-configured 2027', () => {
    const extended = WorkingCalendar.fromLayers({
      national: { years: BUILTIN_YEARS, days: builtinCalendarEntries() },
      yearOverrides: [{ year: 2027, days: [{ date: '2027-01-01', isOffDay: true, name: '元旦' }] }],
    });
    expect(extended.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(extended.isWorkingDay('2025-10-11')).toBe(true);
  });
});
