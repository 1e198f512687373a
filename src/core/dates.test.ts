import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  civilToDayNumber,
  dayNumberToIso,
  diffDays,
  isoToDayNumber,
  isValidIsoDate,
  localDateOf,
  localMinuteOf,
  parseHhMm,
  timeZoneOffsetMs,
  weekday,
  yearOf,
  zonedInstant,
} from './dates.ts';

describe('ISO dates and day numbers', () => {
  it('numbers days from 1970-01-01', () => {
    expect(isoToDayNumber('1970-01-01')).toBe(0);
    expect(isoToDayNumber('1969-12-31')).toBe(-1);
    expect(isoToDayNumber('2000-03-01')).toBe(11_017);
    expect(dayNumberToIso(20_362)).toBe('2025-10-01');
  });

  it('agrees with Date.UTC for every day 1900–2100', () => {
    const mismatches: number[] = [];
    for (let dn = isoToDayNumber('1900-01-01'); dn <= isoToDayNumber('2100-12-31'); dn++) {
      const d = new Date(dn * 86_400_000);
      const iso = d.toISOString().slice(0, 10);
      if (dayNumberToIso(dn) !== iso || weekday(iso) !== d.getUTCDay()) mismatches.push(dn);
    }
    expect(mismatches).toEqual([]);
  });

  it('round-trips any day number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (dn) => {
        expect(isoToDayNumber(dayNumberToIso(dn))).toBe(dn);
      }),
    );
  });

  it('rejects impossible or malformed dates', () => {
    expect(isValidIsoDate('2025-02-30')).toBe(false);
    expect(isValidIsoDate('2025-02-29')).toBe(false);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('2025-13-01')).toBe(false);
    expect(isValidIsoDate('2025-04-31')).toBe(false);
    expect(isValidIsoDate('2025-1-01')).toBe(false);
    expect(isValidIsoDate('2025-01-01T00:00')).toBe(false);
    expect(isValidIsoDate(20250101)).toBe(false);
    expect(() => isoToDayNumber('2025-02-30')).toThrow(RangeError);
  });

  it('knows weekdays, years and calendar arithmetic', () => {
    expect(weekday('2025-10-01')).toBe(3);
    expect(weekday('2025-10-11')).toBe(6);
    expect(yearOf('2026-12-31')).toBe(2026);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(diffDays('2025-09-30', '2025-10-14')).toBe(14);
    expect(civilToDayNumber(2025, 10, 1)).toBe(isoToDayNumber('2025-10-01'));
  });

  it('parses office hours', () => {
    expect(parseHhMm('17:30')).toBe(1050);
    expect(parseHhMm('00:00')).toBe(0);
    expect(() => parseHhMm('24:00')).toThrow(RangeError);
    expect(() => parseHhMm('8:30')).toThrow(RangeError);
  });
});

describe('instants in a time zone', () => {
  it('gives the local date in Asia/Shanghai by default', () => {
    // 2025-09-30T16:30Z is 2025-10-01 00:30 in Beijing
    expect(localDateOf(Date.UTC(2025, 8, 30, 16, 30))).toBe('2025-10-01');
    expect(localDateOf(new Date(Date.UTC(2025, 8, 30, 15, 59)))).toBe('2025-09-30');
    expect(localDateOf(Date.UTC(2025, 8, 30, 16, 30), 'UTC')).toBe('2025-09-30');
    expect(localMinuteOf(Date.UTC(2025, 8, 30, 16, 30))).toBe(30);
  });

  it('builds "local date at HH:MM" instants', () => {
    expect(zonedInstant('2025-10-14', '17:30')).toBe(Date.UTC(2025, 9, 14, 9, 30));
    expect(zonedInstant('2025-10-14', '17:30', 'UTC')).toBe(Date.UTC(2025, 9, 14, 17, 30));
    expect(zonedInstant('2025-01-15', '08:00', 'America/New_York')).toBe(Date.UTC(2025, 0, 15, 13, 0));
    expect(zonedInstant('2025-07-15', '08:00', 'America/New_York')).toBe(Date.UTC(2025, 6, 15, 12, 0));
    expect(zonedInstant('2025-07-15', '08:00', 'Asia/Kathmandu')).toBe(Date.UTC(2025, 6, 15, 2, 15));
  });

  it('handles daylight-saving gaps and overlaps', () => {
    // 2025-03-09 02:30 does not exist in New York: resolved forward to 03:30 EDT
    expect(zonedInstant('2025-03-09', '02:30', 'America/New_York')).toBe(Date.UTC(2025, 2, 9, 7, 30));
    // 2025-11-02 01:30 happens twice: the earlier (EDT) one
    expect(zonedInstant('2025-11-02', '01:30', 'America/New_York')).toBe(Date.UTC(2025, 10, 2, 5, 30));
    expect(timeZoneOffsetMs(Date.UTC(2025, 10, 2, 5, 59), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(timeZoneOffsetMs(Date.UTC(2025, 10, 2, 6, 0), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(localDateOf(Date.UTC(2025, 10, 2, 4, 30), 'America/New_York')).toBe('2025-11-02');
  });

  it('round-trips local dates and times in several zones', () => {
    const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.integer({ min: isoToDayNumber('2020-01-01'), max: isoToDayNumber('2026-12-31') }),
        fc.integer({ min: 4 * 60, max: 23 * 60 + 59 }),
        fc.constantFrom(...zones),
        (dn, minute, zone) => {
          const iso = dayNumberToIso(dn);
          const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
          const t = zonedInstant(iso, time, zone);
          expect(localDateOf(t, zone)).toBe(iso);
          expect(localMinuteOf(t, zone)).toBe(minute);
        },
      ),
    );
  });

  it('rejects unknown time zones and invalid instants', () => {
    expect(() => localDateOf(0, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => localDateOf(Number.NaN)).toThrow(RangeError);
  });
});
