import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import { call, login, type Session, upload } from '../../../test/fixtures/intake/intake-client.ts';
import {
  COMPANY,
  creditCode,
  type IntakeFixture,
  idCard,
  PERSON,
  seedIntakeItems,
} from '../../../test/fixtures/intake/intake-fixtures.ts';
import type { CaseDetail } from '../cases/cases.schemas.ts';

type ErrorBody = { error: { code: string } };

describe.each(BACKENDS)('applicants on %s', (backend) => {
  let t: TestApp;
  let fx: IntakeFixture;
  let clerk: Session;
  beforeAll(async () => {
    t = await createTestApp(backend);
    fx = await seedIntakeItems(t.deps);
    clerk = await login(t, 'clerk');
  });
  afterAll(() => t.close());

  const register = (body: object) => call(t, clerk, 'POST', '/api/v1/applicants', body);
  const person = (idNumber: string) => register({ kind: 'natural_person', idNumber, name: '张三明' });
  const company = (idNumber: string) =>
    register({ kind: 'legal_person', idNumber, name: '北京金石矿业有限公司' });

  it.each([
    ['a valid number with check digit X', idCard('11010519491231002'), 200, null],
    [
      'a wrong check digit',
      `${'11010119850302123'}${idCard('11010119850302123').endsWith('0') ? '1' : '0'}`,
      400,
      'invalid_id_card_check_digit',
    ],
    ['an unknown region (province 99)', idCard('99010119850302123'), 400, 'invalid_id_card_region'],
    [
      'a birth date that does not exist (30 February)',
      idCard('11010119850230123'),
      400,
      'invalid_id_card_birth_date',
    ],
    ['a birth date in the future', idCard('11010120300101123'), 400, 'invalid_id_card_birth_date'],
    ['15 digits (old format)', '110101850302123', 400, 'invalid_id_card_format'],
    ['a lower-case x (normalised)', idCard('11010519491231002').toLowerCase(), 200, null],
  ])('ID card: %s', async (_what, idNumber, status, code) => {
    const res = await person(idNumber);
    const body = await expectJson<ErrorBody & { idNumber: string }>(res, status);
    if (code) expect(body.error.code).toBe(code);
    else expect(body.idNumber).toBe(idNumber.toUpperCase());
  });

  it.each([
    ['a valid code', creditCode('91110000MA01ABCD2'), 200, null],
    [
      'a wrong check character',
      `${creditCode('91110000MA01ABCD2').slice(0, 17)}${creditCode('91110000MA01ABCD2').endsWith('0') ? '1' : '0'}`,
      400,
      'invalid_credit_code_check_char',
    ],
    ['a letter the standard excludes (O)', '91110000MA01ABCO2X', 400, 'invalid_credit_code_format'],
    ['17 characters', '91110000MA01ABCD2', 400, 'invalid_credit_code_format'],
    ['an ID-card number given as a credit code', PERSON.idNumber, 400, 'invalid_credit_code_check_char'],
  ])('credit code: %s', async (_what, idNumber, status, code) => {
    const body = await expectJson<ErrorBody>(await company(idNumber), status);
    if (code) expect(body.error.code).toBe(code);
  });

  it('refuses an application whose applicant or agent has an invalid number, and creates nothing', async () => {
    const before = await t.deps.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await call(t, clerk, 'POST', '/api/v1/intake/applications', {
      itemId: fx.simple.itemId,
      applicant: COMPANY,
      agent: { kind: 'natural_person', idNumber: '110101198503021230', name: '代理人' },
    });
    expect(res.status).toBe(400);
    const after = await t.deps.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('lets an applicant with an account file online and see only their own cases', async () => {
    const me = await expectJson<{ id: string }>(register(PERSON), 200);
    await expectJson(
      call(t, clerk, 'POST', `/api/v1/applicants/${me.id}/account`, { password: 'a-long-secret-1' }),
      201,
    );
    const loginRes = await call(t, null, 'POST', '/api/v1/applicant/login', {
      idNumber: PERSON.idNumber,
      password: 'a-long-secret-1',
    });
    const { csrfToken } = await expectJson<{ csrfToken: string }>(loginRes, 200);
    const applicant: Session = {
      cookie: loginRes.headers.get('set-cookie')!.split(';')[0]!,
      csrf: csrfToken,
    };
    const filed = await expectJson<CaseDetail>(
      call(
        t,
        applicant,
        'POST',
        '/api/v1/applicant/applications',
        { itemId: fx.mining.itemId },
        { 'idempotency-key': 'online-0001' },
      ),
      201,
    );
    expect(filed).toMatchObject({ channel: 'online', status: 'received', applicantId: me.id });
    const planId = fx.mining.materials.find((m) => m.name === '矿产资源开发利用方案')!.id;
    expect(
      (await upload(t, applicant, `/api/v1/applicant/cases/${filed.id}/materials/${planId}/files`)).status,
    ).toBe(201);
    const mine = await expectJson<{ id: string }[]>(
      call(t, applicant, 'GET', '/api/v1/applicant/cases'),
      200,
    );
    expect(mine.map((c) => c.id)).toEqual([filed.id]);
    const other = await expectJson<CaseDetail>(
      call(t, clerk, 'POST', '/api/v1/intake/applications', { itemId: fx.simple.itemId, applicant: COMPANY }),
      201,
    );
    expect((await call(t, applicant, 'GET', `/api/v1/applicant/cases/${other.id}`)).status).toBe(403);
    expect((await call(t, applicant, 'GET', '/api/v1/cases')).status).toBe(401); // the staff API does not know applicants
    expect(
      (await call(t, applicant, 'POST', '/api/v1/applicant/applications', { itemId: fx.simple.itemId }, {}))
        .status,
    ).toBe(422); // not offered online
    const noCsrf = await t.app.request('/api/v1/applicant/applications', {
      method: 'POST',
      headers: { cookie: applicant.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ itemId: fx.mining.itemId }),
    });
    expect(noCsrf.status).toBe(403);
    const staff = await call(t, clerk, 'GET', '/api/v1/applicant/cases');
    expect(staff.status).toBe(403);
    expect(
      (
        await call(t, null, 'POST', '/api/v1/applicant/login', {
          idNumber: PERSON.idNumber,
          password: 'wrong-password',
        })
      ).status,
    ).toBe(401);
  });
});
