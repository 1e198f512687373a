/**
 * Time limits of an item (法定办结时限 / 承诺办结时限) and the rule promised ≤ statutory. Pure.
 *
 * Units are those of the legal clock (src/core/clock.ts): working_days, natural_days, same_day,
 * working_hours. Two limits in different units are compared conservatively: promised ≤ statutory is
 * accepted only when the promised deadline falls no later than the statutory one for EVERY start instant
 * and every holiday arrangement. The bounds are written out in docs/catalogue.md ("Time limits").
 */
import type { LimitUnit } from './catalogue.labels.ts';

export interface Limit {
  value: number;
  unit: LimitUnit;
}

/** Non-working weekdays a year can hold (13 statutory holidays since 2025), once per 200 working days. */
const HOLIDAY_WEEKDAYS = 13;
const HOLIDAY_WINDOW_WORKING_DAYS = 200;

/** same_day has no value: it is stored as 0 so that equal limits compare equal. */
export const normaliseLimit = <T extends Limit>(l: T): T => (l.unit === 'same_day' ? { ...l, value: 0 } : l);

/** The most natural days that `workingDays` working days can span (weekends, then the longest holidays). */
export function maxNaturalSpan(workingDays: number): number {
  if (workingDays <= 0) return 0;
  return (
    7 * Math.ceil(workingDays / 5) + HOLIDAY_WEEKDAYS * Math.ceil(workingDays / HOLIDAY_WINDOW_WORKING_DAYS)
  );
}

/** Working days by whose end a limit has surely run out (hours rounded up to whole office days). */
function workingDaysUpperBound(l: Limit, dayHours: number): number | null {
  if (l.unit === 'same_day') return 0;
  if (l.unit === 'working_days') return l.value;
  if (l.unit === 'working_hours') return Math.ceil(l.value / dayHours);
  return null;
}

/**
 * Whether the promised limit can never end after the statutory one. `dayHours` is the length of the
 * centre's office day (office_close − office_open), used to relate hours and days.
 */
export function promisedWithinStatutory(promised: Limit, statutory: Limit, dayHours: number): boolean {
  const p = normaliseLimit(promised);
  const s = normaliseLimit(statutory);
  if (p.unit === s.unit) return p.value <= s.value;
  switch (s.unit) {
    case 'same_day':
      // Anything but "the same day" can run past the close of the day it started.
      return false;
    case 'working_hours':
      // h hours started just before closing end in the (h/L)-th day after; a day-based limit of P ends
      // at the close of day P, so h must cover P + 1 whole office days (0 + 1 for same_day).
      if (p.unit === 'same_day') return s.value >= dayHours;
      return s.value >= (p.value + 1) * dayHours;
    case 'working_days': {
      // P natural days never outlast P working days; hours and same_day end by a known working day.
      if (p.unit === 'natural_days') return p.value <= s.value;
      const upper = workingDaysUpperBound(p, dayHours);
      return upper !== null && upper <= s.value;
    }
    case 'natural_days': {
      const upper = workingDaysUpperBound(p, dayHours);
      return upper !== null && maxNaturalSpan(upper) <= s.value;
    }
  }
}

/** Office-day length in hours from 'HH:MM' opening and closing times. */
export function officeDayHours(open: string, close: string): number {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return Math.max(1, (minutes(close) - minutes(open)) / 60);
}
