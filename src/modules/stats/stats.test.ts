import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import type { CaseActor } from '../cases/case-events.ts';
import {
  appendTestEvent,
  type BuiltCase,
  buildCase,
  completeCase,
  demoOrg,
  type Org,
} from '../supervision/supervision.testing.ts';
import { consumeStats, rebuildStats } from './stats.consumer.ts';
import type { StatsRow } from './stats.service.ts';

const bj = (local: string) => new Date(`${local}+08:00`);

describe.each(BACKENDS)('statistics on %s', (backend) => {
  let t: TestApp;
  let org: Org;
  const staff: Record<string, CaseActor> = {};

  const drain = async (limit = 1000) => {
    let total = 0;
    for (;;) {
      const n = await t.deps.db.transaction().execute((trx) => consumeStats(trx, t.time.now(), limit));
      total += n;
      if (n === 0) return total;
    }
  };
  const snapshot = async () => ({
    daily: (
      await sql`SELECT * FROM stats_daily ORDER BY day, centre_id, department_id, item_id, office_id, staff_id`.execute(
        t.deps.db,
      )
    ).rows,
    durations: (
      await sql`SELECT * FROM stats_durations ORDER BY day, centre_id, department_id, item_id, office_id, staff_id, working_days`.execute(
        t.deps.db,
      )
    ).rows,
  });

  /**
   * The hand-built October 2025 (Beijing), one department (矿产开发管理司), promised 5 working days:
   * A accepted Thu 9 Oct 10:00 (due Wed 15 Oct 17:30: Oct 10, the make-up Sat 11, 13, 14, 15), a correction
   *   asked first, completed Mon 13 Oct → on time, early, 3 working days (10, 11, 13);
   * B the same, completed Wed 15 Oct 16:00 → on time, not early, 5 working days;
   * C the same, a step sent back on 14 Oct, a red card, a notice that escalated once, completed Fri 17 Oct
   *   → overdue, 7 working days;
   * D received 10 Oct and refused; E received 10 Oct, correction asked, then accepted with 容缺 on 13 Oct.
   */
  async function build(trx: Parameters<typeof buildCase>[0]) {
    const mk = (n: string, accepted = true) =>
      buildCase(trx, org, {
        at: bj(accepted ? '2025-10-09T10:00:00' : '2025-10-10T10:00:00'),
        promisedDays: 5,
        number: n,
        actor: staff.clerk,
        accepted,
      });
    const [a, b, c, d, e] = [
      await mk('A'),
      await mk('B'),
      await mk('C'),
      await mk('D', false),
      await mk('E', false),
    ] as BuiltCase[];
    await appendTestEvent(trx, a!.caseId, 'correction_requested', bj('2025-10-09T09:00:00'), {}, staff.clerk);
    await completeCase(trx, a!, bj('2025-10-13T15:00:00'), staff.leader);
    await completeCase(trx, b!, bj('2025-10-15T16:00:00'), staff.leader);
    await appendTestEvent(
      trx,
      c!.caseId,
      'step_completed',
      bj('2025-10-14T11:00:00'),
      { process: { action: 'return' } },
      staff.reviewer,
    );
    await appendTestEvent(trx, c!.caseId, 'supervision_card', bj('2025-10-16T00:00:00'), {
      card: 'red',
      officeId: org.officeId,
    });
    await appendTestEvent(trx, c!.caseId, 'supervision_notice_issued', bj('2025-10-16T00:00:00'), {
      officeId: org.officeId,
    });
    await appendTestEvent(trx, c!.caseId, 'supervision_notice_escalated', bj('2025-10-20T17:30:00'), {
      escalations: 1,
      officeId: org.officeId,
    });
    await completeCase(trx, c!, bj('2025-10-17T09:00:00'), staff.leader);
    await appendTestEvent(
      trx,
      d!.caseId,
      'refused',
      bj('2025-10-10T11:00:00'),
      { reasons: ['不属于本部门职权'] },
      staff.clerk,
    );
    await appendTestEvent(trx, e!.caseId, 'correction_requested', bj('2025-10-10T11:00:00'), {}, staff.clerk);
    await appendTestEvent(trx, e!.caseId, 'deferred', bj('2025-10-13T10:00:00'), {}, staff.clerk);
    await appendTestEvent(trx, e!.caseId, 'engine_event_of_a_later_kind', bj('2025-10-13T10:00:00'), {}); // ignored
  }

  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2025-11-01T02:00:00Z' });
    const fx = await seedIntakeItems(t.deps, 'Q');
    org = await demoOrg(t.deps.db, fx.simple.id);
    for (const u of ['clerk', 'leader', 'reviewer']) {
      const s = await t.deps.db
        .selectFrom('staff')
        .select(['id', 'display_name'])
        .where('username', '=', u)
        .executeTakeFirstOrThrow();
      staff[u] = { id: s.id, name: s.display_name, kind: 'staff' };
    }
    // Built in several transactions, folded in small batches in between: the incremental path.
    await t.deps.db.transaction().execute(build);
    await drain(2);
  });
  afterAll(() => t.close());

  it('computes the hand-built month by department as computed by hand', async () => {
    const supervisor = await t.loginAs('supervisor');
    const rows = await expectJson<StatsRow[]>(
      supervisor.get('/api/v1/stats?from=2025-10-01&to=2025-10-31&groupBy=department'),
      200,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: '矿产开发管理司',
      received: 5,
      accepted: 4, // A, B, C, and E's 容缺 acceptance
      deferred: 1,
      refused: 1,
      corrected: 2,
      completed: 3,
      on_time: 2,
      early: 1,
      overdue: 1,
      work_days: 15,
      returns: 1,
      cards_red: 1,
      cards_yellow: 0,
      notices: 1,
      notices_late: 1,
      onTimeRate: 0.6667,
      earlyRate: 0.3333,
      acceptanceRate: 0.8,
      averageWorkingDays: 5,
      p90WorkingDays: 7,
      averageVisits: 1,
    });
  });

  it('splits by staff and office, and narrows the period by day', async () => {
    const admin = await t.loginAs('admin');
    const byStaff = await expectJson<StatsRow[]>(
      admin.get('/api/v1/stats?from=2025-10-01&to=2025-10-31&groupBy=staff'),
      200,
    );
    const leader = byStaff.find((r) => r.name === '司长 陈静')!;
    expect([leader.completed, leader.on_time, leader.p90WorkingDays]).toEqual([3, 2, 7]);
    const clerk = byStaff.find((r) => r.name === '窗口 李明')!;
    expect([clerk.received, clerk.refused, clerk.corrected]).toEqual([5, 1, 2]);
    const byOffice = await expectJson<StatsRow[]>(
      admin.get('/api/v1/stats?from=2025-10-01&to=2025-10-31&groupBy=office'),
      200,
    );
    expect(byOffice.find((r) => r.name === '采矿权管理处')).toMatchObject({
      returns: 1,
      cards_red: 1,
      notices: 1,
    });
    const firstWeek = await expectJson<StatsRow[]>(
      admin.get('/api/v1/stats?from=2025-10-09&to=2025-10-13&groupBy=centre'),
      200,
    );
    expect(firstWeek[0]).toMatchObject({ received: 5, completed: 1, early: 1, averageWorkingDays: 3 });
  });

  it('rolls up along the region tree and exports CSV and xlsx', async () => {
    const admin = await t.loginAs('admin');
    const regions = await expectJson<StatsRow[]>(
      admin.get('/api/v1/stats?from=2025-10-01&to=2025-10-31&groupBy=region'),
      200,
    );
    expect(regions.map((r) => [r.key, r.received])).toEqual([['100000', 5]]);
    const csv = await admin.get('/api/v1/stats?from=2025-10-01&to=2025-10-31&groupBy=department&format=csv');
    const text = await csv.text();
    expect(text.split('\r\n')[1]).toMatch(/^矿产开发管理司,5,4,1,2,1,3,2,1,1,66.67,33.33,5,7,1,1,0,1,1,1$/);
    const xlsx = await admin.get('/api/v1/stats/assessment?period=2025-10&format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('scores the department for October: 58.3, 不合格', async () => {
    const admin = await t.loginAs('admin');
    const rows = await expectJson<{ name: string; score: number; gradeLabel: string }[]>(
      admin.get('/api/v1/stats/assessment?period=2025-10&subject=department'),
      200,
    );
    // 50 × 2/3 + 10 × 1/3 + 25 × (1 − 1/3) + 15 × (1 − 2/3) = 58.33
    expect(rows[0]).toMatchObject({ name: '矿产开发管理司', score: 58.3, gradeLabel: '不合格' });
    const generous = await expectJson<{ score: number; gradeLabel: string }[]>(
      admin.get(
        '/api/v1/stats/assessment?period=2025-Q4&subject=department&onTime=100&early=0&quality=0&supervision=0',
      ),
      200,
    );
    expect(generous[0]).toMatchObject({ score: 66.7, gradeLabel: '合格' });
  });

  it('rebuilds from the history to exactly the incrementally maintained tables', async () => {
    // More history after the first fold, folded one event at a time.
    await t.deps.db.transaction().execute(async (trx) => {
      const f = await buildCase(trx, org, {
        at: bj('2025-10-20T09:00:00'),
        promisedDays: 5,
        number: 'F',
        actor: staff.clerk,
      });
      await completeCase(trx, f, bj('2025-10-21T10:00:00'), staff.leader);
    });
    await drain(1);
    const incremental = await snapshot();
    expect(await rebuildStats(t.deps.db, t.time.now(), 3)).toBeGreaterThan(20);
    expect(await snapshot()).toEqual(incremental);
    expect(await drain()).toBe(0);
  });

  it('shows a leader only their department and refuses reviewers', async () => {
    const leader = await t.loginAs('leader');
    expect(
      (
        await expectJson<StatsRow[]>(
          leader.get('/api/v1/stats?from=2025-10-01&to=2025-10-31&groupBy=department'),
          200,
        )
      ).length,
    ).toBe(1);
    const reviewer = await t.loginAs('reviewer');
    expect((await reviewer.get('/api/v1/stats?from=2025-10-01&to=2025-10-31')).status).toBe(403);
  });
});
