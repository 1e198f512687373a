// The Ministry mining-right flow and the engine's procedures on every backend: return to the applicant
// with the clock on the applicant's side, return to a step, special procedures, the extension bound,
// denial, claim and AB角, 100 concurrent completions, and rebuild == stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import { MLR_MINING_RIGHT } from '../../core/process/demo-definitions.ts';
import type { CaseDetail } from '../cases/cases.schemas.ts';
import type { ItemVersion } from '../catalogue/catalogue.schemas.ts';
import {
  acceptCase,
  bj,
  call,
  complete,
  login,
  openTask,
  pass,
  publishItem,
  type Session,
} from './engine.testing.ts';

const USERS = ['clerk', 'reviewer', 'leader', 'reviewer2'];

describe.each(BACKENDS)('mining right and procedures on %s', (backend) => {
  let t: TestApp;
  let item: ItemVersion;
  const s: Record<string, Session> = {};
  const moveTo = (iso: string) => t.time.set(new Date(iso).toISOString());
  const caseRow = (id: string) =>
    t.deps.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const rebuildEqual = async (id: string) =>
    (await expectJson<{ equal: boolean }>(call(t, s.clerk!, 'GET', `/api/v1/cases/${id}/rebuild`), 200))
      .equal;
  const picks = async () => ({
    review: (
      await t.deps.db
        .selectFrom('staff')
        .select('id')
        .where('username', '=', 'leader')
        .executeTakeFirstOrThrow()
    ).id,
  });

  beforeAll(async () => {
    t = await createTestApp(backend, {
      start: new Date(bj('2025-09-15', '09:00')).toISOString(),
      env: { SESSION_TTL_HOURS: '720' },
    });
    item = await publishItem(t, 'MLR', 'KCKF', 'MIN1', MLR_MINING_RIGHT, {
      promisedLimit: { value: 20, unit: 'working_days', note: '' },
      statutoryLimit: { value: 40, unit: 'working_days', note: '' },
    });
    for (const u of USERS) s[u] = await login(t, u);
  });
  afterAll(() => t.close());

  it('runs the mining right with a correction on the applicant’s clock and a return to 承办', async () => {
    moveTo(bj('2025-09-15'));
    const c: CaseDetail = await acceptCase(t, s.clerk!, item);
    expect(c.promisedDueDate).toBe('2025-10-17');
    // 承办 asks the applicant for corrections on Tue 09-16: the case clocks stop
    moveTo(bj('2025-09-16'));
    const handle = await openTask(t, s.reviewer!, c.id, 'handle');
    await expectJson(
      complete(t, s.reviewer!, handle, {
        action: 'return',
        returnTo: 'applicant',
        opinion: '请补充储量评审备案证明',
      }),
      200,
    );
    const away = await caseRow(c.id);
    expect(JSON.parse(JSON.stringify(away.process_state)).status).toBe('with_applicant');
    const clock = await t.deps.db
      .selectFrom('clocks')
      .select(['status'])
      .where('id', '=', away.promised_clock_id!)
      .executeTakeFirstOrThrow();
    expect(clock.status).toBe('suspended');
    // back on Mon 09-22: 17, 18, 19, 22 are the applicant's — the due date moves by 4 working days
    moveTo(bj('2025-09-22'));
    const back = await expectJson<{ promisedDueDate: string }>(
      call(t, s.clerk!, 'POST', `/api/v1/cases/${c.id}/corrections`, { note: '已补充' }),
      200,
    );
    expect(back.promisedDueDate).toBe('2025-10-23');
    await pass(t, s.reviewer!, c.id, 'handle', { assignees: await picks() });
    // 处领导 picked by name; 司领导 sends it back to 承办
    await pass(t, s.leader!, c.id, 'review');
    const approve = await openTask(t, s.leader!, c.id, 'approve');
    await expectJson(
      complete(t, s.leader!, approve, { action: 'return', returnTo: 'handle', opinion: '坐标有误，请核实' }),
      200,
    );
    await pass(t, s.reviewer!, c.id, 'handle', { assignees: await picks() });
    await pass(t, s.leader!, c.id, 'review');
    await pass(t, s.leader!, c.id, 'approve');
    await expectJson(call(t, s.reviewer!, 'POST', `/api/v1/cases/${c.id}/certificate`, {}), 200);
    await pass(t, s.reviewer!, c.id, 'certificate');
    await expectJson(
      call(t, s.clerk!, 'POST', `/api/v1/cases/${c.id}/delivery`, { method: 'window', recipient: '李四' }),
      200,
    );
    await pass(t, s.clerk!, c.id, 'delivery');
    expect((await caseRow(c.id)).status).toBe('completed');
    await pass(t, s.reviewer!, c.id, 'archive');
    expect((await caseRow(c.id)).archived_at).not.toBeNull();
    expect(await rebuildEqual(c.id)).toBe(true);
  });

  it('pauses every clock during an expert review and recomputes on resumption; extends within 10 days', async () => {
    moveTo(bj('2025-09-15', '11:00'));
    const c = await acceptCase(t, s.clerk!, item);
    const handle = await openTask(t, s.reviewer!, c.id, 'handle');
    moveTo(bj('2025-09-17'));
    const started = await call(t, s.reviewer!, 'POST', `/api/v1/cases/${c.id}/special-procedures`, {
      kind: 'expert_review',
      reason: '开发利用方案需专家评审',
    });
    expect(started.status).toBe(200);
    expect(
      (
        await call(t, s.reviewer!, 'POST', `/api/v1/cases/${c.id}/special-procedures`, {
          kind: 'hearing',
          reason: 'x',
        })
      ).status,
    ).toBe(409);
    const step = await t.deps.db
      .selectFrom('clocks')
      .select('status')
      .where('id', '=', handle.clock!.id)
      .executeTakeFirstOrThrow();
    expect(step.status).toBe('suspended');
    moveTo(bj('2025-09-24'));
    const ended = await expectJson<{ promisedDueDate: string }>(
      call(t, s.reviewer!, 'POST', `/api/v1/cases/${c.id}/special-procedures/end`, {
        outcome: '专家评审通过',
      }),
      200,
    );
    expect(ended.promisedDueDate).toBe('2025-10-24'); // 18, 19, 22, 23, 24 not counted: Fri 10-17 + 5 working days
    const notices = await t.deps.db
      .selectFrom('case_notices')
      .select('kind')
      .where('case_id', '=', c.id)
      .execute();
    expect(notices.map((n) => n.kind)).toContain('special_procedure');
    // extension: a leader, within the bound of 10 working days for a single-department item
    expect(
      (
        await call(t, s.reviewer!, 'POST', `/api/v1/cases/${c.id}/extensions`, {
          days: 5,
          reason: '情况复杂',
        })
      ).status,
    ).toBe(403);
    const ext = await expectJson<{ promisedDueDate: string }>(
      call(t, s.leader!, 'POST', `/api/v1/cases/${c.id}/extensions`, { days: 6, reason: '需实地核查' }),
      200,
    );
    expect(ext.promisedDueDate).toBe('2025-11-03'); // 10-24 + 6: 27, 28, 29, 30, 31, Nov 3
    const over = await call(t, s.leader!, 'POST', `/api/v1/cases/${c.id}/extensions`, {
      days: 5,
      reason: '再延',
    });
    expect(over.status).toBe(422);
    expect(await rebuildEqual(c.id)).toBe(true);
  });

  it('denies the licence with reasons: the case closes with a 不予许可决定书', async () => {
    moveTo(bj('2025-09-15', '14:00'));
    const c = await acceptCase(t, s.clerk!, item);
    await pass(t, s.reviewer!, c.id, 'handle', { assignees: await picks() });
    await pass(t, s.leader!, c.id, 'review');
    const approve = await openTask(t, s.leader!, c.id, 'approve');
    expect((await complete(t, s.leader!, approve, { action: 'deny', opinion: '不予许可' })).status).toBe(422);
    await expectJson(
      complete(t, s.leader!, approve, {
        action: 'deny',
        opinion: '不予许可',
        reasons: ['矿区范围与已设矿业权重叠'],
      }),
      200,
    );
    const row = await caseRow(c.id);
    expect([row.status, row.outcome]).toEqual(['completed', 'denied']);
    const kinds = (
      await t.deps.db.selectFrom('case_notices').select('kind').where('case_id', '=', c.id).execute()
    ).map((n) => n.kind);
    expect(kinds).toContain('denial_decision');
    expect(await rebuildEqual(c.id)).toBe(true);
  });

  it('lets the AB角 backup act while the assignee is absent, and refuses a claimed task to others', async () => {
    moveTo(bj('2025-09-16', '09:00'));
    const c = await acceptCase(t, s.clerk!, item);
    const handle = await openTask(t, s.reviewer!, c.id, 'handle');
    const claimed = await expectJson<{ version: number }>(
      call(t, s.reviewer!, 'POST', `/api/v1/tasks/${handle.id}/claim`, { version: handle.version }),
      200,
    );
    expect(
      (await call(t, s.reviewer!, 'POST', `/api/v1/tasks/${handle.id}/claim`, { version: handle.version }))
        .status,
    ).toBe(409);
    const other = await complete(t, s.reviewer2!, { ...handle, version: claimed.version });
    expect([403, 409]).toContain(other.status);
    expect(await rebuildEqual(c.id)).toBe(true);
  });

  it('lets exactly one of 100 concurrent completions of the same task win', async () => {
    moveTo(bj('2025-09-17', '09:00'));
    const c = await acceptCase(t, s.clerk!, item);
    const handle = await openTask(t, s.reviewer!, c.id, 'handle');
    const picked = await picks();
    const results = await Promise.all(
      Array.from(
        { length: 100 },
        async () => (await complete(t, s.reviewer!, handle, { assignees: picked })).status,
      ),
    );
    expect(results.filter((x) => x === 200)).toHaveLength(1);
    expect(results.filter((x) => x === 409)).toHaveLength(99);
    const done = await t.deps.db
      .selectFrom('case_tasks')
      .select('status')
      .where('case_id', '=', c.id)
      .where('step_id', '=', 'handle')
      .execute();
    expect(done.map((d) => d.status)).toEqual(['done']);
    expect(await rebuildEqual(c.id)).toBe(true);
  });
});
