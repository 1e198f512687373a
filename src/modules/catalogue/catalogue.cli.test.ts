import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { BACKENDS, createTestDatabase } from '../../../test/db.ts';
import { silentLogger } from '../../../test/factories.ts';
import { loadConfig } from '../../config.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { systemTime } from '../../shared/time.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../../bin/onewindow.js');

/** A seeded demo database the CLI can open, and the environment that points it there. */
async function seededDatabase(backend: 'pglite' | 'postgres', dir: string) {
  let database: Database;
  let env: Record<string, string | undefined>;
  if (backend === 'pglite') {
    database = await openDatabase({ kind: 'pglite', dataDir: dir });
    await migrate(database);
    env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
  } else {
    database = await createTestDatabase('postgres');
    const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(database.db);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${rows[0]!.db}`;
    env = { ...process.env, DATABASE_URL: url.toString(), DATA_DIR: dir };
  }
  const deps = { database, db: database.db, time: systemTime, config: loadConfig({}), logger: silentLogger };
  await seedDemo(deps);
  if (backend === 'pglite') await database.close(); // the CLI takes the data directory's lock
  return { env, close: () => (backend === 'postgres' ? database.close() : Promise.resolve()) };
}

describe.each(BACKENDS)('onewindow catalogue on %s', (backend) => {
  it('writes the template, exports the catalogue and imports it back without changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-catalogue-cli-'));
    const db = await seededDatabase(backend, dir);
    try {
      const template = join(dir, 'template.xlsx');
      await run('node', [CLI, 'catalogue', 'template', template], { env: db.env });
      expect(existsSync(template)).toBe(true);
      const file = join(dir, 'mlr.xlsx');
      await run('node', [CLI, 'catalogue', 'export', file, '--centre', 'MLR'], { env: db.env });
      const imported = await run('node', [CLI, 'catalogue', 'import', file], { env: db.env });
      expect(imported.stdout).toContain('imported: 12 rows, 0 created');
      expect(imported.stdout).toContain('12 unchanged');
      const bad = await run('node', [CLI, 'catalogue', 'import', file, '--centre', 'NOPE'], {
        env: db.env,
      }).catch((e: { code: number; stderr: string }) => e);
      expect(bad).toMatchObject({ code: 2 });
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
