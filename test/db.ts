import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { type Database, type DatabaseKind, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';

/** The backends every database test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const BACKENDS: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database: an in-memory PGlite, or a new PostgreSQL database on the test server that is
 * dropped again on close. Migrated unless `migrated: false`.
 */
export async function createTestDatabase(
  kind: DatabaseKind,
  opts: { migrated?: boolean; poolSize?: number } = {},
): Promise<Database> {
  let database: Database;
  if (kind === 'pglite') database = await openDatabase({ kind: 'pglite-memory' });
  else {
    const name = `ow_test_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const inner = await openDatabase({
      kind: 'postgres',
      url: url.toString(),
      poolSize: opts.poolSize ?? 10,
    });
    database = {
      ...inner,
      close: async () => {
        await inner.close();
        await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }
  if (opts.migrated !== false) await migrate(database);
  return database;
}

/** The URL of the PostgreSQL test database `db` is connected to (TEST_DATABASE_URL with its name). */
export async function databaseUrl<D>(db: Kysely<D>): Promise<string> {
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(db);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${rows[0]!.name}`;
  return url.toString();
}
