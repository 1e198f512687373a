import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createTestDatabase } from '../../../test/db.ts';
import { silentLogger } from '../../../test/factories.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { AppDeps } from '../../server/context.ts';
import { ManualTime } from '../../shared/time.ts';
import { ensureRecurringTimers, TIMER_HANDLERS } from './handlers.ts';
import { cancelTimer, scheduleTimer } from './timers.ts';
import { runTick, type TimerHandlers } from './worker.ts';

const N = 1_000;

describe.each(BACKENDS)('scheduler on %s', (backend) => {
  let database: Database;
  let second: Database;
  let time: ManualTime;
  const depsOf = (d: Database): AppDeps => ({
    database: d,
    db: d.db,
    time,
    config: loadConfig({}),
    logger: silentLogger,
  });

  // A handler whose effect is an insert into a table with a unique key: a duplicate run would fail.
  const handlers: TimerHandlers = {
    'test.effect': async (trx, timer) => {
      await sql`INSERT INTO timer_effects (key) VALUES (${timer.key})`.execute(trx);
    },
    'test.flaky': async () => {
      throw new Error('downstream unavailable');
    },
  };

  beforeAll(async () => {
    time = new ManualTime('2025-10-09T00:00:00Z');
    database = await createTestDatabase(backend);
    // PostgreSQL: a second pool on the same database, as a second server would have. PGlite: one process.
    second = backend === 'postgres' ? await openSecond(database) : database;
    await sql`CREATE TABLE timer_effects (key text PRIMARY KEY)`.execute(database.db);
  });
  afterAll(async () => {
    if (second !== database) await second.db.destroy();
    await database.close();
  });

  it('runs each of 1,000 due timers exactly once with two workers racing', async () => {
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < N; i++)
        await scheduleTimer(trx, {
          kind: 'test.effect',
          key: `k${i}`,
          dueAt: new Date(time.now().getTime() + i * 1000),
          now: time.now(),
        });
    });
    expect((await runTick(depsOf(database), handlers, { worker: 'a' })).claimed).toBe(1); // only k0 is due yet
    time.advanceMs(N * 1000);
    const drain = async (d: Database, worker: string) => {
      let total = 0;
      for (;;) {
        const r = await runTick(depsOf(d), handlers, { worker, limit: 50 });
        expect(r.failed).toBe(0);
        total += r.done;
        if (r.claimed === 0) return total;
      }
    };
    const [a, b] = await Promise.all([drain(database, 'a'), drain(second, 'b')]);
    expect(a + b).toBe(N - 1);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM timer_effects`.execute(
      database.db,
    );
    expect(rows[0]?.n).toBe(N);
    const pending = await database.db
      .selectFrom('timers')
      .select('id')
      .where('done_at', 'is', null)
      .execute();
    expect(pending).toEqual([]);
  });

  it('reschedules idempotently and cancels', async () => {
    const now = time.now();
    await database.db.transaction().execute(async (trx) => {
      await scheduleTimer(trx, {
        kind: 'test.effect',
        key: 'moved',
        dueAt: new Date(now.getTime() + 60_000),
        now,
      });
      await scheduleTimer(trx, {
        kind: 'test.effect',
        key: 'moved',
        dueAt: new Date(now.getTime() + 120_000),
        now,
      });
      await scheduleTimer(trx, { kind: 'test.effect', key: 'cancelled', dueAt: now, now });
      await cancelTimer(trx, 'test.effect', 'cancelled', now);
    });
    time.advanceMs(90_000);
    expect((await runTick(depsOf(database), handlers, { worker: 'a' })).claimed).toBe(0);
    time.advanceMs(60_000);
    expect(await runTick(depsOf(database), handlers, { worker: 'a' })).toEqual({
      claimed: 1,
      done: 1,
      failed: 0,
    });
  });

  it('keeps a failing timer pending with a back-off and records the error', async () => {
    const now = time.now();
    await database.db
      .transaction()
      .execute((trx) => scheduleTimer(trx, { kind: 'test.flaky', key: 'x', dueAt: now, now }));
    expect(await runTick(depsOf(database), handlers, { worker: 'a' })).toEqual({
      claimed: 1,
      done: 0,
      failed: 1,
    });
    const row = await database.db
      .selectFrom('timers')
      .selectAll()
      .where('kind', '=', 'test.flaky')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ done_at: null, attempts: 1, last_error: 'downstream unavailable' });
    expect((await runTick(depsOf(database), handlers, { worker: 'a' })).claimed).toBe(0); // backing off
    time.advanceMs(61_000);
    expect((await runTick(depsOf(database), handlers, { worker: 'b' })).claimed).toBe(1);
  });

  it('cleans up expired sessions on its daily timer and schedules the next run', async () => {
    await ensureRecurringTimers(database.db, time.now());
    await ensureRecurringTimers(database.db, time.now());
    const r = await runTick(depsOf(database), TIMER_HANDLERS, { worker: 'a' });
    expect(r).toMatchObject({ done: 5, failed: 0 }); // cleanup, reminders, intake facts, light-count fold, stats
    const next = await database.db
      .selectFrom('timers')
      .selectAll()
      .where('kind', '=', 'maintenance.cleanup')
      .executeTakeFirstOrThrow();
    expect(next.done_at).toBeNull();
    expect(next.due_at.getTime()).toBe(time.now().getTime() + 86_400_000);
  });
});

async function openSecond(first: Database): Promise<Database> {
  const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(first.db);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${rows[0]!.db}`;
  const { openDatabase } = await import('../../db/database.ts');
  return openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
}
