// The crossing sweep: clocks whose next threshold crossing is due (clocks.next_crossing_at, a partial
// index) are taken up to a thousand at a time in one transaction, read and written with set-based
// statements and computed in memory with the pure core. Same effects as onClockCrossing per clock.
import { type Kysely, sql } from 'kysely';
import { type ClockInput, computeClock, type LimitUnit, lightFor } from '../../core/clock.ts';
import { firedRules, nextCrossing, type Rule, type SubjectFacts } from '../../core/supervision.ts';
import type { DB } from '../../db/schema.ts';
import { plainArray, uuidArray } from '../../db/uuid-array.ts';
import type { AppDeps } from '../../server/context.ts';
import { loadCalendar } from '../calendar/calendar.loader.ts';
import { planFromTokens, planOfClock, planTokens } from '../clock/clock.plan.ts';
import type { ClockRow } from '../clock/clock.service.ts';
import type { Sweep, TickResult } from '../scheduler/worker.ts';
import { issueCardsBatch, onClockCrossing } from './supervision.cards.ts';
import { type RuleSetInForce, ruleSetFor } from './supervision.rules.ts';
import type { Subject } from './supervision.subjects.ts';

type Db = Kysely<DB>;

const UUID_SQL = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
interface SubjectRow {
  clock_id: string;
  subject_type: string;
  case_id: string | null;
  case_centre_id: string | null;
  item_id: string | null;
  case_status: string | null;
  case_department_id: string | null;
  current_step: string | null;
  task_id: string | null;
  task_status: string | null;
  role: string | null;
  step_name: string | null;
  office_id: string | null;
  task_department_id: string | null;
}

/** The joins from a clock to its step (for a step clock) and its case. */
const SUBJECT_JOINS = sql`
    LEFT JOIN case_tasks t
      ON c.subject_type = 'task' AND t.id = CASE WHEN c.subject_id ~ ${UUID_SQL} THEN c.subject_id::uuid END
    LEFT JOIN cases k
      ON k.id = CASE WHEN c.subject_type = 'task' THEN t.case_id
                     WHEN c.subject_type = 'case' AND c.subject_id ~ ${UUID_SQL} THEN c.subject_id::uuid END`;

/** What the sweep reads of a clock to recompute it. */
type SweptClock = Pick<
  ClockRow,
  'id' | 'centre_id' | 'status' | 'started_at' | 'limit_value' | 'limit_unit' | 'subject_type' | 'purpose'
>;

/**
 * Clocks whose next crossing is due, oldest first, with the case each belongs to (no lock). The case is on
 * the clock (clocks.case_id); a row written before it was (an older server during an upgrade) finds it
 * through its subject, a lookup COALESCE only makes for those rows.
 */
async function dueClocks(db: Db, now: Date, limit: number) {
  const { rows } = await sql<{ id: string; case_id: string | null }>`
    SELECT c.id, coalesce(c.case_id, CASE
      WHEN c.subject_id !~ ${UUID_SQL} THEN NULL
      WHEN c.subject_type = 'case' THEN c.subject_id::uuid
      WHEN c.subject_type = 'task' THEN (SELECT t.case_id FROM case_tasks t WHERE t.id = c.subject_id::uuid)
    END) AS case_id
    FROM clocks c
    WHERE c.next_crossing_at <= ${now}
    ORDER BY c.next_crossing_at
    LIMIT ${limit}`.execute(db);
  return rows;
}

/** A due clock as the sweep locks it: what its recomputation needs, its case's item, what else to read. */
type LockedClock = SweptClock & {
  item_id: string | null;
  has_suspensions: boolean;
  has_extensions: boolean;
};

/**
 * Locks the cases of `due` that no other transaction holds, reading each one's item (its rule set): the
 * order of intake and the engine, case then clock. Returns the clocks of `due` whose case was locked (or
 * that have none) and each clock's case item; a skipped clock stays due for the next pass.
 */
