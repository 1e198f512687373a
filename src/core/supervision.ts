/**
 * Supervision rules (督办 / 电子监察), pure: when a clock's light changes, which cards a rule set gives,
 * when reminders fall due, where an unanswered supervision notice escalates, and how an assessment score
 * maps to a grade. Time is always a parameter; instants are epoch milliseconds.
 */
import type { WorkingCalendar } from './calendar.ts';
import {
  type ClockInput,
  type ClockResult,
  clockAdvancer,
  computeClock,
  DEFAULT_LIGHT_THRESHOLDS,
  type Light,
  type LightThresholds,
  lightFor,
} from './clock.ts';
import {
  DEFAULT_TIME_ZONE,
  type Instant,
  isoToDayNumber,
  localDateOf,
  parseHhMm,
  toEpochMs,
  zonedDayMinuteToInstant,
} from './dates.ts';

export type Card = 'yellow' | 'red';

/** A rule: when it holds for a case or a step, the subject gets a card (once per rule). */
export type Rule =
  | { id: string; card: Card; subject: 'case'; when: 'light'; light: 'yellow' | 'red' }
  | { id: string; card: Card; subject: 'case' | 'step'; when: 'overdue'; minWorkingDays: number }
  | { id: string; card: Card; subject: 'case'; when: 'refused_without_reasons' }
  | { id: string; card: Card; subject: 'case'; when: 'late_correction_notice'; afterWorkingDays: number };

export interface RuleSet {
  thresholds: LightThresholds;
  rules: Rule[];
  /** Working days a unit has to answer a supervision notice before it escalates. */
  replyWithinWorkingDays: number;
  /** Who answers, in escalation order. */
  escalation: ('office' | 'department' | 'centre')[];
  /** Reminders to the assignee this many working days before a step is due. */
  remindBeforeWorkingDays: number[];
}

/** The defaults of the issue: yellow card at case yellow or a step 1 day late; red at case red or 3 days late. */
export const DEFAULT_RULE_SET: RuleSet = {
  thresholds: { ...DEFAULT_LIGHT_THRESHOLDS },
  rules: [
    { id: 'case-yellow', card: 'yellow', subject: 'case', when: 'light', light: 'yellow' },
    { id: 'step-late-1', card: 'yellow', subject: 'step', when: 'overdue', minWorkingDays: 1 },
    { id: 'case-red', card: 'red', subject: 'case', when: 'light', light: 'red' },
    { id: 'step-late-3', card: 'red', subject: 'step', when: 'overdue', minWorkingDays: 3 },
    { id: 'refused-no-reason', card: 'yellow', subject: 'case', when: 'refused_without_reasons' },
    {
      id: 'late-correction',
      card: 'yellow',
      subject: 'case',
      when: 'late_correction_notice',
      afterWorkingDays: 5,
    },
  ],
  replyWithinWorkingDays: 2,
  escalation: ['office', 'department', 'centre'],
  remindBeforeWorkingDays: [3, 1],
};

export interface SubjectFacts {
  subject: 'case' | 'step';
  clock: ClockResult;
  /** Intake facts (cases only). */
  refusedWithoutReasons?: boolean;
  correctionNoticeWorkingDays?: number;
}

/** The rules that hold for a subject now (the caller issues each rule's card once). */
export function firedRules(facts: SubjectFacts, set: RuleSet): Rule[] {
  const light = lightFor(facts.clock, set.thresholds);
  return set.rules.filter((r) => {
    if (r.subject !== facts.subject) return false;
    switch (r.when) {
      case 'light':
        return light === r.light || (r.light === 'yellow' && light === 'red');
      case 'overdue':
        return facts.clock.overdue && (facts.clock.overdueWorkingDays ?? 0) >= r.minWorkingDays;
      case 'refused_without_reasons':
        return facts.refusedWithoutReasons === true;
      case 'late_correction_notice':
        return (facts.correctionNoticeWorkingDays ?? 0) > r.afterWorkingDays;
    }
    return false;
  });
}

/** Local midnight at the start of a day number, in the zone. */
const startOfDay = (dayNumber: number, timeZone: string) => zonedDayMinuteToInstant(dayNumber, 0, timeZone);

/**
 * The next instant after `at` at which something a rule watches can change without any new event: the
 * light, or a step's count of overdue working days reaching a rule's threshold. Light and overdue days only
 * move at local midnights and at the due instant, and only forward (remaining days fall, used days and days
 * overdue grow, a date past the configured calendar stays past it), so whether a candidate's state differs
 * from now's is false up to the answer and true from it on: a galloping then binary search over the
 * midnights finds it with ~2·log2(days ahead) clock computations instead of one per day. Null while
 * suspended (only resuming changes it), or when nothing lies ahead. `current`: computeClock(input, at),
 * when the caller has it already (storing a clock computes it for the due date and light).
 */
