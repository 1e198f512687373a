// Journeys: the statistics page (KPI cards from the server's figures, the monthly chart, drill-down into a
// department, the assessment with grades) and the process editor (a broken definition shows the check's
// message and cannot be saved; a new step appears in the drawing as it is typed; the draft is saved).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeStats } from '../src/modules/stats/stats.consumer.ts';
import { buildCase, completeCase, demoOrg } from '../src/modules/supervision/supervision.testing.ts';
import { expectJson } from '../test/factories.ts';
import { seedIntakeItems } from '../test/fixtures/intake/intake-fixtures.ts';
import { type Browser, chromiumAvailable, journey, launch } from './browser.ts';
import './expect.ts';
import { type RunningApp, startApp } from './harness.ts';
import { logIn } from './login.ts';

const DAY = 24 * 3600 * 1000;
const bj = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);

interface StatsRow {
  name: string | null;
  received: number;
  completed: number;
}
interface AssessmentRow {
  name: string | null;
  gradeLabel: string;
}
interface Node {
  type: string;
  id: string;
}
interface Definition {
  nodes: Node[];
  edges: { from: string; to: string }[];
}

describe.skipIf(!chromiumAvailable())('statistics and process editor', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launch()]);
    const t = app.test;
    const fx = await seedIntakeItems(t.deps, 'O');
    const org = await demoOrg(t.deps.db, fx.simple.id);
    const now = t.time.now();
    await t.deps.db.transaction().execute(async (trx) => {
      const done = await buildCase(trx, org, {
        at: new Date(now.getTime() - 2 * DAY),
        promisedDays: 10,
        number: 'KCKF-STATS-1',
      });
      await completeCase(trx, done, new Date(now.getTime() - 60_000));
      await buildCase(trx, org, {
        at: new Date(now.getTime() - DAY),
        promisedDays: 10,
        number: 'KCKF-STATS-2',
      });
    });
    // The statistics job (timer stats.consume) folds the new events into the daily figures.
    for (let i = 0; i < 50; i++) {
      const n = await t.deps.db.transaction().execute((trx) => consumeStats(trx, t.time.now()));
      if (n === 0) break;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the KPI cards, the trend chart, a department’s offices and the assessment grades', async () => {
    const today = bj(app.test.time.now());
    const from = `${today.slice(0, 4)}-01-01`;
    const supervisor = await app.test.loginAs('supervisor');
    const totals = await expectJson<StatsRow[]>(
      supervisor.get(`/api/v1/stats?from=${from}&to=${today}&groupBy=centre`),
      200,
    );
    const received = totals.reduce((n, r) => n + r.received, 0);
    const completed = totals.reduce((n, r) => n + r.completed, 0);
    expect(received).toBeGreaterThanOrEqual(2);
    expect(completed).toBeGreaterThanOrEqual(1);
    const grades = await expectJson<AssessmentRow[]>(
      supervisor.get(`/api/v1/stats/assessment?period=${today.slice(0, 7)}&subject=department`),
      200,
    );
    const dept = grades.find((g) => g.name === '矿产开发管理司');
    expect(dept).toBeDefined();

    await journey(browser, 'statistics', async (page) => {
      await browser.context.clearCookies();
      await page.goto(`${app.url}/staff/stats`);
      await logIn(page, 'supervisor');
      await page.goto(`${app.url}/staff/stats`);
      await page.locator('[data-kpi=received] .ant-statistic-content').waitFor({ timeout: 20_000 });
      await expect(page.locator('[data-kpi=received]')).toContainText(String(received));
      await expect(page.locator('[data-kpi=completed]')).toContainText(String(completed));
      await expect(page.locator('[data-kpi=onTime]')).toContainText('%');
      // The chart: ECharts drew its bars into the SVG.
      const chart = page.getByTestId('trend-chart');
      await chart.locator('svg').waitFor();
      await expect.poll(() => chart.locator('svg path').count()).toBeGreaterThan(5);
      await expect(chart).toContainText(today.slice(0, 7));

      // Drill-down: the department's row leads to its offices.
      const breakdown = page.locator('.stats-breakdown');
      await breakdown.getByRole('button', { name: '矿产开发管理司' }).click();
      await expect(page.locator('.ant-breadcrumb')).toContainText('矿产开发管理司');
      await expect(breakdown.locator('thead')).toContainText('处室');

      await page.getByRole('tab', { name: '综合考评' }).click();
      const row = page.locator('.stats-assessment tr', { hasText: '矿产开发管理司' });
      await expect(row.locator('[data-grade]')).toContainText(dept!.gradeLabel);
    });
  });

  it('checks a definition as it is typed, draws it, and saves it in a draft', async () => {
    const admin = await app.test.loginAs('centre-admin');
    const items = await expectJson<
      { id: string; implementationCode: string; currentVersionId: string | null }[]
    >(admin.get('/api/v1/catalogue/items?status=published'), 200);
    const item = items.find((i) => i.currentVersionId)!;
    const version = await expectJson<{ processDefinition: Definition }>(
      admin.get(`/api/v1/catalogue/versions/${item.currentVersionId}`),
      200,
    );
    const def = version.processDefinition;
    const steps = def.nodes.filter((n) => n.type === 'step');
    const end = def.nodes.find((n) => n.type === 'end')!;
    const last = def.edges.find((e) => e.to === end.id)!;
    const looped: Definition = { ...def, edges: [...def.edges, { from: last.from, to: steps[0]!.id }] };
    const longer = {
      ...def,
      nodes: [
        ...def.nodes,
        {
          type: 'step',
          id: 'extra_check',
          name: '补充核查',
          kind: 'review',
          assignee: { type: 'role', role: 'reviewer' },
          limit: { value: 1, unit: 'working_days' },
        },
      ],
      edges: [
        ...def.edges.filter((e) => e !== last),
        { from: last.from, to: 'extra_check' },
        { from: 'extra_check', to: end.id },
      ],
    };

    await journey(browser, 'process-editor', async (page) => {
      await browser.context.clearCookies();
      await page.goto(`${app.url}/staff/admin/processes`);
      await logIn(page, 'centre-admin');
      await page.goto(`${app.url}/staff/admin/processes`);
      await page.getByRole('combobox', { name: '选择事项' }).click();
      await page.keyboard.type(item.implementationCode);
      await page.keyboard.press('Enter');
      const json = page.getByTestId('process-json');
      await expect(json).toContainText('"nodes"');
      const drawing = page.getByTestId('process-drawing');
      await drawing.locator('.flow-node').first().waitFor();
      expect(await drawing.locator('.flow-node').count()).toBe(steps.length);
      const save = page.getByTestId('save-process');

      await json.fill(JSON.stringify(looped, null, 2));
      const problems = page.getByTestId('process-problems');
      await expect(problems.locator('[data-code=cycle]')).toContainText('循环');
      expect(await save.isDisabled()).toBe(true);

      await json.fill('{"nodes": [');
      await expect(problems).toContainText('JSON 格式错误');

      await json.fill(JSON.stringify(longer, null, 2));
      await drawing.locator('.flow-node[data-step=extra_check]').waitFor();
      expect(await drawing.locator('.flow-node').count()).toBe(steps.length + 1);
      await expect(problems).toContainText('校验通过');
      const saved = page.waitForResponse((r) => /\/api\/v1\/catalogue\/items\/[^/]+\/draft$/.test(r.url()));
      await save.click();
      expect((await saved).status()).toBe(200);
      await page.getByText('流程已保存到草稿').waitFor();
    });
    const versions = await expectJson<{ status: string; id: string }[]>(
      admin.get(`/api/v1/catalogue/items/${item.id}/versions`),
      200,
    );
    const draft = versions.find((v) => v.status === 'draft')!;
    const stored = await expectJson<{ processDefinition: Definition }>(
      admin.get(`/api/v1/catalogue/versions/${draft.id}`),
      200,
    );
    expect(stored.processDefinition.nodes.map((n) => n.id)).toContain('extra_check');
  });

  it('saves the centre’s thresholds and rules as versions, keeping the form on a refused save', async () => {
    await journey(browser, 'rules-and-settings', async (page) => {
      await browser.context.clearCookies();
      await page.goto(`${app.url}/staff/admin/settings`);
      await logIn(page, 'centre-admin');
      await page.goto(`${app.url}/staff/admin/settings`);
      const days = page.getByLabel('剩余工作日不超过时亮黄灯');
      await expect(page.locator('.ant-card', { hasText: '亮灯与督办' })).toContainText('督办单回复时限');
      await days.fill('2');
      await page.getByLabel('修改说明').fill('黄灯提前到两个工作日');
      const put = page.waitForResponse((r) => r.url().endsWith('/api/v1/supervision/rule-set'));
      await page.getByRole('button', { name: '保 存' }).click();
      expect((await put).status()).toBe(200);
      await page.getByText('设置已保存').waitFor();
      await expect(page.locator('.ant-table-row', { hasText: '黄灯提前到两个工作日' })).toContainText('v1');

      await page.goto(`${app.url}/staff/admin/rules`);
      await expect(page.locator('.toolbar')).toContainText('现行版本 v1');
      const ids = page.getByLabel('规则标识');
      const first = await ids.nth(0).inputValue();
      await ids.nth(1).fill(first);
      const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/supervision/rule-set'));
      await page.getByRole('button', { name: '保存为新版本' }).click();
      expect((await refused).status()).toBe(400);
      await expect(page.getByRole('alert')).toContainText('保存失败');
      expect(await ids.nth(1).inputValue()).toBe(first);

      await ids.nth(1).fill('step-late-two');
      await page.getByLabel('修改说明').fill('规则标识更正');
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/supervision/rule-set'));
      await page.getByRole('button', { name: '保存为新版本' }).click();
      expect((await saved).status()).toBe(200);
      await expect(page.locator('.toolbar')).toContainText('现行版本 v2');
      await expect(page.locator('.ant-table-row', { hasText: '规则标识更正' })).toContainText('v2');
    });
    const admin = await app.test.loginAs('centre-admin');
    const centre = await app.test.deps.db
      .selectFrom('centres')
      .select('id')
      .where('code', '=', 'MLR')
      .executeTakeFirstOrThrow();
    const inForce = await expectJson<{
      version: number;
      set: { thresholds: { yellowRemainingWorkingDays: number }; rules: { id: string }[] };
    }>(admin.get(`/api/v1/supervision/rule-set?centreId=${centre.id}`), 200);
    expect(inForce.version).toBe(2);
    expect(inForce.set.thresholds.yellowRemainingWorkingDays).toBe(2);
    expect(inForce.set.rules.map((r) => r.id)).toContain('step-late-two');
  });
});