async function lockCases(trx: Db, due: DueClock[]) {
  const caseIds = [...new Set(due.flatMap((c) => (c.case_id ? [c.case_id] : [])))];
  // case id → item id, for the cases this transaction now holds
  const items = new Map<string, string>();
  if (caseIds.length) {
    const { rows } = await sql<{ id: string; item_id: string }>`
      SELECT id, item_id FROM cases WHERE id = ANY(${uuidArray(caseIds)})
      ORDER BY id FOR UPDATE SKIP LOCKED`.execute(trx);
    for (const r of rows) items.set(r.id, r.item_id);
  }
  const held = due.filter((c) => !c.case_id || items.has(c.case_id));
  const itemOf = new Map(held.map((c) => [c.id, (c.case_id && items.get(c.case_id)) ?? null]));
  return { ids: held.map((c) => c.id), itemOf };
}

/**
 * Applies, in one statement, the crossings of those clocks of `ids` that are still due and that no other
 * worker holds whose plan answers for `now` (clocks.plan_*, migration 0020): computed under the calendar
 * in force, before its first card, and knowing the light at `now`. The light becomes the plan's light of
 * the last plan instant ≤ now (unchanged before the first) and the next crossing the first plan instant
 * after now — what recomputing the clock gives (the crossing plan property test), without reading its
 * history or sending it to this process. Returns how many clocks it applied; the others are still due.
 */
async function applyPlans(trx: Db, ids: string[], now: Date): Promise<number> {
  const r = await sql`
    UPDATE clocks c
    SET light = CASE WHEN l.k = 0 THEN c.light ELSE c.plan_light[l.k] END,
        next_crossing_at = c.plan_at[l.k + 1], updated_at = ${now}
    FROM (
      SELECT id, k FROM (
        SELECT id, plan_light, (SELECT count(*) FROM unnest(plan_at) a WHERE a <= ${now})::int AS k
        FROM clocks
        WHERE id = ANY(${uuidArray(ids)}) AND next_crossing_at <= ${now} AND status = 'running'
          AND plan_token = (SELECT token FROM calendar_revision WHERE id = 1)
          AND (plan_cards_at IS NULL OR plan_cards_at > ${now})
        ORDER BY id
        FOR UPDATE SKIP LOCKED) s
      WHERE k = 0 OR plan_light[k] IS NOT NULL) l
    WHERE c.id = l.id`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Locks those clocks of `ids` that are still due and that no other worker holds, and returns them with
 * their case's item and whether they have suspensions or extensions to read. (Its own statement, planned on
 * its own: with the case lock in one statement, the clocks were found through the crossing index, past
 * every entry earlier ticks left behind, instead of by key.)
 */
async function lockClocks(
  trx: Db,
  ids: string[],
  itemOf: Map<string, string | null>,
  now: Date,
): Promise<LockedClock[]> {
  const { rows } = await sql<SweptClock & { has_suspensions: boolean; has_extensions: boolean }>`
    SELECT id, centre_id, status, started_at, limit_value, limit_unit, subject_type, purpose,
           EXISTS (SELECT 1 FROM clock_suspensions s WHERE s.clock_id = clocks.id) AS has_suspensions,
           EXISTS (SELECT 1 FROM clock_extensions e WHERE e.clock_id = clocks.id) AS has_extensions
    FROM clocks WHERE id = ANY(${uuidArray(ids)}) AND next_crossing_at <= ${now}
    ORDER BY id
    FOR UPDATE SKIP LOCKED`.execute(trx);
  return rows.map((r) => ({ ...r, item_id: itemOf.get(r.id) ?? null }));
}

/** The case or step each clock of `ids` belongs to, as it is now, with what a card needs. */
async function subjectsOf(trx: Db, ids: string[]) {
  const { rows } = await sql<SubjectRow>`
    SELECT c.id AS clock_id, c.subject_type, k.id AS case_id, k.centre_id AS case_centre_id, k.item_id,
           k.status AS case_status, k.department_id AS case_department_id, k.current_step, t.id AS task_id,
           t.status AS task_status, t.role, t.step_name, t.office_id, t.department_id AS task_department_id
    FROM clocks c ${SUBJECT_JOINS}
    WHERE c.id = ANY(${uuidArray(ids)})`.execute(trx);
  return new Map(rows.map((r) => [r.clock_id, r]));
}

