import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { listMigrations } from '../../db/migrate.ts';
import { type BuiltCase, buildCase, demoOrg } from '../supervision/supervision.testing.ts';

/** clocks.case_id: set when a clock starts, and filled in by migration 0016 for the clocks before it. */
describe.each(BACKENDS)('the case of a clock on %s', (backend) => {
  let t: TestApp;
  let built: BuiltCase;
  let loose: string;

  beforeAll(async () => {
    t = await createTestApp(backend, { start: '2025-10-09T02:00:00Z' });
    const fx = await seedIntakeItems(t.deps, 'Q');
    const org = await demoOrg(t.deps.db, fx.simple.id);
    built = await t.deps.db
      .transaction()
      .execute((trx) =>
        buildCase(trx, org, { at: t.time.now(), promisedDays: 3, stepDays: 1, number: 'Q1' }),
      );
    // a clock of no case (its subject is not a uuid of any case or step)
    loose = randomUUID();
    await sql`
      INSERT INTO clocks (id, centre_id, subject_type, subject_id, purpose, started_at, limit_value, limit_unit,
        status, light, updated_at)
      VALUES (${loose}, ${org.centreId}, 'test', 'not-a-uuid', 'promised', ${t.time.now()}, 5, 'working_days',
        'running', 'green', ${t.time.now()})`.execute(t.deps.db);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const caseOf = async () =>
    Object.fromEntries(
      (await t.deps.db.selectFrom('clocks').select(['id', 'case_id']).execute()).map((r) => [
        r.id,
        r.case_id,
      ]),
    );

  it('is the case for a case clock and the step’s case for a step clock', async () => {
    const now = await caseOf();
    expect(now[built.promisedClockId]).toBe(built.caseId);
    expect(now[built.taskClockId!]).toBe(built.caseId);
    expect(now[loose]).toBeNull();
  });

  it('is filled in by migration 0016 for clocks written before it', async () => {
    const before = await caseOf();
    const m = listMigrations().find((x) => x.name.startsWith('0016'))!;
    await sql`ALTER TABLE clocks DROP COLUMN case_id`.execute(t.deps.db);
    await t.deps.database.runScript(m.sql, t.deps.db);
    expect(await caseOf()).toEqual(before);
  });
});
