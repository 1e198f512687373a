import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import { create, decide, login, type Session } from '../../../test/fixtures/intake/intake-client.ts';
import {
  checks,
  type IntakeFixture,
  idCard,
  seedIntakeItems,
} from '../../../test/fixtures/intake/intake-fixtures.ts';
import type { CaseDetail } from '../cases/cases.schemas.ts';

// PGlite is one connection: concurrency there is a queue, so a smaller N proves the same thing faster.
const N = { pglite: 200, postgres: 1000 } as const;

describe.each(BACKENDS)('case numbers under concurrency on %s', (backend) => {
  let t: TestApp;
  let fx: IntakeFixture;
  let clerk: Session;
  beforeAll(async () => {
    t = await createTestApp(backend);
    fx = await seedIntakeItems(t.deps);
    clerk = await login(t, 'clerk');
  });
  afterAll(() => t.close());

  it(`gives ${N[backend]} concurrent applications, accepted concurrently, as many distinct case numbers`, async () => {
    const n = N[backend];
    const applicant = (i: number) => ({
      kind: 'natural_person',
      idNumber: idCard(
        `110101198001${String((i % 28) + 1).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`,
      ),
      name: `申请人${i}`,
    });
    const created = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        expectJson<CaseDetail>(
          create(t, clerk, {
            itemId: fx.simple.itemId,
            applicant: applicant(i),
            materials: checks(fx.simple),
          }),
          201,
        ),
      ),
    );
    expect(new Set(created.map((c) => c.id)).size).toBe(n);
    const accepted = await Promise.all(
      created.map((c) =>
        expectJson<CaseDetail>(decide(t, clerk, c.id, { decision: 'accept', version: c.version }), 200),
      ),
    );
    const numbers = accepted.map((c) => c.caseNumber!);
    expect(new Set(numbers).size).toBe(n);
    expect([...numbers].sort()).toEqual(
      Array.from({ length: n }, (_, i) => `MLR20250930${String(i + 1).padStart(5, '0')}`),
    );
  }, 240_000);
});
