import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import { DEFAULT_RULE_SET } from '../../core/supervision.ts';

interface Version {
  version: number;
  note: string;
  item_id: string | null;
  created_at: string;
  rule_set: typeof DEFAULT_RULE_SET;
}

describe.each(BACKENDS)('GET /api/v1/supervision/rule-set/versions on %s', (backend) => {
  let t: TestApp;
  let centreId: string;

  beforeAll(async () => {
    t = await createTestApp(backend);
    centreId = (
      await t.deps.db.selectFrom('centres').select('id').where('code', '=', 'MLR').executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  it('lists the saved versions newest first, with the rule set, the note and the time', async () => {
    const admin = await t.loginAs('centre-admin');
    const url = `/api/v1/supervision/rule-set/versions?centreId=${centreId}`;
    expect(await expectJson<Version[]>(admin.get(url), 200)).toEqual([]);
    const put = (note: string, yellowRemainingWorkingDays: number) =>
      admin.request('PUT', '/api/v1/supervision/rule-set', {
        centreId,
        note,
        ruleSet: {
          ...DEFAULT_RULE_SET,
          thresholds: { ...DEFAULT_RULE_SET.thresholds, yellowRemainingWorkingDays },
        },
      });
    const first = await expectJson<Version>(put('first', 2), 200);
    expect(first.version).toBe(1);
    expect(first.rule_set.thresholds.yellowRemainingWorkingDays).toBe(2);
    await expectJson(put('second', 3), 200);

    const versions = await expectJson<Version[]>(admin.get(url), 200);
    expect(
      versions.map((v) => [v.version, v.note, v.rule_set.thresholds.yellowRemainingWorkingDays]),
    ).toEqual([
      [2, 'second', 3],
      [1, 'first', 2],
    ]);
    expect(versions[0]!.item_id).toBeNull();
    expect(Number.isNaN(Date.parse(versions[0]!.created_at))).toBe(false);
    const inForce = await expectJson<{ version: number }>(
      admin.get(`/api/v1/supervision/rule-set?centreId=${centreId}`),
      200,
    );
    expect(inForce.version).toBe(2);
  });

  it('shows a centre’s versions to its own staff only', async () => {
    const other = (
      await t.deps.db.selectFrom('centres').select('id').where('code', '<>', 'MLR').executeTakeFirstOrThrow()
    ).id;
    const supervisor = await t.loginAs('supervisor');
    expect((await supervisor.get(`/api/v1/supervision/rule-set/versions?centreId=${centreId}`)).status).toBe(
      200,
    );
    const denied = await supervisor.get(`/api/v1/supervision/rule-set/versions?centreId=${other}`);
    expect(denied.status).toBe(403);
    const body = (await denied.json()) as { error: { message: string; messageEn: string } };
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.error.messageEn).toMatch(/[a-z]/);
    const reviewer = await t.loginAs('reviewer');
    expect((await reviewer.get(`/api/v1/supervision/rule-set/versions?centreId=${centreId}`)).status).toBe(
      403,
    );
  });
});
