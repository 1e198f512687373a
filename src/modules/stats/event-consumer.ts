// Following case_events in order by a watermark, exactly once, decoupled from whoever writes the events.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB>;

export interface ConsumedEvent {
  id: number;
  tx: string;
  case_id: string;
  type: string;
  at: Date;
  actor_id: string | null;
  actor_kind: 'staff' | 'applicant' | 'system';
  payload: unknown;
}

/**
 * The transaction id below which every transaction that could have written an event has ended: the oldest
 * transaction still running by this statement's snapshot — leaving out those that pg_stat_activity shows
 * running in another database of the server, which cannot write this database's events (a transaction id
 * belongs to one backend, and a backend to one database) — or, with none, the snapshot's xmax. The plain
 * snapshot xmin would do, but it counts every database on the server: a long transaction elsewhere (a
 * bulk load, a backup) would hold the statistics back for as long as it runs. A running transaction that
 * cannot be matched to a backend (a prepared transaction, a subtransaction's own id) still holds it back.
 */
const COMPLETE_HORIZON = sql`(
      WITH s AS (SELECT pg_current_snapshot() AS snap),
      elsewhere AS (
        SELECT a.backend_xid::text::bigint AS xid32 FROM pg_stat_activity a
        WHERE a.datname IS DISTINCT FROM current_database() AND a.backend_xid IS NOT NULL)
      SELECT coalesce(
        (SELECT min(x) FROM s, pg_snapshot_xip(s.snap) AS x
          WHERE x::text::bigint % 4294967296 NOT IN (SELECT xid32 FROM elsewhere)),
        (SELECT pg_snapshot_xmax(snap) FROM s)))`;

/**
 * Hands the next batch of events after the consumer's watermark to `handle`, then moves the watermark —
 * all inside the caller's transaction, so effects and watermark commit (or roll back) together. The
 * consumer row is locked, so concurrent runs of the same consumer queue up instead of double-counting.
 *
 * Only events of transactions older than every running one of this database are read (tx below
 * COMPLETE_HORIZON): an event id is allocated before its transaction commits, so reading by id alone
 * could pass over an event that a slow transaction commits later. Returns the number of events handled
 * (0 = caught up).
 */
export async function consumeEvents(
  trx: Db,
  name: string,
  limit: number,
  handle: (events: ConsumedEvent[]) => Promise<void>,
  now: Date,
): Promise<number> {
  await trx
    .insertInto('event_consumers')
    .values({ name })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const { rows: marks } = await sql<{ tx: string; event_id: number }>`
    SELECT tx::text AS tx, event_id FROM event_consumers WHERE name = ${name} FOR UPDATE`.execute(trx);
  const mark = marks[0]!;
  const { rows } = await sql<ConsumedEvent>`
    SELECT id, tx::text AS tx, case_id, type, at, actor_id, actor_kind, payload
    FROM case_events
    WHERE (tx, id) > (${mark.tx}::xid8, ${mark.event_id}::bigint)
      AND tx < ${COMPLETE_HORIZON}
    ORDER BY tx, id
    LIMIT ${limit}`.execute(trx);
  if (!rows.length) return 0;
  await handle(rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at) })));
  const last = rows.at(-1)!;
  await sql`
    UPDATE event_consumers
    SET tx = ${last.tx}::xid8, event_id = ${last.id}, processed = processed + ${rows.length}, updated_at = ${now}
    WHERE name = ${name}`.execute(trx);
  return rows.length;
}

/** Puts a consumer back to the start of the history (for a rebuild, in the rebuilding transaction). */
export async function resetConsumer(trx: Db, name: string, now: Date) {
  await sql`
    INSERT INTO event_consumers (name, tx, event_id, processed, updated_at) VALUES (${name}, '0', 0, 0, ${now})
    ON CONFLICT (name) DO UPDATE SET tx = '0', event_id = 0, processed = 0, updated_at = ${now}`.execute(trx);
}
