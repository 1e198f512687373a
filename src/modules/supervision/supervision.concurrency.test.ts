import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import type { AppDeps } from '../../server/context.ts';
import { TIMER_HANDLERS } from '../scheduler/handlers.ts';
import { runTick } from '../scheduler/worker.ts';
import { buildCase, demoOrg } from './supervision.testing.ts';

const N = 1_000;
const bj = (local: string) => new Date(`${local}+08:00`);

describe.each(BACKENDS)('cards under two racing workers on %s', (backend) => {
  let t: TestApp;
  let second: Database | null = null;

  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2025-10-09T02:00:00Z' });
    const fx = await seedIntakeItems(t.deps, 'C');
    const org = await demoOrg(t.deps.db, fx.simple.id);
    // Accepted Thu 9 Oct 10:00: the case has 3 working days (due Mon 13), its step 1 (due Fri 10).
    await t.deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < N; i++)
        await buildCase(trx, org, {
          at: bj('2025-10-09T10:00:00'),
          promisedDays: 3,
          stepDays: 1,
          number: `C${i}`,
        });
    });
    if (backend === 'postgres') {
      const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(t.deps.db);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${rows[0]!.db}`;
      second = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
    }
  }, 300_000);
  afterAll(async () => {
    await second?.db.destroy();
    await t.close();
  });

  it('gives each of 1,000 cases and steps each card exactly once', async () => {
    // Thu 16 Oct noon: the case is 3 working days late (yellow and red card), the step 5 (both step cards).
    t.time.set(bj('2025-10-16T12:00:00'));
    const depsOf = (d: Database | null): AppDeps => (d ? { ...t.deps, database: d, db: d.db } : t.deps);
    const drain = async (deps: AppDeps, worker: string) => {
      let claimed = 0;
      for (;;) {
        const r = await runTick(deps, TIMER_HANDLERS, { worker, limit: 50 });
        expect(r.failed).toBe(0);
        claimed += r.claimed;
        if (r.claimed === 0) return claimed;
      }
    };
    const started = Date.now();
    const [a, b] = await Promise.all([drain(depsOf(null), 'a'), drain(depsOf(second), 'b')]);
    const elapsed = Date.now() - started;
    expect(a + b).toBeGreaterThanOrEqual(2 * N);
    const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(t.deps.db)).rows[0]!.n;
    expect(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM supervision_cards`)).toBe(4 * N);
    const perRule = await sql<{ rule_id: string; n: number }>`
      SELECT rule_id, count(*)::int AS n FROM supervision_cards GROUP BY rule_id ORDER BY rule_id`.execute(
      t.deps.db,
    );
    expect(perRule.rows).toEqual([
      { rule_id: 'case-red', n: N },
      { rule_id: 'case-yellow', n: N },
      { rule_id: 'step-late-1', n: N },
      { rule_id: 'step-late-3', n: N },
    ]);
    expect(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM supervision_notices`)).toBe(4 * N);
    expect(
      await count(
        sql<{ n: number }>`SELECT count(*)::int AS n FROM case_events WHERE type = 'supervision_card'`,
      ),
    ).toBe(4 * N);
    expect(
      await count(
        sql<{ n: number }>`SELECT count(*)::int AS n FROM action_log WHERE action = 'supervision.card'`,
      ),
    ).toBe(4 * N);
    expect(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM clocks WHERE light = 'red'`)).toBe(
      2 * N,
    );
    console.info(`[supervision] ${backend}: ${2 * N} crossings by two workers in ${elapsed} ms`);
  }, 300_000);
});
