import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any constant: serialises migrations when several server instances start at once on PostgreSQL.
const MIGRATION_LOCK = 73_110_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const text = readFileSync(MIGRATIONS_DIR + name, 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Applies pending migrations forward, each in its own transaction together with its bookkeeping row.
 * A changed checksum of an applied migration is an error: migrations are append-only.
 */
export async function migrate(database: Database): Promise<string[]> {
  const { db } = database;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
    db,
  );
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      const done = await sql<{ name: string; checksum: string }>`SELECT name, checksum FROM schema_migrations`
        .execute(conn)
        .then((r) => new Map(r.rows.map((row) => [row.name, row.checksum])));
      for (const m of listMigrations()) {
        const prior = done.get(m.name);
        if (prior !== undefined) {
          if (prior !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
          continue;
        }
        await database.runScript(
          `${m.sql}\n;INSERT INTO schema_migrations (name, checksum) VALUES ('${m.name}', '${m.checksum}');`,
          conn,
        );
        applied.push(m.name);
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
  return applied;
}

export async function pendingMigrations(database: Database): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('schema_migrations')::text AS t`.execute(
    database.db,
  );
  const names = listMigrations().map((m) => m.name);
  if (!exists.rows[0]?.t) return names;
  const done = await database.db
    .selectFrom('schema_migrations')
    .select('name')
    .execute()
    .then((rows) => new Set(rows.map((r) => r.name)));
  return names.filter((n) => !done.has(n));
}
