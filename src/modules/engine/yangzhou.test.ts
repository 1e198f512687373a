// The Yangzhou land-supply flow (seed 003) end to end through the API, on every backend: intake → planning
// bureau → 利用处 → 权属核定/面积量算/地价评估 in parallel → 8 co-signers → 5 leaders → minutes → city
// government (an outside agency reporting with its API token) → certificate → fee → director → window →
// archive, with the due dates checked against hand-computed values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import type { CaseDetail } from '../cases/cases.schemas.ts';
import type { ItemVersion } from '../catalogue/catalogue.schemas.ts';
import {
  acceptCase,
  bj,
  call,
  complete,
  demoItem,
  dueDateOf,
  login,
  openTask,
  pass,
  type Session,
  tasksOf,
} from './engine.testing.ts';

const USERS = [
  'yz-clerk',
  'yz-planning',
  'yz-reviewer',
  'yz-dj',
  'yz-ch',
  'yz-jg',
  'yz-fg',
  'yz-gd',
  'yz-jc',
  'yz-bgs',
  'yz-leader',
  'admin',
];
const COSIGNERS: [string, string][] = [
  ['cosign_ly', 'yz-reviewer'],
  ['cosign_dj', 'yz-dj'],
  ['cosign_ch', 'yz-ch'],
  ['cosign_jg', 'yz-jg'],
  ['cosign_fg', 'yz-fg'],
  ['cosign_gd', 'yz-gd'],
  ['cosign_jc', 'yz-jc'],
  ['cosign_bgs', 'yz-bgs'],
];

