/**
 * The legal clock of a case: due date, used/remaining working days, suspensions (特别程序, Art. 45) and
 * extensions (Art. 42). Pure: the evaluation instant `at` is a parameter and results do not depend on the
 * process time zone. Semantics and worked examples: docs/adr/002-clock-semantics.md.
 */
import { CalendarNotConfiguredError, type WorkingCalendar } from './calendar.ts';
import {
  DEFAULT_TIME_ZONE,
  dayNumberToIso,
  type Instant,
  isoToDayNumber,
  localDayNumberOf,
  localMinuteOf,
  parseHhMm,
  toEpochMs,
  zonedDayMinuteToInstant,
} from './dates.ts';

export type LimitUnit = 'working_days' | 'natural_days' | 'same_day' | 'working_hours';

export interface TimeLimit {
  /** Days for the day units, hours for working_hours (fractions allowed), ignored for same_day. */
  value: number;
  unit: LimitUnit;
}

/** Suspensions the law does not count (Art. 45), plus a correction requested from the applicant. */
export const SUSPENSION_KINDS = {
  hearing: '听证',
  bidding: '招标',
  auction: '拍卖',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expert_review: '专家评审',
  applicant_correction: '补正材料',
} as const;
export type SuspensionKind = keyof typeof SUSPENSION_KINDS;

export interface ClockSuspension {
  reason: string;
  kind?: SuspensionKind;
  startedAt: Instant;
  /** Resumption instant; absent/null while the suspension is still open. */
  endedAt?: Instant | null;
}

export interface ClockExtension {
  /** Working days granted. */
  days: number;
  reason: string;
  approvedBy: string;
}

export interface ClockInput {
  startedAt: Instant;
  limit: TimeLimit;
  calendar: WorkingCalendar;
  /** IANA zone of the service centre; default 'Asia/Shanghai'. */
  timeZone?: string;
  /** 'HH:MM'; default '17:30'. A due date is due at this time. */
  officeClose?: string;
  /** 'HH:MM'; default '08:30'. Only used by working_hours. */
  officeOpen?: string;
  suspensions?: readonly ClockSuspension[];
  extensions?: readonly ClockExtension[];
}

interface ClockCommon {
  /** Local date of startedAt (never counted itself). */
  startDate: string;
  /** Sum of the extensions' working days. */
  extendedWorkingDays: number;
  /** A suspension is open at `at`. */
  suspended: boolean;
}

export interface ClockComputed extends ClockCommon {
  beyondCalendar?: undefined;
  /** Due date ignoring suspensions and extensions. */
  baseDueDate: string;
  dueDate: string;
  /** Epoch ms: dueDate at officeClose in the zone (working_hours: the exact due instant). */
  dueAt: number;
  /** Counted working days d with startDate < d <= local date of `at`. */
  usedWorkingDays: number;
  /** Counted working days after the local date of `at` up to dueDate; when overdue, -overdueWorkingDays. */
  remainingWorkingDays: number;
  /** `at` is later than dueAt. */
  overdue: boolean;
  /** Working days d with dueDate < d <= local date of `at` (0 unless overdue). */
  overdueWorkingDays: number;
  /** Working days not counted because of suspensions (only suspensions that moved the due date). */
  suspendedWorkingDays: number;
}

/** The calendar ends before the clock could be computed: flag the case for the administrator. */
export interface ClockBeyondCalendar extends ClockCommon {
  /** The first year the computation needed that has no calendar. */
  beyondCalendar: number;
  baseDueDate: string | null;
  dueDate: string | null;
  dueAt: number | null;
  usedWorkingDays: null;
  remainingWorkingDays: null;
  /** True only when known: the due date was computable and `at` is past it. */
  overdue: boolean;
  overdueWorkingDays: null;
  suspendedWorkingDays: number | null;
}

export type ClockResult = ClockComputed | ClockBeyondCalendar;

export const DEFAULT_EXTENSION_SINGLE = 10;
export const DEFAULT_EXTENSION_JOINT = 15;

