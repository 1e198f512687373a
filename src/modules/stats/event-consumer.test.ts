// The event consumers' watermark (statistics, intake facts): every committed event is handed over once, in
// order; an event of a transaction still running in this database is waited for, never passed over; a
// transaction running in another database of the same server does not hold the consumers back.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { appendTestEvent, buildCase, demoOrg } from '../supervision/supervision.testing.ts';
import { type ConsumedEvent, consumeEvents } from './event-consumer.ts';

describe.each(BACKENDS)('the event consumers’ watermark on %s', (backend) => {
  let t: TestApp;
  let caseId: string;
  let otherCaseId: string;

  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2025-11-03T02:00:00Z' });
    const fx = await seedIntakeItems(t.deps, 'W');
    const org = await demoOrg(t.deps.db, fx.simple.id);
    const build = (number: string) =>
      t.deps.db
        .transaction()
        .execute((trx) =>
          buildCase(trx, org, { at: t.time.now(), promisedDays: 20, number, accepted: false }),
        );
    caseId = (await build('W1')).caseId;
    otherCaseId = (await build('W2')).caseId; // the slow transaction's (a case's events are numbered in turn)
  }, 120_000);
  afterAll(() => t.close());

  /** Runs the consumer until it is caught up; returns the types of the events it was handed. */
  async function drain(name: string): Promise<string[]> {
    const seen: ConsumedEvent[] = [];
    for (let round = 0; round < 100; round++) {
      const n = await t.deps.db.transaction().execute((trx) =>
        consumeEvents(
          trx,
          name,
          100,
          async (events) => {
            seen.push(...events);
          },
          t.time.now(),
        ),
      );
      if (n === 0) return seen.map((e) => e.type);
    }
    throw new Error('the consumer did not catch up');
  }
  const append = (type: string) =>
    t.deps.db.transaction().execute((trx) => appendTestEvent(trx, caseId, type, t.time.now()));

  it('hands every committed event over once, in order', async () => {
    await drain('w-order'); // the case's history so far
    await append('note_a');
    await append('note_b');
    expect(await drain('w-order')).toEqual(['note_a', 'note_b']);
    expect(await drain('w-order')).toEqual([]);
  });

  // Other connections are needed to hold transactions open: PostgreSQL only (PGlite is one connection).
  if (backend === 'postgres')
    it('waits for a transaction running in this database, not for one in another database', async () => {
      await drain('w-open');
      const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(t.deps.db);
      const here = new URL(process.env.TEST_DATABASE_URL!);
      here.pathname = `/${rows[0]!.db}`;
      const elsewhere = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      const sameDb = new pg.Client({ connectionString: here.toString() });
      await elsewhere.connect();
      await sameDb.connect();
      try {
        // a transaction with a transaction id, left open, in another database of the server
        await elsewhere.query('BEGIN');
        await elsewhere.query('SELECT pg_current_xact_id()');
        await append('note_c');
        expect(await drain('w-open')).toEqual(['note_c']);

        // one in this database that has not committed its event yet: a later event waits for it
        await sameDb.query('BEGIN');
        await sameDb.query(
          `INSERT INTO case_events (case_id, seq, type, at, actor_name, actor_kind, public, payload)
           VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM case_events WHERE case_id = $1), 'note_slow',
                   now(), 'test', 'system', false, '{}')`,
          [otherCaseId],
        );
        await append('note_d');
        expect(await drain('w-open')).toEqual([]);
        await sameDb.query('COMMIT');
        expect(await drain('w-open')).toEqual(['note_slow', 'note_d']);
      } finally {
        await elsewhere.query('ROLLBACK').catch(() => {});
        await sameDb.query('ROLLBACK').catch(() => {});
        await elsewhere.end();
        await sameDb.end();
      }
    });
});
