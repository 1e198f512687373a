// What the desk screens read, on every backend: the work-list (GET /api/v1/tasks) with the working days
// left on each step clock, read through the clock module (a weekend is not counted; negative once the
// step is overdue), the people who may be picked for a next step chosen on completion, and the preview of a material's electronic copy (only the case's own files, only for
// those who may read the case).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import { create, upload } from '../../../test/fixtures/intake/intake-client.ts';
import { COMPANY, PDF_BYTES, seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { MLR_MINING_RIGHT } from '../../core/process/demo-definitions.ts';
import { DEFAULT_RULE_SET } from '../../core/supervision.ts';
import type { CaseDetail } from '../cases/cases.schemas.ts';
import { rebuildLightCounts } from '../supervision/supervision.queries.ts';
import { insertRuleSetVersion } from '../supervision/supervision.rules.ts';
import { lightLedger } from '../supervision/supervision.testing.ts';
import type { Task } from './engine.schemas.ts';
import {
  acceptCase,
  bj,
  call,
  complete,
  login,
  publishItem,
  type Session,
  tasksOf,
} from './engine.testing.ts';

describe.each(BACKENDS)('work-list on %s', (backend) => {
  let t: TestApp;
  const s: Record<string, Session> = {};

  beforeAll(async () => {
    t = await createTestApp(backend, {
      start: new Date(bj('2025-09-15', '09:00')).toISOString(),
      env: { SESSION_TTL_HOURS: '720' },
    });
    for (const u of ['clerk', 'reviewer', 'leader', 'yz-clerk']) s[u] = await login(t, u);
  });
  afterAll(() => t.close());

  const handleTask = async (caseId: string) => {
    const mine = await expectJson<Task[]>(call(t, s.reviewer!, 'GET', '/api/v1/tasks'), 200);
    return mine.find((x) => x.caseId === caseId && x.stepId === 'handle');
  };

  it('shows the working days left on each step clock, negative once overdue', async () => {
    const item = await publishItem(t, 'MLR', 'KCKF', 'WL1', MLR_MINING_RIGHT);
    const c = await acceptCase(t, s.clerk!, item); // Mon 2025-09-15: 承办 has 10 working days
    const fresh = await handleTask(c.id);
    expect(fresh?.clock?.remainingWorkingDays).toBe(10);
    // Fri 09-19 after the day: 4 working days used (16, 17, 18, 19), the weekend adds none
    t.time.set(new Date(bj('2025-09-20', '12:00')).toISOString());
    expect((await handleTask(c.id))?.clock?.remainingWorkingDays).toBe(6);
    // three weeks later the step is overdue
    t.time.set(new Date(bj('2025-10-20', '12:00')).toISOString());
    for (const u of Object.keys(s)) s[u] = await login(t, u); // the sessions expired meanwhile
    const late = await handleTask(c.id);
    expect(late?.clock?.remainingWorkingDays).toBeLessThan(0);
    // the clerk's own list does not hold the reviewer's task
    const clerks = await expectJson<Task[]>(call(t, s.clerk!, 'GET', '/api/v1/tasks'), 200);
    expect(clerks.some((x) => x.caseId === c.id && x.stepId === 'handle')).toBe(false);
  });

  it('gives one case’s tasks with caseId, cuts the list to limit, and refuses a bad limit or case id', async () => {
    const item = await publishItem(t, 'MLR', 'KCKF', 'WL5', MLR_MINING_RIGHT);
    const a = await acceptCase(t, s.clerk!, item);
    const b = await acceptCase(t, s.clerk!, item);
    const ofA = await expectJson<Task[]>(call(t, s.reviewer!, 'GET', `/api/v1/tasks?caseId=${a.id}`), 200);
    expect(ofA.map((x) => [x.caseId, x.stepId])).toEqual([[a.id, 'handle']]);
    const all = await expectJson<Task[]>(call(t, s.reviewer!, 'GET', '/api/v1/tasks'), 200);
    expect(all.some((x) => x.caseId === b.id)).toBe(true);
    // soonest due first: a list's dues never go down
    const dues = all.flatMap((x) => (x.clock?.dueAt ? [x.clock.dueAt] : []));
    expect(dues).toEqual([...dues].sort());
    const one = await expectJson<Task[]>(call(t, s.reviewer!, 'GET', '/api/v1/tasks?limit=1'), 200);
    expect(one.map((x) => x.id)).toEqual([all[0]!.id]);
    for (const bad of ['limit=0', 'limit=501', 'limit=x', 'caseId=not-a-case'])
      expect((await call(t, s.reviewer!, 'GET', `/api/v1/tasks?${bad}`)).status).toBe(400);
  });

  it("lights a newly opened step with its item's own thresholds from the start", async () => {
    const own = await publishItem(t, 'MLR', 'KCKF', 'WL3', MLR_MINING_RIGHT);
    const plain = await publishItem(t, 'MLR', 'KCKF', 'WL4', MLR_MINING_RIGHT);
    const { centre_id } = await t.deps.db
      .selectFrom('catalogue_items')
      .select('centre_id')
      .where('id', '=', own.itemId)
      .executeTakeFirstOrThrow();
    // the item's own rule set: yellow with 11 working days or fewer left (the centre keeps the default, 1)
    await t.deps.db.transaction().execute((trx) =>
      insertRuleSetVersion(trx, {
        centreId: centre_id,
        itemId: own.itemId,
        set: { ...DEFAULT_RULE_SET, thresholds: { yellowRemainingWorkingDays: 11, yellowUsedRatio: 0.99 } },
        note: 'test',
        by: null,
        now: t.time.now(),
      }),
    );
    // 承办 opens with 10 working days: yellow under the item's thresholds, green under the centre's
    const ownTask = await handleTask((await acceptCase(t, s.clerk!, own)).id);
    const plainTask = await handleTask((await acceptCase(t, s.clerk!, plain)).id);
    expect(ownTask?.clock?.remainingWorkingDays).toBe(10);
    expect(ownTask?.clock?.light).toBe('yellow');
    expect(plainTask?.clock?.light).toBe('green');
    // a step opened by a completion (the rule set read with the completed step): 处领导审核, 4 working days
    const leader = await t.deps.db
      .selectFrom('staff')
      .select('id')
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    for (const task of [ownTask!, plainTask!])
      await expectJson(complete(t, s.reviewer!, task, { assignees: { review: leader.id } }), 200);
    const reviewOf = async (caseId: string) =>
      (await tasksOf(t, s.leader!, caseId)).find((x) => x.stepId === 'review' && x.status === 'open');
    expect((await reviewOf(ownTask!.caseId))?.clock?.light).toBe('yellow');
    expect((await reviewOf(plainTask!.caseId))?.clock?.light).toBe('green');
    // the completions recounted their clocks once, at their end (migration 0022): the same as a rebuild
    const incremental = await lightLedger(t.deps.db);
    expect(incremental.some((r) => r.item_id === own.itemId && r.light === 'yellow' && r.n === 1)).toBe(true);
    await rebuildLightCounts(t.deps.db);
    expect(await lightLedger(t.deps.db)).toEqual(incremental);
  });

  it('previews a material’s electronic copy for those who read the case, and nothing else', async () => {
    const fx = await seedIntakeItems(t.deps, 'DESK');
    const c = await expectJson<CaseDetail>(
      create(t, s.clerk!, { itemId: fx.mining.itemId, applicant: COMPANY, materials: [] }),
      201,
    );
    const material = fx.mining.materials.find((m) => m.form === 'both')!;
    const stored = await expectJson<{ file: { id: string } }>(
      upload(t, s.clerk!, `/api/v1/intake/applications/${c.id}/materials/${material.id}/files`),
      201,
    );
    const path = `/api/v1/cases/${c.id}/files/${stored.file.id}`;
    const res = await call(t, s.reviewer!, 'GET', path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF_BYTES);
    // another centre's clerk may not read the case; a file of another case is not served through this one
    expect((await call(t, s['yz-clerk']!, 'GET', path)).status).toBe(403);
    const other = await expectJson<CaseDetail>(
      create(t, s.clerk!, { itemId: fx.mining.itemId, applicant: COMPANY, materials: [] }),
      201,
    );
    const wrong = await call(t, s.clerk!, 'GET', `/api/v1/cases/${other.id}/files/${stored.file.id}`);
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain('材料文件');
  });

  it('offers the department’s staff for a next step picked on completion, and the pick gets the task', async () => {
    t.time.set(new Date(bj('2025-10-21', '09:00')).toISOString());
    for (const u of Object.keys(s)) s[u] = await login(t, u);
    const item = await publishItem(t, 'MLR', 'KCKF', 'WL2', MLR_MINING_RIGHT);
    const c = await acceptCase(t, s.clerk!, item);
    const handle = (await handleTask(c.id))!;
    const path = `/api/v1/tasks/${handle.id}/candidates`;
    const offered = await expectJson<{ stepId: string; people: { id: string; name: string }[] }[]>(
      call(t, s.reviewer!, 'GET', path),
      200,
    );
    expect(offered.map((o) => o.stepId)).toEqual(['review']);
    const leader = offered[0]!.people.find((x) => x.name === '司长 陈静');
    expect(leader).toBeDefined();
    expect((await call(t, s['yz-clerk']!, 'GET', path)).status).toBe(403);
    await expectJson(
      call(t, s.reviewer!, 'POST', `/api/v1/tasks/${handle.id}/complete`, {
        version: handle.version,
        action: 'pass',
        opinion: '同意',
        assignees: { review: leader!.id },
      }),
      200,
    );
    const leaders = await expectJson<Task[]>(call(t, s.leader!, 'GET', '/api/v1/tasks'), 200);
    const review = leaders.find((x) => x.caseId === c.id && x.stepId === 'review')!;
    expect(review.assigneeStaffId).toBe(leader!.id);
    // after 处领导审核 comes 司领导批准, assigned by role: nobody to pick
    expect(await expectJson(call(t, s.leader!, 'GET', `/api/v1/tasks/${review.id}/candidates`), 200)).toEqual(
      [],
    );
  });
});