function checkCount(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer: ${n}`);
}

/** Merged, sorted half-open day ranges [a, b) of the suspensions, restricted to days after `first - 1`. */
function suspensionRanges(
  suspensions: readonly ClockSuspension[],
  atMs: number,
  today: number,
  first: number,
  timeZone: string,
): { ranges: Array<[number, number]>; open: boolean } {
  const raw: Array<[number, number]> = [];
  let open = false;
  for (const s of suspensions) {
    const startMs = toEpochMs(s.startedAt);
    if (startMs > atMs) continue;
    const endMs = s.endedAt == null ? null : toEpochMs(s.endedAt);
    if (endMs !== null && endMs < startMs) throw new RangeError('a suspension cannot end before it starts');
    const isOpen = endMs === null || endMs > atMs;
    if (isOpen) open = true;
    const a = Math.max(localDayNumberOf(startMs, timeZone), first);
    const b = isOpen ? today + 1 : localDayNumberOf(endMs, timeZone);
    if (b > a) raw.push([a, b]);
  }
  raw.sort((x, y) => x[0] - y[0]);
  const ranges: Array<[number, number]> = [];
  for (const r of raw) {
    const last = ranges[ranges.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else ranges.push([r[0], r[1]]);
  }
  return { ranges, open };
}

/** Evaluate the clock of a case at instant `at`. Throws only on invalid input, never on calendar gaps. */
export function computeClock(input: ClockInput, at: Instant): ClockResult {
  const { calendar, limit } = input;
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const closeMin = parseHhMm(input.officeClose ?? '17:30');
  const openMin = parseHhMm(input.officeOpen ?? '08:30');
  if (openMin >= closeMin) throw new RangeError('officeOpen must be earlier than officeClose');
  if (!Number.isFinite(limit.value) || limit.value < 0) throw new RangeError(`invalid limit: ${limit.value}`);
  if (limit.unit !== 'working_hours' && limit.unit !== 'same_day') checkCount('limit.value', limit.value);
  let extended = 0;
  for (const e of input.extensions ?? []) {
    checkCount('extension days', e.days);
    extended += e.days;
  }
  const startMs = toEpochMs(input.startedAt);
  const atMs = toEpochMs(at);
  const start = localDayNumberOf(startMs, timeZone);
  const today = localDayNumberOf(atMs, timeZone);
  const { ranges, open } = suspensionRanges(input.suspensions ?? [], atMs, today, start + 1, timeZone);
  const startDate = dayNumberToIso(start);

  let base: number | undefined;
  let due: number | undefined;
  let dueAt: number | undefined;
  let suspendedDays = 0;
  try {
    let dueMinute = closeMin;
    switch (limit.unit) {
      case 'working_days':
        base =
          limit.value === 0
            ? calendar.nextWorkingDayNumberOnOrAfter(start)
            : calendar.addWorkingDayNumbers(start, limit.value);
        break;
      case 'natural_days':
        base = calendar.nextWorkingDayNumberOnOrAfter(start + limit.value);
        break;
      case 'same_day':
        base = calendar.nextWorkingDayNumberOnOrAfter(
          localMinuteOf(startMs, timeZone) >= closeMin ? start + 1 : start,
        );
        break;
      case 'working_hours': {
        const perDay = closeMin - openMin;
        let day = start;
        let minute = localMinuteOf(startMs, timeZone);
        if (!calendar.isWorkingDayNumber(day) || minute >= closeMin) {
          day = calendar.addWorkingDayNumbers(day, 1);
          minute = openMin;
        }
        minute = Math.max(minute, openMin);
        let rest = Math.round(limit.value * 60);
        if (rest > closeMin - minute) {
          rest -= closeMin - minute;
          const moreDays = Math.ceil(rest / perDay);
          day = calendar.addWorkingDayNumbers(day, moreDays);
          minute = openMin + rest - (moreDays - 1) * perDay;
        } else minute += rest;
        base = day;
        dueMinute = minute;
        break;
      }
      default:
        throw new RangeError(`unknown limit unit: ${String((limit as TimeLimit).unit)}`);
    }
    due = calendar.addWorkingDayNumbers(base, extended);
    for (const [a, b] of ranges) {
      if (a > due) break; // the time was already used up: a later suspension cannot revive it
      const k = calendar.countWorkingDayNumbers(a - 1, b - 1);
      suspendedDays += k;
      due = calendar.addWorkingDayNumbers(due, k);
    }
    dueAt = zonedDayMinuteToInstant(due, dueMinute, timeZone);

    const overdue = atMs > dueAt;
    const overdueDays = calendar.countWorkingDayNumbers(due, today);
    const ahead = calendar.countWorkingDayNumbers(Math.max(today, start), due);
    // (object spread here costs ~5 µs per call in V8: list the fields)
    return {
      startDate,
      extendedWorkingDays: extended,
      suspended: open,
      baseDueDate: dayNumberToIso(base),
      dueDate: dayNumberToIso(due),
      dueAt,
      usedWorkingDays: calendar.countWorkingDayNumbers(start, today) - suspendedDays,
      remainingWorkingDays: overdueDays > 0 ? -overdueDays : ahead,
      overdue,
      overdueWorkingDays: overdue ? overdueDays : 0,
      suspendedWorkingDays: suspendedDays,
    };
  } catch (err) {
    if (!(err instanceof CalendarNotConfiguredError)) throw err;
    return {
      startDate,
      extendedWorkingDays: extended,
      suspended: open,
      beyondCalendar: err.year,
      baseDueDate: base === undefined ? null : dayNumberToIso(base),
      dueDate: dueAt !== undefined && due !== undefined ? dayNumberToIso(due) : null,
      dueAt: dueAt ?? null,
      usedWorkingDays: null,
      remainingWorkingDays: null,
      overdue: dueAt !== undefined && atMs > dueAt,
      overdueWorkingDays: null,
      suspendedWorkingDays: dueAt !== undefined ? suspendedDays : null,
    };
  }
}

/**
 * computeClock(input, later) for instants `later` at or after `at`, given `result` = computeClock(input, at),
 * without recomputing the due date: when no suspension is open at `at` or begins after it, the due date and
 * due instant cannot move, so only the counts up to the local day of `later` are new. Returns undefined when
 * that does not hold, and the returned function returns undefined for an instant before `at` or when the
 * calendar ends before `later`'s day — callers then use computeClock, which gives the same in every case.
 * For callers that evaluate one clock at many instants (supervision's next-crossing search).
 */
export function clockAdvancer(
  input: ClockInput,
  result: ClockResult,
  at: Instant,
): ((later: number) => ClockComputed | undefined) | undefined {
  if (result.beyondCalendar !== undefined || result.suspended) return undefined;
  const atMs = toEpochMs(at);
  for (const s of input.suspensions ?? []) {
    if (s.endedAt == null || toEpochMs(s.startedAt) > atMs || toEpochMs(s.endedAt) > atMs) return undefined;
  }
  const { calendar } = input;
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const start = isoToDayNumber(result.startDate);
  const due = isoToDayNumber(result.dueDate);
  const { dueAt, suspendedWorkingDays } = result;
  return (later) => {
    if (later < atMs) return undefined;
    const today = localDayNumberOf(later, timeZone);
    let overdueDays: number;
    let ahead: number;
    let used: number;
    try {
      overdueDays = calendar.countWorkingDayNumbers(due, today);
      ahead = calendar.countWorkingDayNumbers(Math.max(today, start), due);
      used = calendar.countWorkingDayNumbers(start, today) - suspendedWorkingDays;
    } catch (err) {
      if (err instanceof CalendarNotConfiguredError) return undefined;
      throw err;
    }
    const overdue = later > dueAt;
    return {
      startDate: result.startDate,
      extendedWorkingDays: result.extendedWorkingDays,
      suspended: false,
      baseDueDate: result.baseDueDate,
      dueDate: result.dueDate,
      dueAt,
      usedWorkingDays: used,
      remainingWorkingDays: overdueDays > 0 ? -overdueDays : ahead,
      overdue,
      overdueWorkingDays: overdue ? overdueDays : 0,
      suspendedWorkingDays,
    };
  };
}

export type Light = 'green' | 'yellow' | 'red' | 'suspended';

export interface LightThresholds {
  /** Yellow when at most this many working days remain (default 1). */
  yellowRemainingWorkingDays: number;
  /** Yellow when used / (used + remaining) reaches this ratio (default 0.8). */
  yellowUsedRatio: number;
}

export const DEFAULT_LIGHT_THRESHOLDS: Readonly<LightThresholds> = Object.freeze({
  yellowRemainingWorkingDays: 1,
  yellowUsedRatio: 0.8,
});

/**
 * Red when overdue (even if suspended now: a suspension started after the time ran out saves nothing);
 * 'suspended' while the clock is paused; yellow near the end or when the calendar must be configured first.
 */
export function lightFor(result: ClockResult, thresholds: LightThresholds = DEFAULT_LIGHT_THRESHOLDS): Light {
  if (result.overdue) return 'red';
  if (result.suspended) return 'suspended';
  if (result.beyondCalendar !== undefined) return 'yellow';
  const { usedWorkingDays: used, remainingWorkingDays: remaining } = result;
  if (remaining <= thresholds.yellowRemainingWorkingDays) return 'yellow';
  const total = used + remaining;
  if (total > 0 && used / total >= thresholds.yellowUsedRatio) return 'yellow';
  return 'green';
}

export type ExtensionCheck =
  | { ok: true; days: number; totalAfter: number }
  | {
      ok: false;
      code: 'invalid_days' | 'exceeds_limit';
      allowedDays: number;
      message: string;
      messageEn: string;
    };

/** Whether `requestedDays` more working days may be granted when `alreadyGranted` were, out of `maxDays`. */
export function validateExtension(
  requestedDays: number,
  alreadyGranted: number,
  maxDays: number,
): ExtensionCheck {
  const allowedDays = Math.max(0, maxDays - alreadyGranted);
  if (!Number.isInteger(requestedDays) || requestedDays <= 0) {
    return {
      ok: false,
      code: 'invalid_days',
      allowedDays,
      message: '延长天数必须为正整数',
      messageEn: 'extension days must be a positive integer',
    };
  }
  if (requestedDays > allowedDays) {
    return {
      ok: false,
      code: 'exceeds_limit',
      allowedDays,
      message: `延长期限最多 ${maxDays} 个工作日，已延长 ${alreadyGranted} 个工作日，本次最多可延长 ${allowedDays} 个工作日`,
      messageEn: `at most ${maxDays} working days of extension; ${alreadyGranted} already granted, ${allowedDays} left`,
    };
  }
  return { ok: true, days: requestedDays, totalAfter: alreadyGranted + requestedDays };
}
