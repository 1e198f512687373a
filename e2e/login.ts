import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'onewindow-demo';

/** Fills the login page the browser was sent to and waits for the staff home. */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.waitForURL(/\/login/);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => url.pathname.startsWith('/staff'));
  await page.locator('.shell').waitFor();
}
