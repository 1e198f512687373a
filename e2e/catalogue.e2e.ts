// Journey 3: a centre administrator imports a catalogue workbook with a mistake and sees the row.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, chromiumAvailable, journey, launch, RESULTS } from './browser.ts';
import { openDialog } from './settled.ts';
import './expect.ts';
import { type RunningApp, startApp } from './harness.ts';
import { logIn } from './login.ts';

const FIXTURE = fileURLToPath(
  new URL('../test/fixtures/catalogue/libreoffice-two-sheets.xlsx', import.meta.url),
);

/** The fixture with one wrong cell: row 2 of 事项 gets the unknown item type 99. */
async function plantedWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(FIXTURE) as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet('事项')!;
  const headers = sheet.getRow(1).values as string[];
  sheet.getRow(2).getCell(headers.indexOf('事项类型')).value = '99';
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, '事项目录-有错误.xlsx');
  writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  return file;
}

describe.skipIf(!chromiumAvailable())('catalogue import', () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the sheet, row and column of a wrong cell and imports nothing', async () => {
    const file = await plantedWorkbook();
    await journey(browser, 'catalogue-import-error', async (page) => {
      await page.goto(`${app.url}/staff/admin/catalogue`);
      await logIn(page, 'centre-admin');
      await page.getByRole('heading', { name: '事项目录' }).waitFor();
      await page.getByRole('button', { name: '导入事项' }).click();
      const dialog = await openDialog(page);
      await dialog.locator('input[type=file]').setInputFiles(file);
      await dialog.getByRole('button', { name: '上传并导入' }).click();

      const report = dialog.getByTestId('import-report');
      await expect(report).toContainText('未导入任何内容');
      const row = report.locator('tbody tr', { hasText: '事项类型' });
      await expect(row).toContainText('事项');
      expect((await row.locator('td').nth(1).textContent())?.trim()).toBe('2');
    });
  });
});
