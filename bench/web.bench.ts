// npm run bench:web — the web app's numbers:
//  1. JS the public pages ship (gzipped, as the server sends it): the entry, and what the guide's item
//     page and the progress page add; measured from the build manifest and checked in the browser.
//  2. The staff app's first load on the work-list (/staff/tasks) until interactive — the list rendered
//     and a row clickable — in Debian's Chromium against the demo data with CASES Yangzhou land-supply
//     cases accepted through the API (the demo seed has no cases), so that 扬州市规划局 (yz-planning)
//     has that many tasks: a cold cache (fresh profile) and a warm one.
// BENCH_SKIP_BUILD=1 measures the existing web/dist; RUNS (default 7) sets the number of loads, CASES
// (default 40) the length of the work-list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromiumAvailable, launch } from '../e2e/browser.ts';
import { startApp } from '../e2e/harness.ts';
import { DEMO_PASSWORD } from '../e2e/login.ts';
import { acceptCase, demoItem, login, pass } from '../src/modules/engine/engine.testing.ts';
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
const CASES = Number(process.env.CASES ?? 40);
const WORKER = 'yz-planning';
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

/** Accepts CASES land-supply cases at the Yangzhou window: each opens a 征询规划部门意见 task. */
async function seedWork(app: Awaited<ReturnType<typeof startApp>>) {
  const t = app.test;
  const clerk = await login(t, 'yz-clerk');
  const item = await demoItem(t, 'YZ', '国有建设用地供地审批');
  const cases = [];
  for (let i = 0; i < CASES; i++) cases.push(await acceptCase(t, clerk, item));
  // a few further along, so the list is not one step only
  const planning = await login(t, WORKER);
  for (const c of cases.slice(0, 3)) await pass(t, planning, c.id, 'consult_planning');
}

async function staffLoad(url: string, warm: boolean): Promise<{ ms: number; domInteractive: number }> {
  const browser = await launch();
  try {
    const login = await browser.context.request.post(`${url}/api/v1/auth/login`, {
      data: { username: WORKER, password: DEMO_PASSWORD },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const page = await browser.context.newPage();
    const row = page.locator('[data-testid=task-row]').first();
    if (warm) {
      await page.goto(`${url}/staff/tasks`);
      await row.waitFor();
    }
    const started = performance.now();
    await page.goto(`${url}/staff/tasks`, { waitUntil: 'commit' });
    await row.waitFor();
    // Interactive: the row's link passes every check of a click (visible, stable, enabled, receives
    // events), on a free main thread.
    await row.getByTestId('task-open').click({ trial: true });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    const ms = performance.now() - started;
    const rows = await page.locator('[data-testid=task-row]').count();
    if (rows < Math.min(CASES - 3, 50)) throw new Error(`the work-list shows ${rows} rows`);
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
    await seedWork(app);
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
        `\nStaff work-list (/staff/tasks) first load until interactive, ${warm ? 'warm' : 'cold'} cache, ${RUNS} runs (${WORKER}, ${CASES - 3} tasks on the demo data):` +
          `\n  median ${s.median.toFixed(0)} ms, p90 ${s.p90.toFixed(0)} ms, max ${s.max.toFixed(0)} ms` +
          `   (domInteractive median ${di.median.toFixed(0)} ms)`,
      );
    }
  } finally {
    await app.close();
  }
}
