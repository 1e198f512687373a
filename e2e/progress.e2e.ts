// Journey 4: an applicant looks up a case's progress with the case number and query code of the
// receipt. The case is filed and accepted through the API with the intake tests' own helpers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../src/modules/cases/cases.schemas.ts';
import { expectJson } from '../test/factories.ts';
import { create, decide, login, noticeText } from '../test/fixtures/intake/intake-client.ts';
import { COMPANY, checks, seedIntakeItems } from '../test/fixtures/intake/intake-fixtures.ts';
import { type Browser, chromiumAvailable, journey, launch } from './browser.ts';
import './expect.ts';
import { type RunningApp, startApp } from './harness.ts';

describe.skipIf(!chromiumAvailable())('progress lookup', () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** An accepted case and the query code printed on its 受理通知书. */
  async function acceptedCase() {
    const t = app.test;
    const fx = await seedIntakeItems(t.deps);
    const clerk = await login(t, 'clerk');
    const body = { itemId: fx.simple.itemId, applicant: COMPANY, materials: checks(fx.simple) };
    const c = await expectJson<CaseDetail>(create(t, clerk, body), 201);
    const done = await expectJson<CaseDetail>(
      decide(t, clerk, c.id, { decision: 'accept', version: c.version }),
      200,
    );
    const notice = await noticeText(t, clerk, c.id, done.notices[0]!.id);
    const queryCode = /查询码：([A-Z2-9]{8})/.exec(notice)![1]!;
    return { caseNumber: done.caseNumber!, queryCode };
  }

  it('shows the status, the masked applicant and the milestones, and a plain message for a wrong code', async () => {
    const { caseNumber, queryCode } = await acceptedCase();
    await journey(browser, 'public-progress', async (page) => {
      await page.goto(`${app.url}/progress`);
      await page.locator('input[name=caseNumber]').fill(caseNumber);
      await page.locator('input[name=queryCode]').fill('AAAAAAAA');
      await page.locator('form button[type=submit]').click();
      await page.getByRole('alert').waitFor();

      await page.locator('input[name=queryCode]').fill(queryCode);
      await page.locator('form button[type=submit]').click();
      const result = page.locator('.pub-progress-result');
      await expect(result).toContainText('办理中');
      await expect(result).toContainText(caseNumber);
      await expect(result).toContainText('北京**公司');
      expect(await page.locator('.pub-milestones li').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('input[name=caseNumber]').inputValue()).toBe(caseNumber);
    });
  });
});
