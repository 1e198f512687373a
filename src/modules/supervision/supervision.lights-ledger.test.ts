// The light counts are a ledger of signed differences: writers only insert, so concurrent changes of the
// same centre never wait on one another (and cannot deadlock); the fold keeps one row per key without
// changing any total.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { compactLightCounts, lightCounts, rebuildLightCounts } from './supervision.queries.ts';
import { type BuiltCase, buildCase, demoOrg, type Org } from './supervision.testing.ts';

const bj = (local: string) => new Date(`${local}+08:00`);

describe.each(BACKENDS)('the light-count ledger on %s', (backend) => {
  let t: TestApp;
  let org: Org;
  const built: BuiltCase[] = [];

  const totals = async () =>
    (
      await sql<{ key: string; n: number }>`
        SELECT concat_ws('/', subject, department_id, office_id, item_id, light) AS key, sum(n)::int AS n
        FROM supervision_light_counts GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1`.execute(t.deps.db)
    ).rows;
  const rowCount = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('supervision_light_counts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const setLight = (clockId: string, light: 'green' | 'yellow' | 'red') =>
    t.deps.db.updateTable('clocks').set({ light }).where('id', '=', clockId).execute();

  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2025-10-09T02:00:00Z' });
    const fx = await seedIntakeItems(t.deps, 'G');
    org = await demoOrg(t.deps.db, fx.simple.id);
    await t.deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 12; i++)
        built.push(
          await buildCase(trx, org, {
            at: bj('2025-10-09T10:00:00'),
            promisedDays: 5,
            stepDays: 3,
            number: `G${i}`,
          }),
        );
    });
  }, 120_000);
  afterAll(() => t.close());

  it('adds a row per change, and folding leaves one row per key with the same totals', async () => {
    for (const b of built.slice(0, 6)) await setLight(b.taskClockId!, 'yellow');
    for (const b of built.slice(0, 3)) await setLight(b.taskClockId!, 'red');
    const before = await totals();
    const keys = before.length;
    expect(await rowCount()).toBeGreaterThan(keys);
    expect(before.find((r) => r.key.startsWith('task/') && r.key.endsWith('/red'))?.n).toBe(3);
    expect(before.find((r) => r.key.startsWith('task/') && r.key.endsWith('/yellow'))?.n).toBe(3);

    expect(await compactLightCounts(t.deps.db)).toBeGreaterThan(0);
    expect(await totals()).toEqual(before);
    expect(await rowCount()).toBe(keys);
    expect(await compactLightCounts(t.deps.db)).toBe(0);

    const served = await lightCounts(t.deps.db, { centreId: org.centreId }, 'office', 'task');
    expect(served.map((r) => [r.green, r.yellow, r.red])).toEqual([[6, 3, 3]]);
    await rebuildLightCounts(t.deps.db);
    expect(await totals()).toEqual(before);
  });

  it('drops a key whose rows add up to nothing when it folds', async () => {
    await setLight(built[11]!.promisedClockId, 'red');
    await setLight(built[11]!.promisedClockId, 'green');
    await compactLightCounts(t.deps.db);
    const caseRed = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM supervision_light_counts WHERE subject = 'case' AND light = 'red'`.execute(
      t.deps.db,
    );
    expect(caseRed.rows[0]!.n).toBe(0);
  });

  // Needs two connections at once: PostgreSQL only (PGlite is one connection).
  if (backend === 'postgres')
    it('lets two transactions change lights of the same keys in crossing order without waiting on each other', async () => {
      // T1 changes clocks A then B, T2 changes C then D, interleaved A, C, B, D: with counters updated in
      // place, each would hold rows the other needs next; with the ledger neither waits.
      const [a, b, c, d] = built.slice(6, 10).map((x) => x.taskClockId!);
      let stepped!: () => void;
      const t2First = new Promise<void>((r) => {
        stepped = r;
      });
      let t1Stepped!: () => void;
      const t1First = new Promise<void>((r) => {
        t1Stepped = r;
      });
      const before = await totals();
      const deadline = <T>(p: Promise<T>) =>
        Promise.race([
          p,
          new Promise<never>((_, no) => setTimeout(() => no(new Error('waited on a lock')), 5_000)),
        ]);
      await deadline(
        Promise.all([
          t.deps.db.transaction().execute(async (trx) => {
            await trx.updateTable('clocks').set({ light: 'red' }).where('id', '=', a!).execute();
            t1Stepped();
            await t2First;
            await trx.updateTable('clocks').set({ light: 'red' }).where('id', '=', b!).execute();
          }),
          t.deps.db.transaction().execute(async (trx) => {
            await t1First;
            await trx.updateTable('clocks').set({ light: 'red' }).where('id', '=', c!).execute();
            stepped();
            await trx.updateTable('clocks').set({ light: 'red' }).where('id', '=', d!).execute();
          }),
        ]),
      );
      const after = await totals();
      const red = (rows: typeof after) =>
        rows.find((r) => r.key.startsWith('task/') && r.key.endsWith('/red'))?.n ?? 0;
      expect(red(after)).toBe(red(before) + 4);
    });
});
