import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, expectJson, type TestApp } from '../../../test/factories.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { appendAction, systemActor } from './audit.log.ts';
import { verifyActionLog } from './audit.verify.ts';
import { changeWithLog } from './change.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../../bin/onewindow.js');

describe.each(BACKENDS)('action log on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it('chains every entry and verifies intact', async () => {
    const result = await verifyActionLog(t.deps.db);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThan(10); // the demo seed wrote one entry per account and one for the organisation
  });

  it('writes the entry in the same transaction as the change: a failed change leaves no entry', async () => {
    const before = await verifyActionLog(t.deps.db);
    await expect(
      changeWithLog(
        t.deps,
        systemActor(),
        async (trx) => {
          await trx.insertInto('settings').values({ key: 'x', value: '1' }).execute();
          throw new Error('boom');
        },
        () => ({ action: 'x', targetType: 'x', targetId: 'x' }),
      ),
    ).rejects.toThrow('boom');
    const after = await verifyActionLog(t.deps.db);
    expect(after.headSeq).toBe(before.headSeq);
    expect(await t.deps.db.selectFrom('settings').where('key', '=', 'x').selectAll().execute()).toEqual([]);
  });

  it('lets an inspector search by actor and target, and denies a clerk', async () => {
    const inspector = await t.loginAs('inspector');
    const clerk = await t.loginAs('clerk');
    const rows = await expectJson<{ action: string; actorName: string }[]>(
      inspector.get('/api/v1/audit/log?actorName=clerk'),
      200,
    );
    expect(rows.map((r) => r.action)).toContain('auth.login');
    expect(rows.every((r) => r.actorName === 'clerk')).toBe(true);
    const byTarget = await expectJson<{ targetType: string }[]>(
      inspector.get('/api/v1/audit/log?targetType=staff&limit=3'),
      200,
    );
    expect(byTarget).toHaveLength(3);
    expect((await clerk.get('/api/v1/audit/log')).status).toBe(403);
    const verify = await expectJson<{ ok: boolean }>(inspector.get('/api/v1/audit/verify'), 200);
    expect(verify.ok).toBe(true);
  });

  it('detects a direct UPDATE of any row, naming that entry', async () => {
    await sql`UPDATE action_log SET actor_name = 'someone else' WHERE seq = 5`.execute(t.deps.db);
    const result = await verifyActionLog(t.deps.db);
    expect(result).toMatchObject({ ok: false, firstBad: { seq: 5 } });
    await sql`UPDATE action_log SET actor_name = 'demo-seed' WHERE seq = 5`.execute(t.deps.db);
    expect((await verifyActionLog(t.deps.db)).ok).toBe(true);
  });

  it('detects a changed payload even when the row hash is recomputed by the tamperer', async () => {
    // Rewriting a row and its own hash breaks the link of the next row.
    const row = await t.deps.db
      .selectFrom('action_log')
      .selectAll()
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    const { entryHash } = await import('./audit.log.ts');
    const forged = { ...row, payload: { forged: true } };
    await t.deps.db
      .updateTable('action_log')
      .set({ payload: JSON.stringify(forged.payload), hash: entryHash(forged) })
      .where('seq', '=', 3)
      .execute();
    expect(await verifyActionLog(t.deps.db)).toMatchObject({ ok: false, firstBad: { seq: 4 } });
    await t.deps.db
      .updateTable('action_log')
      .set({ payload: JSON.stringify(row.payload), hash: row.hash })
      .where('seq', '=', 3)
      .execute();
    expect((await verifyActionLog(t.deps.db)).ok).toBe(true);
  });

  it('detects a DELETE in the middle and at the end of the log', async () => {
    await sql`DELETE FROM action_log WHERE seq = 7`.execute(t.deps.db);
    expect(await verifyActionLog(t.deps.db)).toMatchObject({ ok: false, firstBad: { seq: 7 } });
  });
});

describe.each(BACKENDS)('onewindow audit verify on %s', (backend) => {
  it('exits 0 on an intact log and 1 naming the first bad entry after tampering', async () => {
    let database: Database;
    let env: Record<string, string | undefined>;
    let cleanup: () => Promise<void>;
    if (backend === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'ow-audit-'));
      database = await openDatabase({ kind: 'pglite', dataDir: dir });
      env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const { createTestDatabase } = await import('../../../test/db.ts');
      database = await createTestDatabase('postgres', { migrated: false });
      const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(database.db);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${rows[0]!.db}`;
      env = { ...process.env, DATABASE_URL: url.toString() };
      const db = database;
      cleanup = () => db.close();
    }
    try {
      await migrate(database);
      for (let i = 0; i < 3; i++)
        await database.db.transaction().execute((trx) =>
          appendAction(trx, systemActor(), new Date(Date.UTC(2025, 0, 1, 0, 0, i)), {
            action: 'test.entry',
            targetType: 'test',
            targetId: String(i),
          }),
        );
      if (backend === 'pglite') await database.close();
      const ok = await run('node', [CLI, 'audit', 'verify'], { env });
      expect(ok.stdout).toContain('3 entries verified');
      if (backend === 'pglite') database = await openDatabase({ kind: 'pglite', dataDir: env.DATA_DIR! });
      await sql`UPDATE action_log SET target_id = 'changed' WHERE seq = 2`.execute(database.db);
      if (backend === 'pglite') await database.close();
      const bad = await run('node', [CLI, 'audit', 'verify'], { env }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(bad).toMatchObject({ code: 1 });
      expect((bad as { stderr: string }).stderr).toContain('entry 2');
    } finally {
      await cleanup();
    }
  });
});
