import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { DEFAULT_RULE_SET } from '../../core/supervision.ts';
import { bumpRevision, getCalendarToken } from '../calendar/calendar.queries.ts';
import type { ClockRow } from '../clock/clock.service.ts';
import { refreshClock } from '../clock/clock.service.ts';
import { TIMER_HANDLERS } from '../scheduler/handlers.ts';
import { runTick } from '../scheduler/worker.ts';
import { type BuiltCase, buildCase, demoOrg, type Org } from './supervision.testing.ts';

const bj = (local: string) => new Date(`${local}+08:00`);

/**
 * The crossing plan (clocks.plan_*): a crossing that only moves the light is applied from the plan, in one
 * statement, with the light and next crossing that recomputing the clock gives; a card, another calendar or
 * another rule set goes back to recomputing.
 */
describe.each(BACKENDS)('crossing plans on %s', (backend) => {
  let t: TestApp;
  let org: Org;

  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2025-11-03T02:00:00Z' });
    const fx = await seedIntakeItems(t.deps, 'P');
    org = await demoOrg(t.deps.db, fx.simple.id);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  /** A case accepted now with a step of 3 working days: yellow, then red, then a card a day later. */
  const build = (number: string): Promise<BuiltCase> =>
    t.deps.db
      .transaction()
      .execute((trx) => buildCase(trx, org, { at: t.time.now(), promisedDays: 20, stepDays: 3, number }));
  const clock = (id: string) =>
    t.deps.db.selectFrom('clocks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const cardsOf = async (caseId: string) =>
    (
      await sql<{ rule_id: string }>`
        SELECT rule_id FROM supervision_cards WHERE case_id = ${caseId} ORDER BY rule_id`.execute(t.deps.db)
    ).rows.map((r) => r.rule_id);
  /** What recomputing the clock at the current time gives (in a transaction that is rolled back). */
  async function recomputed(id: string): Promise<ClockRow> {
    let row: ClockRow | undefined;
    await t.deps.db
      .transaction()
      .execute(async (trx) => {
        row = (await refreshClock(trx, id, t.time.now())).clock;
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
    return row!;
  }
  const tick = async () => {
    const r = await runTick(t.deps, TIMER_HANDLERS, { worker: 'w', batch: true });
    expect(r.failed).toBe(0);
    return r;
  };

  it('applies light-only crossings from the plan and recomputes from the first card on', async () => {
    t.time.set(bj('2025-11-03T10:00:00')); // Monday
    await tick();
    const c = await build('PL1');
    const start = await clock(c.taskClockId!);
    expect(start.light).toBe('green');
    expect(start.plan_token).toBe(await getCalendarToken(t.deps.db));
    // the last entry is the card's crossing, where the plan ends
    expect(start.plan_light).toEqual(['yellow', 'red', 'red']);
    const [yellowAt, redAt, cardAt] = start.plan_at!;
    expect(start.next_crossing_at).toEqual(yellowAt);
    // 3 working days from Monday: due Thursday at office close; yellow with one working day left
    // (Wednesday's midnight), red just after the due instant, the 1-day-late card when Friday begins.
    expect(yellowAt).toEqual(bj('2025-11-05T00:00:00'));
    expect(redAt!.getTime()).toBe(start.due_at!.getTime() + 1);
    expect(cardAt).toEqual(bj('2025-11-07T00:00:00'));
    expect(start.plan_cards_at).toEqual(cardAt);

    for (const [at, light] of [
      [yellowAt!, 'yellow'],
      [new Date(yellowAt!.getTime() + 3_600_000), 'yellow'], // a due clock between two plan instants
      [redAt!, 'red'],
    ] as const) {
      t.time.set(at);
      await sql`UPDATE clocks SET next_crossing_at = ${at} WHERE id = ${c.taskClockId}`.execute(t.deps.db);
      const expected = await recomputed(c.taskClockId!);
      expect((await tick()).done).toBeGreaterThanOrEqual(1);
      const row = await clock(c.taskClockId!);
      expect(row.light).toBe(light);
      expect([row.light, row.next_crossing_at]).toEqual([expected.light, expected.next_crossing_at]);
      // applied from the plan: the plan itself is as it was written at the start
      expect([row.plan_at, row.plan_light, row.plan_token]).toEqual([
        start.plan_at,
        start.plan_light,
        start.plan_token,
      ]);
    }
    expect(await cardsOf(c.caseId)).toEqual([]);

    // The card's crossing is recomputed: the card is given and the clock has no plan ahead of a card.
    t.time.set(start.plan_cards_at!);
    await tick();
    expect(await cardsOf(c.caseId)).toEqual(['step-late-1']);
    const after = await clock(c.taskClockId!);
    expect(after.light).toBe('red');
    expect(after.plan_at).toBeNull();
    expect(after.next_crossing_at!.getTime()).toBeGreaterThan(start.plan_cards_at!.getTime());
  });

  it('recomputes a clock whose plan was made under another calendar', async () => {
    t.time.set(bj('2025-11-10T10:00:00'));
    await tick();
    const c = await build('PL2');
    const start = await clock(c.taskClockId!);
    await bumpRevision(t.deps.db); // what every calendar change does
    t.time.set(start.plan_at![0]!);
    await tick();
    const row = await clock(c.taskClockId!);
    expect(row.light).toBe('yellow');
    // recomputed: a new plan from now on, under the new token
    expect(row.plan_token).toBe(await getCalendarToken(t.deps.db));
    expect(row.plan_token).not.toBe(start.plan_token);
    expect(row.plan_at).toEqual(start.plan_at!.slice(1));
  });

  it('drops the plans of a centre whose rule set changes, and plans under the new set', async () => {
    t.time.set(bj('2025-11-17T10:00:00'));
    await tick();
    const c = await build('PL3');
    expect((await clock(c.taskClockId!)).plan_at).not.toBeNull();
    const admin = await t.loginAs('centre-admin');
    await expectJson(
      admin.request('PUT', '/api/v1/supervision/rule-set', {
        centreId: org.centreId,
        note: 'yellow two working days ahead',
        ruleSet: {
          ...DEFAULT_RULE_SET,
          thresholds: { ...DEFAULT_RULE_SET.thresholds, yellowRemainingWorkingDays: 2 },
        },
      }),
      200,
    );
    const dropped = await clock(c.taskClockId!);
    expect([dropped.plan_at, dropped.plan_token, dropped.next_crossing_at]).toEqual([
      null,
      null,
      t.time.now(),
    ]);
    await tick();
    const row = await clock(c.taskClockId!);
    // due Thursday: yellow with two working days left, from Tuesday (Wednesday under the default set)
    expect(row.light).toBe('green');
    expect(row.plan_light).toEqual(['yellow', 'red', 'red']);
    expect(row.plan_at![0]).toEqual(bj('2025-11-18T00:00:00'));
  });

  it('moves the next crossing of an overdue clock when a calendar change moves its overdue days', async () => {
    t.time.set(bj('2025-11-24T10:00:00')); // Monday; the step is due Thursday 27 November
    // Monday 1 December is a local day off when the case comes in
    const admin = await t.loginAs('centre-admin');
    await expectJson(
      admin.request('POST', '/api/v1/calendar/local-days', {
        centreId: org.centreId,
        days: [{ date: '2025-12-01', name: '本地休息日' }],
      }),
      200,
    );
    await tick();
    const c = await build('PL4');
    t.time.set(bj('2025-11-28T10:00:00')); // a working day late: the first card
    await tick();
    expect(await cardsOf(c.caseId)).toEqual(['step-late-1']);
    // three working days late on Wednesday 3 December (Friday, Tuesday, Wednesday)
    expect((await clock(c.taskClockId!)).next_crossing_at).toEqual(bj('2025-12-03T00:00:00'));
    // The day off is withdrawn: Tuesday 2 December is the third working day late. The clock's due date is
    // before the change, so it is not recomputed at once; it is made due now and the sweep recomputes it.
    const again = await t.loginAs('centre-admin'); // the first session has expired by now
    await expectJson(again.request('DELETE', `/api/v1/calendar/local-days/${org.centreId}/2025-12-01`), 200);
    expect((await clock(c.taskClockId!)).next_crossing_at).toEqual(t.time.now());
    await tick();
    expect((await clock(c.taskClockId!)).next_crossing_at).toEqual(bj('2025-12-02T00:00:00'));
    t.time.set(bj('2025-12-02T09:00:00'));
    await tick();
    expect(await cardsOf(c.caseId)).toEqual(['step-late-1', 'step-late-3']);
  });
});
