// npm run bench:web — the web app's numbers:
//  1. JS the public pages ship (gzipped, as the server sends it): the entry, and what the guide's item
//     page and the progress page add; measured from the build manifest and checked in the browser.
//  2. The staff app's first load until interactive (staff home, later the work-list), in Debian's
//     Chromium against the demo data: a cold cache (fresh profile) and a warm one.
// BENCH_SKIP_BUILD=1 measures the existing web/dist; RUNS (default 7) sets the number of loads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromiumAvailable, launch } from '../e2e/browser.ts';
import { startApp } from '../e2e/harness.ts';
import { DEMO_PASSWORD } from '../e2e/login.ts';
import { buildWebApp, WEB_DIST } from '../src/server/static.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const RUNS = Number(process.env.RUNS ?? 7);
const gz = (file: string) => gzipSync(readFileSync(join(WEB_DIST, file)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A chunk and everything it imports statically: what loading it costs. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const i of manifest[key]?.imports ?? []) closure(manifest, i, seen);
  return seen;
}
const jsOf = (manifest: Manifest, keys: Iterable<string>) =>
  [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));

function publicSizes() {
  const manifest = JSON.parse(readFileSync(join(WEB_DIST, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const entry = closure(manifest, entryKey);
  const route = (src: string) => {
    const extra = [...closure(manifest, src)].filter((k) => !entry.has(k));
    return jsOf(manifest, extra).reduce((n, f) => n + gz(f), 0);
  };
  const entryJs = jsOf(manifest, entry).reduce((n, f) => n + gz(f), 0);
  const css = [...entry]
    .flatMap((k) => (manifest[k] as { css?: string[] }).css ?? [])
    .reduce((n, f) => n + gz(f), 0);
  return {
    entryJs,
    css,
    itemPage: route('src/public/ItemDetailPage.tsx'),
    progressPage: route('src/public/ProgressPage.tsx'),
    staffApp: route('src/staff/StaffApp.tsx'),
  };
}

/** The JS files the browser actually fetched on the public pages (to check the manifest's answer). */
async function publicJsInBrowser(browser: Browser, url: string): Promise<number> {
  const page = await browser.context.newPage();
  const files = new Set<string>();
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js')) files.add(path.slice(1));
  });
  await page.goto(url);
  await page.locator('.pub-item-link').first().click();
  await page.locator('.flow-node').first().waitFor();
  await page.close();
  return [...files].reduce((n, f) => n + gz(f), 0);
}

async function staffLoad(url: string, warm: boolean): Promise<{ ms: number; domInteractive: number }> {
  const browser = await launch();
  try {
    const login = await browser.context.request.post(`${url}/api/v1/auth/login`, {
      data: { username: 'clerk', password: DEMO_PASSWORD },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const page = await browser.context.newPage();
    if (warm) {
      await page.goto(`${url}/staff`);
      await page.getByTestId('staff-home').waitFor();
    }
    const started = performance.now();
    await page.goto(`${url}/staff`, { waitUntil: 'commit' });
    await page.getByTestId('staff-home').waitFor();
    await page.locator('.ant-menu-item').first().waitFor();
    // Interactive: the page answers a click (the menu) on a free main thread.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    const ms = performance.now() - started;
    const domInteractive = await page.evaluate(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive,
    );
    return { ms, domInteractive };
  } finally {
    await browser.close();
  }
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p90: at(0.9), max: sorted.at(-1)! };
};

if (process.env.BENCH_SKIP_BUILD !== '1') await buildWebApp((m) => console.log(m));
const sizes = publicSizes();
console.log('\nPublic pages, JS gzipped (level 9, as served):');
console.log(`  entry (frame, guide list and search) ${kb(sizes.entryJs)}   + CSS ${kb(sizes.css)}`);
console.log(`  + item page ${kb(sizes.itemPage)}   + progress page ${kb(sizes.progressPage)}`);
console.log(`  staff app on top of the entry (shell, Ant Design): ${kb(sizes.staffApp)}`);

if (chromiumAvailable()) {
  const app = await startApp();
  try {
    const browser = await launch();
    try {
      console.log(
        `  fetched by Chromium for the guide + one item page: ${kb(await publicJsInBrowser(browser, app.url))}`,
      );
    } finally {
      await browser.close();
    }
    for (const warm of [false, true]) {
      const runs: { ms: number; domInteractive: number }[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await staffLoad(app.url, warm));
      const s = stats(runs.map((r) => r.ms));
      const di = stats(runs.map((r) => r.domInteractive));
      console.log(
        `\nStaff home first load until interactive, ${warm ? 'warm' : 'cold'} cache, ${RUNS} runs (clerk, demo data):` +
          `\n  median ${s.median.toFixed(0)} ms, p90 ${s.p90.toFixed(0)} ms, max ${s.max.toFixed(0)} ms` +
          `   (domInteractive median ${di.median.toFixed(0)} ms)`,
      );
    }
  } finally {
    await app.close();
  }
}
