import type { CompiledQuery, Kysely } from 'kysely';
import { DEFERRED, HELD_AHEAD, markAhead } from './prepared.ts';

/**
 * Runs a write whose result the caller does not read as DEFERRED (src/db/prepared.ts): on PostgreSQL,
 * inside a transaction, it travels with the transaction's next statement instead of costing a round trip
 * of its own; its error, if any, surfaces there and aborts the transaction. Not for a statement whose error
 * the caller handles. Resolves to nothing (there is no result to read).
 */
export async function executeDeferred<DB>(db: Kysely<DB>, query: CompiledQuery): Promise<void> {
  await db.executeQuery({ ...query, sql: DEFERRED + query.sql });
}

/** A read sent ahead: `rows()` gives its rows once they are back. */
export interface Ahead<R> {
  rows(): Promise<R[]>;
}

/**
 * Issues a read inside a transaction so that, on PostgreSQL, it travels with the transaction's next
 * statement: both go in one network write and PostgreSQL runs them in order, each with its own snapshot,
 * as if sent one after the other (so a lock taken by the first holds when the second reads). Resolves
 * once the read is issued; `rows()` resolves when its round trip is back, and if no statement has
 * followed by then, sends it on its own. An error of the read is also the next statement's (the
 * transaction is aborted), as with a DEFERRED write. Elsewhere (not yet prepared on this connection,
 * outside a transaction, on PGlite) the read runs at once.
 */
export async function executeAhead<DB, R>(db: Kysely<DB>, query: CompiledQuery<R>): Promise<Ahead<R>> {
  const parameters = [...query.parameters];
  const sink = markAhead(parameters);
  const r = await db.executeQuery<R>({ ...query, parameters });
  if (r.rows[0] === HELD_AHEAD) return { rows: async () => (await sink.get()).rows as R[] };
  return { rows: async () => r.rows };
}
