// The clocks' lifecycle: start, suspend, resume, extend, stop and refresh, each storing the clock's cached
// columns (due date, light, next crossing, crossing plan) recomputed by the pure core (src/core/clock.ts);
// what a change reads first (the clock locked, its centre, calendar and history) is in clock.read.ts.
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { WorkingCalendar } from '../../core/calendar.ts';
import {
  type ClockInput,
  type ClockResult,
  computeClock,
  type LimitUnit,
  lightFor,
  validateExtension,
} from '../../core/clock.ts';
import { DEFAULT_RULE_SET, nextCrossing } from '../../core/supervision.ts';
import { executeDeferred } from '../../db/deferred.ts';
import type { ClocksTable, DB } from '../../db/schema.ts';
import { conflict, notFound, unprocessable } from '../../shared/errors.ts';
import { loadCalendar } from '../calendar/calendar.loader.ts';
import { ruleSetFor, ruleSetOfClock } from '../supervision/supervision.rules.ts';
import { planColumns, planOfClock } from './clock.plan.ts';
import {
  type Centre,
  calendarOf,
  centreOf,
  type History,
  type HistoryJson,
  historyColumns,
  historyFrom,
  historyOf,
  lockClock,
} from './clock.read.ts';

type Tx = Kysely<DB>;
export type ClockRow = Selectable<ClocksTable>;

/** The pure core's input for a clock of a centre, from its start, limit and history. */
export const inputOf = (
  clock: Pick<ClockRow, 'started_at' | 'limit_value' | 'limit_unit'>,
  centre: Centre,
  calendar: WorkingCalendar,
  history: History,
) =>
  ({
    startedAt: clock.started_at,
    limit: { value: clock.limit_value, unit: clock.limit_unit as LimitUnit },
    calendar,
    timeZone: centre.time_zone,
    officeOpen: centre.office_open,
    officeClose: centre.office_close,
    ...history,
  }) as ClockInput;

/** Everything src/core/clock.ts needs about a stored clock (history: when the caller already has it). */
async function clockInput(trx: Tx, clock: ClockRow, history?: History): Promise<ClockInput> {
  const centre = await centreOf(trx, clock.centre_id);
  const calendar = await calendarOf(trx, clock.centre_id);
  return inputOf(clock, centre, calendar, history ?? (await historyOf(trx, clock.id)));
}

/**
 * A clock's cached columns recomputed (at `now`) with its new status: due date, light and next threshold
 * crossing (none when stopped) — the scheduler's crossing sweep picks the clock up at that instant
 * (clocks.next_crossing_at) — and its crossing plan.
 */
async function recomputed(
  trx: Tx,
  clock: ClockRow,
  now: Date,
  patch: Partial<Pick<ClockRow, 'status' | 'stopped_at'>>,
  history?: History,
) {
  const next = { ...clock, ...patch };
  const input = await clockInput(trx, next, history);
  const result = computeClock(input, now);
  // the thresholds of the centre's (or the item's) rule set in force
  const set = next.status === 'stopped' ? DEFAULT_RULE_SET : await ruleSetOfClock(trx, next);
  const crossing = next.status === 'stopped' ? null : nextCrossing(input, now, set, result);
  const values = {
    ...patch,
    due_date: result.dueDate ?? null,
    due_at: result.dueAt == null ? null : new Date(result.dueAt),
    beyond_calendar_year: 'beyondCalendar' in result && result.beyondCalendar ? result.beyondCalendar : null,
    light: next.status === 'stopped' ? null : lightFor(result, set.thresholds),
    next_crossing_at: crossing === null ? null : new Date(crossing),
    ...planColumns(planOfClock(next, input, now, set, result, crossing)),
    updated_at: now,
  };
  return { values, result };
}