export function nextCrossing(
  input: ClockInput,
  at: Instant,
  set: RuleSet,
  current?: ClockResult,
  horizonDays = 400,
): number | null {
  const atMs = toEpochMs(at);
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const now = current ?? computeClock(input, atMs);
  if (now.suspended || now.beyondCalendar !== undefined) return null;
  const marks = overdueMarks(set);
  const base = crossingSignature(now, set, marks);
  if (now.overdue && (now.overdueWorkingDays ?? 0) >= Math.max(0, ...marks)) return null;
  // Later instants of a running clock only move its counts, not its due date: the advancer gives them
  // without recomputing the clock from its start (computeClock where it cannot).
  const advance = clockAdvancer(input, now, atMs);
  const changed = (t: number) => {
    const r = advance?.(t) ?? computeClock(input, t);
    return r.beyondCalendar !== undefined || crossingSignature(r, set, marks) !== base;
  };
  const today = isoToDayNumber(localDateOf(atMs, timeZone));
  // The first of the midnights today+1 … today+horizonDays whose state differs (horizonDays = none):
  // galloping probes (0, 1, 3, 7, …) bracket it — most crossings are a few days ahead — then a binary
  // search inside the bracket.
  let lo = 0;
  let hi = horizonDays;
  for (let probe = 0, step = 1; probe < horizonDays; probe += step, step *= 2) {
    if (changed(startOfDay(today + 1 + probe, timeZone))) {
      hi = probe;
      break;
    }
    lo = probe + 1;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (changed(startOfDay(today + 1 + mid, timeZone))) hi = mid;
    else lo = mid + 1;
  }
  const firstMidnight = lo < horizonDays ? startOfDay(today + 1 + lo, timeZone) : null;
  // The due instant is the one candidate between midnights: it wins when it comes first and changes. A
  // clock is overdue from the millisecond after it, so at the due instant itself that crossing is still ahead.
  const due = now.dueAt !== null && now.dueAt >= atMs ? now.dueAt + 1 : null;
  if (due !== null && (firstMidnight === null || due < firstMidnight) && changed(due)) return due;
  return firstMidnight;
}

/**
 * A clock's coming crossings as far as they only move its light: instant `at[i]` turns the light to
 * `light[i]` (null: the state there needs the whole computation — a date past the calendar, or the plan's
 * end), and `cardsFrom` is the first of them at which a card rule holds for the clock's subject (null: none
 * in the plan). While the clock's inputs stay as they were, its light at any instant t before `cardsFrom` is
 * the light of the last plan instant ≤ t (the stored light before the first) and its next crossing the
 * first plan instant > t — what computeClock and nextCrossing give at t — so the crossing sweep applies
 * such a crossing with one SQL statement instead of recomputing the clock.
 */
export interface CrossingPlan {
  at: number[];
  light: (Light | null)[];
  cardsFrom: number | null;
}

/** Entries a plan holds at most: green → yellow → red → the overdue marks is five with the defaults. */
const PLAN_ENTRIES = 6;

/**
 * The plan of a clock from `at` on (`current` = computeClock(input, at), `first` = nextCrossing(input, at,
 * set, current)). `cards`: the subject whose light and overdue rules give cards ('step' for a step clock,
 * 'case' for a case's promised clock, null for a clock that gives none). Null when no plan applies: no
 * crossing ahead, a card rule holding already or from the first crossing on, or a clock whose due instant
 * may still move (a suspension open or to come).
 */
export function crossingPlan(
  input: ClockInput,
  at: Instant,
  set: RuleSet,
  current: ClockResult,
  first: number | null,
  cards: 'case' | 'step' | null,
): CrossingPlan | null {
  if (first === null) return null;
  const fires = (r: ClockResult) =>
    cards !== null &&
    firedRules({ subject: cards, clock: r }, set).some((x) => x.when === 'light' || x.when === 'overdue');
  if (fires(current)) return null;
  const advance = clockAdvancer(input, current, at);
  if (!advance) return null;
  const plan: CrossingPlan = { at: [], light: [], cardsFrom: null };
  for (let t: number | null = first; t !== null; ) {
    if (plan.at.length === PLAN_ENTRIES - 1) {
      plan.at.push(t);
      plan.light.push(null);
      break;
    }
    const r: ClockResult = advance(t) ?? computeClock(input, t);
    plan.at.push(t);
    if (r.beyondCalendar !== undefined || r.suspended) {
      plan.light.push(null);
      break;
    }
    plan.light.push(lightFor(r, set.thresholds));
    if (fires(r)) {
      plan.cardsFrom = t;
      break;
    }
    t = nextCrossing(input, t, set, r);
  }
  // a card at the first crossing already: nothing for the plan to answer (a case's clock, yellow card)
  return plan.cardsFrom === plan.at[0] ? null : plan;
}

