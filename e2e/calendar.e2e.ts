// Journey 2: an administrator logs in, opens the working calendar and sees 2025's National Day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, chromiumAvailable, journey, launch } from './browser.ts';
import './expect.ts';
import { type RunningApp, startApp } from './harness.ts';
import { logIn } from './login.ts';

describe.skipIf(!chromiumAvailable())('working calendar', () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows an administrator the National Day holiday of 2025', async () => {
    await journey(browser, 'admin-calendar-2025', async (page) => {
      await page.goto(`${app.url}/staff`);
      await logIn(page, 'admin');
      await page.getByRole('menuitem', { name: '工作日历' }).click();
      await page.getByRole('heading', { name: '工作日历' }).waitFor();
      await page.getByRole('cell', { name: '2025', exact: true }).click();
      const year = page.getByTestId('year-view');
      await page.getByText('2025 年节假日安排').waitFor();
      await expect(year).toContainText('国庆节');
      await expect(year).toContainText('2025年10月1日');
      expect(await page.locator('[data-date="2025-10-01"]').getAttribute('class')).toContain('off');
      expect(await page.locator('[data-date="2025-09-28"]').getAttribute('class')).toContain('makeup');
    });
  });
});
