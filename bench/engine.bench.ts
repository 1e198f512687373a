/**
 * Durable transitions per second of the approval engine (one transaction each: case row locked, task
 * version checked, pure advance, tasks and step clocks closed/opened, case event, action-log entry) at 8,
 * 32 and 64 concurrent clients, on PGlite and — with DATABASE_URL or TEST_DATABASE_URL — on PostgreSQL
 * (pool size ≥ clients), next to pgbench's built-in TPC-B-like script on the same server for the ratio.
 * Each client works its own cases (no case-lock contention between clients): a two-step loop where step b
 * returns the case to step a, so every completion is a real transition. To show what limits it, each level
 * also reports the round trips per transition (PostgreSQL: what went over the wire, deferred writes riding
 * with the next statement; PGlite: statements), the CPU per transition of this Node process and of the
 * local PostgreSQL server processes, and what the active backends were doing (pg_stat_activity sampled
 * every 50 ms: lock waits, and the commonest wait events, "CPU" when none). Beside pgbench's tps it prints
 * the server's CPU per pgbench transaction (the machine's busy time during the run less pgbench's own), and
 * beside the engine's the postgres-bound ceiling: cores ÷ the server's CPU per transition, the rate the
 * engine could not pass even if its Node side cost nothing. The server is reached by the
 * URL given: TCP (127.0.0.1) or, on the same host, a Unix socket (…?host=/var/run/postgresql), which
 * costs less per round trip; pgbench goes the same way.
 * Each client reads its case's open task once; after that the completion's answer names the next task, so
 * each of its round trips belongs to a transition. "node event loop busy" is the share of the wall time the
 * clients' event loop was not waiting: near 100% the Node side, waiting for a core, sets the pace.
 * Run: node bin/run-ts.js bench/engine.bench.ts [seconds per level]   (npm run bench:engine)
 * BENCH_ONLY=postgres|pglite measures one backend; BENCH_NO_PGBENCH=1 skips pgbench (e.g. for --cpu-prof);
 * BENCH_LEVELS=1,8 other client counts; BENCH_THREADS=2 runs the PostgreSQL clients in two worker threads,
 * each an engine with its own pool, as two server processes would be (on 2 cores it measured no faster
 * than one: the cores are full either way); BENCH_SQL runs SQL on the bench database after its seed, to
 * measure a what-if (e.g. "DROP TRIGGER …": what a trigger costs).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { type KyselyPlugin, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { chain, days, gateway, office, step } from '../src/core/process/build.ts';
import { ProcessDefinition } from '../src/core/process/definition.ts';
import type { DatabaseKind } from '../src/db/database.ts';
import { wire } from '../src/db/prepared.ts';
import { seedDemo } from '../src/db/seed/demo.ts';
import type { Principal } from '../src/modules/auth/principal.ts';
import { acceptCase, login, publishItem } from '../src/modules/engine/engine.testing.ts';
import { createApp } from '../src/server/app.ts';
import type { AppDeps } from '../src/server/context.ts';
import { ManualTime } from '../src/shared/time.ts';
import { createTestDatabase, databaseUrl } from '../test/db.ts';
import { makeClient, staffPrincipal, type TestApp } from '../test/factories.ts';
import { endedChildrenCpuMs, machineBusyMs, postgresCpuMs } from './cpu.ts';
import { client } from './engine.client.ts';
import type { WorkerDone, WorkerInit, WorkerRun } from './engine.worker.ts';

const SECONDS = Number(process.argv[2] ?? 5);
// BENCH_LEVELS=1,8 measures other client counts (e.g. one client, to read statement times undisturbed)
const LEVELS = (process.env.BENCH_LEVELS ?? '8,32,64').split(',').map(Number);
// BENCH_THREADS=N runs the PostgreSQL clients in N worker threads, each an engine with its own pool, as N
// server processes on one database would be; by default they run on this thread
const THREADS = Number(process.env.BENCH_THREADS ?? 0);
const pgUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (pgUrl) process.env.TEST_DATABASE_URL = pgUrl;

const LOOP = ProcessDefinition.parse({
  id: 'bench-loop',
  nodes: [
    gateway('start', 'start'),
    step('a', { name: '承办', kind: 'handle', assignee: office('CK'), limit: days(5) }),
    step('b', {
      name: '审核',
      kind: 'review',
      assignee: office('CK'),
      limit: days(3),
      actions: { returnTo: ['a'] },
    }),
    gateway('end', 'end'),
  ],
  edges: chain('start', 'a', 'b', 'end'),
});

/** Counts the statements the engine sends (PGlite: each one a round trip); BEGIN and COMMIT are added per transition. */
const statements = { n: 0 };
const counting: KyselyPlugin = {
  transformQuery: (args) => {
    statements.n++;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

async function setUp(kind: DatabaseKind, poolSize: number): Promise<TestApp> {
  const database = await createTestDatabase(kind, { poolSize });
  database.db = database.db.withPlugin(counting);
  const time = new ManualTime('2025-09-16T02:00:00Z');
  const deps: AppDeps = {
    database,
    db: database.db,
    time,
    config: loadConfig({}),
    logger: pino({ level: 'silent' }),
  };
  await seedDemo(deps);
  if (process.env.BENCH_SQL) await sql.raw(process.env.BENCH_SQL).execute(database.db);
  const app = createApp(deps);
  return {
    deps,
    app,
    time,
    anon: makeClient(app),
    loginAs: () => Promise.reject(new Error('unused')),
    close: () => database.close(),
  };
}

async function principalOf(t: TestApp, username: string): Promise<Principal> {
  const s = await t.deps.db
    .selectFrom('staff')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return staffPrincipal({
    staffId: s.id,
    username: s.username,
    displayName: s.display_name,
    roles: s.roles,
    centreId: s.centre_id,
    departmentId: s.department_id,
    officeId: s.office_id,
  });
}

/** Samples pg_stat_activity every 50 ms: backends waiting on a lock, active ones, and the commonest waits. */
async function sampleLocks(url: string, until: number) {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {}); // the database is dropped when a run fails; that run's own error is what matters
  await c.connect();
  let samples = 0;
  let waiting = 0;
  let active = 0;
  const waits = new Map<string, number>();
  try {
    while (performance.now() < until) {
      const { rows } = await c.query<{ state: string | null; ev: string | null }>(
        `SELECT state, wait_event_type || ':' || wait_event AS ev
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      samples++;
      for (const r of rows) {
        if (r.state !== 'active') continue;
        active++;
        if (r.ev?.startsWith('Lock:')) waiting++;
        const key = r.ev ?? 'CPU';
        waits.set(key, (waits.get(key) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await c.end();
  }
  if (!samples) return null;
  const top = [...waits]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, n]) => `${k} ${(n / samples).toFixed(1)}`)
    .join(', ');
  return { waitingOnLock: waiting / samples, active: active / samples, top };
}

interface Level {
  clients: number;
  /** Node threads running the clients, each an engine with its own pool (PostgreSQL: THREADS). */
  threads: number;
  tps: number;
  statements: number;
  nodeMs: number;
  /** Share of the wall time this process's event loop was busy (not waiting for I/O). */
  loopBusy: number;
  pgMs: number | null;
  walKb: number | null;
  locks: string;
}

/** Worker threads of an engine on PostgreSQL (engine.worker.ts), each with its own pool. */
async function startWorkers(url: string, poolSize: number, now: string): Promise<Worker[]> {
  const workers = Array.from(
    { length: THREADS },
    () =>
      new Worker(new URL('./worker-entry.js', import.meta.url), {
        workerData: {
          module: new URL('./engine.worker.ts', import.meta.url).href,
          url,
          poolSize,
          now,
        } satisfies WorkerInit,
      }),
  );
  await Promise.all(workers.map((w) => reply<'ready'>(w)));
  return workers;
}

function reply<T>(w: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    w.once('error', onError);
    w.once('message', (m: T | { error: string }) => {
      w.off('error', onError);
      if (m && typeof m === 'object' && 'error' in m) reject(new Error(m.error));
      else resolve(m as T);
    });
  });
}

/** Runs `clients` clients for SECONDS, spread over the worker threads (PostgreSQL) or on this thread. */
async function runLevel(
  t: TestApp,
  workers: Worker[] | null,
  p: Principal,
  cases: string[],
): Promise<{ transitions: number; roundTrips: number | null; loopBusy: number }> {
  if (!workers) {
    const loop = performance.eventLoopUtilization();
    const trips = wire.roundTrips;
    const until = performance.now() + SECONDS * 1000;
    const counts = await Promise.all(cases.map((id) => client(t.deps, p, id, until)));
    return {
      transitions: counts.reduce((a, b) => a + b, 0),
      // PGlite sends nothing over a wire
      roundTrips: t.deps.database.kind === 'postgres' ? wire.roundTrips - trips : null,
      loopBusy: performance.eventLoopUtilization(loop).utilization,
    };
  }
  const done = await Promise.all(
    workers.map((w, i) => {
      const answer = reply<WorkerDone>(w);
      w.postMessage({
        cases: cases.filter((_, j) => j % workers.length === i),
        principal: p,
        ms: SECONDS * 1000,
      } satisfies WorkerRun);
      return answer;
    }),
  );
  return {
    transitions: done.reduce((a, d) => a + d.transitions, 0),
    roundTrips: done.reduce((a, d) => a + d.roundTrips, 0),
    loopBusy: done.reduce((a, d) => a + d.loopBusy, 0) / done.length,
  };
}

async function measure(kind: DatabaseKind): Promise<Level[]> {
  const max = Math.max(...LEVELS);
  const inWorkers = kind === 'postgres' && THREADS > 0;
  const t = await setUp(kind, inWorkers ? 4 : max + 6);
  const out: Level[] = [];
  let workers: Worker[] | null = null;
  try {
    const item = await publishItem(t, 'MLR', 'KCKF', 'BENCH', LOOP);
    const clerk = await login(t, 'clerk');
    const p = await principalOf(t, 'reviewer');
    const cases: string[] = [];
    for (let i = 0; i < max; i++) cases.push((await acceptCase(t, clerk, item)).id);
    const dbUrl = kind === 'postgres' ? await databaseUrl(t.deps.db) : null;
    if (dbUrl && inWorkers)
      workers = await startWorkers(dbUrl, Math.ceil(max / THREADS) + 2, t.time.now().toISOString());
    for (const clients of LEVELS) {
      const start = performance.now();
      const statementsBefore = statements.n;
      const cpuBefore = process.cpuUsage();
      const pgBefore = kind === 'postgres' ? postgresCpuMs() : null;
      const walBefore = kind === 'postgres' ? await walLsn(t) : null;
      const [run, locks] = await Promise.all([
        runLevel(t, workers, p, cases.slice(0, clients)),
        dbUrl ? sampleLocks(dbUrl, start + SECONDS * 1000) : Promise.resolve(null),
      ]);
      const total = run.transitions;
      const cpu = process.cpuUsage(cpuBefore);
      const pgAfter = kind === 'postgres' ? postgresCpuMs() : null;
      const walBytes = walBefore === null ? null : (await walLsn(t)) - walBefore;
      const tps = (total * 1000) / (performance.now() - start);
      out.push({
        clients,
        threads: workers ? workers.length : 0,
        tps,
        // PostgreSQL: what went over the wire (deferred writes and BEGIN travel with the next statement);
        // PGlite (in-process, nothing deferred): the statements + BEGIN and COMMIT of each transition
        statements:
          run.roundTrips !== null ? run.roundTrips / total : (statements.n - statementsBefore) / total + 2,
        nodeMs: (cpu.user + cpu.system) / 1000 / total,
        loopBusy: run.loopBusy,
        pgMs: pgBefore !== null && pgAfter !== null ? (pgAfter - pgBefore) / total : null,
        walKb: walBytes === null ? null : walBytes / 1024 / total,
        locks: locks
          ? `${locks.waitingOnLock.toFixed(1)} of ${locks.active.toFixed(1)} active waiting on a lock; ${locks.top}`
          : '',
      });
    }
  } finally {
    if (workers)
      await Promise.all(
        workers.map((w) => {
          w.postMessage('close');
          return once(w, 'exit');
        }),
      );
    await t.close();
  }
  return out;
}

/** The server's WAL insert position in bytes (WAL written between two readings, the whole server's). */
async function walLsn(t: TestApp): Promise<number> {
  const { rows } = await sql<{ b: string }>`SELECT (pg_current_wal_lsn() - '0/0')::text AS b`.execute(
    t.deps.db,
  );
  return Number(rows[0]!.b);
}

interface Pgbench {
  tps: number;
  /**
   * CPU the server spent per pgbench transaction: the machine's busy time during the run less pgbench's
   * own (this process waits meanwhile); other idle services add a little noise.
   */
  pgMs: number | null;
}

function pgbench(clients: number, url: string): Pgbench {
  const busyBefore = machineBusyMs();
  const childBefore = endedChildrenCpuMs();
  const out = execFileSync('pgbench', ['-c', String(clients), '-j', '2', '-T', '10', '-n', url], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const busyAfter = machineBusyMs();
  const childAfter = endedChildrenCpuMs();
  const tps = /tps = ([\d.]+)/.exec(out);
  const done = /number of transactions actually processed: (\d+)/.exec(out);
  const known = busyBefore !== null && busyAfter !== null && childBefore !== null && childAfter !== null;
  return {
    tps: tps ? Number(tps[1]) : Number.NaN,
    pgMs:
      known && done && Number(done[1]) > 0
        ? (busyAfter - busyBefore - (childAfter - childBefore)) / Number(done[1])
        : null,
  };
}

async function withScratch<T>(fn: (url: string) => Promise<T> | T): Promise<T> {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const name = `ow_pgbench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl!);
  url.pathname = `/${name}`;
  try {
    execFileSync('pgbench', ['-i', '-s', '1', '-q', url.toString()], { stdio: 'ignore' });
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const rows: string[][] = [];
const cores = cpus().length;
const cells = (backend: string, r: Level, b?: Pgbench) => [
  backend,
  String(r.clients),
  r.threads ? String(r.threads) : 'main',
  r.tps.toFixed(0),
  b === undefined ? '' : b.tps.toFixed(0),
  b === undefined ? '' : (r.tps / b.tps).toFixed(2),
  r.statements.toFixed(1),
  r.nodeMs.toFixed(2),
  `${(r.loopBusy * 100).toFixed(0)}%`,
  r.pgMs === null ? '' : r.pgMs.toFixed(2),
  b?.pgMs == null ? '' : b.pgMs.toFixed(2),
  // what the server's own work per transition allows if nothing else used the cores
  r.pgMs === null ? '' : ((cores * 1000) / r.pgMs).toFixed(0),
  r.walKb === null ? '' : r.walKb.toFixed(1),
  r.locks,
];
// BENCH_ONLY=postgres or =pglite measures one backend; BENCH_NO_PGBENCH=1 skips pgbench (for profiling)
const only = process.env.BENCH_ONLY;
if (only !== 'postgres') for (const r of await measure('pglite')) rows.push(cells('pglite', r));
if (pgUrl && only !== 'pglite') {
  const engine = await measure('postgres');
  const bench = process.env.BENCH_NO_PGBENCH
    ? LEVELS.map(() => ({ tps: Number.NaN, pgMs: null }))
    : await withScratch((url) => LEVELS.map((c) => pgbench(c, url)));
  engine.forEach((r, i) => {
    rows.push(cells('postgres', r, bench[i]!));
  });
} else console.log('postgres: skipped (set DATABASE_URL or TEST_DATABASE_URL to measure it)');

const head = [
  'backend',
  'clients',
  'node threads',
  'transitions/s',
  'pgbench tps',
  'ratio',
  'round trips/transition',
  'node CPU ms/transition',
  'node event loop busy',
  'postgres CPU ms/transition',
  'pgbench: postgres CPU ms/transaction',
  'postgres-bound ceiling transitions/s',
  'WAL KB/transition',
  'active backends (sampled): lock waits; top waits',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(
  `\nengine transitions (${SECONDS} s per level; pgbench -T 10, TPC-B-like, scale 1; ${cores} cores)`,
);
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log(
  'round trips count BEGIN and COMMIT; CPU is per transition, so node + postgres ms × transitions/s ÷ 1000 is the cores in use;',
);
console.log(
  `the postgres-bound ceiling is ${cores} cores ÷ postgres CPU per transition: the rate if the server had every core and the engine's Node side cost nothing`,
);
