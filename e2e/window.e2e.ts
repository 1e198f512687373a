// Journey 5: a window clerk (`clerk`, Ministry MLR centre) receives a mining-right application at the
// window workstation — item by pinyin initials, applicant checked as typed, every material checked and
// the electronic ones uploaded — accepts it with the keyboard and prints the 受理通知书 (a PDF made for
// this case); then a second application with a missing material gets the one-time correction notice; and
// a receive whose answer was lost, sent again, gets the application the first send made.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, PDF_BYTES, PERSON } from '../test/fixtures/intake/intake-fixtures.ts';
import { type Browser, chromiumAvailable, journey, launch } from './browser.ts';
import './expect.ts';
import { type RunningApp, startApp } from './harness.ts';
import { logIn } from './login.ts';

const ITEM = '采矿权新立登记';

/** The text of a PDF (poppler's pdftotext, as in the notices' own tests). */
function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'ow-notice-'));
  try {
    const file = join(dir, 'notice.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The bytes behind the notice's address. Chromium hands a PDF to its viewer, whose page replaces the
 * body the response event can read, so the same address is fetched again with the page's session.
 */
async function pdfBytes(page: Page, url: string): Promise<Buffer> {
  const res = await page.request.get(url);
  expect(res.headers()['content-type']).toBe('application/pdf');
  return res.body();
}

/** Picks the item with the keyboard: pinyin initials, then Enter on the first match. */
async function pickItem(page: Page, initials: string) {
  const box = page.getByRole('combobox', { name: '办理事项' });
  await box.focus();
  await page.keyboard.type(initials);
  const first = page.locator('.ant-select-item-option').first();
  await expect(first).toContainText(ITEM);
  await page.keyboard.press('Enter');
  await expect(page.locator('.window-item-select')).toContainText(ITEM);
}

/** The window workstation (signed in by an earlier journey) with the item picked and a person filled in. */
async function personAtWindow(page: Page, url: string) {
  await page.goto(`${url}/staff/window`);
  await page.getByTestId('window-page').waitFor();
  await pickItem(page, 'ckqxl');
  await page.locator('.window-applicant label', { hasText: '自然人' }).click();
  await page.getByLabel('公民身份号码').fill(PERSON.idNumber);
  await page.getByLabel('姓名').fill(PERSON.name);
}

/** Polls a condition of the page for up to 5 s. */
async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for the answer of a call the page makes, so the test follows the server, not a timer. */
const answer = (page: Page, path: RegExp, method = 'POST') =>
  page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));