/** The light and next crossing a plan gives at `at` (light undefined: the plan does not know it). */
export function planAt(
  plan: CrossingPlan,
  light: Light | null,
  at: number,
): { light: Light | null | undefined; next: number | null } {
  let k = 0;
  while (k < plan.at.length && plan.at[k]! <= at) k++;
  return {
    light: k === 0 ? light : (plan.light[k - 1] ?? undefined),
    next: plan.at[k] ?? null,
  };
}

/** The working-day counts past due at which the set's overdue rules fire. */
function overdueMarks(set: RuleSet): number[] {
  const marks: number[] = [];
  for (const r of set.rules) if (r.when === 'overdue') marks.push(r.minWorkingDays);
  return marks;
}

/** What a crossing changes: the light, and how many of the overdue marks are reached. */
function crossingSignature(r: ClockResult, set: RuleSet, marks: readonly number[]): string {
  let reached = 0;
  if (r.overdue) for (const m of marks) if ((r.overdueWorkingDays ?? 0) >= m) reached++;
  return `${lightFor(r, set.thresholds)}|${reached}`;
}

/**
 * The instants at which to remind the assignee of a step: office opening on the working day that lies N
 * working days before the due date, for each N, dropping those already past.
 */
export function reminderInstants(
  dueDate: string,
  calendar: WorkingCalendar,
  set: Pick<RuleSet, 'remindBeforeWorkingDays'>,
  opts: { timeZone?: string; officeOpen?: string; after: Instant },
): { beforeWorkingDays: number; at: number }[] {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const openMin = parseHhMm(opts.officeOpen ?? '08:30');
  const due = isoToDayNumber(dueDate);
  const out: { beforeWorkingDays: number; at: number }[] = [];
  for (const n of set.remindBeforeWorkingDays) {
    let d = due;
    let counted = 0;
    while (counted < n && d > due - 10 * n - 30) {
      d--;
      if (calendar.isWorkingDayNumber(d)) counted++;
    }
    if (counted < n) continue;
    const at = zonedDayMinuteToInstant(d, openMin, timeZone);
    if (at > toEpochMs(opts.after)) out.push({ beforeWorkingDays: n, at });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** When a notice issued at `issuedAt` must be answered: N working days later, at office close. */
export function replyDueAt(
  issuedAt: Instant,
  calendar: WorkingCalendar,
  set: Pick<RuleSet, 'replyWithinWorkingDays'>,
  opts: { timeZone?: string; officeClose?: string } = {},
): number {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const day = calendar.addWorkingDays(localDateOf(issuedAt, timeZone), set.replyWithinWorkingDays);
  return zonedDayMinuteToInstant(isoToDayNumber(day), parseHhMm(opts.officeClose ?? '17:30'), timeZone);
}

/** The level an unanswered notice goes to next, or null at the top. */
export function nextEscalationLevel(
  current: RuleSet['escalation'][number],
  set: Pick<RuleSet, 'escalation'>,
) {
  const i = set.escalation.indexOf(current);
  return i >= 0 && i + 1 < set.escalation.length ? set.escalation[i + 1]! : null;
}

export type Grade = 'excellent' | 'good' | 'pass' | 'fail';
export const GRADE_LABELS: Record<Grade, string> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};

export interface AssessmentWeights {
  onTime: number;
  early: number;
  quality: number;
  supervision: number;
}
export const DEFAULT_WEIGHTS: AssessmentWeights = { onTime: 50, early: 10, quality: 25, supervision: 15 };
export const DEFAULT_GRADE_BANDS = { excellent: 90, good: 80, pass: 60 } as const;

/**
 * 综合考评: each component is a rate in [0, 1] (on-time rate, early rate, 1 − returned/overturned share,
 * 1 − cards per case capped at 1); the score is their weighted sum scaled to 100.
 */
export function assessmentScore(
  c: { onTimeRate: number; earlyRate: number; qualityRate: number; supervisionRate: number },
  w: AssessmentWeights = DEFAULT_WEIGHTS,
): number {
  const total = w.onTime + w.early + w.quality + w.supervision;
  if (total <= 0) throw new RangeError('assessment weights must add up to more than 0');
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const raw =
    w.onTime * clamp(c.onTimeRate) +
    w.early * clamp(c.earlyRate) +
    w.quality * clamp(c.qualityRate) +
    w.supervision * clamp(c.supervisionRate);
  return Math.round((raw / total) * 1000) / 10;
}

export function gradeOf(score: number, bands = DEFAULT_GRADE_BANDS): Grade {
  if (score >= bands.excellent) return 'excellent';
  if (score >= bands.good) return 'good';
  if (score >= bands.pass) return 'pass';
  return 'fail';
}

export type { Light };
