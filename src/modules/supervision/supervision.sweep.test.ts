import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { TIMER_HANDLERS } from '../scheduler/handlers.ts';
import { runTick } from '../scheduler/worker.ts';
import { type BuiltCase, buildCase, demoOrg, type Org } from './supervision.testing.ts';

const bj = (local: string) => new Date(`${local}+08:00`);

/** The crossing sweep: clocks due by clocks.next_crossing_at, failures retried later, busy cases skipped. */
describe.each(BACKENDS)('the crossing sweep on %s', (backend) => {
  let t: TestApp;
  let org: Org;

  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2025-10-09T02:00:00Z' });
    const fx = await seedIntakeItems(t.deps, 'S');
    org = await demoOrg(t.deps.db, fx.simple.id);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  /** Cases accepted now: 3 working days promised, a step of 1 — both cross to red by Thu 16 Oct. */
  async function build(n: number, prefix: string): Promise<BuiltCase[]> {
    return t.deps.db.transaction().execute(async (trx) => {
      const out: BuiltCase[] = [];
      for (let i = 0; i < n; i++)
        out.push(
          await buildCase(trx, org, {
            at: t.time.now(),
            promisedDays: 3,
            stepDays: 1,
            number: `${prefix}${i}`,
          }),
        );
      return out;
    });
  }
  const clock = (id: string) =>
    t.deps.db.selectFrom('clocks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('keeps no timer rows for crossings: the clock carries its next crossing', async () => {
    t.time.set(bj('2025-10-09T10:00:00'));
    const [c] = await build(1, 'N');
    const row = await clock(c!.promisedClockId);
    expect(row.next_crossing_at).not.toBeNull();
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM timers WHERE key = ${c!.promisedClockId}`.execute(t.deps.db);
    expect(rows[0]!.n).toBe(0);
    // Nothing is due before that instant; at it, the sweep refreshes the clock and moves it on.
    t.time.set(new Date(row.next_crossing_at!.getTime() - 1));
    await runTick(t.deps, TIMER_HANDLERS, { worker: 'w' });
    expect(await clock(c!.promisedClockId)).toEqual(row);
    t.time.set(row.next_crossing_at!);
    const r = await runTick(t.deps, TIMER_HANDLERS, { worker: 'w' });
    expect(r.failed).toBe(0);
    const after = await clock(c!.promisedClockId);
    expect(after.next_crossing_at!.getTime()).toBeGreaterThan(row.next_crossing_at!.getTime());
    expect(after.light).toBe('yellow');
  });

  it('retries a clock whose crossing fails five minutes later, without stopping the others', async () => {
    t.time.set(bj('2025-10-10T10:00:00'));
    const built = await build(3, 'F');
    // Drain what is due now (the earlier test's clocks), then break the centre's time zone: every
    // crossing of the centre fails, in the batch and one by one.
    await runTick(t.deps, TIMER_HANDLERS, { worker: 'w' });
    const before = (await clock(built[0]!.taskClockId!)).light;
    const { rows } = await sql<{ time_zone: string }>`
      SELECT time_zone FROM centres WHERE id = ${org.centreId}`.execute(t.deps.db);
    const zone = rows[0]!.time_zone;
    await sql`UPDATE centres SET time_zone = 'Nowhere/Atlantis' WHERE id = ${org.centreId}`.execute(
      t.deps.db,
    );
    t.time.set(bj('2025-10-16T12:00:00'));
    const failing = await runTick(t.deps, TIMER_HANDLERS, { worker: 'w' });
    expect(failing.failed).toBeGreaterThanOrEqual(6);
    expect(failing.done).toBe(0);
    const held = await clock(built[0]!.taskClockId!);
    expect(held.next_crossing_at!.getTime()).toBe(bj('2025-10-16T12:05:00').getTime());
    expect(held.light).toBe(before);
    expect(before).not.toBe('red');
    // Not before the five minutes are up; then, with the zone mended, every clock crosses.
    expect((await runTick(t.deps, TIMER_HANDLERS, { worker: 'w' })).claimed).toBe(0);
    await sql`UPDATE centres SET time_zone = ${zone} WHERE id = ${org.centreId}`.execute(t.deps.db);
    t.time.set(bj('2025-10-16T12:05:00'));
    const mended = await runTick(t.deps, TIMER_HANDLERS, { worker: 'w' });
    expect(mended).toMatchObject({ failed: 0 });
    expect(mended.done).toBeGreaterThanOrEqual(6);
    for (const b of built) {
      expect((await clock(b.promisedClockId)).light).toBe('red');
      expect((await clock(b.taskClockId!)).light).toBe('red');
    }
  });

  // Another connection is needed to hold the lock: PostgreSQL only (PGlite is one connection).
  // The case is on the clock; a clock written without it (by an older server) is resolved through its subject.
  if (backend === 'postgres')
    it.each([
      ['on the clock', 'L'],
      ['found through the subject', 'M'],
    ])(
      'leaves the clocks of a case another transaction holds for the next pass (case %s)',
      async (how, prefix) => {
        t.time.set(bj('2025-10-20T10:00:00'));
        const [busy, free] = await build(2, prefix);
        expect((await clock(busy!.taskClockId!)).case_id).toBe(busy!.caseId);
        expect((await clock(busy!.promisedClockId)).case_id).toBe(busy!.caseId);
        if (how === 'found through the subject')
          await sql`UPDATE clocks SET case_id = NULL WHERE id IN (${busy!.taskClockId}, ${busy!.promisedClockId})`.execute(
            t.deps.db,
          );
        await runTick(t.deps, TIMER_HANDLERS, { worker: 'w' });
        const before = (await clock(busy!.taskClockId!)).light;
        expect(before).not.toBe('red');
        t.time.set(bj('2025-10-24T12:00:00'));
        const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(t.deps.db);
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = `/${rows[0]!.db}`;
        const other: Database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 1 });
        try {
          let release!: () => void;
          const released = new Promise<void>((r) => {
            release = r;
          });
          let locked!: () => void;
          const isLocked = new Promise<void>((r) => {
            locked = r;
          });
          const holder = other.db.transaction().execute(async (trx) => {
            await sql`SELECT id FROM cases WHERE id = ${busy!.caseId} FOR UPDATE`.execute(trx);
            locked();
            await released;
          });
          await isLocked;
          const r = await runTick(t.deps, TIMER_HANDLERS, { worker: 'w' });
          expect(r.failed).toBe(0);
          expect((await clock(free!.taskClockId!)).light).toBe('red');
          expect((await clock(busy!.taskClockId!)).light).toBe(before);
          expect((await clock(busy!.taskClockId!)).next_crossing_at!.getTime()).toBeLessThanOrEqual(
            t.time.now().getTime(),
          );
          release();
          await holder;
          const next = await runTick(t.deps, TIMER_HANDLERS, { worker: 'w' });
          expect(next.failed).toBe(0);
          expect((await clock(busy!.taskClockId!)).light).toBe('red');
          expect((await clock(busy!.promisedClockId)).light).toBe('red');
        } finally {
          await other.db.destroy();
        }
      },
    );
});
