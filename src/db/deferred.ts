import type { CompiledQuery, Kysely } from 'kysely';
import { DEFERRED } from './prepared.ts';

/**
 * Runs a write whose result the caller does not read as DEFERRED (src/db/prepared.ts): on PostgreSQL,
 * inside a transaction, it travels with the transaction's next statement instead of costing a round trip
 * of its own; its error, if any, surfaces there and aborts the transaction. Not for a statement whose error
 * the caller handles. Resolves to nothing (there is no result to read).
 */
export async function executeDeferred<DB>(db: Kysely<DB>, query: CompiledQuery): Promise<void> {
  await db.executeQuery({ ...query, sql: DEFERRED + query.sql });
}