function subjectOf(r: SubjectRow | undefined): Subject | null {
  if (!r?.case_id || !r.case_centre_id || !r.item_id || !r.case_department_id) return null;
  if (r.subject_type === 'case')
    return {
      kind: 'case',
      id: r.case_id,
      caseId: r.case_id,
      centreId: r.case_centre_id,
      departmentId: r.case_department_id,
      itemId: r.item_id,
      officeId: null,
      open: r.case_status === 'accepted',
      role: null,
      stepName: r.current_step,
    };
  if (r.subject_type === 'task' && r.task_id)
    return {
      kind: 'task',
      id: r.task_id,
      caseId: r.case_id,
      centreId: r.case_centre_id,
      departmentId: r.task_department_id ?? r.case_department_id,
      itemId: r.item_id,
      officeId: r.office_id,
      open: r.task_status === 'open' || r.task_status === 'claimed',
      role: r.role,
      stepName: r.step_name,
    };
  return null;
}

function byClock<T extends { clock_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(r.clock_id, [...(out.get(r.clock_id) ?? []), r]);
  return out;
}

/**
 * The ClockInput of every clock of the batch: suspensions and extensions read once for all (only for the
 * clocks that have any), the centres' hours with the calendar token in one statement.
 */
async function inputsOf(trx: Db, clocks: LockedClock[]): Promise<Map<string, ClockInput>> {
  const withSuspensions = clocks.flatMap((c) => (c.has_suspensions ? [c.id] : []));
  const withExtensions = clocks.flatMap((c) => (c.has_extensions ? [c.id] : []));
  const [suspensions, extensions, centreRows] = await Promise.all([
    withSuspensions.length
      ? trx
          .selectFrom('clock_suspensions')
          .selectAll()
          .where(sql<boolean>`clock_id = ANY(${uuidArray(withSuspensions)})`)
          .orderBy('clock_id')
          .orderBy('started_at')
          .execute()
      : [],
    withExtensions.length
      ? trx
          .selectFrom('clock_extensions')
          .selectAll()
          .where(sql<boolean>`clock_id = ANY(${uuidArray(withExtensions)})`)
          .orderBy('clock_id')
          .orderBy('approved_at')
          .execute()
      : [],
    sql<{ id: string; time_zone: string; office_open: string; office_close: string; token: string }>`
      SELECT id, time_zone, office_open, office_close,
             (SELECT token FROM calendar_revision WHERE id = 1) AS token
      FROM centres WHERE id = ANY(${uuidArray([...new Set(clocks.map((c) => c.centre_id))])})`
      .execute(trx)
      .then((r) => r.rows),
  ]);
  const centres = new Map(centreRows.map((c) => [c.id, c]));
  const calendars = new Map<string, Awaited<ReturnType<typeof loadCalendar>>>();
  for (const c of centreRows) calendars.set(c.id, await loadCalendar(trx, c.id, c.token));
  const suspensionsOf = byClock(suspensions);
  const extensionsOf = byClock(extensions);
  const out = new Map<string, ClockInput>();
  for (const clock of clocks) {
    const centre = centres.get(clock.centre_id);
    if (!centre) throw new Error(`clock ${clock.id}: centre ${clock.centre_id} not found`);
    out.set(clock.id, {
      startedAt: clock.started_at,
      limit: { value: clock.limit_value, unit: clock.limit_unit as LimitUnit },
      calendar: calendars.get(clock.centre_id)!,
      timeZone: centre.time_zone,
      officeOpen: centre.office_open,
      officeClose: centre.office_close,
      suspensions: (suspensionsOf.get(clock.id) ?? []).map((s) => ({
        reason: s.reason,
        kind: s.kind,
        startedAt: s.started_at,
        endedAt: s.ended_at ?? undefined,
      })),
      extensions: (extensionsOf.get(clock.id) ?? []).map((e) => ({
        days: e.days,
        reason: e.reason,
        approvedBy: e.approved_by ?? '',
      })),
    } as ClockInput);
  }
  return out;
}

