import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { DEFAULT_RULE_SET, type RuleSet } from '../../core/supervision.ts';
import { resumeClock, suspendClock } from '../clock/clock.service.ts';
import { TIMER_HANDLERS } from '../scheduler/handlers.ts';
import { runTick } from '../scheduler/worker.ts';
import { insertRuleSetVersion } from './supervision.rules.ts';
import { buildCase, demoOrg, type Org } from './supervision.testing.ts';

const bj = (local: string) => new Date(`${local}+08:00`);
const withYellow = (days: number): RuleSet => ({
  ...DEFAULT_RULE_SET,
  thresholds: { yellowRemainingWorkingDays: days, yellowUsedRatio: 0.99 },
});

describe.each(BACKENDS)("a centre's own yellow threshold on %s", (backend) => {
  let t: TestApp;
  let org: Org;
  let other: Org;

  const light = async (clockId: string) =>
    (await t.deps.db.selectFrom('clocks').select('light').where('id', '=', clockId).executeTakeFirstOrThrow())
      .light;
  const build = (o: Org, number: string, at: string, days: number) =>
    t.deps.db.transaction().execute((trx) => buildCase(trx, o, { at: bj(at), promisedDays: days, number }));
  const setRules = (centreId: string, itemId: string | null, set: RuleSet) =>
    t.deps.db
      .transaction()
      .execute((trx) =>
        insertRuleSetVersion(trx, { centreId, itemId, set, note: 'test', by: null, now: t.time.now() }),
      );

  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2025-10-13T01:00:00Z' });
    const fx = await seedIntakeItems(t.deps, 'Y');
    org = await demoOrg(t.deps.db, fx.simple.id);
    // Another item of the same centre: its own rule set says nothing, so the centre's applies.
    other = await demoOrg(t.deps.db, fx.reissue.id);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('turns yellow when the centre says (3 working days left), from the first store on', async () => {
    // Mon 13 Oct 10:00, 4 working days: green with the defaults (yellow at 1 day left).
    const before = await build(org, 'Y1', '2025-10-13T10:00:00', 4);
    expect(await light(before.promisedClockId)).toBe('green');
    await setRules(org.centreId, null, withYellow(3));
    // The same limit started after the change is stored yellow at once: 4 days, 3 left by the evening.
    const after = await build(other, 'Y2', '2025-10-13T10:00:00', 3);
    expect(await light(after.promisedClockId)).toBe('yellow');
    // A clock change (a suspension and its end) stores the light with the centre's threshold too.
    await t.deps.db.transaction().execute(async (trx) => {
      await suspendClock(trx, before.promisedClockId, {
        kind: 'expert_review',
        reason: '专家评审',
        by: null,
        at: bj('2025-10-14T09:00:00'),
      });
      await resumeClock(trx, before.promisedClockId, { by: null, at: bj('2025-10-14T10:00:00') });
    });
    expect(await light(before.promisedClockId)).toBe('yellow');
    // And the scheduler's next crossing for a 6-day clock falls when 3 days are left, not 1.
    const long = await build(org, 'Y3', '2025-10-13T10:00:00', 6);
    expect(await light(long.promisedClockId)).toBe('green');
    t.time.set(bj('2025-10-16T00:30:00')); // Thu: due Tue 21, 3 working days left (Thu, Fri, Mon)
    for (let i = 0; i < 10 && (await runTick(t.deps, TIMER_HANDLERS, { worker: 'w' })).claimed > 0; i++);
    expect(await light(long.promisedClockId)).toBe('yellow');
  });

  it("lets an item's own threshold win over the centre's", async () => {
    await setRules(org.centreId, org.itemId, withYellow(1));
    const ownItem = await build(org, 'Y4', '2025-10-16T10:00:00', 3);
    const centreItem = await build(other, 'Y5', '2025-10-16T10:00:00', 3);
    expect(await light(ownItem.promisedClockId)).toBe('green');
    expect(await light(centreItem.promisedClockId)).toBe('yellow');
  });
});
