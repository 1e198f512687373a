// The browser side: Debian's Chromium through playwright-core, a fresh profile per run, a screenshot at
// the end of every journey and a trace kept when one fails (test-results/, gitignored).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the journeys can run here. In CI a missing Chromium is a failure (loud); elsewhere the
 * journeys are skipped with a message saying how to install it.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`;
  if (process.env.CI) throw new Error(`${message} CI needs it for the browser journeys.`);
  console.warn(`\n[e2e] SKIPPED: ${message}\n`);
  return false;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'ow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const slug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\w\u4e00-\u9fff-]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/**
 * Runs one journey in a fresh page with tracing on: saves `test-results/<name>.png` at the end, and on
 * failure also `<name>-failed.png` and `<name>-trace.zip` (open with `npx playwright show-trace`).
 */
export async function journey(
  browser: Browser,
  name: string,
  run: (page: Page) => Promise<void>,
): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  const base = join(RESULTS, slug(name));
  await browser.context.tracing.start({ screenshots: true, snapshots: true, title: name });
  const page = await browser.context.newPage();
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  try {
    await run(page);
    await page.screenshot({ path: `${base}.png`, fullPage: true });
    await browser.context.tracing.stop();
    if (consoleErrors.length) throw new Error(`uncaught errors in the page: ${consoleErrors.join('; ')}`);
  } catch (e) {
    await page.screenshot({ path: `${base}-failed.png`, fullPage: true }).catch(() => undefined);
    await browser.context.tracing.stop({ path: `${base}-trace.zip` }).catch(() => undefined);
    throw e;
  } finally {
    await page.close().catch(() => undefined);
  }
}