describe.each(BACKENDS)('Yangzhou land supply on %s', (backend) => {
  let t: TestApp;
  let item: ItemVersion;
  const s: Record<string, Session> = {};

  async function loginAll() {
    for (const u of USERS) s[u] = await login(t, u);
  }
  const moveTo = (iso: string) => t.time.set(new Date(iso).toISOString());

  beforeAll(async () => {
    t = await createTestApp(backend, {
      start: new Date(bj('2025-09-15', '09:00')).toISOString(),
      env: { SESSION_TTL_HOURS: '720' },
    });
    item = await demoItem(t, 'YZ', '国有建设用地供地审批');
    await loginAll();
  });
  afterAll(() => t.close());

  it('runs from acceptance to archive, parallel fieldwork finishing by the longest branch', async () => {
    const stepDue = async (caseId: string, stepId: string) =>
      (await dueDateOf(t, (await openTask(t, s['yz-clerk']!, caseId, stepId)).clock?.id))?.due_date;

    moveTo(bj('2025-09-15'));
    const c: CaseDetail = await acceptCase(t, s['yz-clerk']!, item);
    expect(c.promisedDueDate).toBe('2025-10-17'); // 20 working days across National Day (09-28 and 10-11 worked)
    expect(c.tasks.map((k) => [k.stepId, k.status])).toEqual([
      ['intake', 'done'],
      ['consult_planning', 'open'],
    ]);
    expect(await stepDue(c.id, 'consult_planning')).toBe('2025-09-17');

    moveTo(bj('2025-09-16'));
    await pass(t, s['yz-planning']!, c.id, 'consult_planning');
    expect(await stepDue(c.id, 'material_review')).toBe('2025-09-17');
    moveTo(bj('2025-09-17'));
    // the next office cannot act on 利用处's task
    const review = await openTask(t, s['yz-dj']!, c.id, 'material_review');
    expect((await complete(t, s['yz-dj']!, review)).status).toBe(403);
    await pass(t, s['yz-reviewer']!, c.id, 'material_review');
    // 权属核定, 面积量算, 地价评估 open together, each due 5 working days later: 18, 19, 22, 23, 24
    for (const step of ['ownership', 'area', 'price']) expect(await stepDue(c.id, step)).toBe('2025-09-24');

    moveTo(bj('2025-09-18'));
    await pass(t, s['yz-dj']!, c.id, 'ownership');
    await pass(t, s['yz-ch']!, c.id, 'area', { data: { areaHectares: 3.5 } });
    expect((await tasksOf(t, s['yz-clerk']!, c.id)).some((k) => k.stepId === 'cosign_ly')).toBe(false); // the join waits
    moveTo(bj('2025-09-19'));
    await pass(t, s['yz-jg']!, c.id, 'price');
    expect(await stepDue(c.id, 'cosign_fg')).toBe('2025-09-22'); // Friday + 1 working day

    moveTo(bj('2025-09-22'));
    for (const [step, who] of COSIGNERS) await pass(t, s[who]!, c.id, step);
    for (const step of ['leader_1', 'leader_2', 'leader_3', 'leader_4', 'leader_5'])
      await pass(t, s['yz-leader']!, c.id, step);
    await pass(t, s['yz-bgs']!, c.id, 'minutes');

    // 3.5 ha > 2 ha: the city government (an outside agency) gets the case and reports with its token
    const gov = await openTask(t, s['yz-clerk']!, c.id, 'government_approval');
    expect(gov.agencyId).not.toBeNull();
    expect(await stepDue(c.id, 'government_approval')).toBe('2025-09-25');
    const yzGov = await t.deps.db
      .selectFrom('staff')
      .select('id')
      .where('username', '=', 'yz-gov')
      .executeTakeFirstOrThrow();
    const token = await expectJson<{ token: string }>(
      call(t, s.admin!, 'POST', '/api/v1/tokens', {
        name: '市政府审批专线',
        staffId: yzGov.id,
        scopes: ['agency.report'],
      }),
      201,
    );
    const bearer = { authorization: `Bearer ${token.token}` };
    const notTheirs = await openTask(t, s['yz-clerk']!, c.id, 'government_approval');
    moveTo(bj('2025-09-23'));
    const reported = await t.app.request(`/api/v1/agency/tasks/${notTheirs.id}/report`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ version: notTheirs.version, action: 'pass', opinion: '同意供地' }),
    });
    expect(reported.status).toBe(200);
    // the same token may not work through the staff route
    const certTask = await openTask(t, s['yz-clerk']!, c.id, 'certificate');
    const viaStaffRoute = await t.app.request(`/api/v1/tasks/${certTask.id}/complete`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ version: certTask.version, action: 'pass', opinion: 'x' }),
    });
    expect(viaStaffRoute.status).toBe(403);

    // certificate: cannot pass before the certificate exists
    expect((await complete(t, s['yz-reviewer']!, certTask)).status).toBe(422);
    const cert = await expectJson<{ number: string; holder: string }>(
      call(t, s['yz-reviewer']!, 'POST', `/api/v1/cases/${c.id}/certificate`, { validUntil: '2026-09-23' }),
      200,
    );
    expect(cert.number).toMatch(/^GT证〔2025〕0000\d\d号$/);
    await pass(t, s['yz-reviewer']!, c.id, 'certificate');

    // one payment notice for all fees: 100.00 fixed + 3.5 ha × 500.00
    const fees = await expectJson<{ total_cents: number; status: string }>(
      call(t, s['yz-clerk']!, 'POST', `/api/v1/cases/${c.id}/fees/assess`, {}),
      200,
    );
    expect([fees.total_cents, fees.status]).toEqual([185_000, 'unpaid']);
    expect((await call(t, s['yz-clerk']!, 'POST', `/api/v1/cases/${c.id}/fees/assess`, {})).status).toBe(409);
    expect((await complete(t, s['yz-clerk']!, await openTask(t, s['yz-clerk']!, c.id, 'fee'))).status).toBe(
      422,
    );
    const wrong = await call(t, s['yz-clerk']!, 'POST', `/api/v1/cases/${c.id}/fees/payment`, {
      method: 'cash',
      amountCents: 1,
    });
    expect(wrong.status).toBe(422);
    await expectJson(
      call(t, s['yz-clerk']!, 'POST', `/api/v1/cases/${c.id}/fees/payment`, {
        method: 'cash',
        amountCents: 185_000,
      }),
      200,
    );
    await pass(t, s['yz-clerk']!, c.id, 'fee');
    await pass(t, s['yz-leader']!, c.id, 'director_sign');

    moveTo(bj('2025-09-24'));
    await expectJson(
      call(t, s['yz-clerk']!, 'POST', `/api/v1/cases/${c.id}/delivery`, {
        method: 'express',
        recipient: '北京金石矿业有限公司',
        trackingNumber: 'SF1234567890',
      }),
      200,
    );
    await pass(t, s['yz-clerk']!, c.id, 'delivery');
    const done = await expectJson<CaseDetail>(call(t, s['yz-clerk']!, 'GET', `/api/v1/cases/${c.id}`), 200);
    expect(done.status).toBe('completed');
    expect(done.clocks.every((k) => k.status === 'stopped')).toBe(true);

    await pass(t, s['yz-bgs']!, c.id, 'archive');
    const archived = await t.deps.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(archived.archived_at).not.toBeNull();
    expect(archived.outcome).toBe('granted');
    // read-only now; history and documents stay retrievable
    const again = await call(t, s['yz-clerk']!, 'POST', `/api/v1/cases/${c.id}/archive`, {});
    expect(again.status).toBe(409);
    const history = await expectJson<{
      events: { type: string; opinion: string | null }[];
      clocks: unknown[];
    }>(call(t, s['yz-clerk']!, 'GET', `/api/v1/cases/${c.id}/history`), 200);
    expect(history.events.filter((e) => e.type === 'step_completed')).toHaveLength(26);
    expect(history.events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'fees_assessed',
        'fee_paid',
        'certificate_issued',
        'delivered',
        'completed',
        'archived',
      ]),
    );
    expect(history.clocks.length).toBe(2 + 26); // the case clocks and one step clock per task (all have limits)
    const rebuilt = await expectJson<{ equal: boolean }>(
      call(t, s['yz-clerk']!, 'GET', `/api/v1/cases/${c.id}/rebuild`),
      200,
    );
    expect(rebuilt.equal).toBe(true);
    const notices = (
      await t.deps.db.selectFrom('case_notices').select('kind').where('case_id', '=', c.id).execute()
    ).map((n) => n.kind);
    expect(notices.sort()).toEqual(['acceptance', 'grant_decision', 'payment']);
  });
});
