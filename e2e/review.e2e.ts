// Journey 6: the Yangzhou land-supply flow (seed 003) through the staff app. The steps nobody needs to
// see are driven through the API in between; in the browser, each person logs in in turn: the 利用处
// reviewer passes the material review from the work-list, 地籍处 and 测绘处 co-sign in the 网上会办, the
// director signs, and the window records the fee payment and delivers the result — the case is 办结.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../src/modules/cases/cases.schemas.ts';
import {
  acceptCase,
  call,
  demoItem,
  login,
  pass,
  type Session,
} from '../src/modules/engine/engine.testing.ts';
import { expectJson } from '../test/factories.ts';
import { type Browser, chromiumAvailable, journey, launch } from './browser.ts';
import { openDialog } from './settled.ts';
import './expect.ts';
import { type RunningApp, startApp } from './harness.ts';
import { logIn } from './login.ts';

const COSIGN_BY_API: [string, string][] = [
  ['cosign_ly', 'yz-reviewer'],
  ['cosign_jg', 'yz-jg'],
  ['cosign_fg', 'yz-fg'],
  ['cosign_gd', 'yz-gd'],
  ['cosign_jc', 'yz-jc'],
  ['cosign_bgs', 'yz-bgs'],
];
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
];

const completed = (page: Page) =>
  page.waitForResponse(
    (r) =>
      r.request().method() === 'POST' && /\/api\/v1\/tasks\/[^/]+\/complete$/.test(new URL(r.url()).pathname),
  );

/** Logs the browser in as another person (a fresh session), at `path`. */
async function as(browser: Browser, page: Page, url: string, username: string) {
  await browser.context.clearCookies();
  await page.goto(url);
  await logIn(page, username);
}

/** On the case page: the person's task of `step`, passed with an opinion. */
async function passOnCasePage(page: Page, step: string, opinion: string) {
  const task = page.locator(`[data-testid=my-task][data-step=${step}]`);
  await task.getByTestId('action-pass').click();
  const dialog = await openDialog(page);
  await dialog.getByTestId('opinion').fill(opinion);
  const done = completed(page);
  await dialog.locator('.ant-btn-primary').click();
  expect((await done).status()).toBe(200);
  await dialog.waitFor({ state: 'hidden' });
  await expect(page.getByTestId('case-history')).toContainText(opinion);
}

describe.skipIf(!chromiumAvailable())('review, joint co-signing, leader and delivery', () => {
  let app: RunningApp;
  let browser: Browser;
  const s: Record<string, Session> = {};
  let c: CaseDetail;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launch()]);
    const t = app.test;
    for (const u of USERS) s[u] = await login(t, u);
    c = await acceptCase(t, s['yz-clerk']!, await demoItem(t, 'YZ', '国有建设用地供地审批'));
    await pass(t, s['yz-planning']!, c.id, 'consult_planning');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('runs a land-supply case from the 利用处 review to delivery at the window', async () => {
    const t = app.test;
    const caseUrl = `${app.url}/staff/cases/${c.id}`;
    await journey(browser, 'review-joint-delivery', async (page) => {
      page.setDefaultTimeout(15_000);
      // 1. the 利用处 reviewer finds the case on the work-list (light and days left) and passes it
      await page.goto(`${app.url}/staff/tasks`);
      await logIn(page, 'yz-reviewer');
      const row = page.locator(`[data-testid=task-row][data-case="${c.caseNumber}"]`);
      await expect(row).toContainText('利用处材料审核');
      await expect(row).toContainText('个工作日');
      await row.getByTestId('task-open').click();
      await page.getByTestId('case-page').waitFor();
      await page.locator('.flow-node.current[data-step=material_review]').waitFor();
      await passOnCasePage(page, 'material_review', '材料齐全，同意进入外业调查');

      // fieldwork (area 1 ha: no city government) and six of the eight co-signers through the API
      await pass(t, s['yz-dj']!, c.id, 'ownership');
      await pass(t, s['yz-ch']!, c.id, 'area', { data: { areaHectares: 1 } });
      await pass(t, s['yz-jg']!, c.id, 'price');
      for (const [step, who] of COSIGN_BY_API) await pass(t, s[who]!, c.id, step);

      // 2. the joint review: 地籍处 and 测绘处 co-sign, each from their own office
      await as(browser, page, caseUrl, 'yz-dj');
      await page.locator('.flow-node.current[data-step=cosign_ch]').waitFor();
      await passOnCasePage(page, 'cosign_dj', '地籍处会签：权属清楚，同意');
      expect(await page.locator('[data-testid=my-task][data-step=cosign_ch]').count()).toBe(0);
      await as(browser, page, caseUrl, 'yz-ch');
      await passOnCasePage(page, 'cosign_ch', '测绘处会签：面积量算无误，同意');
      await page.locator('[data-testid=open-step]', { hasText: '分管利用副局长审签' }).waitFor();

      // 3. the leader signs
      await as(browser, page, caseUrl, 'yz-leader');
      await expect(page.locator('[data-testid=my-task][data-step=leader_1]')).toContainText('审签同意');
      await passOnCasePage(page, 'leader_1', '同意供地');

      // the other leaders, the minutes and the certificate through the API; the payment notice issued
      for (const step of ['leader_2', 'leader_3', 'leader_4', 'leader_5'])
        await pass(t, s['yz-leader']!, c.id, step);
      await pass(t, s['yz-bgs']!, c.id, 'minutes');
      await expectJson(call(t, s['yz-reviewer']!, 'POST', `/api/v1/cases/${c.id}/certificate`, {}), 200);
      await pass(t, s['yz-reviewer']!, c.id, 'certificate');
      await expectJson(call(t, s['yz-clerk']!, 'POST', `/api/v1/cases/${c.id}/fees/assess`, {}), 200);

      // 4. the window records the payment (the amount of the notice) and passes the fee step
      await as(browser, page, caseUrl, 'yz-clerk');
      await page.getByTestId('action-payment').click();
      const payment = await openDialog(page);
      const paid = page.waitForResponse((r) => /\/fees\/payment$/.test(r.url()));
      await payment.locator('.ant-btn-primary').click();
      expect((await paid).status()).toBe(200);
      await expect(page.getByTestId('case-history')).toContainText('已缴费');
      await passOnCasePage(page, 'fee', '已缴清');

      await pass(t, s['yz-leader']!, c.id, 'director_sign');

      // 5. … and delivers: the delivery recorded, the step passed, the case 办结
      await page.reload();
      await page.getByTestId('action-delivery').click();
      const delivery = await openDialog(page);
      const delivered = page.waitForResponse((r) => /\/delivery$/.test(r.url()));
      await delivery.locator('.ant-btn-primary').click();
      expect((await delivered).status()).toBe(200);
      await expect(page.getByTestId('case-history')).toContainText('送达');
      await passOnCasePage(page, 'delivery', '申请人已当场领取');
      await expect(page.getByTestId('case-status')).toContainText('已办结');
      await expect(page.getByTestId('case-clock')).toContainText('已停止');
    });
    const done = await expectJson<CaseDetail>(call(t, s['yz-clerk']!, 'GET', `/api/v1/cases/${c.id}`), 200);
    expect(done.status).toBe('completed');
  });
});
