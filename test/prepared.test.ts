import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { ALWAYS_PREPARED, MAX_PREPARED, preparedCount } from '../src/db/prepared.ts';
import { createTestDatabase } from './db.ts';

// Named statements exist on PostgreSQL only (PGlite has no pool client to name them on).
describe.runIf(process.env.TEST_DATABASE_URL)('prepared statements on postgres', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrated: false });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('names a statement marked ALWAYS_PREPARED outside transactions too, and no other', async () => {
    const marked = sql<{ n: number }>`${sql.raw(ALWAYS_PREPARED)} SELECT ${2}::int + 40 AS n`;
    const plain = sql<{ n: number }>`SELECT ${2}::int + 41 AS n`;
    // one connection, so that its session's prepared statements can be read
    await database.db.connection().execute(async (conn) => {
      for (let round = 0; round < 2; round++) {
        expect((await marked.execute(conn)).rows[0]!.n).toBe(42);
        expect((await plain.execute(conn)).rows[0]!.n).toBe(43);
      }
      const { rows } = await sql<{ statement: string }>`
        SELECT statement FROM pg_prepared_statements ORDER BY statement`.execute(conn);
      expect(rows.map((r) => r.statement)).toEqual([`${ALWAYS_PREPARED} SELECT $1::int + 40 AS n`]);
    });
  });

  it('names each SQL text once inside transactions, warns once at the bound, then runs the rest unnamed', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => {
      if ((w as Error & { code?: string }).code === 'ONEWINDOW_PREPARED_FULL') warnings.push(w);
    };
    process.on('warning', onWarning);
    try {
      const before = preparedCount();
      await database.db.transaction().execute(async (trx) => {
        for (let round = 0; round < 2; round++)
          expect((await sql<{ n: number }>`SELECT ${1}::int + 0 AS n`.execute(trx)).rows[0]!.n).toBe(1);
        // (no parameters: the simple protocol, on the transaction's own connection)
        const { rows } = await sql<{ n: string }>`
          SELECT count(*) AS n FROM pg_prepared_statements WHERE statement = 'SELECT $1::int + 0 AS n'`.execute(
          trx,
        );
        expect(Number(rows[0]!.n)).toBe(1);
      });
      expect(preparedCount()).toBe(before + 1); // the same text twice: one name
      await database.db.transaction().execute(async (trx) => {
        for (let k = 1; preparedCount() < MAX_PREPARED; k++) {
          const r = await sql<{ n: number }>`SELECT ${k}::int + ${sql.raw(String(k))} AS n`.execute(trx);
          expect(r.rows[0]!.n).toBe(2 * k);
        }
        // past the bound: still answered, unnamed, and warned about once
        for (const k of [1, 2]) {
          const r = await sql<{ n: number }>`SELECT ${k}::int * 6 + 0 AS n, 'past the bound'`.execute(trx);
          expect(r.rows[0]!.n).toBe(6 * k);
        }
        const r = await sql<{ n: number }>`SELECT ${7}::int * 6 - 0 AS n`.execute(trx);
        expect(r.rows[0]!.n).toBe(42);
      });
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      expect(preparedCount()).toBe(MAX_PREPARED);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toMatch(/distinct SQL texts have been prepared/);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
