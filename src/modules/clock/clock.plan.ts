// A clock's crossing plan (src/core/supervision.ts crossingPlan) as the clocks table keeps it (migration
// 0020): written wherever a clock is computed, so that the crossing sweep can apply the crossings that only
// move its light with one statement.
import { sql } from 'kysely';
import type { ClockInput, ClockResult } from '../../core/clock.ts';
import { type CrossingPlan, crossingPlan, type RuleSet } from '../../core/supervision.ts';
import { plainArray } from '../../db/uuid-array.ts';
import { calendarTokenOf } from '../calendar/calendar.loader.ts';

/**
 * The subject whose light and overdue rules give a clock's cards, as the crossing sweep decides it: a step
 * for a step clock, none for a case clock other than the promised one, the case otherwise.
 */
export const cardsSubjectOf = (clock: { subject_type: string; purpose: string }) =>
  clock.subject_type === 'task'
    ? ('step' as const)
    : clock.subject_type === 'case' && clock.purpose !== 'promised'
      ? null
      : ('case' as const);

export type StoredPlan = CrossingPlan & { token: string };

/**
 * The plan of a clock just computed at `at` (`result`, and `crossing` its next crossing), tagged with the
 * token of the calendar it was computed with; null for a stopped clock or when no plan applies.
 */
export function planOfClock(
  clock: { subject_type: string; purpose: string; status: string },
  input: ClockInput,
  at: Date | number,
  set: RuleSet,
  result: ClockResult,
  crossing: number | null,
): StoredPlan | null {
  const token = calendarTokenOf(input.calendar);
  if (!token || clock.status !== 'running') return null;
  const plan = crossingPlan(input, at, set, result, crossing, cardsSubjectOf(clock));
  return plan && { ...plan, token };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The plan's columns for an insert or update of one clock (all NULL: no plan). */
export function planColumns(plan: StoredPlan | null) {
  if (!plan) return { plan_at: null, plan_light: null, plan_cards_at: null, plan_token: null };
  return {
    plan_at: sql<Date[]>`${plainArray(plan.at.map(iso))}::timestamptz[]`,
    plan_light: sql<('green' | 'yellow' | 'red' | null)[]>`${plainArray(plan.light)}::text[]`,
    plan_cards_at: plan.cardsFrom === null ? null : new Date(plan.cardsFrom),
    plan_token: plan.token,
  };
}

/**
 * A plan's instants and lights as one plain token each (for a batch's unnest(): `+` between entries, `x`
 * for a light the plan does not know), read back with planFromTokens.
 */
export function planTokens(plan: StoredPlan | null) {
  return {
    at: plan ? plan.at.map(iso).join('+') : null,
    light: plan ? plan.light.map((l) => l ?? 'x').join('+') : null,
    cards: plan?.cardsFrom == null ? null : iso(plan.cardsFrom),
    token: plan?.token ?? null,
  };
}

/** SQL for the columns of planTokens' output (`x` the unnest alias with columns plan_at, plan_light). */
export const planFromTokens = {
  at: sql`string_to_array(x.plan_at, '+')::timestamptz[]`,
  light: sql`string_to_array(x.plan_light, '+', 'x')`,
};