/** Recomputes and stores one clock's cached columns (see recomputed); returns the stored row. */
async function store(
  trx: Tx,
  clock: ClockRow,
  now: Date,
  patch: Partial<Pick<ClockRow, 'status' | 'stopped_at'>> = {},
  history?: History,
) {
  const { values, result } = await recomputed(trx, clock, now, patch, history);
  const row = await trx
    .updateTable('clocks')
    .set(values)
    .where('id', '=', clock.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { clock: row, result };
}

/** Stores a clock as stopped at `at`, deferred (src/db/deferred.ts): nobody reads the row back. */
async function storeStopped(trx: Tx, clock: ClockRow, at: Date, history: History): Promise<void> {
  const { values } = await recomputed(trx, clock, at, { status: 'stopped', stopped_at: at }, history);
  await executeDeferred(trx, trx.updateTable('clocks').set(values).where('id', '=', clock.id).compile());
}

/** Refreshes a clock at a threshold crossing (the scheduler's crossing sweep). */
export async function refreshClock(trx: Tx, id: string, now: Date) {
  const { clock, history } = await lockClock(trx, id);
  return store(trx, clock, now, {}, history);
}

export interface StartClock {
  centreId: string;
  /** The case the clock belongs to (the case itself, or the step's case); null for a clock of no case. */
  caseId: string | null;
  subjectType: string;
  subjectId: string;
  purpose: string;
  startedAt: Date;
  limit: { value: number; unit: LimitUnit };
  maxExtensionDays?: number;
  /**
   * The item of the clock's case, when the caller knows it: its rule set's thresholds apply from the start
   * (a step clock is started before its step row exists, so the item cannot be found through it).
   */
  itemId?: string;
}

/** Starts a clock inside the caller's transaction; its due date is computed and stored at once. */
export async function startClock(trx: Tx, input: StartClock) {
  const [started] = await startClocks(trx, [input]);
  return started!;
}

/**
 * Starts several clocks at once: the due dates, lights and next crossings are computed first (a new clock
 * has no suspensions or extensions), then the clocks are written in one statement.
 */
export async function startClocks(trx: Tx, inputs: readonly StartClock[]) {
  if (!inputs.length) return [];
  const { computed, values } = await newClocks(trx, inputs);
  const rows = await trx.insertInto('clocks').values(values).returningAll().execute();
  return computed.map((c) => ({ clock: rows.find((r) => r.id === c.id)!, result: c.result }));
}

/**
 * startClocks for a caller that needs only the new clocks' ids (the engine opening steps): the insert is
 * deferred (src/db/deferred.ts) and travels with the transaction's next statement.
 */
export async function startClocksDeferred(trx: Tx, inputs: readonly StartClock[]): Promise<string[]> {
  if (!inputs.length) return [];
  const { values } = await newClocks(trx, inputs);
  await executeDeferred(trx, trx.insertInto('clocks').values(values).compile());
  return values.map((v) => v.id);
}

/** New clocks' rows: due dates, lights, next crossings and plans (a new clock has no history). */
async function newClocks(trx: Tx, inputs: readonly StartClock[]) {
  const computed = await Promise.all(
    inputs.map(async (input) => {
      const centre = await centreOf(trx, input.centreId);
      const clockIn = {
        startedAt: input.startedAt,
        limit: input.limit,
        calendar: await calendarOf(trx, input.centreId),
        timeZone: centre.time_zone,
        officeOpen: centre.office_open,
        officeClose: centre.office_close,
        suspensions: [],
        extensions: [],
      } as ClockInput;
      const result = computeClock(clockIn, input.startedAt);
      const set = input.itemId
        ? (await ruleSetFor(trx, input.centreId, input.itemId)).set
        : await ruleSetOfClock(trx, {
            centre_id: input.centreId,
            subject_type: input.subjectType,
            subject_id: input.subjectId,
          });
      const crossing = nextCrossing(clockIn, input.startedAt, set, result);
      const plan = planOfClock(
        { subject_type: input.subjectType, purpose: input.purpose, status: 'running' },
        clockIn,
        input.startedAt,
        set,
        result,
        crossing,
      );
      return { input, result, crossing, plan, set, id: randomUUID() };
    }),
  );
  const values = computed.map(({ input, result, crossing, plan, set, id }) => ({
    id,
    centre_id: input.centreId,
    case_id: input.caseId,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    purpose: input.purpose,
    started_at: input.startedAt,
    limit_value: input.limit.value,
    limit_unit: input.limit.unit,
    max_extension_days: input.maxExtensionDays ?? 10,
    due_date: result.dueDate ?? null,
    due_at: result.dueAt == null ? null : new Date(result.dueAt),
    beyond_calendar_year: 'beyondCalendar' in result && result.beyondCalendar ? result.beyondCalendar : null,
    light: lightFor(result, set.thresholds),
    next_crossing_at: crossing === null ? null : new Date(crossing),
    ...planColumns(plan),
    updated_at: input.startedAt,
  }));
  return { computed, values };
}

/** Pauses a running clock (特别程序 or a correction asked of the applicant); a reason is required. */
export async function suspendClock(
  trx: Tx,
  id: string,
  s: { kind: string; reason: string; by: string | null; at: Date },
) {
  const { clock, history } = await lockClock(trx, id);
  if (clock.status !== 'running')
    throw conflict(
      'clock_not_running',
      '计时未在进行中，不能暂停。',
      'The clock is not running, so it cannot be suspended.',
    );
  if (!s.reason.trim())
    throw unprocessable('reason_required', '暂停计时必须说明理由。', 'A suspension needs a reason.');
  await trx
    .insertInto('clock_suspensions')
    .values({ clock_id: id, kind: s.kind, reason: s.reason, started_at: s.at, started_by: s.by })
    .execute();
  return store(trx, clock, s.at, { status: 'suspended' }, {
    ...history,
    suspensions: [...(history.suspensions ?? []), { reason: s.reason, kind: s.kind, startedAt: s.at }],
  } as History);
}

/** Resumes a suspended clock; the due date moves by the working days spent suspended. */
export async function resumeClock(trx: Tx, id: string, r: { by: string | null; at: Date }) {
  const { clock, history } = await lockClock(trx, id);
  if (clock.status !== 'suspended')
    throw conflict('clock_not_suspended', '计时未暂停，无需恢复。', 'The clock is not suspended.');
  await trx
    .updateTable('clock_suspensions')
    .set({ ended_at: r.at, ended_by: r.by })
    .where('clock_id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
  return store(trx, clock, r.at, { status: 'running' }, {
    ...history,
    suspensions: history.suspensions?.map((x) => (x.endedAt ? x : { ...x, endedAt: r.at })),
  } as History);
}

/** Grants an extension in working days, bounded by the clock's maximum (Art. 42). */
export async function extendClock(
  trx: Tx,
  id: string,
  e: { days: number; reason: string; approvedBy: string | null; at: Date },
) {
  const { clock, history } = await lockClock(trx, id);
  if (clock.status === 'stopped') throw conflict('clock_stopped', '计时已结束。', 'The clock has stopped.');
  if (!e.reason.trim())
    throw unprocessable('reason_required', '延期必须说明理由。', 'An extension needs a reason.');
  const granted = await trx
    .selectFrom('clock_extensions')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('days'), eb.lit(0)).as('total'))
    .where('clock_id', '=', id)
    .executeTakeFirstOrThrow();
  const check = validateExtension(e.days, Number(granted.total), clock.max_extension_days);
  if (!check.ok)
    throw unprocessable(`extension_${check.code}`, check.message, check.messageEn, {
      allowedDays: check.allowedDays,
    });
  await trx
    .insertInto('clock_extensions')
    .values({ clock_id: id, days: e.days, reason: e.reason, approved_by: e.approvedBy, approved_at: e.at })
    .execute();
  return store(trx, clock, e.at, {}, {
    ...history,
    extensions: [
      ...(history.extensions ?? []),
      { days: e.days, reason: e.reason, approvedBy: e.approvedBy ?? '' },
    ],
  } as History);
}