describe.skipIf(!chromiumAvailable())('window workstation', () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('accepts a mining-right application with all materials and prints the 受理通知书', async () => {
    await journey(browser, 'window-accept', async (page) => {
      page.setDefaultTimeout(15_000);
      await page.goto(`${app.url}/staff/window`);
      await logIn(page, 'clerk');
      await page.getByTestId('window-page').waitFor();
      await expect(page.getByTestId('window-shortcuts')).toContainText('Alt+A');

      await pickItem(page, 'ckqxl');
      // the identity is checked as typed: a wrong check character is named before anything is sent
      const id = page.getByLabel('统一社会信用代码');
      await id.fill(`${COMPANY.idNumber.slice(0, 17)}${COMPANY.idNumber.endsWith('0') ? '1' : '0'}`);
      await id.blur();
      await expect(page.locator('.window-applicant')).toContainText('统一社会信用代码有误');
      await id.fill(COMPANY.idNumber);
      await page.getByLabel('单位名称').fill(COMPANY.name);
      await page.getByLabel('法定代表人').fill(COMPANY.legalRepresentative);
      const received = answer(page, /^\/api\/v1\/intake\/applications$/);
      await page.keyboard.press('Enter');
      expect((await received).status()).toBe(201);
      await expect(page.getByTestId('window-case-status')).toContainText('已收件');

      // every material: the paper as asked (Alt+K), and the electronic copies uploaded with progress
      const rows = page.locator('tr.material-row');
      expect(await rows.count()).toBe(20);
      const inputs = page.locator('input[type=file][data-testid^=upload-]');
      const uploads = await inputs.count();
      expect(uploads).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < uploads; i++) {
        const done = answer(page, /\/materials\/[^/]+\/files$/);
        await inputs.nth(i).setInputFiles({
          name: `材料${i + 1}.pdf`,
          mimeType: 'application/pdf',
          buffer: Buffer.from(PDF_BYTES),
        });
        expect((await done).status()).toBe(201);
        await page.locator('[data-testid=material-file]').nth(i).waitFor();
      }
      await page.keyboard.press('Alt+K');
      const saved = answer(page, /\/materials$/);
      await page.keyboard.press('Alt+S');
      expect((await saved).status()).toBe(200);

      const accept = page.getByTestId('decision-accept');
      await until(() => accept.isEnabled(), 'accept enabled');
      const decided = answer(page, /\/decisions$/);
      await page.keyboard.press('Alt+A');
      expect((await decided).status()).toBe(200);
      const result = page.getByTestId('window-result');
      await expect(result).toContainText('已受理');
      const caseNumber = /[A-Z]+\d{13}/.exec((await result.textContent()) ?? '')?.[0];
      expect(caseNumber).toBeTruthy();

      // one click prints the 受理通知书: a PDF produced for this case
      const printed = browser.context.waitForEvent('response', (r) =>
        /\/notices\/[^/]+$/.test(new URL(r.url()).pathname),
      );
      await page.getByTestId('notice-acceptance').click();
      const pdf = await printed;
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const bytes = await pdfBytes(page, pdf.url());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(bytes);
      expect(text).toContain('受理通知书');
      expect(text).toContain(caseNumber!);
      expect(text).toContain(COMPANY.name);
      for (const p of browser.context.pages()) if (p !== page) await p.close();
    });
  });

  it('asks for corrections once when a material is missing, and prints the 补正 notice', async () => {
    await journey(browser, 'window-correction', async (page) => {
      page.setDefaultTimeout(15_000);
      await personAtWindow(page, app.url);
      const received = answer(page, /^\/api\/v1\/intake\/applications$/);
      await page.getByTestId('window-receive').click();
      expect((await received).status()).toBe(201);

      await page.getByTestId('materials-all-ok').click();
      // the 矿区范围图 was not brought: missing; the owed check of the rest is saved
      const row = page.locator('tr.material-row', { hasText: '矿区范围图' });
      await row.locator('label', { hasText: '缺失' }).click();
      const others = page.locator('tr.material-row').filter({ has: page.locator('input[type=file]') });
      // the other electronic materials were not uploaded either: mark them missing too
      const n = await others.count();
      for (let i = 0; i < n; i++) await others.nth(i).locator('label', { hasText: '缺失' }).click();
      const saved = answer(page, /\/materials$/);
      await page.getByTestId('materials-save').click();
      expect((await saved).status()).toBe(200);

      // accepting is not offered while a required material is missing; the correction notice is
      await until(() => page.getByTestId('decision-accept').isDisabled(), 'accept disabled');
      const decided = answer(page, /\/decisions$/);
      await page.getByTestId('decision-correction').click();
      expect((await decided).status()).toBe(200);
      await expect(page.getByTestId('window-result')).toContainText('待补正');

      const printed = browser.context.waitForEvent('response', (r) =>
        /\/notices\/[^/]+$/.test(new URL(r.url()).pathname),
      );
      await page.getByTestId('notice-correction').click();
      const pdf = await printed;
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const bytes = await pdfBytes(page, pdf.url());
      const text = pdfText(bytes);
      expect(text).toContain('补正');
      expect(text).toContain('矿区范围图');
      expect(text).toContain(PERSON.name);
      for (const p of browser.context.pages()) if (p !== page) await p.close();
    });
  });

  it('sends a receive again after its answer was lost, and gets the application the first send made', async () => {
    await journey(browser, 'window-retry', async (page) => {
      page.setDefaultTimeout(15_000);
      await personAtWindow(page, app.url);
      // the first send reaches the server, which saves the application, but its answer never arrives
      const keys: string[] = [];
      let first: { id: string } | null = null;
      await page.route(/\/api\/v1\/intake\/applications$/, async (route) => {
        keys.push(route.request().headers()['idempotency-key'] ?? '');
        if (first) return route.continue();
        const res = await route.fetch();
        expect(res.status()).toBe(201);
        first = (await res.json()) as { id: string };
        await route.abort('failed');
      });
      await page.getByTestId('window-receive').click();
      await page.locator('.ow-error').waitFor();
      // the clerk sends the same form again: the same key, and the server answers with that application
      const received = answer(page, /^\/api\/v1\/intake\/applications$/);
      await page.getByTestId('window-receive').click();
      const again = await received;
      expect(again.status()).toBe(201);
      expect(((await again.json()) as { id: string }).id).toBe(first!.id);
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/^ow\.[0-9a-z]+\.[0-9a-z]+$/);
      expect(keys[1]).toBe(keys[0]);
      await expect(page.getByTestId('window-case-status')).toContainText('已收件');
    });
  });
});
