// 联合审批: a bundle accepted once splits into child cases in three departments, each with its own clock,
// and joins into one delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import { chain, days, gateway, office, role, step } from '../../core/process/build.ts';
import { ProcessDefinition } from '../../core/process/definition.ts';
import { acceptCase, bj, call, login, pass, publishItem, type Session } from './engine.testing.ts';

const BUNDLE = ProcessDefinition.parse({
  id: 'joint-bundle',
  nodes: [
    gateway('start', 'start'),
    step('intake', { name: '牵头部门受理', kind: 'intake', assignee: role('window_clerk'), limit: days(0) }),
    step('joint', {
      name: '各部门并联审批',
      kind: 'joint_review',
      assignee: role('leader'),
      limit: days(45),
    }),
    step('delivery', { name: '统一出件', kind: 'delivery', assignee: role('window_clerk'), limit: days(1) }),
    gateway('end', 'end'),
  ],
  edges: chain('start', 'intake', 'joint', 'delivery', 'end'),
});
const member = (officeCode: string, limit: number) =>
  ProcessDefinition.parse({
    nodes: [
      gateway('start', 'start'),
      step('review', { name: '部门审查', kind: 'review', assignee: office(officeCode), limit: days(limit) }),
      gateway('end', 'end'),
    ],
    edges: chain('start', 'review', 'end'),
  });

const own = (value: number) => ({ promisedLimit: { value, unit: 'working_days' as const, note: '' } });

describe.each(BACKENDS)('joint approval on %s', (backend) => {
  let t: TestApp;
  const s: Record<string, Session> = {};

  beforeAll(async () => {
    t = await createTestApp(backend, {
      start: new Date(bj('2025-09-15', '09:00')).toISOString(),
      env: { SESSION_TTL_HOURS: '720' },
    });
    for (const u of ['clerk', 'leader', 'reviewer', 'reviewer2', 'dz-reviewer']) s[u] = await login(t, u);
  });
  afterAll(() => t.close());

  it('accepts once, runs three departments in parallel on their own clocks, and delivers once', async () => {
    const lead = await t.deps.db
      .selectFrom('departments')
      .select('id')
      .where('code', '=', 'KCKF')
      .executeTakeFirstOrThrow();
    const limit = { value: 45, unit: 'working_days' as const, note: '联合审批45个工作日，可延长15个工作日' };
    const bundle = await publishItem(t, 'MLR', 'KCKF', 'JNT0', BUNDLE, {
      isJoint: true,
      leadDepartmentId: lead.id,
      statutoryLimit: limit,
      promisedLimit: limit,
    });
    const members = [
      await publishItem(t, 'MLR', 'KCKF', 'JNT1', member('CK', 10), own(10)),
      await publishItem(t, 'MLR', 'GDBH', 'JNT2', member('YS', 15), own(15)),
      await publishItem(t, 'MLR', 'DZKC', 'JNT3', member('ZZ', 20), own(20)),
    ];
    await t.deps.db
      .insertInto('joint_members')
      .values(members.map((m, i) => ({ bundle_item_id: bundle.itemId, item_id: m.itemId, position: i + 1 })))
      .execute();

    t.time.set(new Date(bj('2025-09-15')).toISOString());
    const c = await acceptCase(t, s.clerk!, bundle);
    expect(c.promisedDueDate).toBe('2025-11-21'); // 45 working days from 09-15 across National Day
    const children = await expectJson<{ id: string; promisedDueDate: string; departmentId: string }[]>(
      call(t, s.leader!, 'GET', `/api/v1/cases/${c.id}/children`),
      200,
    );
    expect(children.map((k) => k.promisedDueDate)).toEqual(['2025-09-28', '2025-10-11', '2025-10-17']); // 10, 15, 20 working days (Sun 09-28 and Sat 10-11 are worked)
    expect(new Set(children.map((k) => k.departmentId)).size).toBe(3);
    // the join cannot be passed by hand
    const joinTask = (
      await expectJson<{ id: string; stepId: string; version: number }[]>(
        call(t, s.leader!, 'GET', `/api/v1/cases/${c.id}/tasks`),
        200,
      )
    ).find((k) => k.stepId === 'joint')!;
    const early = await call(t, s.leader!, 'POST', `/api/v1/tasks/${joinTask.id}/complete`, {
      version: joinTask.version,
      action: 'pass',
      opinion: '同意',
    });
    expect(early.status).toBe(409);

    t.time.set(new Date(bj('2025-09-18')).toISOString());
    await pass(t, s.reviewer!, children[0]!.id, 'review');
    await pass(t, s.reviewer2!, children[1]!.id, 'review');
    let parent = await t.deps.db
      .selectFrom('cases')
      .select('current_step')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(parent.current_step).toBe('各部门并联审批');
    await pass(t, s['dz-reviewer']!, children[2]!.id, 'review');
    parent = await t.deps.db
      .selectFrom('cases')
      .select('current_step')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(parent.current_step).toBe('统一出件');

    await expectJson(
      call(t, s.clerk!, 'POST', `/api/v1/cases/${c.id}/delivery`, { method: 'window', recipient: '李四' }),
      200,
    );
    await pass(t, s.clerk!, c.id, 'delivery');
    const done = await t.deps.db
      .selectFrom('cases')
      .select(['status', 'outcome'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(done).toEqual({ status: 'completed', outcome: 'granted' });
    for (const k of [c.id, ...children.map((x) => x.id)])
      expect(
        (await expectJson<{ equal: boolean }>(call(t, s.leader!, 'GET', `/api/v1/cases/${k}/rebuild`), 200))
          .equal,
      ).toBe(true);
  });
});