/**
 * Stops a clock (the subject was decided or ended); an open suspension ends with it. The writes are
 * deferred (src/db/deferred.ts): they travel with the transaction's next statement.
 */
export async function stopClock(trx: Tx, id: string, at: Date): Promise<void> {
  const { clock, history } = await lockClock(trx, id);
  if (clock.status === 'stopped') return;
  if (!history.suspensions?.some((s) => !s.endedAt)) return storeStopped(trx, clock, at, history);
  const end = trx
    .updateTable('clock_suspensions')
    .set({ ended_at: at })
    .where('clock_id', '=', id)
    .where('ended_at', 'is', null);
  await executeDeferred(trx, end.compile());
  return storeStopped(trx, clock, at, {
    ...history,
    suspensions: history.suspensions.map((x) => (x.endedAt ? x : { ...x, endedAt: at })),
  } as History);
}

/** The clock's state at an instant, derived from its history (the stored due date is only a cache). */
export async function readClock(
  db: Kysely<DB>,
  id: string,
  at: Date,
): Promise<{ clock: ClockRow; result: ClockResult }> {
  const clock = await db.selectFrom('clocks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!clock) throw notFound('Clock', '计时');
  const evaluateAt = clock.status === 'stopped' && clock.stopped_at ? clock.stopped_at : at;
  return { clock, result: computeClock(await clockInput(db, clock), evaluateAt) };
}

/**
 * For a statement that reads clocks (as `alias`): one JSON column with what clockStateOf needs to compute
 * a clock's state — the clock's start, limit and status, its suspensions and extensions, its centre's hours
 * and the calendar token (the calendar itself is cached by token). For lists, such as the work list's days
 * left, which would otherwise read clock by clock.
 */
export const clockStateJson = (alias: string) => {
  const k = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<ClockStateJson>`(SELECT to_jsonb(x) FROM (
    SELECT ${k('centre_id')} AS centre_id, ${k('started_at')} AS started_at, ${k('limit_value')} AS limit_value,
           ${k('limit_unit')} AS limit_unit, ${k('status')} AS status, ${k('stopped_at')} AS stopped_at,
           ${historyColumns(k('id'))}, centre.time_zone, centre.office_open, centre.office_close,
           (SELECT token FROM calendar_revision WHERE id = 1) AS calendar_token
    FROM centres centre WHERE centre.id = ${k('centre_id')}) x)`;
};

export interface ClockStateJson extends HistoryJson, Centre {
  centre_id: string;
  started_at: string;
  limit_value: number;
  limit_unit: ClockRow['limit_unit'];
  status: string;
  stopped_at: string | null;
  calendar_token: string;
}

/** A clock's state at an instant from its clockStateJson column (as readClock computes it). */
export async function clockStateOf(db: Kysely<DB>, j: ClockStateJson, at: Date): Promise<ClockResult> {
  const calendar = await loadCalendar(db, j.centre_id, j.calendar_token);
  const input = inputOf({ ...j, started_at: new Date(j.started_at) }, j, calendar, historyFrom(j));
  return computeClock(input, j.status === 'stopped' && j.stopped_at ? new Date(j.stopped_at) : at);
}

/**
 * After a calendar change: recomputes open clocks of a centre (or of every centre) that could be affected —
 * those due on or after the first changed date, and those flagged beyond the calendar — and makes the
 * others whose stored next crossing falls on or after that date due now: their due date stands, but the
 * overdue working days that crossing waits for are counted on the changed days, so it may have moved (one
 * stored before the date counted none of them and stands). The crossing sweep recomputes those in batches.
 * Returns the count recomputed here.
 */
export async function recomputeOpenClocks(
  trx: Tx,
  centreId: string | null,
  fromDate: string,
  now: Date,
): Promise<number> {
  let q = trx
    .selectFrom('clocks')
    .selectAll()
    .where('status', '<>', 'stopped')
    .where((eb) =>
      eb.or([
        eb('due_date', '>=', fromDate),
        eb('beyond_calendar_year', 'is not', null),
        eb('due_date', 'is', null),
      ]),
    );
  if (centreId) q = q.where('centre_id', '=', centreId);
  const clocks = await q.execute();
  for (const clock of clocks) await store(trx, clock, now);
  let due = trx
    .updateTable('clocks')
    .set({ next_crossing_at: now, ...planColumns(null) })
    .where('status', '<>', 'stopped')
    .where('due_date', '<', fromDate)
    .where('next_crossing_at', '>', now)
    // a day early: the date's midnight in any centre's zone
    .where(sql<boolean>`next_crossing_at >= ${fromDate}::date - 1`);
  if (centreId) due = due.where('centre_id', '=', centreId);
  await due.execute();
  return clocks.length;
}
