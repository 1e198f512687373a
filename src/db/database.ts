import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PreparingClient } from './prepared.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  /** Human-readable location, never containing a password. */
  location: string;
  /** Runs a multi-statement SQL script without parameters as one implicit transaction (migrations). */
  runScript(script: string, conn: Kysely<DB>): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number; onIdleError?: (err: Error) => void }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory' };

// One parsing rule for both drivers: int8 → number (our counters stay far below 2^53), numeric → string
// (money and rates keep their exact decimal text), date → 'YYYY-MM-DD' string (never shifted by the
// machine's time zone). timestamptz stays a JS Date on both.
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const parseInt8 = (v: string) => Number.parseInt(v, 10);
const keepText = (v: string) => v;

pg.types.setTypeParser(OID.int8, parseInt8);
pg.types.setTypeParser(OID.numeric, keepText);
pg.types.setTypeParser(OID.date, keepText);

export const pgliteParsers = { [OID.int8]: parseInt8, [OID.numeric]: keepText, [OID.date]: keepText };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by process ${pid} (probably the running server). ` +
        'Stop it first, or do this through the server API. / 嵌入式数据库正被进程占用，请先停止服务。',
    );
  }
}

/** Redacts the password of a connection URL for logs. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one connection inside one process: two processes on one data directory corrupt it.
 * A lock file with the owner's pid keeps a second process out; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dataDir, '.onewindow.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isFinite(pid) && pid !== process.pid && isAlive(pid))
        throw new DataDirLockedError(dataDir, pid);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      Client: PreparingClient,
    });
    // An idle connection can die (server restart, a DBA terminating it): the pool replaces it on the next
    // checkout. Without a listener that 'error' event would crash the process.
    pool.on('error', (err) => target.onIdleError?.(err));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'postgres',
      db,
      location: describeUrl(target.url),
      // pg sends a query without parameters over the simple protocol, which accepts several statements.
      runScript: async (script, conn) => void (await sql.raw(script).execute(conn)),
      close: () => db.destroy(),
    };
  }
  let unlock = () => {};
  let pglite: PGlite;
  let location = 'memory';
  if (target.kind === 'pglite') {
    const dir = resolve(target.dataDir);
    mkdirSync(dir, { recursive: true });
    unlock = lockDataDir(dir);
    location = dir;
    try {
      pglite = await PGlite.create(join(dir, 'pgdata'), { parsers: pgliteParsers });
    } catch (e) {
      unlock();
      throw e;
    }
  } else {
    pglite = await PGlite.create({ parsers: pgliteParsers });
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    kind: 'pglite',
    db,
    location,
    // PGlite's query() is the extended protocol (one statement); exec() is the simple one.
    runScript: async (script) => void (await pglite.exec(script)),
    close: async () => {
      await db.destroy();
      unlock();
    },
  };
}
