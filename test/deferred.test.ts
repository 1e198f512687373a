import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { executeAhead, executeDeferred } from '../src/db/deferred.ts';
import { wire } from '../src/db/prepared.ts';
import type { DB } from '../src/db/schema.ts';
import { createTestDatabase, databaseUrl } from './db.ts';

// (A file of its own: test/prepared.test.ts fills this process's statement names up to their bound, after
// which nothing new is prepared, so nothing new can be deferred.)
// Deferred writes (DEFERRED): held by the client, sent with the transaction's next statement.
describe.runIf(process.env.TEST_DATABASE_URL)('deferred writes on postgres', () => {
  let database: Database;
  // one connection: a statement is deferred only once that connection has prepared it
  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrated: false, poolSize: 1 });
    await sql`CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL CHECK (v <> 'bad'))`.execute(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  const insert = (trx: Kysely<DB>, id: number, v: string) =>
    executeDeferred(trx, sql`INSERT INTO t (id, v) VALUES (${id}, ${v})`.compile(trx));
  const values = async () =>
    (await sql<{ id: number; v: string }>`SELECT id, v FROM t ORDER BY id`.execute(database.db)).rows;
  const trips = async <T>(fn: () => Promise<T>) => {
    const before = wire.roundTrips;
    const r = await fn();
    return { r, trips: wire.roundTrips - before };
  };

  it('sends a deferred write with the next statement, which sees it: one round trip for both', async () => {
    // first use on the connection: sent at once (and prepared)
    const first = await trips(() => database.db.transaction().execute((trx) => insert(trx, 1, 'one')));
    expect(first.trips).toBe(2); // BEGIN with the insert (sent at once, so prepared), COMMIT
    const { r, trips: n } = await trips(() =>
      database.db.transaction().execute(async (trx) => {
        await sql`SELECT ${1}::int`.execute(trx); // carries the BEGIN
        const held = await trips(async () => {
          await insert(trx, 2, 'two');
          await insert(trx, 3, 'three');
        });
        expect(held.trips).toBe(0);
        const seen = await trips(() =>
          sql<{ n: number }>`SELECT count(*)::int AS n FROM t WHERE id > ${0}`.execute(trx),
        );
        expect(seen.trips).toBe(1);
        return seen.r.rows[0]!.n;
      }),
    );
    expect(r).toBe(3);
    expect(n).toBe(3); // BEGIN with the first SELECT, the inserts with the count, COMMIT
    expect(await values()).toEqual([
      { id: 1, v: 'one' },
      { id: 2, v: 'two' },
      { id: 3, v: 'three' },
    ]);
  });

  it("sends the last deferred write with COMMIT; its error fails the commit and the transaction's other writes", async () => {
    const done = await trips(() =>
      database.db.transaction().execute(async (trx) => {
        await sql`UPDATE t SET v = ${'uno'} WHERE id = ${1}`.execute(trx);
        await insert(trx, 4, 'four');
      }),
    );
    expect(done.trips).toBe(2); // BEGIN with the update, the insert with COMMIT
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`UPDATE t SET v = ${'eins'} WHERE id = ${1}`.execute(trx);
        await insert(trx, 5, 'bad'); // violates the CHECK: only known at COMMIT
      }),
    ).rejects.toThrow(/t_v_check/);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await insert(trx, 6, 'six');
        await insert(trx, 6, 'six again'); // duplicate key: surfaces at the next statement
        await sql`SELECT ${1}::int`.execute(trx);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await values()).toEqual([
      { id: 1, v: 'uno' },
      { id: 2, v: 'two' },
      { id: 3, v: 'three' },
      { id: 4, v: 'four' },
    ]);
  });

  it('drops held writes on rollback, sends them before a script, and runs them at once outside a transaction', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`SELECT ${1}::int`.execute(trx);
        await insert(trx, 7, 'seven');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await database.db.transaction().execute(async (trx) => {
      await sql`SELECT ${1}::int`.execute(trx);
      await insert(trx, 8, 'eight');
      // a parameterless script can only go over the simple protocol: the held insert is sent first
      await sql`UPDATE t SET v = v || '!' WHERE id = 8; UPDATE t SET v = v || '?' WHERE id = 8`.execute(trx);
    });
    const outside = await trips(() => insert(database.db, 9, 'nine'));
    expect(outside.trips).toBe(1);
    expect((await values()).filter((r) => r.id >= 7)).toEqual([
      { id: 8, v: 'eight!?' },
      { id: 9, v: 'nine' },
    ]);
  });

  it('refuses a value pg cannot send when the write is deferred, and the connection goes on', async () => {
    const note = (trx: Kysely<DB>, id: number, v: unknown) =>
      executeDeferred(trx, sql`UPDATE t SET v = v || ${v}::jsonb::text WHERE id = ${id}`.compile(trx));
    await database.db.transaction().execute((trx) => note(trx, 1, { ok: 1 })); // prepares it
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`SELECT ${1}::int`.execute(trx);
        await note(trx, 1, { big: 10n }); // JSON cannot carry a BigInt
      }),
    ).rejects.toThrow(/BigInt/);
    await database.db.transaction().execute(async (trx) => {
      await sql`SELECT ${1}::int`.execute(trx);
      await note(trx, 1, { ok: 2 });
    });
    expect((await values()).find((r) => r.id === 1)?.v).toBe('uno{"ok": 1}{"ok": 2}');
  });

  // Reads sent ahead (executeAhead): held like a deferred write, their rows delivered when they are back.
  const lockRow = (trx: Kysely<DB>, id: number) =>
    executeAhead(
      trx,
      sql<{ id: number; v: string }>`SELECT id, v FROM t WHERE id = ${id} FOR UPDATE`.compile(trx),
    );
  const readRow = (trx: Kysely<DB>, id: number) =>
    sql<{ v: string }>`SELECT v FROM t WHERE id = ${id} AND ${true}`.execute(trx);

  it('sends a read ahead with the next statement (and BEGIN): one round trip, both results', async () => {
    await database.db.transaction().execute(async (trx) => {
      await (await lockRow(trx, 2)).rows(); // first use: prepared
      await readRow(trx, 3);
    });
    const { r, trips: n } = await trips(() =>
      database.db.transaction().execute(async (trx) => {
        const locked = await lockRow(trx, 2);
        const read = await trips(() => readRow(trx, 3));
        expect(read.trips).toBe(1); // BEGIN, the lock and the read
        return { locked: await locked.rows(), read: read.r.rows };
      }),
    );
    expect(r).toEqual({ locked: [{ id: 2, v: 'two' }], read: [{ v: 'three' }] });
    expect(n).toBe(2); // with COMMIT
  });

  it('sends a read ahead on its own when its rows are asked for before any other statement', async () => {
    const { r, trips: n } = await trips(() =>
      database.db.transaction().execute(async (trx) => {
        const locked = await lockRow(trx, 3);
        return locked.rows();
      }),
    );
    expect(r).toEqual([{ id: 3, v: 'three' }]);
    expect(n).toBe(2); // BEGIN with the lock, COMMIT
  });

  it('runs the statement after a lock sent ahead once the lock is held: it sees what the holder committed', async () => {
    const other = new pg.Client({ connectionString: await databaseUrl(database.db) });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT 1 FROM t WHERE id = 2 FOR UPDATE`);
      const mine = database.db.transaction().execute(async (trx) => {
        const locked = await lockRow(trx, 2); // waits for the other transaction
        const read = await readRow(trx, 2);
        return { locked: (await locked.rows())[0]?.v, read: read.rows[0]?.v };
      });
      await new Promise((r) => setTimeout(r, 100));
      await other.query(`UPDATE t SET v = 'deux' WHERE id = 2`);
      await other.query('COMMIT');
      expect(await mine).toEqual({ locked: 'deux', read: 'deux' });
    } finally {
      await other.end();
    }
  });

  it("fails the read and the statement it travelled with on the read's error, and drops an unsent read on rollback", async () => {
    const bad = (trx: Kysely<DB>, id: number) =>
      executeAhead(
        trx,
        sql<{ n: number }>`SELECT 1 / (id - ${id}) AS n FROM t WHERE id = ${id}`.compile(trx),
      );
    await database.db.transaction().execute(async (trx) => (await bad(trx, 0)).rows()); // prepares it
    let read: Promise<unknown> | undefined;
    await expect(
      database.db.transaction().execute(async (trx) => {
        const ahead = await bad(trx, 2);
        read = ahead.rows();
        read.catch(() => {});
        await readRow(trx, 3);
      }),
    ).rejects.toThrow(/division by zero/);
    await expect(read).rejects.toThrow(/division by zero/);
    let unsent: Promise<unknown> | undefined;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`SELECT ${1}::int`.execute(trx);
        unsent = (await lockRow(trx, 3)).rows();
        unsent.catch(() => {});
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await expect(unsent).rejects.toThrow(/rolled back/);
    expect((await values()).find((r) => r.id === 3)?.v).toBe('three');
  });
});
