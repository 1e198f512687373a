// What a change of a clock reads before it computes: the clock locked, with its centre's hours, the
// calendar token and its history in the same round trip (or taken from a statement of the transaction's
// own that locked it already), and the centre and calendar reused within a transaction that asks for it.
import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import type { WorkingCalendar } from '../../core/calendar.ts';
import type { ClockInput } from '../../core/clock.ts';
import type { ClocksTable, DB } from '../../db/schema.ts';
import { notFound } from '../../shared/errors.ts';
import { loadCalendar } from '../calendar/calendar.loader.ts';

type Tx = Kysely<DB>;
type ClockRow = Selectable<ClocksTable>;

export interface Centre {
  time_zone: string;
  office_open: string;
  office_close: string;
}

/**
 * Transactions that ask for it (the engine's: one transition stops and starts several clocks) reuse the
 * centre and calendar they read first. Only for transactions that change neither.
 */
const memo = new WeakMap<object, { centres: Map<string, Centre>; calendars: Map<string, WorkingCalendar> }>();

export function reuseCentreAndCalendarIn(trx: Tx) {
  if (!memo.has(trx)) memo.set(trx, { centres: new Map(), calendars: new Map() });
}

export async function centreOf(trx: Tx, id: string): Promise<Centre> {
  const m = memo.get(trx);
  const hit = m?.centres.get(id);
  if (hit) return hit;
  const centre = await trx
    .selectFrom('centres')
    .select(['time_zone', 'office_open', 'office_close'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  m?.centres.set(id, centre);
  return centre;
}

export async function calendarOf(trx: Tx, centreId: string, token?: string): Promise<WorkingCalendar> {
  const m = memo.get(trx);
  const hit = m?.calendars.get(centreId);
  if (hit) return hit;
  const calendar = await loadCalendar(trx, centreId, token);
  m?.calendars.set(centreId, calendar);
  return calendar;
}

export type History = Pick<ClockInput, 'suspensions' | 'extensions'>;

export interface HistoryJson {
  s: { reason: string; kind: string; started: number; ended: number | null }[];
  e: { days: number; reason: string; approved_by: string | null }[];
}

/** A clock's suspensions and extensions as two JSON columns (instants as epoch milliseconds). */
export const historyColumns = (clockId: RawBuilder<unknown> | string) => sql`
  (SELECT coalesce(json_agg(json_build_object('reason', reason, 'kind', kind,
      'started', floor(extract(epoch FROM started_at) * 1000)::int8,
      'ended', floor(extract(epoch FROM ended_at) * 1000)::int8) ORDER BY started_at), '[]')
     FROM clock_suspensions WHERE clock_id = ${clockId}) AS s,
  (SELECT coalesce(json_agg(json_build_object('days', days, 'reason', reason, 'approved_by', approved_by)
      ORDER BY approved_at), '[]')
     FROM clock_extensions WHERE clock_id = ${clockId}) AS e`;

export const historyFrom = ({ s, e }: HistoryJson): History =>
  ({
    suspensions: s.map((x) => ({
      reason: x.reason,
      kind: x.kind,
      startedAt: new Date(Number(x.started)),
      endedAt: x.ended == null ? undefined : new Date(Number(x.ended)),
    })),
    extensions: e.map((x) => ({ days: x.days, reason: x.reason, approvedBy: x.approved_by ?? '' })),
  }) as History;

/** A clock's suspensions and extensions, in one round trip. */
export async function historyOf(trx: Tx, clockId: string): Promise<History> {
  const { rows } = await sql<HistoryJson>`SELECT ${historyColumns(clockId)}`.execute(trx);
  return historyFrom(rows[0]!);
}

type LockedRow = ClockRow &
  Centre &
  HistoryJson & { locked_version: string; seen_version: string | null; calendar_token: string };

/** The locked clock `k` (joined to its centre `c`) with what lockClock reads with it. */
const lockedColumns = sql`k.*, c.time_zone, c.office_open, c.office_close, k.xmin::text AS locked_version,
           (SELECT x.xmin::text FROM clocks x WHERE x.id = k.id) AS seen_version,
           (SELECT token FROM calendar_revision WHERE id = 1) AS calendar_token,
           ${historyColumns(sql.ref('k.id'))}`;

/**
 * Locks a clock and reads, in the same round trip, its centre's hours and the calendar token (both kept
 * for the transaction when it reuses centres and calendars) and its history. The history is read with the
 * statement's snapshot, taken before any wait for the lock: when the locked row is a newer version than
 * the snapshot saw (another transaction changed the clock meanwhile), it is read again.
 */
export async function lockClock(trx: Tx, id: string): Promise<{ clock: ClockRow; history: History }> {
  const already = lockedEarlier.get(trx);
  const held = already?.get(id);
  if (held) {
    already!.delete(id); // once: the caller is about to write the clock
    return fromLocked(trx, revived(held));
  }
  const { rows } = await sql<LockedRow>`SELECT ${lockedColumns}
      FROM clocks k JOIN centres c ON c.id = k.centre_id
     WHERE k.id = ${id}
       FOR UPDATE OF k`.execute(trx);
  const row = rows[0];
  if (!row) throw notFound('Clock', '计时');
  return fromLocked(trx, row);
}

/**
 * For a statement of a transaction that will change the clock `clockId` (the engine's read of the step it
 * completes): the clock locked, with what lockClock reads with it, as one JSON column. Handed to
 * rememberLockedClock, it saves the change's own lockClock a round trip.
 */
export const lockedClockJson = (clockId: RawBuilder<unknown>) => sql<LockedClockJson | null>`(
  SELECT to_jsonb(l) FROM (
    SELECT ${lockedColumns} FROM clocks k JOIN centres c ON c.id = k.centre_id
     WHERE k.id = ${clockId}
       FOR UPDATE OF k) l)`;

/** A clock locked by lockedClockJson's column (its instants still ISO strings). */
export type LockedClockJson = Record<keyof LockedRow, unknown>;

/** Clocks a transaction locked in a statement of its own (lockedClockJson) that lockClock has not taken yet. */
const lockedEarlier = new WeakMap<object, Map<string, LockedClockJson>>();

/**
 * Keeps a clock locked by lockedClockJson's column for the transaction's next lockClock of it (stop,
 * suspend, resume, extend, refresh), which then reads nothing. Only for a clock the transaction does not
 * change in between by other means.
 */
export function rememberLockedClock(trx: Tx, locked: LockedClockJson | null) {
  if (!locked) return;
  const m = lockedEarlier.get(trx) ?? new Map<string, LockedClockJson>();
  lockedEarlier.set(trx, m);
  m.set(locked.id as string, locked);
}

const INSTANTS = ['started_at', 'stopped_at', 'due_at', 'updated_at', 'next_crossing_at', 'plan_cards_at'];

function revived(json: LockedClockJson): LockedRow {
  const row = { ...json } as Record<string, unknown>;
  for (const k of INSTANTS) if (typeof row[k] === 'string') row[k] = new Date(row[k] as string);
  if (Array.isArray(row.plan_at)) row.plan_at = (row.plan_at as string[]).map((x) => new Date(x));
  return row as unknown as LockedRow;
}

async function fromLocked(trx: Tx, row: LockedRow): Promise<{ clock: ClockRow; history: History }> {
  const {
    time_zone,
    office_open,
    office_close,
    locked_version,
    seen_version,
    calendar_token,
    s,
    e,
    ...clock
  } = row;
  if (memo.has(trx)) {
    memo.get(trx)!.centres.set(clock.centre_id, { time_zone, office_open, office_close });
    await calendarOf(trx, clock.centre_id, calendar_token);
  }
  const history = locked_version === seen_version ? historyFrom({ s, e }) : await historyOf(trx, clock.id);
  return { clock, history };
}
