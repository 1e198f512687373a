// The statistics job: folds case events, in order, into the daily summary tables (incremental), or
// rebuilds them from the whole history. Both paths run the same fold, so they agree by construction.
import { type Kysely, sql } from 'kysely';
import { computeClock } from '../../core/clock.ts';
import { localDateOf } from '../../core/dates.ts';
import { type DB, STATS_COUNTERS, type StatsCounter } from '../../db/schema.ts';
import type { ClockRow } from '../clock/clock.service.ts';
import { loadClockInput } from '../supervision/supervision.subjects.ts';
import { type ConsumedEvent, consumeEvents, resetConsumer } from './event-consumer.ts';
import { type Completion, contributionOf } from './stats.contributions.ts';

type Db = Kysely<DB>;
export const STATS_CONSUMER = 'stats';
export const NONE = '00000000-0000-0000-0000-000000000000';

interface CaseDims {
  centre_id: string;
  department_id: string;
  item_id: string;
  time_zone: string;
  visits: number;
  promised_clock_id: string | null;
}

async function caseDims(trx: Db, ids: string[]): Promise<Map<string, CaseDims>> {
  if (!ids.length) return new Map();
  const rows = await trx
    .selectFrom('cases as k')
    .innerJoin('centres as c', 'c.id', 'k.centre_id')
    .innerJoin('catalogue_item_versions as v', 'v.id', 'k.item_version_id')
    .select([
      'k.id',
      'k.centre_id',
      'k.department_id',
      'k.item_id',
      'c.time_zone',
      'k.promised_clock_id',
      sql<number>`coalesce((v.document->>'visits')::int, 1)`.as('visits'),
    ])
    .where('k.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { ...r, visits: Number(r.visits) }]));
}

async function completionOf(trx: Db, dims: CaseDims, at: Date): Promise<Completion | undefined> {
  if (!dims.promised_clock_id) return undefined;
  const clock: ClockRow | undefined = await trx
    .selectFrom('clocks')
    .selectAll()
    .where('id', '=', dims.promised_clock_id)
    .executeTakeFirst();
  if (!clock) return undefined;
  const r = computeClock(await loadClockInput(trx, clock), at);
  if (r.beyondCalendar !== undefined || r.dueAt === null)
    return { onTime: !r.overdue, early: false, workingDays: null, visits: dims.visits };
  return {
    onTime: at.getTime() <= r.dueAt,
    early: localDateOf(at, dims.time_zone) < r.dueDate,
    workingDays: r.usedWorkingDays,
    visits: dims.visits,
  };
}

const officeFromPayload = (p: unknown): string | null => {
  const o = (p as { officeId?: unknown } | null)?.officeId;
  return typeof o === 'string' && /^[0-9a-f-]{36}$/i.test(o) ? o : null;
};

/** Folds a batch of events into the summary tables (upserts adding to the counters). */
async function fold(trx: Db, events: ConsumedEvent[]) {
  const dims = await caseDims(trx, [...new Set(events.map((e) => e.case_id))]);
  const actorIds = [
    ...new Set(events.flatMap((e) => (e.actor_kind === 'staff' && e.actor_id ? [e.actor_id] : []))),
  ];
  const offices = new Map(
    actorIds.length
      ? (await trx.selectFrom('staff').select(['id', 'office_id']).where('id', 'in', actorIds).execute()).map(
          (s) => [s.id, s.office_id],
        )
      : [],
  );
  const daily = new Map<string, Partial<Record<StatsCounter, number>>>();
  const durations = new Map<string, number>();
  for (const e of events) {
    const d = dims.get(e.case_id);
    if (!d) continue;
    const completion = e.type === 'completed' ? await completionOf(trx, d, e.at) : undefined;
    const c = contributionOf(e.type, e.payload, completion);
    if (!c) continue;
    const staff = e.actor_kind === 'staff' && e.actor_id ? e.actor_id : null;
    const office = officeFromPayload(e.payload) ?? (staff ? (offices.get(staff) ?? null) : null);
    const key = [
      localDateOf(e.at, d.time_zone),
      d.centre_id,
      d.department_id,
      d.item_id,
      office ?? NONE,
      staff ?? NONE,
    ].join('|');
    const acc = daily.get(key) ?? {};
    for (const [name, v] of Object.entries(c.counters) as [StatsCounter, number][])
      acc[name] = (acc[name] ?? 0) + v;
    daily.set(key, acc);
    if (c.workingDays !== undefined) {
      const dk = `${key}|${c.workingDays}`;
      durations.set(dk, (durations.get(dk) ?? 0) + 1);
    }
  }
  await upsertDaily(trx, daily);
  await upsertDurations(trx, durations);
}

const ZERO = Object.fromEntries(STATS_COUNTERS.map((n) => [n, 0])) as Record<StatsCounter, number>;

const keyColumns = (key: string) => {
  const [day, centre_id, department_id, item_id, office_id, staff_id] = key.split('|') as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { day, centre_id, department_id, item_id, office_id, staff_id };
};

async function upsertDaily(trx: Db, daily: Map<string, Partial<Record<StatsCounter, number>>>) {
  const rows = [...daily].map(([key, counters]) => ({ ...keyColumns(key), ...counters }));
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('stats_daily')
      .values(rows.slice(i, i + 500).map((r) => ({ ...ZERO, ...r })))
      .onConflict((oc) =>
        oc
          .columns(['day', 'centre_id', 'department_id', 'item_id', 'office_id', 'staff_id'])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              STATS_COUNTERS.map((n) => [n, eb(eb.ref(`stats_daily.${n}`), '+', eb.ref(`excluded.${n}`))]),
            ),
          ),
      )
      .execute();
  }
}

async function upsertDurations(trx: Db, durations: Map<string, number>) {
  const rows = [...durations].map(([key, n]) => {
    const parts = key.split('|');
    return { ...keyColumns(parts.slice(0, 6).join('|')), working_days: Number(parts[6]), n };
  });
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('stats_durations')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .columns(['day', 'centre_id', 'department_id', 'item_id', 'office_id', 'staff_id', 'working_days'])
          .doUpdateSet((eb) => ({ n: eb('stats_durations.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  }
}

/** One batch of the incremental job; returns the events folded (0 = caught up). */
export const consumeStats = (trx: Db, now: Date, limit = 1000) =>
  consumeEvents(trx, STATS_CONSUMER, limit, (events) => fold(trx, events), now);

/** Rebuilds the summary tables from the whole event history, in one transaction; returns the events read. */
export async function rebuildStats(db: Db, now: Date, batch = 5000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await resetConsumer(trx, STATS_CONSUMER, now);
    await sql`SELECT name FROM event_consumers WHERE name = ${STATS_CONSUMER} FOR UPDATE`.execute(trx);
    await trx.deleteFrom('stats_daily').execute();
    await trx.deleteFrom('stats_durations').execute();
    let total = 0;
    for (;;) {
      const n = await consumeStats(trx, now, batch);
      total += n;
      if (n === 0) return total;
    }
  });
}
