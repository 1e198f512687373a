/**
 * Pure date helpers. Calendar dates are ISO strings 'YYYY-MM-DD' or integer day numbers (days since
 * 1970-01-01). Instants are epoch milliseconds (or a Date). Nothing here reads the clock or depends on the
 * process time zone: local dates and times are always computed for an explicit IANA time zone.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/** An instant: epoch milliseconds or a Date. */
export type Instant = number | Date;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function toEpochMs(instant: Instant): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`invalid instant: ${String(instant)}`);
  return ms;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function civilToDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of civilToDayNumber. */
export function dayNumberToCivil(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** True for a real calendar date written 'YYYY-MM-DD' (rejects '2025-02-30', '2025-2-3'). */
export function isValidIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** 'YYYY-MM-DD' → days since 1970-01-01. Throws RangeError on an invalid date. */
export function isoToDayNumber(iso: string): number {
  const m = ISO_DATE.exec(iso);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`invalid ISO date: ${JSON.stringify(iso)}`);
  }
  return civilToDayNumber(year, month, day);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Days since 1970-01-01 → 'YYYY-MM-DD' (years 0–9999). */
export function dayNumberToIso(dayNumber: number): string {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`invalid day number: ${dayNumber}`);
  const { year, month, day } = dayNumberToCivil(dayNumber);
  if (year < 0 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Year of a day number. */
export function yearOfDayNumber(dayNumber: number): number {
  return dayNumberToCivil(dayNumber).year;
}

/** Year of an ISO date. */
export function yearOf(iso: string): number {
  return yearOfDayNumber(isoToDayNumber(iso));
}

/** Weekday of a day number: 0 = Sunday … 6 = Saturday (like Date#getUTCDay). 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Weekday of an ISO date: 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return weekdayOfDayNumber(isoToDayNumber(iso));
}

export function isWeekend(iso: string): boolean {
  const w = weekday(iso);
  return w === 0 || w === 6;
}

/** Calendar arithmetic: `iso` plus `n` days (n may be negative). */
export function addDays(iso: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`day count must be an integer: ${n}`);
  return dayNumberToIso(isoToDayNumber(iso) + n);
}

/** Number of calendar days from `from` to `to` (positive when `to` is later). */
export function diffDays(from: string, to: string): number {
  return isoToDayNumber(to) - isoToDayNumber(from);
}

/** Office hours are parsed on every clock computation; there are at most 1,440 valid values to remember. */
const parsedHhMm = new Map<string, number>();

/** 'HH:MM' (24 h) → minutes after midnight. Throws RangeError on a malformed time. */
export function parseHhMm(value: string): number {
  const known = parsedHhMm.get(value);
  if (known !== undefined) return known;
  const m = HH_MM.exec(value);
  if (!m) throw new RangeError(`invalid time of day (expected HH:MM): ${JSON.stringify(value)}`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (parsedHhMm.size < 1440) parsedHhMm.set(value, minutes);
  return minutes;
}

/* ---------- time zones ---------- */

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Per zone: UTC day number → offset valid for that whole UTC day, or NaN when it changes within it. */
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_LIMIT = 20_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function exactOffsetMs(epochMs: number, timeZone: string): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'second') second = Number(part.value);
  }
  const wall = civilToDayNumber(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  return wall - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/**
 * Offset of `timeZone` from UTC at an instant, in ms (Asia/Shanghai: +8 h). Looked up with Intl and cached
 * per UTC day; a day during which the offset changes is always looked up exactly.
 */
export function timeZoneOffsetMs(instant: Instant, timeZone: string = DEFAULT_TIME_ZONE): number {
  const ms = toEpochMs(instant);
  let cache = offsetCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  const utcDay = Math.floor(ms / MS_PER_DAY);
  let cached = cache.get(utcDay);
  if (cached === undefined) {
    const atStart = exactOffsetMs(utcDay * MS_PER_DAY, timeZone);
    const atEnd = exactOffsetMs((utcDay + 1) * MS_PER_DAY - 1000, timeZone);
    cached = atStart === atEnd ? atStart : Number.NaN;
    if (cache.size >= OFFSET_CACHE_LIMIT) cache.clear();
    cache.set(utcDay, cached);
  }
  return Number.isNaN(cached) ? exactOffsetMs(ms, timeZone) : cached;
}

/** Local wall-clock time of an instant as ms since 1970-01-01T00:00 local. */
function localWallMs(instant: Instant, timeZone: string): number {
  const ms = toEpochMs(instant);
  return ms + timeZoneOffsetMs(ms, timeZone);
}

/** Day number of the local date of an instant in `timeZone`. */
export function localDayNumberOf(instant: Instant, timeZone: string = DEFAULT_TIME_ZONE): number {
  return Math.floor(localWallMs(instant, timeZone) / MS_PER_DAY);
}

/** Local date 'YYYY-MM-DD' of an instant in `timeZone` (default Asia/Shanghai). */
export function localDateOf(instant: Instant, timeZone: string = DEFAULT_TIME_ZONE): string {
  return dayNumberToIso(localDayNumberOf(instant, timeZone));
}

/** Minutes after local midnight of an instant in `timeZone` (0–1439). */
export function localMinuteOf(instant: Instant, timeZone: string = DEFAULT_TIME_ZONE): number {
  const wall = localWallMs(instant, timeZone);
  return Math.floor((wall - Math.floor(wall / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE);
}

/**
 * The instant (epoch ms) of local day `dayNumber` at `minutes` after midnight in `timeZone`. Ambiguous
 * local times (clocks turned back) resolve to the earlier instant; skipped local times (clocks turned
 * forward) resolve to the instant the same length of time after the gap starts, like Temporal's
 * 'compatible' disambiguation.
 */
export function zonedDayMinuteToInstant(dayNumber: number, minutes: number, timeZone: string): number {
  const wall = dayNumber * MS_PER_DAY + minutes * MS_PER_MINUTE;
  const before = timeZoneOffsetMs(wall - MS_PER_DAY, timeZone);
  const after = timeZoneOffsetMs(wall + MS_PER_DAY, timeZone);
  const early = Math.min(wall - before, wall - after);
  const late = Math.max(wall - before, wall - after);
  if (timeZoneOffsetMs(early, timeZone) === wall - early) return early;
  if (timeZoneOffsetMs(late, timeZone) === wall - late) return late;
  return wall - before;
}

/** The instant of "local date `iso` at 'HH:MM' in `timeZone`" (default Asia/Shanghai), as epoch ms. */
export function zonedInstant(iso: string, time: string, timeZone: string = DEFAULT_TIME_ZONE): number {
  return zonedDayMinuteToInstant(isoToDayNumber(iso), parseHhMm(time), timeZone);
}
