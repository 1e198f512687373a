import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import {
  call,
  checkMaterials,
  create,
  decide,
  login,
  noticeText,
  type Session,
  upload,
} from '../../../test/fixtures/intake/intake-client.ts';
import {
  COMPANY,
  checks,
  type IntakeFixture,
  materialId,
  PERSON,
  seedIntakeItems,
} from '../../../test/fixtures/intake/intake-fixtures.ts';
import type { CaseDetail } from '../cases/cases.schemas.ts';

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

describe.each(BACKENDS)('intake guards on %s', (backend) => {
  let t: TestApp;
  let fx: IntakeFixture;
  let clerk: Session;
  const simpleCase = async (applicant: object = PERSON, key?: string) =>
    expectJson<CaseDetail>(
      create(t, clerk, { itemId: fx.simple.itemId, applicant, materials: checks(fx.simple) }, key),
      201,
    );

  beforeAll(async () => {
    t = await createTestApp(backend, { env: { TRUST_PROXY: 'true' } });
    fx = await seedIntakeItems(t.deps);
    clerk = await login(t, 'clerk');
  });
  afterAll(() => t.close());

  describe('the three conditions (seed 000), enforced by the server', () => {
    const plan = () => materialId(fx.mining, '矿产资源开发利用方案');
    async function attempt(override: Parameters<typeof checks>[1]) {
      const c = await expectJson<CaseDetail>(
        create(t, clerk, {
          itemId: fx.mining.itemId,
          applicant: COMPANY,
          materials: checks(fx.mining, override).filter((m) => m.materialId !== plan()),
        }),
        201,
      );
      const { version } = await expectJson<{ version: number }>(
        upload(t, clerk, `/api/v1/intake/applications/${c.id}/materials/${plan()}/files`),
        201,
      );
      const checked = await expectJson<CaseDetail>(
        checkMaterials(
          t,
          clerk,
          c.id,
          version,
          checks(fx.mining, override).filter((m) => m.materialId === plan()),
        ),
        200,
      );
      return expectJson<ErrorBody>(
        decide(t, clerk, c.id, { decision: 'accept', version: checked.version }),
        422,
      );
    }

    it('refuses acceptance when a required material is missing (材料齐全)', async () => {
      const e = await attempt({ 环境影响评价批复文件: { status: 'missing', originalsReceived: 0 } });
      expect(e.error.code).toBe('materials_incomplete');
      expect(e.error.message).toBe('申请材料不齐全：环境影响评价批复文件。');
    });

    it('refuses acceptance when a material is not in the statutory form (符合法定形式)', async () => {
      const e = await attempt({ 采矿权申请登记书: { status: 'defective', note: '无法定代表人签字' } });
      expect(e.error.code).toBe('materials_not_in_statutory_form');
      expect(e.error.message).toContain('采矿权申请登记书（无法定代表人签字）');
    });

    it('refuses acceptance when paper and electronic copies differ (纸质与电子文档一致)', async () => {
      const e = await attempt({ 矿产资源开发利用方案: { status: 'mismatch' } });
      expect(e.error.code).toBe('materials_paper_electronic_mismatch');
      expect(e.error.message).toContain('矿产资源开发利用方案');
    });

    it('does not let a material be checked ok without its paper originals or its electronic copy', async () => {
      const short = await create(t, clerk, {
        itemId: fx.mining.itemId,
        applicant: PERSON,
        materials: [
          { materialId: materialId(fx.mining, '采矿权申请登记书'), status: 'ok', originalsReceived: 0 },
        ],
      });
      expect((await expectJson<ErrorBody>(short, 422)).error.code).toBe('paper_copies_short');
      const noFile = await create(t, clerk, {
        itemId: fx.mining.itemId,
        applicant: PERSON,
        materials: [{ materialId: plan(), status: 'ok', originalsReceived: 1, copiesReceived: 1 }],
      });
      expect((await expectJson<ErrorBody>(noFile, 422)).error.code).toBe('electronic_copy_missing');
      const unchecked = await expectJson<CaseDetail>(
        create(t, clerk, { itemId: fx.mining.itemId, applicant: PERSON }),
        201,
      );
      const e = await expectJson<ErrorBody>(
        decide(t, clerk, unchecked.id, { decision: 'accept', version: unchecked.version }),
        422,
      );
      expect(e.error.code).toBe('materials_incomplete');
    });

    it('refuses uploads that are not documents or images', async () => {
      const c = await expectJson<CaseDetail>(
        create(t, clerk, { itemId: fx.mining.itemId, applicant: PERSON }),
        201,
      );
      const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
      const res = await upload(
        t,
        clerk,
        `/api/v1/intake/applications/${c.id}/materials/${plan()}/files`,
        html,
        'x.pdf',
      );
      expect((await expectJson<ErrorBody>(res, 400)).error.code).toBe('unsupported_file_type');
    });
  });

  it('returns the first answer to 100 retries with the same Idempotency-Key, and creates one case', async () => {
    const applicant = { ...PERSON, name: '赵六' };
    const body = { itemId: fx.simple.itemId, applicant, materials: checks(fx.simple) };
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => create(t, clerk, body, 'retry-key-0001')),
    );
    const bodies = await Promise.all(answers.map((r) => expectJson<CaseDetail>(r, 201)));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(99);
    const cases = await t.deps.db.selectFrom('cases').select('id').where('id', '=', bodies[0]!.id).execute();
    expect(cases).toHaveLength(1);
    const other = await create(t, clerk, { ...body, channel: 'post' }, 'retry-key-0001');
    expect((await expectJson<ErrorBody>(other, 422)).error.code).toBe('idempotency_key_reused');
    const c = bodies[0]!;
    const decisions = await Promise.all(
      Array.from({ length: 5 }, () =>
        decide(t, clerk, c.id, { decision: 'accept', version: c.version }, 'accept-key-0001'),
      ),
    );
    const numbers = await Promise.all(decisions.map((r) => expectJson<CaseDetail>(r, 200)));
    expect(new Set(numbers.map((n) => n.caseNumber)).size).toBe(1);
  });

  it('lets one of several concurrent decisions win; the others get 409', async () => {
    const c = await simpleCase();
    const bodies = [
      { decision: 'accept', version: c.version },
      { decision: 'refuse', version: c.version, reasons: ['不属于本机关职权范围'] },
      { decision: 'accept', version: c.version },
      { decision: 'refuse', version: c.version, reasons: ['申请材料不符合法定形式'] },
      { decision: 'accept', version: c.version },
      { decision: 'accept', version: c.version },
    ];
    const statuses = (await Promise.all(bodies.map((b) => decide(t, clerk, c.id, b))))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
  });

  it('shows progress without login, masking the name, and hides which half of a wrong pair was wrong', async () => {
    const c = await simpleCase(COMPANY);
    const done = await expectJson<CaseDetail>(
      decide(t, clerk, c.id, { decision: 'accept', version: c.version }),
      200,
    );
    const code = /查询码：([A-Z2-9]{8})/.exec(await noticeText(t, clerk, c.id, done.notices[0]!.id))![1]!;
    const lookup = (caseNumber: string, queryCode: string, ip = '203.0.113.7') =>
      call(t, null, 'POST', '/api/v1/public/progress', { caseNumber, queryCode }, { 'x-forwarded-for': ip });
    const p = await expectJson<Record<string, unknown>>(lookup(done.caseNumber!, code.toLowerCase()), 200);
    expect(p).toMatchObject({
      caseNumber: done.caseNumber,
      status: 'accepted',
      currentStep: '审核',
      applicantName: '北京**公司',
      itemName: '探矿权保留登记',
    });
    expect(JSON.stringify(p)).not.toContain(COMPANY.idNumber);
    expect((p.milestones as { label: string }[]).map((m) => m.label)).toEqual(['收件', '受理']);
    const wrongCode = await expectJson<ErrorBody>(lookup(done.caseNumber!, 'AAAAAAAA'), 404);
    const wrongNumber = await expectJson<ErrorBody>(lookup('MLR2025093099999', code), 404);
    expect(wrongCode).toEqual(wrongNumber);
    for (let i = 0; i < 8; i++) await lookup('MLR20250930X', 'BBBBBBBB');
    const blocked = await lookup(done.caseNumber!, code);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await lookup(done.caseNumber!, code, '198.51.100.1')).status).toBe(200);
  });

  it('lets reviewers of the department read a case, and nobody outside its scope', async () => {
    const c = await simpleCase();
    const status = async (user: string) =>
      (await call(t, await login(t, user), 'GET', `/api/v1/cases/${c.id}`)).status;
    expect(await status('reviewer')).toBe(200); // 矿产开发管理司
    expect(await status('leader')).toBe(200);
    expect(await status('supervisor')).toBe(200);
    expect(await status('reviewer2')).toBe(403); // 耕地保护司
    expect(await status('hn-clerk')).toBe(403); // another centre
    expect(await status('yz-leader')).toBe(403);
    const list = await expectJson<{ id: string }[]>(
      call(t, await login(t, 'reviewer2'), 'GET', '/api/v1/cases'),
      200,
    );
    expect(list.map((x) => x.id)).not.toContain(c.id);
    const hn = await login(t, 'hn-clerk');
    const denied = await decide(t, hn, c.id, { decision: 'accept', version: c.version });
    expect(denied.status).toBe(403);
  });
});
