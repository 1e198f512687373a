// Journey: a supervisor sees a red case and issues a 督办单 that the office answers.
// The case is written through the supervision test builders, accepted three weeks ago with a promise of
// 3 working days and an open review step of 2; one scheduler run at the server's time turns both red and
// gives their cards. Then, in the browser: the supervisor finds the step red in 超期报件汇总表 and issues a
// notice with a reason; the office's reviewer sees the reminder in the bell and answers it; the supervisor
// sees the answer on the notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMER_HANDLERS } from '../src/modules/scheduler/handlers.ts';
import { runTick } from '../src/modules/scheduler/worker.ts';
import { buildCase, demoOrg } from '../src/modules/supervision/supervision.testing.ts';
import { seedIntakeItems } from '../test/fixtures/intake/intake-fixtures.ts';
import { type Browser, chromiumAvailable, journey, launch } from './browser.ts';
import { openDialog, settled } from './settled.ts';
import './expect.ts';
import { type RunningApp, startApp } from './harness.ts';
import { logIn } from './login.ts';

const CASE_NUMBER = 'KCKF-E2E-0001';
const REASON = '采矿权审查已超期，请说明原因并尽快办结';
const ANSWER = '等待储量评审意见，已于今日催办';
const DAY = 24 * 3600 * 1000;

describe.skipIf(!chromiumAvailable())('supervision', () => {
  let app: RunningApp;
  let browser: Browser;
  let taskClockId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launch()]);
    const t = app.test;
    const fx = await seedIntakeItems(t.deps, 'E');
    const org = await demoOrg(t.deps.db, fx.simple.id);
    const built = await t.deps.db.transaction().execute((trx) =>
      buildCase(trx, org, {
        at: new Date(t.time.now().getTime() - 21 * DAY),
        promisedDays: 3,
        stepDays: 2,
        number: CASE_NUMBER,
      }),
    );
    taskClockId = built.taskClockId!;
    for (let i = 0; i < 50; i++) {
      const r = await runTick(t.deps, TIMER_HANDLERS, { worker: 'e2e' });
      expect(r.failed).toBe(0);
      if (r.claimed === 0) break;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a supervisor sees a red case and issues a 督办单 that the office answers', async () => {
    const light = await app.test.deps.db
      .selectFrom('clocks')
      .select('light')
      .where('id', '=', taskClockId)
      .executeTakeFirstOrThrow();
    expect(light.light).toBe('red');

    await journey(browser, 'supervision-notice-and-reply', async (page) => {
      // The supervisor: the step is red in the overdue summary; a notice by hand, with a reason.
      await page.goto(`${app.url}/staff/supervision`);
      await logIn(page, 'supervisor');
      await page.goto(`${app.url}/staff/supervision`);
      await expect(page.getByTestId('light-totals')).toContainText('红灯');
      const row = page.locator(`.sup-overdue tr[data-case="${CASE_NUMBER}"]`).filter({ hasText: '审核' });
      await row.waitFor();
      await expect(row).toContainText('红灯');
      await expect(row).toContainText('红牌');
      // Narrowed to the other office of the department the step is gone; to its own office it is back.
      const office = page.getByRole('combobox', { name: '全部处室' });
      const pickOffice = async (name: string) => {
        await office.click();
        await page.keyboard.type(name);
        // Enter on the first match, as a supervisor would: a click could meet the list still sliding in
        await expect(
          page.locator('.ant-select-dropdown:visible .ant-select-item-option-active'),
        ).toContainText(name);
        await page.keyboard.press('Enter');
      };
      const filtered = () =>
        page.waitForResponse(
          (r) => r.url().includes('/api/v1/supervision/overdue?') && r.url().includes('officeId='),
        );
      const otherOffice = filtered();
      await pickOffice('探矿权管理处');
      expect((await otherOffice).status()).toBe(200);
      await row.waitFor({ state: 'detached' });
      const ownOffice = filtered();
      await pickOffice('采矿权管理处');
      expect((await ownOffice).status()).toBe(200);
      await row.waitFor();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出 Excel' }).click();
      expect((await download).suggestedFilename()).toBe('超期报件汇总表.xlsx');
      await row.getByTestId('issue-notice').click();
      const dialog = await openDialog(page, '下发督办单');
      await dialog.getByLabel('督办事由').fill(REASON);
      const issued = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/supervision/notices') && r.request().method() === 'POST',
      );
      await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
      expect((await issued).status()).toBe(201);
      await page.getByText('督办单已下发').waitFor();

      await page.getByRole('tab', { name: '督办单' }).click();
      const mine = page.getByTestId('notices').locator('tr', { hasText: REASON });
      await expect(mine).toContainText('待回复');
      await expect(mine).toContainText('采矿权管理处');

      // The office's reviewer: the reminder in the bell leads to the notice; the answer with a date.
      await browser.context.clearCookies();
      await page.goto(`${app.url}/staff`);
      await logIn(page, 'reviewer');
      const bell = page.getByTestId('notif-bell');
      await page.locator('.shell-tools .ant-badge-count').waitFor(); // unread: the cards' notices and ours
      await bell.click();
      const list = page.getByTestId('notif-list');
      await settled(page.locator('.ant-drawer-content-wrapper', { has: list }));
      const reminder = list.locator('.notif-item', { hasText: REASON });
      await expect(reminder).toContainText('督办单：请回复（处室）');
      await expect(reminder).toContainText(CASE_NUMBER);
      await reminder.getByRole('link', { name: '去处理' }).click();
      await page.waitForURL(/\/staff\/supervision\/replies$/);

      const open = page.getByTestId('my-notices').locator('tr', { hasText: REASON });
      await open.getByTestId('reply-notice').click();
      const reply = await openDialog(page, `回复督办单 ${CASE_NUMBER}`);
      await expect(reply).toContainText(REASON);
      // Sending without a date keeps the typed reason and names what is missing.
      await reply.getByLabel('超期原因及整改措施').fill(ANSWER);
      await reply.getByRole('button', { name: '提交回复' }).click();
      await reply.getByText('请选择预计办结日期').waitFor();
      expect(await reply.getByLabel('超期原因及整改措施').inputValue()).toBe(ANSWER);
      const expected = new Date(app.test.time.now().getTime() + 30 * DAY).toISOString().slice(0, 10);
      await reply.getByLabel('预计办结日期').fill(expected);
      // Enter takes the typed date and sends the form.
      const replied = page.waitForResponse((r) =>
        /\/api\/v1\/supervision\/notices\/[^/]+\/reply$/.test(r.url()),
      );
      await reply.getByLabel('预计办结日期').press('Enter');
      expect((await replied).status()).toBe(200);
      await page.getByText('回复已提交').waitFor();

      // The supervisor sees the answer and its date on the notice.
      await browser.context.clearCookies();
      await page.goto(`${app.url}/staff/supervision`);
      await logIn(page, 'supervisor');
      await page.goto(`${app.url}/staff/supervision`);
      await page.getByRole('tab', { name: '督办单' }).click();
      const answered = page.getByTestId('notices').locator('tr', { hasText: REASON });
      await expect(answered).toContainText('已回复');
      await expect(answered).toContainText(ANSWER);
      const [y, m, d] = expected.split('-').map(Number);
      await expect(answered).toContainText(`预计 ${y}年${m}月${d}日 办结`);
    });
  });
});
