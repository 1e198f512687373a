/**
 * The working-day calendar behind every legal time limit (行政许可法 Art. 82: limits are in working days,
 * excluding statutory holidays and including the make-up working weekends 调休).
 *
 * Inside a covered year a day is a working day Monday–Friday and a day off Saturday–Sunday, unless an entry
 * says otherwise. A date in a year that is not covered throws CalendarNotConfiguredError: we never guess.
 * All day sums use prefix counts, so addWorkingDays and countWorkingDays are O(1) however long the range.
 */
import {
  civilToDayNumber,
  dayNumberToIso,
  isoToDayNumber,
  isValidIsoDate,
  weekdayOfDayNumber,
  yearOfDayNumber,
} from './dates.ts';

/** One exception to the weekday rule: a holiday (off), a make-up working day (on), or a local day off. */
export interface CalendarDay {
  date: string;
  isOffDay: boolean;
  name: string;
}

/** Thrown when a computation needs a date in a year for which no calendar has been configured. */
export class CalendarNotConfiguredError extends Error {
  readonly code = 'CALENDAR_NOT_CONFIGURED';
  readonly year: number;
  /** The same message in Chinese, for the administrator's screen. */
  readonly messageZh: string;

  constructor(year: number) {
    super(`calendar for ${year} is not configured`);
    this.name = 'CalendarNotConfiguredError';
    this.year = year;
    this.messageZh = `${year} 年的工作日历尚未配置`;
  }
}

/** A whole year's configuration: the year is covered and these are all its exceptions. */
export interface CalendarYear {
  year: number;
  days: readonly CalendarDay[];
}

/** The three layers, applied in order. */
export interface CalendarLayers {
  /** The national calendar (e.g. builtinCalendarEntries() for BUILTIN_YEARS). */
  national: { years: Iterable<number>; days: Iterable<CalendarDay> };
  /** Administrator overrides: each REPLACES everything the national layer said about that year. */
  yearOverrides?: readonly CalendarYear[];
  /** A centre's own days off, added on top (always off; entries in uncovered years are ignored). */
  localDaysOff?: readonly Omit<CalendarDay, 'isOffDay'>[];
}

export interface DayInfo {
  date: string;
  working: boolean;
  /** The entry's name (e.g. '国庆节'), or undefined for an ordinary weekday or weekend. */
  name?: string;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`invalid year: ${year}`);
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`day count must be a non-negative integer: ${n}`);
}

export class WorkingCalendar {
  readonly #years: readonly number[];
  readonly #yearSet: ReadonlySet<number>;
  readonly #entries: ReadonlyMap<string, CalendarDay>;
  /** First day number of the span (1 January of the first covered year); -1 length when empty. */
  readonly #start: number;
  readonly #length: number;
  readonly #working: Uint8Array;
  /** #cum[i] = working days among span indices [0, i). */
  readonly #cum: Int32Array;
  /** #uncovered[i] = days in uncovered years among span indices [0, i). */
  readonly #uncovered: Int32Array;
  /** #nth[k] = span index of the k-th working day (1-based). */
  readonly #nth: Int32Array;

