import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { type Client, createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import { MLR_MINING_RIGHT } from '../../core/process/demo-definitions.ts';

interface Check {
  valid: boolean;
  problems: { code: string; severity: string; zh: string; en: string; path?: string; stepId?: string }[];
}

describe.each(BACKENDS)('POST /api/v1/catalogue/process/validate on %s', (backend) => {
  let t: TestApp;
  let admin: Client;
  const check = (body: unknown, client = admin) => client.post('/api/v1/catalogue/process/validate', body);

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await t.loginAs('centre-admin');
  });
  afterAll(() => t.close());

  it('accepts a valid definition and lists its warnings only', async () => {
    const r = await expectJson<Check>(check({ processDefinition: MLR_MINING_RIGHT }), 200);
    expect(r.valid).toBe(true);
    expect(r.problems.every((p) => p.severity === 'warning')).toBe(true);
  });

  it('names a cycle in both languages, and warns when the longest path exceeds the promise', async () => {
    const looped = { ...MLR_MINING_RIGHT, edges: [...MLR_MINING_RIGHT.edges] };
    const steps = looped.nodes.filter((n) => n.type === 'step');
    looped.edges.push({ from: steps.at(-1)!.id, to: steps[0]!.id });
    const r = await expectJson<Check>(check({ processDefinition: looped }), 200);
    expect(r.valid).toBe(false);
    const cycle = r.problems.find((p) => p.code === 'cycle');
    expect(cycle?.zh).toContain('循环');
    expect(cycle?.en).toContain('cycle');

    const slow = await expectJson<Check>(
      check({ processDefinition: MLR_MINING_RIGHT, promisedWorkingDays: 1 }),
      200,
    );
    expect(slow.valid).toBe(true);
    expect(slow.problems.map((p) => p.code)).toContain('over_promised_limit');
  });

  it('reports a shape problem with its path instead of failing the request', async () => {
    const broken = {
      nodes: [
        { type: 'start', id: 'start' },
        { type: 'step', id: 'Bad Id' },
        { type: 'end', id: 'end' },
      ],
      edges: [],
    };
    const r = await expectJson<Check>(check({ processDefinition: broken }), 200);
    expect(r.valid).toBe(false);
    expect(r.problems[0]!.code).toBe('schema');
    expect(r.problems.some((p) => p.path?.startsWith('nodes.1'))).toBe(true);
    expect(r.problems[0]!.zh).toContain('定义格式不符');
  });

  it('is for catalogue managers only', async () => {
    const clerk = await t.loginAs('clerk');
    expect((await check({ processDefinition: MLR_MINING_RIGHT }, clerk)).status).toBe(403);
    expect((await t.anon.post('/api/v1/catalogue/process/validate', {})).status).toBe(401);
  });
});