type DueClock = Awaited<ReturnType<typeof dueClocks>>[number];

/**
 * Applies the crossings of those `due` clocks (read unlocked, with their case) that are still due: locks
 * their cases (lockCases: a case another transaction holds is skipped and its clocks stay due for the next
 * pass), applies the crossings their plans answer for in one statement (applyPlans), and for the rest locks
 * the clocks, reads what their inputs need, recomputes each clock's light, next crossing and plan with the
 * rule set in force, writes them in one statement, and gives the cards the rules now call for — each new
 * card with its history event, notice and action-log entry (issueCardsBatch, a fixed number of
 * statements). The step or case a card goes to is read under the lock, only for the clocks that get one.
 * Returns the clocks applied.
 */
export async function crossingBatch(trx: Db, due: DueClock[], now: Date) {
  if (!due.length) return 0;
  const { ids, itemOf } = await lockCases(trx, due);
  if (!ids.length) return 0;
  const planned = await applyPlans(trx, ids, now);
  if (planned === ids.length) return planned;
  const clocks = await lockClocks(trx, ids, itemOf, now);
  if (!clocks.length) return planned;
  const inputs = await inputsOf(trx, clocks);

  const sets = new Map<string, RuleSetInForce>();
  const setFor = async (centreId: string, itemId: string | null) => {
    const key = `${centreId}:${itemId ?? ''}`;
    const hit = sets.get(key);
    if (hit) return hit;
    const s = await ruleSetFor(trx, centreId, itemId);
    sets.set(key, s);
    return s;
  };

  const updates: Array<{
    id: string;
    due_date: string | null;
    due_at: string | null;
    beyond: number | null;
    light: string | null;
    next: string | null;
    plan: ReturnType<typeof planTokens>;
  }> = [];
  const candidates: Array<{
    clock: LockedClock;
    rules: Rule[];
    inForce: RuleSetInForce;
    facts: Record<string, unknown>;
  }> = [];
  for (const clock of clocks) {
    const input = inputs.get(clock.id)!;
    const inForce = await setFor(clock.centre_id, clock.item_id);
    const stopped = clock.status === 'stopped';
    const result = computeClock(input, now);
    const crossing = stopped ? null : nextCrossing(input, now, inForce.set, result);
    updates.push({
      id: clock.id,
      due_date: result.dueDate ?? null,
      due_at: result.dueAt == null ? null : new Date(result.dueAt).toISOString(),
      beyond: 'beyondCalendar' in result && result.beyondCalendar ? result.beyondCalendar : null,
      light: stopped ? null : lightFor(result, inForce.set.thresholds),
      next: crossing === null ? null : new Date(crossing).toISOString(),
      plan: planTokens(stopped ? null : planOfClock(clock, input, now, inForce.set, result, crossing)),
    });
    if (stopped || (clock.subject_type === 'case' && clock.purpose !== 'promised')) continue;
    const facts: SubjectFacts = { subject: clock.subject_type === 'task' ? 'step' : 'case', clock: result };
    const rules = firedRules(facts, inForce.set).filter((r) => r.when === 'light' || r.when === 'overdue');
    if (rules.length)
      candidates.push({
        clock,
        rules,
        inForce,
        facts: {
          dueAt: result.dueAt == null ? null : new Date(result.dueAt).toISOString(),
          overdueWorkingDays: result.overdueWorkingDays,
        },
      });
  }

  const column = (pick: (u: (typeof updates)[number]) => string | number | null) =>
    plainArray(updates.map(pick));
  await sql`
    UPDATE clocks c SET due_date = x.due_date, due_at = x.due_at, beyond_calendar_year = x.beyond,
      light = x.light, next_crossing_at = x.next, plan_at = ${planFromTokens.at},
      plan_light = ${planFromTokens.light}, plan_cards_at = x.plan_cards, plan_token = x.plan_token,
      updated_at = ${now}
    FROM unnest(${uuidArray(updates.map((u) => u.id))}, ${column((u) => u.due_date)}::date[],
                ${column((u) => u.due_at)}::timestamptz[], ${column((u) => u.beyond)}::int[],
                ${column((u) => u.light)}::text[], ${column((u) => u.next)}::timestamptz[],
                ${column((u) => u.plan.at)}::text[], ${column((u) => u.plan.light)}::text[],
                ${column((u) => u.plan.cards)}::timestamptz[], ${column((u) => u.plan.token)}::uuid[])
      AS x(id, due_date, due_at, beyond, light, next, plan_at, plan_light, plan_cards, plan_token)
    WHERE c.id = x.id`.execute(trx);
  // Cards the rules call for, to the subject as it is now (an open case or step only); the unique key on
  // (subject, rule) gives each once, also between racing workers.
  if (candidates.length) {
    const current = await subjectsOf(
      trx,
      candidates.map((w) => w.clock.id),
    );
    const cards = candidates.flatMap((w) => {
      const subject = subjectOf(current.get(w.clock.id));
      return subject?.open
        ? [{ subject, rules: w.rules, inForce: w.inForce, clockId: w.clock.id, facts: w.facts }]
        : [];
    });
    if (cards.length) await issueCardsBatch(trx, cards, now);
  }
  return planned + clocks.length;
}

