import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Tx = Kysely<DB>;

/**
 * Schedules (or moves) the timer of a kind for a key. Idempotent: the same (kind, key) always means one
 * timer; scheduling it again replaces its due instant and payload and makes it pending again.
 */
export async function scheduleTimer(
  trx: Tx,
  t: { kind: string; key: string; dueAt: Date; payload?: unknown; now: Date },
) {
  const payload = JSON.stringify(t.payload ?? {});
  await trx
    .insertInto('timers')
    .values({ kind: t.kind, key: t.key, due_at: t.dueAt, payload, created_at: t.now })
    .onConflict((oc) =>
      oc.columns(['kind', 'key']).doUpdateSet({
        due_at: t.dueAt,
        payload,
        done_at: null,
        attempts: 0,
        last_error: null,
        locked_until: null,
        locked_by: null,
      }),
    )
    .execute();
}

/** Cancels a pending timer (e.g. the material arrived before the 容缺 deadline). */
export async function cancelTimer(trx: Tx, kind: string, key: string, now: Date) {
  await trx
    .updateTable('timers')
    .set({ done_at: now })
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('done_at', 'is', null)
    .execute();
}

export interface ClaimedTimer {
  id: string;
  kind: string;
  key: string;
  due_at: Date;
  payload: unknown;
  attempts: number;
}

/**
 * Claims up to `limit` due timers for `leaseMs`: rows locked by another worker are skipped, and a lease
 * that ran out (a worker that died) makes its timers claimable again. Cost is proportional to what is due
 * (an index on due_at), not to the number of pending timers.
 */
export async function claimDueTimers(
  db: Kysely<DB>,
  worker: string,
  now: Date,
  limit: number,
  leaseMs: number,
) {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<ClaimedTimer>`
    UPDATE timers SET locked_until = ${leaseUntil}, locked_by = ${worker}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM timers
      WHERE done_at IS NULL AND due_at <= ${now} AND (locked_until IS NULL OR locked_until < ${now})
      ORDER BY due_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, key, due_at, payload, attempts`.execute(db);
  return rows;
}

/**
 * Marks a claimed timer done inside the handler's transaction — only if this worker still holds it, so a
 * worker whose lease ran out and was overtaken cannot apply the effect a second time.
 */
export async function completeTimer(trx: Tx, id: string, worker: string, now: Date): Promise<boolean> {
  const done = await trx
    .updateTable('timers')
    .set({ done_at: now, locked_until: null })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .where('done_at', 'is', null)
    .returning('id')
    .execute();
  return done.length === 1;
}

export async function failTimer(db: Kysely<DB>, id: string, worker: string, error: string, retryAt: Date) {
  await db
    .updateTable('timers')
    .set({ last_error: error.slice(0, 2000), locked_until: retryAt })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .execute();
}
