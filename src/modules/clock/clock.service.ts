import type { Kysely, Selectable } from 'kysely';
import {
  type ClockInput,
  type ClockResult,
  computeClock,
  type LimitUnit,
  lightFor,
  validateExtension,
} from '../../core/clock.ts';
import { DEFAULT_RULE_SET, nextCrossing } from '../../core/supervision.ts';
import type { ClocksTable, DB } from '../../db/schema.ts';
import { conflict, notFound, unprocessable } from '../../shared/errors.ts';
import { loadCalendar } from '../calendar/calendar.loader.ts';
import { cancelTimer, scheduleTimer } from '../scheduler/timers.ts';

type Tx = Kysely<DB>;
export type ClockRow = Selectable<ClocksTable>;

/** Everything src/core/clock.ts needs about a stored clock, read in one go. */
async function clockInput(trx: Tx, clock: ClockRow): Promise<ClockInput> {
  const centre = await trx
    .selectFrom('centres')
    .select(['time_zone', 'office_open', 'office_close'])
    .where('id', '=', clock.centre_id)
    .executeTakeFirstOrThrow();
  const [suspensions, extensions] = await Promise.all([
    trx
      .selectFrom('clock_suspensions')
      .selectAll()
      .where('clock_id', '=', clock.id)
      .orderBy('started_at')
      .execute(),
    trx
      .selectFrom('clock_extensions')
      .selectAll()
      .where('clock_id', '=', clock.id)
      .orderBy('approved_at')
      .execute(),
  ]);
  return {
    startedAt: clock.started_at,
    limit: { value: clock.limit_value, unit: clock.limit_unit as LimitUnit },
    calendar: await loadCalendar(trx, clock.centre_id),
    timeZone: centre.time_zone,
    officeOpen: centre.office_open,
    officeClose: centre.office_close,
    suspensions: suspensions.map((s) => ({
      reason: s.reason,
      kind: s.kind,
      startedAt: s.started_at,
      endedAt: s.ended_at ?? undefined,
    })),
    extensions: extensions.map((e) => ({ days: e.days, reason: e.reason, approvedBy: e.approved_by ?? '' })),
  } as ClockInput;
}

export const CROSSING_TIMER = 'clock.crossing';

/**
 * Recomputes the cached due date and light of one clock (at `now`), stores them with the clock's new
 * status, and schedules the timer for its next threshold crossing (or cancels it when none lies ahead).
 */
async function store(
  trx: Tx,
  clock: ClockRow,
  now: Date,
  patch: Partial<Pick<ClockRow, 'status' | 'stopped_at'>> = {},
) {
  const next = { ...clock, ...patch };
  const input = await clockInput(trx, next);
  const result = computeClock(input, now);
  const crossing = next.status === 'stopped' ? null : nextCrossing(input, now, DEFAULT_RULE_SET);
  const row = await trx
    .updateTable('clocks')
    .set({
      ...patch,
      due_date: result.dueDate ?? null,
      due_at: result.dueAt == null ? null : new Date(result.dueAt),
      beyond_calendar_year:
        'beyondCalendar' in result && result.beyondCalendar ? result.beyondCalendar : null,
      light: next.status === 'stopped' ? null : lightFor(result, DEFAULT_RULE_SET.thresholds),
      next_crossing_at: crossing === null ? null : new Date(crossing),
      updated_at: now,
    })
    .where('id', '=', clock.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (crossing === null) await cancelTimer(trx, CROSSING_TIMER, clock.id, now);
  else await scheduleTimer(trx, { kind: CROSSING_TIMER, key: clock.id, dueAt: new Date(crossing), now });
  return { clock: row, result };
}

/** Refreshes a clock at a threshold crossing (the scheduler's clock.crossing timer). */
export async function refreshClock(trx: Tx, id: string, now: Date) {
  const clock = await lockClock(trx, id);
  return store(trx, clock, now);
}

async function lockClock(trx: Tx, id: string): Promise<ClockRow> {
  const clock = await trx
    .selectFrom('clocks')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!clock) throw notFound('Clock', '计时');
  return clock;
}

export interface StartClock {
  centreId: string;
  subjectType: string;
  subjectId: string;
  purpose: string;
  startedAt: Date;
  limit: { value: number; unit: LimitUnit };
  maxExtensionDays?: number;
}

/** Starts a clock inside the caller's transaction; its due date is computed and stored at once. */
export async function startClock(trx: Tx, input: StartClock) {
  const clock = await trx
    .insertInto('clocks')
    .values({
      centre_id: input.centreId,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      purpose: input.purpose,
      started_at: input.startedAt,
      limit_value: input.limit.value,
      limit_unit: input.limit.unit,
      max_extension_days: input.maxExtensionDays ?? 10,
      updated_at: input.startedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return store(trx, clock, input.startedAt);
}

/** Pauses a running clock (特别程序 or a correction asked of the applicant); a reason is required. */
export async function suspendClock(
  trx: Tx,
  id: string,
  s: { kind: string; reason: string; by: string | null; at: Date },
) {
  const clock = await lockClock(trx, id);
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
  return store(trx, clock, s.at, { status: 'suspended' });
}

/** Resumes a suspended clock; the due date moves by the working days spent suspended. */
export async function resumeClock(trx: Tx, id: string, r: { by: string | null; at: Date }) {
  const clock = await lockClock(trx, id);
  if (clock.status !== 'suspended')
    throw conflict('clock_not_suspended', '计时未暂停，无需恢复。', 'The clock is not suspended.');
  await trx
    .updateTable('clock_suspensions')
    .set({ ended_at: r.at, ended_by: r.by })
    .where('clock_id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
  return store(trx, clock, r.at, { status: 'running' });
}

/** Grants an extension in working days, bounded by the clock's maximum (Art. 42). */
export async function extendClock(
  trx: Tx,
  id: string,
  e: { days: number; reason: string; approvedBy: string | null; at: Date },
) {
  const clock = await lockClock(trx, id);
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
  return store(trx, clock, e.at);
}

/** Stops a clock (the subject was decided or ended); an open suspension ends with it. */
export async function stopClock(trx: Tx, id: string, at: Date) {
  const clock = await lockClock(trx, id);
  if (clock.status === 'stopped') return { clock, result: null };
  await trx
    .updateTable('clock_suspensions')
    .set({ ended_at: at })
    .where('clock_id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
  return store(trx, clock, at, { status: 'stopped', stopped_at: at });
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
 * After a calendar change: recomputes open clocks of a centre (or of every centre) that could be affected —
 * those due on or after the first changed date, and those flagged beyond the calendar. Returns the count.
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
  return clocks.length;
}