/** How long a clock whose crossing failed waits before it is tried again. */
const RETRY_MS = 5 * 60_000;

/**
 * On PostgreSQL a tick's due clocks are applied in this many transactions side by side, one backend each,
 * so both cores work (a batch is mostly waits on the server). All clocks of a case go to the same part —
 * two parts would otherwise race for its lock and one would skip it. PGlite is one connection: one part.
 */
const PARTS = 2;
const MIN_PER_PART = 100;

function split(due: DueClock[], parts: number): DueClock[][] {
  const out: DueClock[][] = Array.from({ length: parts }, () => []);
  const partOf = new Map<string, number>();
  for (const c of due) {
    const key = c.case_id ?? c.id;
    let p = partOf.get(key);
    if (p === undefined) {
      p = partOf.size % parts;
      partOf.set(key, p);
    }
    out[p]!.push(c);
  }
  return out.filter((p) => p.length);
}

/**
 * The scheduler's sweep of threshold crossings. Batched: the due clocks (up to the limit) in one
 * transaction, or in PARTS transactions side by side on PostgreSQL; a part that fails is applied clock by
 * clock. One by one (and after a failed part): onClockCrossing per clock in its own transaction; a clock
 * that still fails is logged and tried again after RETRY_MS, so one bad clock neither blocks the others nor
 * spins the worker.
 */
export const crossingSweep: Sweep = {
  name: 'clock crossings',
  async run(deps, now, { limit, batch }): Promise<TickResult> {
    const due = await dueClocks(deps.db, now, limit);
    const r: TickResult = { claimed: 0, done: 0, failed: 0 };
    if (!due.length) return r;
    if (!batch) return oneByOne(deps, due, now, r);
    const parts =
      deps.database.kind === 'postgres' && due.length >= PARTS * MIN_PER_PART ? split(due, PARTS) : [due];
    await Promise.all(
      parts.map(async (part) => {
        try {
          const n = await deps.db.transaction().execute((trx) => crossingBatch(trx, part, now));
          r.claimed += n;
          r.done += n;
        } catch (e) {
          deps.logger.warn(
            { err: e, clocks: part.length },
            'crossing batch failed; applying them one by one',
          );
          await oneByOne(deps, part, now, r);
        }
      }),
    );
    return r;
  },
};

async function oneByOne(deps: AppDeps, due: DueClock[], now: Date, r: TickResult): Promise<TickResult> {
  for (const { id } of due) {
    r.claimed++;
    try {
      await deps.db.transaction().execute((trx) => onClockCrossing(trx, id, now));
      r.done++;
    } catch (e) {
      r.failed++;
      deps.logger.error({ err: e, clockId: id }, 'clock crossing failed; trying again later');
      await deps.db
        .updateTable('clocks')
        .set({ next_crossing_at: new Date(now.getTime() + RETRY_MS) })
        .where('id', '=', id)
        .execute();
    }
  }
  return r;
}
