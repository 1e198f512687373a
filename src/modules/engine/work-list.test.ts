// The work list ("my work", GET /api/v1/tasks): soonest due first, read per way a task can be the caller's
// from the step's own due instant (case_tasks.due_at, which the database copies from the step's clock),
// cut to a page; and that copy, through the clock's suspension and resumption and migration 0017's
// backfill.
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createTestDatabase } from '../../../test/db.ts';
import { createTestApp, staffPrincipal, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import type { Database } from '../../db/database.ts';
import { listMigrations } from '../../db/migrate.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { resumeClock, suspendClock } from '../clock/clock.service.ts';
import { type BuiltCase, buildCase, demoOrg, type Org } from '../supervision/supervision.testing.ts';
import { myTasks } from './task-ops.ts';

describe.each(BACKENDS)('the work list on %s', (backend) => {
  let t: TestApp;
  let org: Org;
  let otherOffice: string;
  // our office's steps: limits of 5, 2, 4 and 3 working days (due in that order: 2, 3, 4, 5)
  const ours: Array<BuiltCase & { days: number }> = [];
  const theirs: BuiltCase[] = [];
  let me: Principal;

  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2025-10-13T01:00:00Z' }); // Mon 13 Oct 2025, 09:00 Beijing
    const fx = await seedIntakeItems(t.deps, 'W');
    org = await demoOrg(t.deps.db, fx.simple.id);
    const other = await t.deps.db
      .selectFrom('offices')
      .select('id')
      .where('department_id', '=', org.departmentId)
      .where('id', '<>', org.officeId)
      .executeTakeFirstOrThrow();
    otherOffice = other.id;
    await t.deps.db.transaction().execute(async (trx) => {
      // another office's steps, all due before any of ours: a walk in global due order meets them first
      for (let i = 0; i < 12; i++)
        theirs.push(
          await buildCase(
            trx,
            { ...org, officeId: otherOffice },
            { at: t.time.now(), promisedDays: 20, stepDays: 1, number: `W-O${i}` },
          ),
        );
      for (const [i, days] of [5, 2, 4, 3].entries())
        ours.push({
          ...(await buildCase(trx, org, {
            at: t.time.now(),
            promisedDays: 20,
            stepDays: days,
            number: `W-M${i}`,
          })),
          days,
        });
    });
    const staff = await t.deps.db
      .insertInto('staff')
      .values({
        username: `w-reviewer-${backend}`,
        display_name: '审核员',
        password_hash: 'x',
        roles: ['reviewer'],
        centre_id: org.centreId,
        department_id: org.departmentId,
        office_id: org.officeId,
        created_at: t.time.now(),
        password_changed_at: t.time.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    me = staffPrincipal({
      staffId: staff.id,
      roles: ['reviewer'],
      centreId: org.centreId,
      departmentId: org.departmentId,
      officeId: org.officeId,
    });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const dues = async () =>
    Object.fromEntries(
      (
        await t.deps.db
          .selectFrom('case_tasks as s')
          .innerJoin('clocks as c', 'c.id', 's.clock_id')
          .select(['s.id', 's.due_at as step', 'c.due_at as clock'])
          .execute()
      ).map((r) => [r.id, { step: r.step?.toISOString() ?? null, clock: r.clock?.toISOString() ?? null }]),
    );

  it("gives each step its clock's due instant", async () => {
    const all = await dues();
    expect(Object.keys(all)).toHaveLength(16);
    for (const d of Object.values(all)) {
      expect(d.clock).not.toBeNull();
      expect(d.step).toBe(d.clock);
    }
  });

  it("lists the office's open steps soonest due first, cut to the page, whatever other offices have", async () => {
    const at = t.time.now();
    const byDays = [...ours].sort((a, b) => a.days - b.days).map((c) => c.taskId);
    expect((await myTasks(t.deps.db, me, at)).map((x) => x.id)).toEqual(byDays);
    expect((await myTasks(t.deps.db, me, at, { limit: 2 })).map((x) => x.id)).toEqual(byDays.slice(0, 2));
    // one case only
    const one = ours[0]!;
    expect((await myTasks(t.deps.db, me, at, { caseId: one.caseId })).map((x) => x.id)).toEqual([one.taskId]);
    expect(await myTasks(t.deps.db, me, at, { caseId: theirs[0]!.caseId })).toEqual([]);
    // the days left come from the clock module: Mon 09:00, a limit of 2 working days leaves 2
    const work = await myTasks(t.deps.db, me, at, { limit: 1 });
    expect(work[0]?.clock?.remainingWorkingDays).toBe(2);
  });

  it('adds a step of another office that I claimed, in its place by due instant', async () => {
    const claimed = theirs[3]!;
    await t.deps.db
      .updateTable('case_tasks')
      .set({ claimed_by: me.staffId, status: 'claimed' })
      .where('id', '=', claimed.taskId!)
      .execute();
    const listed = (await myTasks(t.deps.db, me, t.time.now())).map((x) => x.id);
    // due in one working day: before all of ours
    expect(listed[0]).toBe(claimed.taskId);
    expect(listed).toHaveLength(5);
    // not another's claim, not the other office's pool
    expect(listed.filter((id) => theirs.some((c) => c.taskId === id))).toEqual([claimed.taskId]);
  });

  it('lists a role’s pool in due order: the department’s for its leaders, the centre’s window steps for its clerks', async () => {
    // three more cases whose steps go to the department's leaders, and three to the centre's window
    const more: Array<BuiltCase & { days: number }> = [];
    await t.deps.db.transaction().execute(async (trx) => {
      for (const [i, days] of [6, 2, 4, 9, 3, 7].entries())
        more.push({
          ...(await buildCase(trx, org, {
            at: t.time.now(),
            promisedDays: 20,
            stepDays: days,
            number: `W-R${i}`,
          })),
          days,
        });
    });
    const [leaders, window] = [more.slice(0, 3), more.slice(3)];
    await t.deps.db
      .updateTable('case_tasks')
      .set({ office_id: null, role: 'leader' })
      .where(
        'id',
        'in',
        leaders.map((c) => c.taskId!),
      )
      .execute();
    await t.deps.db
      .updateTable('case_tasks')
      .set({ office_id: null, department_id: null, role: 'window_clerk' })
      .where(
        'id',
        'in',
        window.map((c) => c.taskId!),
      )
      .execute();
    const byDays = (cs: typeof more) => [...cs].sort((a, b) => a.days - b.days).map((c) => c.taskId);
    const leader = staffPrincipal({
      staffId: me.staffId,
      roles: ['leader'],
      centreId: org.centreId,
      departmentId: org.departmentId,
    });
    expect((await myTasks(t.deps.db, leader, t.time.now())).map((x) => x.id)).toEqual([
      theirs[3]!.taskId, // claimed by this staff member (above)
      ...byDays(leaders),
    ]);
    const clerk = staffPrincipal({ staffId: me.staffId, roles: ['window_clerk'], centreId: org.centreId });
    expect((await myTasks(t.deps.db, clerk, t.time.now())).map((x) => x.id)).toEqual([
      theirs[3]!.taskId,
      ...byDays(window),
    ]);
    // a clerk of another centre, a leader of another department: none of these
    const elsewhere = [
      staffPrincipal({ staffId: me.staffId, roles: ['window_clerk'], centreId: randomUUID() }),
      staffPrincipal({ staffId: me.staffId, roles: ['leader'], departmentId: randomUUID() }),
    ];
    for (const p of elsewhere)
      expect((await myTasks(t.deps.db, p, t.time.now())).map((x) => x.id)).toEqual([theirs[3]!.taskId]);
  });

  it("follows its clock's suspension and resumption", async () => {
    const target = ours.find((c) => c.days === 2)!;
    const before = (await dues())[target.taskId!]!;
    await t.deps.db.transaction().execute((trx) =>
      suspendClock(trx, target.taskClockId!, {
        kind: 'special_procedure',
        reason: '专家评审',
        by: null,
        at: t.time.now(),
      }),
    );
    const suspended = (await dues())[target.taskId!]!;
    expect(suspended.step).toBe(suspended.clock);
    // three working days later (Thu 16 Oct) it resumes: due three working days after it was
    t.time.set('2025-10-16T01:00:00Z');
    await t.deps.db
      .transaction()
      .execute((trx) => resumeClock(trx, target.taskClockId!, { by: null, at: t.time.now() }));
    const resumed = (await dues())[target.taskId!]!;
    expect(resumed.step).toBe(resumed.clock);
    expect(resumed.step! > before.step!).toBe(true);
    // and the list's order follows: the suspended step's due moved behind the 3-day one
    const listed = (await myTasks(t.deps.db, me, t.time.now())).map((x) => x.id);
    expect(listed.indexOf(target.taskId!)).toBeGreaterThan(
      listed.indexOf(ours.find((c) => c.days === 3)!.taskId!),
    );
  });

  it('is filled in by migration 0017 for steps written before it', async () => {
    const before = await dues();
    await sql`DROP TRIGGER case_tasks_due_insert ON case_tasks`.execute(t.deps.db);
    await sql`DROP TRIGGER case_tasks_due_clock_change ON case_tasks`.execute(t.deps.db);
    await sql`DROP TRIGGER clocks_due_to_step_insert ON clocks`.execute(t.deps.db);
    await sql`DROP TRIGGER clocks_due_to_step_update ON clocks`.execute(t.deps.db);
    await sql`DROP FUNCTION case_tasks_due_from_clock()`.execute(t.deps.db);
    await sql`DROP FUNCTION clocks_due_to_step()`.execute(t.deps.db);
    await sql`ALTER TABLE case_tasks DROP COLUMN due_at`.execute(t.deps.db);
    const m = listMigrations().find((x) => x.name.startsWith('0017'))!;
    await t.deps.database.runScript(m.sql, t.deps.db);
    expect(await dues()).toEqual(before);
  });
});

/** Thrown to end a transaction without keeping what it did. */
class Rollback extends Error {}

// Parallel query exists on PostgreSQL only (PGlite's single backend never plans it).
describe.runIf(process.env.TEST_DATABASE_URL)('steps and parallel workers on postgres', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('never walks case_tasks with a parallel worker (migration 0018)', async () => {
    // Parallel plans made free, so that the planner takes one wherever a table allows it: case_tasks stays
    // serial; with its setting reset, the same statement goes parallel (so the check can fail).
    const plan = (trx: Kysely<DB>) =>
      sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT count(*) FROM case_tasks WHERE status = 'open'`
        .execute(trx)
        .then((r) => r.rows.map((x) => x['QUERY PLAN']).join('\n'));
    await database.db
      .transaction()
      .execute(async (trx) => {
        for (const setting of [
          'parallel_setup_cost = 0',
          'parallel_tuple_cost = 0',
          'min_parallel_table_scan_size = 0',
          'min_parallel_index_scan_size = 0',
          'max_parallel_workers_per_gather = 2',
          // and a scan of the whole table (a parallel one is cheaper for it)
          'enable_indexscan = off',
          'enable_indexonlyscan = off',
          'enable_bitmapscan = off',
        ])
          await sql.raw(`SET LOCAL ${setting}`).execute(trx);
        expect(await plan(trx)).not.toMatch(/Gather|Parallel/);
        await sql`ALTER TABLE case_tasks RESET (parallel_workers)`.execute(trx);
        expect(await plan(trx)).toMatch(/Parallel Seq Scan on case_tasks/);
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
  });
});
