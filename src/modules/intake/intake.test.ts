import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import {
  call,
  checkMaterials,
  create,
  decide,
  getCase,
  login,
  noticeText,
  type Session,
  upload,
} from '../../../test/fixtures/intake/intake-client.ts';
import {
  checks,
  type IntakeFixture,
  materialId,
  PERSON,
  seedIntakeItems,
} from '../../../test/fixtures/intake/intake-fixtures.ts';
import type { CaseDetail } from '../cases/cases.schemas.ts';
import { terminateOverdueDeferrals } from './intake.deferrals.ts';

const PLAN = '矿产资源开发利用方案';

describe.each(BACKENDS)('intake paths on %s', (backend) => {
  let t: TestApp;
  let fx: IntakeFixture;
  let clerk: Session;

  beforeAll(async () => {
    t = await createTestApp(backend);
    fx = await seedIntakeItems(t.deps);
    clerk = await login(t, 'clerk');
  });
  afterAll(() => t.close());

  /** Moves the clock (and logs in again: sessions expire after 12 hours). */
  async function at(iso: string) {
    t.time.set(iso);
    clerk = await login(t, 'clerk');
  }

  /** Receives a mining application; every material ok except those overridden; the plan gets its file. */
  async function receive(override: Parameters<typeof checks>[1] = {}): Promise<CaseDetail> {
    const all = checks(fx.mining, override);
    const first = all.filter((c) => c.materialId !== materialId(fx.mining, PLAN));
    const created = await expectJson<CaseDetail>(
      create(t, clerk, { itemId: fx.mining.itemId, applicant: PERSON, materials: first }),
      201,
    );
    const plan = all.find((c) => c.materialId === materialId(fx.mining, PLAN))!;
    const up = await upload(
      t,
      clerk,
      `/api/v1/intake/applications/${created.id}/materials/${plan.materialId}/files`,
    );
    const { version } = await expectJson<{ version: number }>(up, 201);
    return expectJson<CaseDetail>(checkMaterials(t, clerk, created.id, version, [plan]), 200);
  }

  it('accepts a complete application: case number, both clocks, the first work and the 受理通知书', async () => {
    await at('2025-09-30T02:00:00Z');
    const c = await receive();
    expect(c.status).toBe('received');
    expect(c.allowedDecisions).toEqual(['accept', 'refuse', 'request_correction', 'defer']);
    const done = await expectJson<CaseDetail>(
      decide(t, clerk, c.id, { decision: 'accept', version: c.version }),
      200,
    );
    expect(done.status).toBe('accepted');
    expect(done.caseNumber).toMatch(/^MLR20250930\d{5}$/);
    expect(done.promisedDueDate).toBe('2025-11-04'); // 20 working days after 30 Sep, across National Day
    expect(done.clocks.map((k) => [k.purpose, k.status])).toEqual([
      ['promised', 'running'],
      ['statutory', 'running'],
    ]);
    expect(done.tasks.map((k) => [k.stepId, k.status])).toEqual([
      ['accept', 'done'],
      ['review', 'open'],
    ]);
    expect(done.currentStep).toBe('审核');
    expect(done.events.map((e) => e.type)).toContain('accepted');
    const notice = done.notices[0]!;
    expect(notice.kind).toBe('acceptance');
    const html = await noticeText(t, clerk, c.id, notice.id);
    expect(html).toContain('采矿权新立登记');
    expect(html).toContain(done.caseNumber);
    expect(html).toMatch(/查询码：[A-Z2-9]{8}/);
    expect(html).toContain('2025年11月4日');
    expect(JSON.stringify(done)).not.toMatch(/queryCode/);
  });

  it('refuses with reasons, naming the right to 行政复议 and 行政诉讼', async () => {
    await at('2025-09-30T03:00:00Z');
    const c = await receive();
    const empty = await decide(t, clerk, c.id, { decision: 'refuse', version: c.version, reasons: [] });
    expect(empty.status).toBe(400);
    const refused = await expectJson<CaseDetail>(
      decide(t, clerk, c.id, {
        decision: 'refuse',
        version: c.version,
        reasons: ['申请事项不属于本机关职权范围'],
        reconsiderationBody: '自然资源部',
      }),
      200,
    );
    expect(refused.status).toBe('refused');
    expect(refused.caseNumber).toBeNull();
    const html = await noticeText(t, clerk, c.id, refused.notices[0]!.id);
    expect(html).toContain('不予受理通知书');
    expect(html).toContain('申请事项不属于本机关职权范围');
    expect(html).toContain('向自然资源部申请行政复议');
    expect(html).toContain('提起行政诉讼');
    const again = await decide(t, clerk, c.id, { decision: 'accept', version: refused.version });
    expect(again.status).toBe(409);
  });

  it('asks for every correction once, takes the resubmission into the same application, then accepts', async () => {
    await at('2025-09-30T04:00:00Z');
    const c = await receive({
      环境影响评价批复文件: { status: 'missing', originalsReceived: 0 },
      采矿权申请登记书: { status: 'defective', note: '未加盖公章' },
    });
    const refused = await decide(t, clerk, c.id, { decision: 'accept', version: c.version });
    const err = await expectJson<{ error: { code: string; message: string } }>(refused, 422);
    expect(err.error.code).toBe('materials_incomplete');
    expect(err.error.message).toContain('环境影响评价批复文件');
    const asked = await expectJson<CaseDetail>(
      decide(t, clerk, c.id, { decision: 'request_correction', version: c.version }),
      200,
    );
    expect(asked.status).toBe('correction_requested');
    expect(asked.deemedAccepted).toBe(false);
    const html = await noticeText(t, clerk, c.id, asked.notices[0]!.id);
    expect(html).toContain('一次性告知');
    expect(html).toContain('环境影响评价批复文件');
    expect(html).toContain('未加盖公章');
    expect(html).not.toContain('营业执照副本');
    const back = await expectJson<CaseDetail>(
      call(t, clerk, 'POST', `/api/v1/intake/applications/${c.id}/resubmit`, { version: asked.version }),
      200,
    );
    expect(back.status).toBe('received');
    expect(back.id).toBe(c.id);
    const again = await decide(t, clerk, c.id, { decision: 'request_correction', version: back.version });
    expect((await expectJson<{ error: { code: string } }>(again, 409)).error.code).toBe(
      'correction_already_requested',
    );
    const fixed = await expectJson<CaseDetail>(
      checkMaterials(
        t,
        clerk,
        c.id,
        back.version,
        checks(fx.mining).filter((m) => m.materialId !== materialId(fx.mining, PLAN)),
      ),
      200,
    );
    const ok = await expectJson<CaseDetail>(
      decide(t, clerk, c.id, { decision: 'accept', version: fixed.version }),
      200,
    );
    expect(ok.status).toBe('accepted');
    expect(ok.deemedAccepted).toBe(false);
    expect(ok.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['received', 'correction_requested', 'resubmitted', 'accepted']),
    );
  });

  it('deems a case accepted on the receipt day when the correction notice came after 5 working days', async () => {
    await at('2025-09-30T05:00:00Z');
    const c = await receive({ 环境影响评价批复文件: { status: 'missing', originalsReceived: 0 } });
    await at('2025-10-15T02:00:00Z'); // the 5th working day after 30 Sep is 14 Oct (National Day, 调休 11 Oct)
    const asked = await expectJson<CaseDetail>(
      decide(t, clerk, c.id, { decision: 'request_correction', version: c.version }),
      200,
    );
    expect(asked.deemedAccepted).toBe(true);
    expect(asked.allowedDecisions).toEqual(['resubmit']);
    expect(await noticeText(t, clerk, c.id, asked.notices[0]!.id)).toContain(
      '自收到申请材料之日（2025年9月30日）起即为受理',
    );
    await at('2025-10-20T02:00:00Z');
    const back = await expectJson<CaseDetail>(
      call(t, clerk, 'POST', `/api/v1/intake/applications/${c.id}/resubmit`, { version: asked.version }),
      200,
    );
    const refuse = await decide(t, clerk, c.id, {
      decision: 'refuse',
      version: back.version,
      reasons: ['x'],
    });
    expect((await expectJson<{ error: { code: string } }>(refuse, 409)).error.code).toBe('deemed_accepted');
    const fixed = await expectJson<CaseDetail>(
      checkMaterials(
        t,
        clerk,
        c.id,
        back.version,
        checks(fx.mining).filter((m) => m.materialId !== materialId(fx.mining, PLAN)),
      ),
      200,
    );
    const ok = await expectJson<CaseDetail>(
      decide(t, clerk, c.id, { decision: 'accept', version: fixed.version }),
      200,
    );
    expect(ok.deemedAccepted).toBe(true);
    expect(ok.acceptedAt).toBe(c.receivedAt);
    expect(ok.caseNumber).toMatch(/^MLR20251020/);
    // clocks run from 30 Sep (due 4 Nov) and skip the applicant's correction, 15–17 Oct: due 7 Nov
    expect(ok.promisedDueDate).toBe('2025-11-07');
  });

  it('accepts and completes a 即办件 on the spot', async () => {
    await at('2025-09-30T06:00:00Z');
    const created = await expectJson<CaseDetail>(
      create(t, clerk, { itemId: fx.reissue.itemId, applicant: PERSON, materials: checks(fx.reissue) }),
      201,
    );
    const done = await expectJson<CaseDetail>(
      decide(t, clerk, created.id, { decision: 'accept', version: created.version }),
      200,
    );
    expect(done.status).toBe('completed');
    expect(done.completedAt).toBe('2025-09-30T06:00:00.000Z');
    expect(done.clocks.every((k) => k.status === 'stopped')).toBe(true);
    expect(done.tasks).toEqual([]);
    expect(done.events.map((e) => e.type).slice(-2)).toEqual(['accepted', 'completed']);
  });

  const commitment = {
    signedBy: '张三明',
    signedAt: '2025-09-30',
    text: '本人承诺在期限内补齐营业执照副本。',
  };

  it('容缺: accepts with an eligible material owed; once supplied the case goes on', async () => {
    await at('2025-09-30T07:00:00Z');
    const c = await receive({ 营业执照副本: { status: 'missing', copiesReceived: 0 } });
    const licence = materialId(fx.mining, '营业执照副本');
    const notEligible = await decide(t, clerk, c.id, {
      decision: 'defer',
      version: c.version,
      materialIds: [materialId(fx.mining, '采矿权申请登记书')],
      deadline: '2025-10-20',
      commitment,
    });
    expect((await expectJson<{ error: { code: string } }>(notEligible, 422)).error.code).toBe(
      'not_deferrable',
    );
    const tooLate = await decide(t, clerk, c.id, {
      decision: 'defer',
      version: c.version,
      materialIds: [licence],
      deadline: '2025-12-31',
      commitment,
    });
    expect((await expectJson<{ error: { code: string } }>(tooLate, 422)).error.code).toBe(
      'deferral_deadline_too_late',
    );
    const deferred = await expectJson<CaseDetail>(
      decide(t, clerk, c.id, {
        decision: 'defer',
        version: c.version,
        materialIds: [licence],
        deadline: '2025-10-20',
        commitment,
      }),
      200,
    );
    expect(deferred.status).toBe('accepted');
    expect(deferred.deferralDueAt).toBe('2025-10-20T09:30:00.000Z');
    expect(deferred.materials.find((m) => m.materialId === licence)!.status).toBe('deferred');
    expect(await noticeText(t, clerk, c.id, deferred.notices[0]!.id)).toContain(
      '补齐材料截止日期：2025年10月20日',
    );
    await at('2025-10-16T02:00:00Z');
    const supplied = await expectJson<CaseDetail>(
      checkMaterials(t, clerk, c.id, deferred.version, [
        { materialId: licence, status: 'ok', copiesReceived: 1 },
      ]),
      200,
    );
    expect(supplied.deferralDueAt).toBeNull();
    expect(supplied.events.at(-1)!.type).toBe('deferral_fulfilled');
    expect(await terminateOverdueDeferrals(t.deps, new Date('2025-10-21T02:00:00Z'))).not.toContain(c.id);
    expect((await getCase(t, clerk, c.id)).status).toBe('accepted');
  });

  it('容缺: terminates the case when the owed material is not supplied in time', async () => {
    await at('2025-09-30T08:00:00Z');
    const c = await receive({ 营业执照副本: { status: 'missing', copiesReceived: 0 } });
    const deferred = await expectJson<CaseDetail>(
      decide(t, clerk, c.id, {
        decision: 'defer',
        version: c.version,
        materialIds: [materialId(fx.mining, '营业执照副本')],
        deadline: '2025-10-10',
        commitment,
      }),
      200,
    );
    expect(await terminateOverdueDeferrals(t.deps, new Date('2025-10-10T09:00:00Z'))).not.toContain(c.id);
    await at('2025-10-11T02:00:00Z');
    expect(await terminateOverdueDeferrals(t.deps, t.time.now())).toContain(c.id);
    const after = await getCase(t, clerk, c.id);
    expect(after.status).toBe('terminated');
    expect(after.tasks.filter((k) => k.status === 'open')).toEqual([]);
    expect(after.clocks.every((k) => k.status === 'stopped')).toBe(true);
    expect(after.events.at(-1)).toMatchObject({ type: 'terminated', actorKind: 'system' });
    expect(deferred.version).toBeLessThan(after.version);
  });
});
