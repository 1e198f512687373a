import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { resumeClock, suspendClock } from '../clock/clock.service.ts';
import { TIMER_HANDLERS } from '../scheduler/handlers.ts';
import { runTick } from '../scheduler/worker.ts';
import { lightCounts, rebuildLightCounts } from './supervision.queries.ts';
import {
  type BuiltCase,
  buildCase,
  completeCase,
  demoOrg,
  lightLedger,
  type Org,
} from './supervision.testing.ts';

const bj = (local: string) => new Date(`${local}+08:00`);

describe.each(BACKENDS)('light counts kept with every light change on %s', (backend) => {
  let t: TestApp;
  let org: Org;
  const built: BuiltCase[] = [];

  const counts = () => lightLedger(t.deps.db);
  // The same counts straight from the open cases and steps, as the live views counted them before.
  const live = async (subject: 'case' | 'task') =>
    (
      await sql<{ light: string; n: number }>`
        SELECT c.light, count(*)::int AS n FROM ${
          subject === 'case'
            ? sql`cases k JOIN clocks c ON c.id = k.promised_clock_id WHERE k.status = 'accepted'`
            : sql`case_tasks t JOIN clocks c ON c.subject_type = 'task' AND c.subject_id = t.id::text
                  WHERE t.status IN ('open', 'claimed')`
        } AND c.status <> 'stopped' GROUP BY 1 ORDER BY 1`.execute(t.deps.db)
    ).rows;
  const served = async (subject: 'case' | 'task') => {
    const [row] = await lightCounts(t.deps.db, { centreId: org.centreId }, 'centre', subject);
    return (['green', 'red', 'suspended', 'yellow'] as const)
      .filter((l) => (row?.[l] ?? 0) > 0)
      .map((light) => ({ light, n: row![light] }));
  };
  const tick = async (local: string) => {
    t.time.set(bj(local));
    for (let i = 0; i < 20; i++) {
      const r = await runTick(t.deps, TIMER_HANDLERS, { worker: 'w', batch: i % 2 === 0 });
      expect(r.failed).toBe(0);
      if (r.claimed === 0) return;
    }
  };

  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2025-10-09T02:00:00Z' });
    const fx = await seedIntakeItems(t.deps, 'L');
    org = await demoOrg(t.deps.db, fx.simple.id);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('matches a rebuild and the open work after openings, crossings, suspensions and closings', async () => {
    const check = async () => {
      const incremental = await counts();
      expect(await served('case')).toEqual(await live('case'));
      expect(await served('task')).toEqual(await live('task'));
      await rebuildLightCounts(t.deps.db);
      expect(await counts()).toEqual(incremental);
      return incremental;
    };
    await t.deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 24; i++)
        built.push(
          await buildCase(trx, org, {
            at: bj('2025-10-09T10:00:00'),
            promisedDays: 2 + (i % 6),
            stepDays: i % 4 === 3 ? undefined : 1 + (i % 3),
            number: `L${i}`,
            accepted: i % 8 !== 7,
          }),
        );
    });
    const first = await check();
    expect(first.reduce((s, r) => s + Number(r.n), 0)).toBe(21 + 18); // 21 accepted cases, 18 of them with an open step
    // One statement that relights a counted clock, relights one that is not counted (its case was never
    // accepted), lights one that had no light (so was not counted) and stops a fourth: the light-only
    // shortcut of the upkeep and the full recount side by side.
    const [relit, unlit, stopped] = [built[0]!, built[21]!, built[20]!].map((b) => b.promisedClockId);
    const uncounted = randomUUID();
    await sql`
      INSERT INTO clocks (id, centre_id, subject_type, subject_id, purpose, started_at, limit_value, limit_unit,
        status, light, updated_at)
      VALUES (${uncounted}, ${org.centreId}, 'case', ${built[7]!.caseId}, 'promised', ${t.time.now()}, 5,
        'working_days', 'running', 'green', ${t.time.now()})`.execute(t.deps.db);
    await sql`UPDATE clocks SET light = NULL WHERE id = ${unlit}`.execute(t.deps.db);
    // (a running clock without a light is not a state the services leave behind: counts only, no check())
    expect((await counts()).reduce((s, r) => s + Number(r.n), 0)).toBe(21 + 18 - 1);
    await sql`
      UPDATE clocks SET light = CASE id WHEN ${relit} THEN 'red' WHEN ${uncounted} THEN 'yellow'
                                        WHEN ${unlit} THEN 'green' ELSE light END,
        status = CASE WHEN id = ${stopped} THEN 'stopped' ELSE status END
      WHERE id IN (${relit}, ${uncounted}, ${unlit}, ${stopped})`.execute(t.deps.db);
    const moved = await check();
    expect(moved.reduce((s, r) => s + Number(r.n), 0)).toBe(21 + 18 - 1);
    expect(moved.find((r) => r.subject === 'case' && r.light === 'red')?.n).toBe(1);
    await tick('2025-10-13T12:00:00'); // yellow and red by now
    const lights = new Set((await check()).map((r) => r.light));
    expect(lights).toEqual(new Set(['green', 'yellow', 'red']));
    await t.deps.db.transaction().execute(async (trx) => {
      await suspendClock(trx, built[5]!.promisedClockId, {
        kind: 'expert_review',
        reason: '专家评审',
        by: null,
        at: t.time.now(),
      });
      await suspendClock(trx, built[8]!.taskClockId!, {
        kind: 'expert_review',
        reason: '专家评审',
        by: null,
        at: t.time.now(),
      });
      for (const b of built.slice(1, 5)) await completeCase(trx, b, t.time.now());
    });
    expect((await check()).some((r) => r.light === 'suspended')).toBe(true);
    await tick('2025-10-20T12:00:00');
    await t.deps.db.transaction().execute(async (trx) => {
      await resumeClock(trx, built[5]!.promisedClockId, { by: null, at: t.time.now() });
      await trx
        .updateTable('case_tasks')
        .set({ status: 'claimed' })
        .where('id', '=', built[9]!.taskId!)
        .execute();
      await trx
        .updateTable('case_tasks')
        .set({ status: 'done' })
        .where('id', '=', built[10]!.taskId!)
        .execute();
    });
    await tick('2025-10-28T12:00:00');
    const last = await check();
    expect(last.every((r) => r.light === 'red' || r.light === 'suspended')).toBe(true);
  }, 120_000);

  it('counts a step clock inserted after its step, keeps a claim, and takes back a step closed with its clock running', async () => {
    const check = async () => {
      const incremental = await counts();
      expect(await served('task')).toEqual(await live('task'));
      await rebuildLightCounts(t.deps.db);
      expect(await counts()).toEqual(incremental);
      return (await live('task')).reduce((s, r) => s + r.n, 0);
    };
    const before = await check();
    const b = built.find((x) => x.taskId === null && x.promisedClockId)!;
    const step = randomUUID();
    await sql`
      INSERT INTO case_tasks (id, case_id, step_id, step_name, assignee, office_id, status, created_at)
      VALUES (${step}, ${b.caseId}, 'late', '后加环节', 'office', ${org.officeId}, 'open', ${t.time.now()})`.execute(
      t.deps.db,
    );
    expect(await check()).toBe(before); // no clock yet: not counted
    await sql`
      INSERT INTO clocks (id, centre_id, case_id, subject_type, subject_id, purpose, started_at, limit_value,
        limit_unit, status, light, updated_at)
      VALUES (${randomUUID()}, ${org.centreId}, ${b.caseId}, 'task', ${step}, 'step', ${t.time.now()}, 3,
        'working_days', 'running', 'green', ${t.time.now()})`.execute(t.deps.db);
    expect(await check()).toBe(before + 1);
    await sql`UPDATE case_tasks SET status = 'claimed' WHERE id = ${step}`.execute(t.deps.db);
    expect(await check()).toBe(before + 1);
    await sql`UPDATE case_tasks SET status = 'done' WHERE id = ${step}`.execute(t.deps.db);
    expect(await check()).toBe(before);
  });

  it('defers the recounts of a transaction that asks to its flush, where a step closed and one opened in the same office and light cancel out', async () => {
    const rows = async (db: typeof t.deps.db) =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM supervision_light_counts`.execute(db)).rows[0]!
        .n;
    const openSteps = async (db: typeof t.deps.db) =>
      (
        await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM supervision_light_counts
          WHERE subject = 'task' AND office_id = ${org.officeId}`.execute(db)
      ).rows[0]!.n;
    const b = built.find((x) => x.taskId === null && x.promisedClockId)!;
    const openStep = async (db: typeof t.deps.db, stepId: string) => {
      const step = randomUUID();
      await sql`
        INSERT INTO case_tasks (id, case_id, step_id, step_name, assignee, office_id, status, created_at)
        VALUES (${step}, ${b.caseId}, ${stepId}, '环节', 'office', ${org.officeId}, 'open', ${t.time.now()})`.execute(
        db,
      );
      const clock = randomUUID();
      await sql`
        INSERT INTO clocks (id, centre_id, case_id, subject_type, subject_id, purpose, started_at, limit_value,
          limit_unit, status, light, updated_at)
        VALUES (${clock}, ${org.centreId}, ${b.caseId}, 'task', ${step}, 'step', ${t.time.now()}, 3,
          'working_days', 'running', 'green', ${t.time.now()})`.execute(db);
      await sql`UPDATE case_tasks SET clock_id = ${clock} WHERE id = ${step}`.execute(db);
      return { step, clock };
    };
    const first = await openStep(t.deps.db, 'd1');
    const before = { rows: await rows(t.deps.db), open: await openSteps(t.deps.db) };
    let second: { step: string; clock: string } | undefined;
    await t.deps.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('onewindow.light_defer', 'on', true)`.execute(trx);
      // the engine's order: the step's clock stopped, the step closed, the next clock and step opened
      await sql`UPDATE clocks SET status = 'stopped', stopped_at = ${t.time.now()} WHERE id = ${first.clock}`.execute(
        trx,
      );
      await sql`UPDATE case_tasks SET status = 'done' WHERE id = ${first.step}`.execute(trx);
      second = await openStep(trx, 'd2');
      expect(await rows(trx)).toBe(before.rows); // noted, not counted yet
      await sql`SELECT supervision_light_flush()`.execute(trx);
      // what is done after the flush is counted at once again
      await sql`UPDATE case_tasks SET status = 'claimed' WHERE id = ${second.step}`.execute(trx);
    });
    expect(await rows(t.deps.db)).toBe(before.rows); // −1 and +1 in the same bucket: no row at all
    expect(await openSteps(t.deps.db)).toBe(before.open);
    const incremental = await counts();
    await rebuildLightCounts(t.deps.db);
    expect(await counts()).toEqual(incremental);
    // a deferral rolled back leaves nothing behind: the next transaction counts at once
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('onewindow.light_defer', 'on', true)`.execute(trx);
        await sql`UPDATE case_tasks SET status = 'done' WHERE id = ${second!.step}`.execute(trx);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    await sql`UPDATE case_tasks SET status = 'done' WHERE id = ${second!.step}`.execute(t.deps.db);
    expect(await openSteps(t.deps.db)).toBe(before.open - 1);
    const after = await counts();
    await rebuildLightCounts(t.deps.db);
    expect(await counts()).toEqual(after);
  });

  it('serves each grouping from the counts, scoped to a department', async () => {
    const byItem = await lightCounts(
      t.deps.db,
      { centreId: org.centreId, departmentId: org.departmentId },
      'item',
      'task',
    );
    const byOffice = await lightCounts(t.deps.db, { centreId: org.centreId }, 'office', 'task');
    const total = (rows: typeof byItem) =>
      rows.reduce((s, r) => s + r.green + r.yellow + r.red + r.suspended, 0);
    expect(byItem.map((r) => r.key)).toEqual([org.itemId]);
    expect(byOffice.map((r) => r.key)).toEqual([org.officeId]);
    expect(total(byItem)).toBe(total(byOffice));
    expect(total(byItem)).toBe((await live('task')).reduce((s, r) => s + r.n, 0));
    expect(
      await lightCounts(t.deps.db, { centreId: org.centreId, departmentId: org.officeId }, 'item', 'task'),
    ).toEqual([]);
  });
});
