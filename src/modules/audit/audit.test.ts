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
import { listMigrations, migrate } from '../../db/migrate.ts';
import { appendAction, entryHash, systemActor } from './audit.log.ts';
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

  it('hashes in the database exactly as the verifier does, whatever the entry holds', async () => {
    const seq = await t.deps.db.transaction().execute((trx) =>
      appendAction(
        trx,
        { ...systemActor('审核员 "x"'), ip: '::1' },
        new Date(Date.UTC(2025, 5, 1, 8, 0, 0, 123)),
        {
          action: 'test.awkward',
          targetType: 'test',
          targetId: 'quote " backslash \\ "seq":1',
          payload: { seq: 7, z: [1, '二', { b: null, a: '😀\n"seq":"x"' }], a: 1.5 },
        },
      ),
    );
    const row = await t.deps.db
      .selectFrom('action_log')
      .selectAll()
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow();
    expect(entryHash(row)).toBe(row.hash);
    expect((await verifyActionLog(t.deps.db)).ok).toBe(true);
  });

  it('lets concurrent writers take different lanes; one transaction keeps its lane; the log verifies', async () => {
    const before = (await verifyActionLog(t.deps.db)).checked;
    const write = (i: number) =>
      t.deps.db.transaction().execute(async (trx) => {
        const first = await appendAction(trx, systemActor(), new Date(), {
          action: 'test.concurrent',
          targetType: 'test',
          targetId: String(i),
        });
        // hold the lane for a moment, as a transaction doing more work would
        await sql`SELECT pg_sleep(0.05)`.execute(trx);
        const second = await appendAction(trx, systemActor(), new Date(), {
          action: 'test.concurrent.second',
          targetType: 'test',
          targetId: String(i),
        });
        return [first, second];
      });
    const seqs = await Promise.all(Array.from({ length: 12 }, (_, i) => write(i)));
    const rows = await t.deps.db
      .selectFrom('action_log')
      .select(['seq', 'lane', 'lane_seq', 'target_id', 'action'])
      .where('action', 'like', 'test.concurrent%')
      .execute();
    expect(rows).toHaveLength(24);
    for (const [first, second] of seqs) {
      const a = rows.find((r) => r.seq === first)!;
      const b = rows.find((r) => r.seq === second)!;
      expect(b.lane).toBe(a.lane);
      expect(b.lane_seq).toBe(a.lane_seq + 1);
      expect(b.seq).toBeGreaterThan(a.seq);
    }
    const lanes = new Set(rows.map((r) => r.lane)).size;
    // PGlite runs one transaction at a time: one lane is enough there
    if (backend === 'postgres') expect(lanes).toBeGreaterThan(1);
    else expect(lanes).toBe(1);
    const result = await verifyActionLog(t.deps.db);
    expect(result).toMatchObject({ ok: true, checked: before + 24 });
    expect(result.headSeq).toBe(Math.max(...rows.map((r) => r.seq)));
  });

  /** The entries of the busiest lane other than lane 1 when there is one (PostgreSQL), in lane order. */
  async function laneEntries() {
    const lanes = await t.deps.db
      .selectFrom('action_log_lanes')
      .select(['lane', 'lane_seq'])
      .where('lane_seq', '>=', 3)
      .orderBy('lane', 'desc')
      .execute();
    const lane = lanes[0]!.lane;
    return t.deps.db
      .selectFrom('action_log')
      .selectAll()
      .where('lane', '=', lane)
      .orderBy('lane_seq')
      .execute();
  }

  it('detects a direct UPDATE of any row, naming that entry', async () => {
    const [, row] = await laneEntries();
    await sql`UPDATE action_log SET actor_name = 'someone else' WHERE seq = ${row!.seq}`.execute(t.deps.db);
    const result = await verifyActionLog(t.deps.db);
    expect(result).toMatchObject({ ok: false, firstBad: { seq: row!.seq } });
    await sql`UPDATE action_log SET actor_name = ${row!.actor_name} WHERE seq = ${row!.seq}`.execute(
      t.deps.db,
    );
    expect((await verifyActionLog(t.deps.db)).ok).toBe(true);
  });

  it('detects a changed payload even when the row hash is recomputed by the tamperer', async () => {
    // Rewriting a row and its own hash breaks the link of the next row of its lane.
    const [row, next] = await laneEntries();
    const { entryHash } = await import('./audit.log.ts');
    const forged = { ...row!, payload: { forged: true } };
    await t.deps.db
      .updateTable('action_log')
      .set({ payload: JSON.stringify(forged.payload), hash: entryHash(forged) })
      .where('seq', '=', row!.seq)
      .execute();
    expect(await verifyActionLog(t.deps.db)).toMatchObject({
      ok: false,
      firstBad: { seq: next!.seq, reason: expect.stringContaining('link') },
    });
    await t.deps.db
      .updateTable('action_log')
      .set({ payload: JSON.stringify(row!.payload), hash: row!.hash })
      .where('seq', '=', row!.seq)
      .execute();
    expect((await verifyActionLog(t.deps.db)).ok).toBe(true);
  });

  it('detects an entry moved to another lane or to no lane', async () => {
    const [row] = await laneEntries();
    const other = row!.lane === 1 ? 2 : 1;
    await sql`UPDATE action_log SET lane = 99 WHERE seq = ${row!.seq}`.execute(t.deps.db);
    expect(await verifyActionLog(t.deps.db)).toMatchObject({ ok: false, firstBad: { seq: row!.seq } });
    const top = await t.deps.db
      .selectFrom('action_log_lanes')
      .select('lane_seq')
      .where('lane', '=', other)
      .executeTakeFirstOrThrow();
    await sql`UPDATE action_log SET lane = ${other}, lane_seq = ${top.lane_seq + 1} WHERE seq = ${row!.seq}`.execute(
      t.deps.db,
    );
    expect(await verifyActionLog(t.deps.db)).toMatchObject({ ok: false, firstBad: { seq: row!.seq } });
    await sql`UPDATE action_log SET lane = ${row!.lane}, lane_seq = ${row!.lane_seq} WHERE seq = ${row!.seq}`.execute(
      t.deps.db,
    );
    expect((await verifyActionLog(t.deps.db)).ok).toBe(true);
  });

  it('detects a DELETE in the middle of a lane, naming the entry after the gap', async () => {
    const [, row, next] = await laneEntries();
    await sql`DELETE FROM action_log WHERE seq = ${row!.seq}`.execute(t.deps.db);
    const result = await verifyActionLog(t.deps.db);
    expect(result).toMatchObject({
      ok: false,
      firstBad: {
        seq: next!.seq,
        reason: expect.stringContaining(`entry ${row!.lane_seq} of lane ${row!.lane}`),
      },
    });
    expect(result.firstBad!.reason).toContain('missing');
    await t.deps.db
      .insertInto('action_log')
      .values({ ...row!, payload: JSON.stringify(row!.payload) })
      .execute();
    expect((await verifyActionLog(t.deps.db)).ok).toBe(true);
  });

  it('detects a DELETE of the newest entries of a lane, naming the newest removed one', async () => {
    const entries = await laneEntries();
    const last = entries.at(-1)!;
    await sql`DELETE FROM action_log WHERE seq = ${last.seq}`.execute(t.deps.db);
    const result = await verifyActionLog(t.deps.db);
    expect(result).toMatchObject({ ok: false, firstBad: { seq: last.seq } });
    expect(result.firstBad!.reason).toContain('head records');
    await t.deps.db
      .insertInto('action_log')
      .values({ ...last, payload: JSON.stringify(last.payload) })
      .execute();
    expect((await verifyActionLog(t.deps.db)).ok).toBe(true);
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

describe.each(BACKENDS)('upgrading a single-chain log to lanes on %s', (backend) => {
  it('keeps the old chain as lane 1, verifies it, and appends after it', async () => {
    const { createTestDatabase } = await import('../../../test/db.ts');
    const database = await createTestDatabase(backend, { migrated: false });
    try {
      await sql`CREATE TABLE schema_migrations (
        name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
        database.db,
      );
      for (const m of listMigrations().filter((x) => x.name < '0010'))
        await database.runScript(
          `${m.sql}\n;INSERT INTO schema_migrations (name, checksum) VALUES ('${m.name}', '${m.checksum}');`,
          database.db,
        );
      // three entries written the way the single chain wrote them: seq from the head, head updated
      let prev = 'genesis';
      for (let seq = 1; seq <= 3; seq++) {
        const entry = {
          seq,
          at: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)),
          actor_id: null,
          actor_name: 'system',
          actor_roles: ['system'],
          department_id: null,
          action: 'old.entry',
          target_type: 'test',
          target_id: String(seq),
          payload: { n: seq },
          ip: null,
          prev_hash: prev,
        };
        const hash = entryHash(entry);
        await sql`INSERT INTO action_log (seq, at, actor_id, actor_name, actor_roles, department_id, action,
            target_type, target_id, payload, ip, prev_hash, hash)
          VALUES (${seq}, ${entry.at}, NULL, 'system', ARRAY['system'], NULL, 'old.entry', 'test', ${String(seq)},
            ${JSON.stringify(entry.payload)}::jsonb, NULL, ${prev}, ${hash})`.execute(database.db);
        await sql`UPDATE action_log_head SET seq = ${seq}, hash = ${hash} WHERE id = 1`.execute(database.db);
        prev = hash;
      }
      expect(await migrate(database)).toContain('0010_action_log_lanes.sql');
      expect(await verifyActionLog(database.db)).toEqual({ ok: true, checked: 3, headSeq: 3 });
      const seq = await database.db.transaction().execute((trx) =>
        appendAction(trx, systemActor(), new Date(Date.UTC(2025, 0, 2)), {
          action: 'new.entry',
          targetType: 'test',
          targetId: '4',
        }),
      );
      expect(seq).toBe(4);
      const rows = await database.db
        .selectFrom('action_log')
        .select(['seq', 'lane', 'lane_seq', 'prev_hash'])
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => [r.seq, r.lane, r.lane_seq])).toEqual([
        [1, 1, 1],
        [2, 1, 2],
        [3, 1, 3],
        [4, 1, 4],
      ]);
      expect(rows[3]!.prev_hash).toBe(prev);
      expect(await verifyActionLog(database.db)).toEqual({ ok: true, checked: 4, headSeq: 4 });
      await sql`DELETE FROM action_log WHERE seq = 2`.execute(database.db);
      expect(await verifyActionLog(database.db)).toMatchObject({ ok: false, firstBad: { seq: 3 } });
    } finally {
      await database.close();
    }
  });
});
