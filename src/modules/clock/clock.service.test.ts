import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, type TestApp } from '../../../test/factories.ts';
import { systemActor } from '../audit/audit.log.ts';
import { loadCalendar } from '../calendar/calendar.loader.ts';
import { bumpRevision } from '../calendar/calendar.queries.ts';
import { setYears } from '../calendar/calendar.service.ts';
import { TIMER_HANDLERS } from '../scheduler/handlers.ts';
import { runTick } from '../scheduler/worker.ts';
import { extendClock, readClock, resumeClock, startClock, stopClock, suspendClock } from './clock.service.ts';

// Beijing time → instant: the clock stores instants, the law counts local dates.
const bj = (local: string) => new Date(`${local}+08:00`);

describe.each(BACKENDS)('stored clocks on %s', (backend) => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp(backend);
    centreId = (
      await t.deps.db.selectFrom('centres').select('id').where('code', '=', 'MLR').executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  const tx = <T>(fn: (trx: TestApp['deps']['db']) => Promise<T>) => t.deps.db.transaction().execute(fn);
  const start = (subjectId: string, value: number, startedAt: string, max = 10) =>
    tx((trx) =>
      startClock(trx, {
        centreId,
        caseId: null,
        subjectType: 'test',
        subjectId,
        purpose: 'promised',
        startedAt: bj(startedAt),
        limit: { value, unit: 'working_days' },
        maxExtensionDays: max,
      }),
    );

  it('stores the due date at office close, computed from the calendar', async () => {
    const { clock } = await start('a', 5, '2025-09-30T10:00:00');
    expect(clock.due_date).toBe('2025-10-14');
    expect(clock.due_at?.toISOString()).toBe('2025-10-14T09:30:00.000Z'); // 17:30 Beijing
  });

  it('pauses the clock during an expert review and moves the due date by the working days it took', async () => {
    const { clock } = await start('b', 5, '2025-09-30T10:00:00');
    await tx((trx) =>
      suspendClock(trx, clock.id, {
        kind: '专家评审',
        reason: '组织专家评审',
        by: null,
        at: bj('2025-10-09T09:00:00'),
      }),
    );
    const paused = await readClock(t.deps.db, clock.id, bj('2025-10-10T12:00:00'));
    expect(paused.result.suspended).toBe(true);
    // Suspended Oct 9 (Thu) to Oct 13 (Mon) resume: Oct 9, 10, 11 (make-up Saturday) are not counted.
    const { clock: resumed } = await tx((trx) =>
      resumeClock(trx, clock.id, { by: null, at: bj('2025-10-13T09:00:00') }),
    );
    expect(resumed.status).toBe('running');
    expect(resumed.due_date).toBe('2025-10-17');
  });

  it('refuses a suspension without a reason, and a second one while paused', async () => {
    const { clock } = await start('c', 5, '2025-09-30T10:00:00');
    await expect(
      tx((trx) =>
        suspendClock(trx, clock.id, { kind: '检验', reason: ' ', by: null, at: bj('2025-10-09T09:00:00') }),
      ),
    ).rejects.toMatchObject({ status: 422 });
    await tx((trx) =>
      suspendClock(trx, clock.id, { kind: '检验', reason: '送检', by: null, at: bj('2025-10-09T09:00:00') }),
    );
    await expect(
      tx((trx) =>
        suspendClock(trx, clock.id, {
          kind: '检验',
          reason: '再次',
          by: null,
          at: bj('2025-10-10T09:00:00'),
        }),
      ),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('extends by k working days and bounds the total by the item’s maximum', async () => {
    const { clock } = await start('d', 20, '2025-09-01T10:00:00', 10);
    const before = clock.due_date!;
    const { clock: extended } = await tx((trx) =>
      extendClock(trx, clock.id, {
        days: 6,
        reason: '情况复杂',
        approvedBy: null,
        at: bj('2025-09-20T10:00:00'),
      }),
    );
    const cal = (await import('../calendar/calendar.loader.ts')).loadCalendar;
    expect(extended.due_date).toBe((await cal(t.deps.db, centreId)).addWorkingDays(before, 6));
    await expect(
      tx((trx) =>
        extendClock(trx, clock.id, {
          days: 5,
          reason: '再延',
          approvedBy: null,
          at: bj('2025-09-21T10:00:00'),
        }),
      ),
    ).rejects.toMatchObject({ status: 422 });
    await tx((trx) =>
      extendClock(trx, clock.id, {
        days: 4,
        reason: '再延',
        approvedBy: null,
        at: bj('2025-09-21T10:00:00'),
      }),
    );
  });

  it('flags a clock whose due date falls in an uncovered year, and clears the flag when the year is configured', async () => {
    const { clock } = await start('e', 20, '2026-12-20T10:00:00');
    expect(clock.beyond_calendar_year).toBe(2027);
    expect(clock.due_date).toBeNull();
    const r = await setYears(t.deps, systemActor(), null, [
      { year: 2027, days: [{ date: '2027-01-01', isOffDay: true, name: '元旦' }] },
    ]);
    expect(r.recomputed).toBeGreaterThanOrEqual(1);
    const after = await t.deps.db
      .selectFrom('clocks')
      .selectAll()
      .where('id', '=', clock.id)
      .executeTakeFirstOrThrow();
    expect(after.beyond_calendar_year).toBeNull();
    expect(after.due_date).toBe('2027-01-18');
  });

  it('caches the light and lets the scheduler turn it yellow, then red, at the crossings', async () => {
    const { clock } = await start('g', 5, '2025-09-30T10:00:00');
    expect(clock.light).toBe('green');
    expect(clock.next_crossing_at?.toISOString()).toBe(bj('2025-10-13T00:00:00').toISOString());
    const deps = { ...t.deps, time: t.time };
    t.time.set(bj('2025-10-13T08:00:00'));
    await runTick(deps, TIMER_HANDLERS, { worker: 'w' });
    const yellow = await t.deps.db
      .selectFrom('clocks')
      .selectAll()
      .where('id', '=', clock.id)
      .executeTakeFirstOrThrow();
    expect(yellow.light).toBe('yellow');
    t.time.set(bj('2025-10-14T17:31:00'));
    await runTick(deps, TIMER_HANDLERS, { worker: 'w' });
    const red = await t.deps.db
      .selectFrom('clocks')
      .selectAll()
      .where('id', '=', clock.id)
      .executeTakeFirstOrThrow();
    expect(red.light).toBe('red');
    expect(red.next_crossing_at).not.toBeNull(); // each working day overdue can call for another card
    await tx((trx) => stopClock(trx, clock.id, bj('2025-10-15T10:00:00')));
    const stopped = await t.deps.db
      .selectFrom('clocks')
      .selectAll()
      .where('id', '=', clock.id)
      .executeTakeFirstOrThrow();
    expect(stopped.next_crossing_at).toBeNull();
  });

  it('never serves a cached calendar from a change that rolled back', async () => {
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('calendar_local_days')
          .values({ centre_id: centreId, date: '2025-11-05', name: '回滚', created_at: new Date(0) })
          .execute();
        await bumpRevision(trx);
        expect((await loadCalendar(trx, centreId)).isWorkingDay('2025-11-05')).toBe(false);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await loadCalendar(t.deps.db, centreId)).isWorkingDay('2025-11-05')).toBe(true);
  });

  it('freezes a stopped clock at its stop instant', async () => {
    const { clock } = await start('f', 1, '2025-09-30T10:00:00');
    await tx((trx) => stopClock(trx, clock.id, bj('2025-10-09T10:00:00')));
    const later = await readClock(t.deps.db, clock.id, bj('2025-12-01T10:00:00'));
    expect(later.clock.status).toBe('stopped');
    expect(later.result.overdue).toBe(false); // due 2025-10-09 17:30, stopped at 10:00 the same day
  });
});