  /**
   * @param years the covered years
   * @param days exceptions to the weekday rule; later entries for the same date win, entries outside the
   *   covered years are ignored
   */
  constructor(years: Iterable<number>, days: Iterable<CalendarDay>) {
    const yearSet = new Set<number>();
    for (const y of years) {
      assertYear(y);
      yearSet.add(y);
    }
    this.#years = [...yearSet].sort((a, b) => a - b);
    this.#yearSet = yearSet;
    const entries = new Map<string, CalendarDay>();
    for (const d of days) {
      if (!isValidIsoDate(d.date)) throw new RangeError(`invalid calendar date: ${JSON.stringify(d.date)}`);
      if (yearSet.has(Number(d.date.slice(0, 4)))) entries.set(d.date, { ...d });
    }
    this.#entries = entries;

    const first = this.#years[0];
    const last = this.#years[this.#years.length - 1];
    this.#start = first === undefined ? 0 : civilToDayNumber(first, 1, 1);
    const end = last === undefined ? 0 : civilToDayNumber(last + 1, 1, 1);
    const length = end - this.#start;
    this.#length = length;
    this.#working = new Uint8Array(length);
    this.#cum = new Int32Array(length + 1);
    this.#uncovered = new Int32Array(length + 1);
    let working = 0;
    for (let i = 0; i < length; i++) {
      const dn = this.#start + i;
      const covered = yearSet.has(yearOfDayNumber(dn));
      const wd = weekdayOfDayNumber(dn);
      let isWorking = covered && wd !== 0 && wd !== 6;
      if (covered) {
        const entry = entries.get(dayNumberToIso(dn));
        if (entry) isWorking = !entry.isOffDay;
      }
      this.#working[i] = isWorking ? 1 : 0;
      if (isWorking) working++;
      this.#cum[i + 1] = working;
      this.#uncovered[i + 1] = (this.#uncovered[i] ?? 0) + (covered ? 0 : 1);
    }
    this.#nth = new Int32Array(working + 1);
    for (let i = 0, k = 0; i < length; i++) if (this.#working[i]) this.#nth[++k] = i;
  }

  /** National calendar, then administrator year overrides (replacing whole years), then local days off. */
  static fromLayers(layers: CalendarLayers): WorkingCalendar {
    const years = new Set(layers.national.years);
    const overridden = new Set<number>();
    for (const o of layers.yearOverrides ?? []) {
      assertYear(o.year);
      overridden.add(o.year);
      years.add(o.year);
    }
    const days: CalendarDay[] = [];
    for (const d of layers.national.days) if (!overridden.has(Number(d.date.slice(0, 4)))) days.push(d);
    for (const o of layers.yearOverrides ?? []) {
      for (const d of o.days) {
        if (Number(d.date.slice(0, 4)) !== o.year) {
          throw new RangeError(`override for ${o.year} contains a date in another year: ${d.date}`);
        }
        days.push(d);
      }
    }
    for (const d of layers.localDaysOff ?? []) days.push({ date: d.date, name: d.name, isOffDay: true });
    return new WorkingCalendar(years, days);
  }

  /** The covered years, ascending. */
  coveredYears(): readonly number[] {
    return this.#years;
  }

  isCoveredYear(year: number): boolean {
    return this.#yearSet.has(year);
  }

  /** All exceptions in effect, sorted by date. */
  entries(): CalendarDay[] {
    return [...this.#entries.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /** Throws unless every day d with lo < d <= hi (day numbers) lies in a covered year. */
  #assertCovered(lo: number, hi: number): void {
    if (hi <= lo) return;
    const a = lo + 1 - this.#start;
    const b = hi - this.#start;
    if (a >= 0 && b < this.#length && (this.#uncovered[b + 1] ?? 0) - (this.#uncovered[a] ?? 0) === 0) return;
    throw new CalendarNotConfiguredError(this.#firstUncoveredYearFrom(lo + 1));
  }

  #firstUncoveredYearFrom(dayNumber: number): number {
    let y = yearOfDayNumber(dayNumber);
    while (this.#yearSet.has(y)) y++;
    return y;
  }

  /** Working days among span indices [0, i], for any i (clamped). */
  #cumThrough(i: number): number {
    if (i < 0) return 0;
    return this.#cum[Math.min(i + 1, this.#length)] ?? 0;
  }

  /* ----- day-number API (hot paths; day numbers are days since 1970-01-01) ----- */

  isWorkingDayNumber(dayNumber: number): boolean {
    this.#assertCovered(dayNumber - 1, dayNumber);
    return this.#working[dayNumber - this.#start] === 1;
  }

  /** The n-th working day after `dayNumber` (which itself is never counted); n = 0 returns `dayNumber`. */
  addWorkingDayNumbers(dayNumber: number, n: number): number {
    assertCount(n);
    if (n === 0) return dayNumber;
    const target = this.#cumThrough(dayNumber - this.#start) + n;
    const idx = this.#nth[target];
    if (idx === undefined) throw new CalendarNotConfiguredError(this.#firstUncoveredYearFrom(dayNumber + 1));
    const result = this.#start + idx;
    this.#assertCovered(dayNumber, result);
    return result;
  }

  /** Working days d with from < d <= to (0 when to <= from). */
  countWorkingDayNumbers(from: number, to: number): number {
    if (to <= from) return 0;
    this.#assertCovered(from, to);
    return this.#cumThrough(to - this.#start) - this.#cumThrough(from - this.#start);
  }

  /** `dayNumber` if it is a working day, else the first working day after it. */
  nextWorkingDayNumberOnOrAfter(dayNumber: number): number {
    return this.addWorkingDayNumbers(dayNumber - 1, 1);
  }

  /* ----- ISO-date API ----- */

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(isoToDayNumber(date));
  }

  /** Whether `date` is a working day, and the name of its calendar entry if it has one. */
  dayInfo(date: string): DayInfo {
    const working = this.isWorkingDay(date);
    const name = this.#entries.get(date)?.name;
    return name === undefined ? { date, working } : { date, working, name };
  }

  /** The n-th working day AFTER `from` ("N working days from D", Art. 82); n = 0 returns `from`. */
  addWorkingDays(from: string, n: number): string {
    const dn = isoToDayNumber(from);
    return n === 0 ? from : dayNumberToIso(this.addWorkingDayNumbers(dn, n));
  }

  /** Number of working days d with from < d <= to; 0 when to <= from. */
  countWorkingDays(from: string, to: string): number {
    return this.countWorkingDayNumbers(isoToDayNumber(from), isoToDayNumber(to));
  }

  /** Plain calendar arithmetic (needs no calendar coverage): `from` plus n days. */
  addNaturalDays(from: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`day count must be an integer: ${n}`);
    return dayNumberToIso(isoToDayNumber(from) + n);
  }

  /** `date` if it is a working day, else the next working day. */
  nextWorkingDayOnOrAfter(date: string): string {
    return dayNumberToIso(this.nextWorkingDayNumberOnOrAfter(isoToDayNumber(date)));
  }
}
