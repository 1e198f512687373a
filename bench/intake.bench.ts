/**
 * Accepted cases per second through the HTTP API (in process): each case is received with its materials
 * checked, then accepted (case number, two clocks, first task, 受理通知书, events, action log).
 * PGlite always; PostgreSQL too when DATABASE_URL or TEST_DATABASE_URL is set (a scratch database is
 * created on that server and dropped afterwards).
 * Run: node bin/run-ts.js bench/intake.bench.ts [cases]   (npm run bench:intake)
 */
import type { DatabaseKind } from '../src/db/database.ts';
import type { CaseDetail } from '../src/modules/cases/cases.schemas.ts';
import { createTestApp, expectJson } from '../test/factories.ts';
import { create, decide, login } from '../test/fixtures/intake/intake-client.ts';
import { checks, idCard, seedIntakeItems } from '../test/fixtures/intake/intake-fixtures.ts';

const N = Number(process.argv[2] ?? 500);
const pgUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (pgUrl) process.env.TEST_DATABASE_URL = pgUrl;

async function inBatches<T>(items: T[], width: number, fn: (x: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

async function run(kind: DatabaseKind, concurrency: number) {
  const t = await createTestApp(kind);
  try {
    const fx = await seedIntakeItems(t.deps, 'B');
    const clerk = await login(t, 'clerk');
    const ids = Array.from({ length: N }, (_, i) => i);
    const received: CaseDetail[] = [];
    const t0 = performance.now();
    await inBatches(ids, concurrency, async (i) => {
      const applicant = {
        kind: 'natural_person',
        idNumber: idCard(
          `1101011980${String((i % 12) + 1).padStart(2, '0')}01${String(i % 1000).padStart(3, '0')}`,
        ),
        name: `申请人${i}`,
      };
      received.push(
        await expectJson<CaseDetail>(
          create(t, clerk, { itemId: fx.simple.itemId, applicant, materials: checks(fx.simple) }),
          201,
        ),
      );
    });
    const t1 = performance.now();
    await inBatches(received, concurrency, (c) =>
      expectJson(decide(t, clerk, c.id, { decision: 'accept', version: c.version }), 200),
    );
    const t2 = performance.now();
    const perSecond = (ms: number) => ((N * 1000) / ms).toFixed(0);
    console.log(
      `${kind.padEnd(8)} ${N} cases, ${concurrency} at a time: received ${perSecond(t1 - t0)}/s, accepted ${perSecond(t2 - t1)}/s (${((t2 - t1) / N).toFixed(1)} ms per acceptance)`,
    );
  } finally {
    await t.close();
  }
}

await run('pglite', 1);
if (pgUrl) await run('postgres', 10);
else console.log('postgres: skipped (set DATABASE_URL or TEST_DATABASE_URL to measure it)');
