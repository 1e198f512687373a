/**
 * Supervision at province scale: seeds N cases as a bulk load (bulkLoad) with set-based INSERT … SELECT
 * generate_series (2% open: the latest intake, or spread over the whole history with --scattered; each open
 * case with one open step and its step clock; lights spread green/yellow/red/suspended), then
 * reports the scheduler tick per 1,000 crossings, the work list (GET /api/v1/tasks for a reviewer: the
 * first 50 and the first 500 of my tasks by deadline with the days left, and the office light counts), the
 * overdue summary and the dashboard (open cases by light per department).
 * PostgreSQL from DATABASE_URL or TEST_DATABASE_URL (a scratch database, dropped afterwards): 1M cases,
 * 10M with --big; otherwise PGlite with 100k.
 * Run: node bin/run-ts.js bench/supervision.bench.ts [--big] [--scattered] [cases]   (npm run bench:supervision)
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { computeClock, lightFor } from '../src/core/clock.ts';
import { nextCrossing } from '../src/core/supervision.ts';
import type { DatabaseKind } from '../src/db/database.ts';
import type { DB } from '../src/db/schema.ts';
import { uuidArray } from '../src/db/uuid-array.ts';
import { loadCalendar } from '../src/modules/calendar/calendar.loader.ts';
import { planOfClock, planTokens } from '../src/modules/clock/clock.plan.ts';
import { inputOf } from '../src/modules/clock/clock.service.ts';
import { myTasks } from '../src/modules/engine/task-ops.ts';
import { TIMER_HANDLERS } from '../src/modules/scheduler/handlers.ts';
import { runTick } from '../src/modules/scheduler/worker.ts';
import {
  cardsAndNotices,
  lightCounts,
  overdueRows,
  rebuildLightCounts,
} from '../src/modules/supervision/supervision.queries.ts';
import { ruleSetFor } from '../src/modules/supervision/supervision.rules.ts';
import { centreOf } from '../src/modules/supervision/supervision.subjects.ts';
import { createTestApp, staffPrincipal, type TestApp } from '../test/factories.ts';
import { seedIntakeItems } from '../test/fixtures/intake/intake-fixtures.ts';
import { nodeCpuMs, postgresCpuMs } from './cpu.ts';

const pgUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (pgUrl) process.env.TEST_DATABASE_URL = pgUrl;
const kind: DatabaseKind = pgUrl ? 'postgres' : 'pglite';
const big = process.argv.includes('--big');
const explain = process.argv.includes('--explain');
const scattered = process.argv.includes('--scattered');
const explicit = process.argv.slice(2).find((a) => /^\d+$/.test(a));
const N = explicit ? Number(explicit) : kind === 'postgres' ? (big ? 10_000_000 : 1_000_000) : 100_000;
const T0 = '2025-11-03T02:00:00Z'; // Mon 3 Nov 2025, 10:00 in Beijing

const ms = (t: number) => `${t.toFixed(2)} ms`;
function pct(samples: number[], q: number) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}
async function timeIt(runs: number, fn: (i: number) => Promise<unknown>) {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return { p50: pct(out, 0.5), p95: pct(out, 0.95) };
}

/** The tables the seed fills. */
const SEEDED = ['clocks', 'cases', 'case_tasks'];

/**
 * The seed is a bulk load, as restoring a hall's history would be (pg_restore does the same): on one
 * connection with triggers off (`session_replication_role = replica`; the rows are consistent by
 * construction, the light counts are rebuilt afterwards and each step's due instant is written with it),
 * every index and key of the filled tables dropped (with the foreign keys that lean on them), the rows
 * appended in intake order, then the keys and indexes built by sorting and the foreign keys added back
 * (which checks every row). Inserting 10M rows one by one into indexes keyed by random ids, with the
 * triggers on, took 34 to 146 minutes on this machine.
 */
async function bulkLoad(t: TestApp, load: (db: Kysely<DB>) => Promise<void>) {
  await t.deps.db.connection().execute(async (db) => {
    const tables = sql.join(SEEDED.map((name) => sql`${`public.${name}`}::regclass`));
    // foreign keys that reference the filled tables: dropped before their keys, added back after
    const { rows: references } = await sql<{ table: string; name: string; def: string }>`
      SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE contype = 'f' AND confrelid IN (${tables}) ORDER BY 1, 2`.execute(db);
    const { rows: indexes } = await sql<{
      table: string;
      name: string;
      def: string;
      constraint: string | null;
    }>`
      SELECT i.indrelid::regclass::text AS "table", x.relname AS name, pg_get_indexdef(i.indexrelid) AS def,
        (SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
          WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype <> 'f') AS "constraint"
      FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
      WHERE i.indrelid IN (${tables})
      ORDER BY i.indisprimary DESC, 1, 2`.execute(db);
    for (const f of references) await sql.raw(`ALTER TABLE ${f.table} DROP CONSTRAINT ${f.name}`).execute(db);
    for (const x of indexes)
      await sql
        .raw(x.constraint ? `ALTER TABLE ${x.table} DROP CONSTRAINT ${x.name}` : `DROP INDEX ${x.name}`)
        .execute(db);
    await sql`SET session_replication_role = replica`.execute(db);
    try {
      await load(db);
    } finally {
      await sql`RESET session_replication_role`.execute(db);
    }
    const b0 = performance.now();
    if (kind === 'postgres') await sql`SET maintenance_work_mem = '1GB'`.execute(db);
    for (const x of indexes)
      await sql
        .raw(x.constraint ? `ALTER TABLE ${x.table} ADD CONSTRAINT ${x.name} ${x.constraint}` : x.def)
        .execute(db);
    for (const f of references)
      await sql.raw(`ALTER TABLE ${f.table} ADD CONSTRAINT ${f.name} ${f.def}`).execute(db);
    if (kind === 'postgres') await sql`RESET maintenance_work_mem`.execute(db);
    console.log(
      `${indexes.length} indexes and keys of ${SEEDED.join(', ')} built and ${references.length} foreign keys checked after the load in ${((performance.now() - b0) / 1000).toFixed(1)} s`,
    );
  });
}

/** Days back from T0 the seeded clocks start (case i starts i % DAYS_BACK days before T0). */
const DAYS_BACK = 40;

/**
 * The due instant and date of a clock of `workingDays` started k days before T0 (k = 0 … DAYS_BACK - 1), and
 * its crossing plan, as the clock module computes them for the centre, as SQL array expressions indexed by
 * 1 + i % DAYS_BACK. Seeded clocks carry what the server would have stored; otherwise the sweep's first pass
 * over each clock would also correct its due instant (and the step's copy of it), which a light-only
 * crossing never does, and would recompute every clock instead of applying its plan.
 */
async function dueArrays(
  t: TestApp,
  v: { centreId: string; itemId: string },
  workingDays: number,
  subject: 'case' | 'step',
) {
  const db = t.deps.db;
  const centre = await centreOf(db, v.centreId);
  const calendar = await loadCalendar(db, v.centreId);
  const { set } = await ruleSetFor(db, v.centreId, v.itemId);
  const { rows } = await sql<{ started: Date }>`
    SELECT ${T0}::timestamptz - (k || ' days')::interval AS started
    FROM generate_series(0, ${DAYS_BACK - 1}) k ORDER BY k`.execute(db);
  const limit = { limit_value: workingDays, limit_unit: 'working_days' } as const;
  const noHistory = { suspensions: [], extensions: [] };
  const clocks = rows.map(({ started }) => {
    const input = inputOf({ started_at: started, ...limit }, centre, calendar, noHistory);
    const r = computeClock(input, started);
    if (r.dueAt == null || !r.dueDate) throw new Error('the calendar does not cover the seeded clocks');
    const clock = {
      subject_type: subject === 'step' ? 'task' : 'case',
      purpose: subject === 'step' ? 'step' : 'promised',
      status: 'running',
    };
    const plan = planOfClock(clock, input, started, set, r, nextCrossing(input, started, set, r));
    return { dueAt: r.dueAt, dueDate: r.dueDate, light: lightFor(r, set.thresholds), plan: planTokens(plan) };
  });
  // the light a clock is stored with when it starts: the same for every start day
  const startLight = clocks[0]!.light;
  if (clocks.some((c) => c.light !== startLight))
    throw new Error('seeded clocks start with different lights');
  // a value of each start day's clock as an SQL array indexed by the row's start day (plain tokens: dates,
  // ISO instants, words, uuids)
  const literal = (x: string | null) => (x === null ? 'NULL' : `'${x}'`);
  const pick = (value: (c: (typeof clocks)[number]) => string | null, type: string) =>
    `(ARRAY[${clocks.map((c) => literal(value(c))).join(',')}]::${type}[])[1 + i % ${DAYS_BACK}]`;
  const at = pick((c) => new Date(c.dueAt).toISOString(), 'timestamptz');
  const planColumns = [
    `string_to_array(${pick((c) => c.plan.at, 'text')}, '+')::timestamptz[]`,
    `string_to_array(${pick((c) => c.plan.light, 'text')}, '+', 'x')`,
    pick((c) => c.plan.cards, 'timestamptz'),
    pick((c) => c.plan.token, 'uuid'),
  ];
  return {
    at: sql.raw(at),
    date: sql.raw(pick((c) => c.dueDate, 'date')),
    atText: at,
    startLight,
    plans: clocks.map((c) => c.plan),
    // the plan's columns, in the order plan_at, plan_light, plan_cards_at, plan_token (none when `when`
    // does not hold: a stopped clock has no plan)
    plan: (when: string) => sql.raw(planColumns.map((x) => `CASE WHEN ${when} THEN ${x} END`).join(', ')),
  };
}

/** Set-based seed: clocks first (ids from md5 of the row number), then cases, steps and step clocks. */
async function seed(t: TestApp) {
  const fx = await seedIntakeItems(t.deps, 'B');
  const v = fx.simple;
  const offices = await t.deps.db
    .selectFrom('offices')
    .select('id')
    .where('department_id', '=', v.department.id)
    .execute();
  const officeList = sql.raw(`ARRAY[${offices.map((o) => `'${o.id}'::uuid`).join(',')}]`);
  const applicant = await t.deps.db
    .insertInto('applicants')
    .values({
      kind: 'natural_person',
      id_number: 'BENCH',
      name: '压测',
      created_at: new Date(T0),
      updated_at: new Date(T0),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // 2% open. Cases are inserted in intake order and a case stays open for weeks, so in a running hall the
  // open ones are the latest intake: the last 2% of the rows (their pages are the working set). --scattered
  // spreads them evenly over the whole history instead (one open case on nearly every page of cases): the
  // worst layout for the cache, kept for comparison.
  const open = scattered ? `(i % 50 = 0)` : `(i > ${N - Math.floor(N / 50)})`;
  // Red exactly when overdue at T0, as the server stores it; the others spread over green, yellow and
  // suspended (a red light on a clock that is not overdue, which the seed wrote before, cannot happen).
  const lightOf = (due: { atText: string }) =>
    sql.raw(`CASE WHEN ${due.atText} <= timestamptz '${T0}' THEN 'red'
     ELSE (ARRAY['green','green','green','green','green','green','yellow','yellow','yellow','suspended'])[1 + (i / 50) % 10] END`);
  const started = `timestamptz '${T0}' - ((i % ${DAYS_BACK}) || ' days')::interval`;
  const caseDue = await dueArrays(t, v, 10, 'case');
  const stepDue = await dueArrays(t, v, 5, 'step');
  const chunk = 1_000_000;
  await bulkLoad(t, async (db) => {
    for (let from = 1; from <= N; from += chunk) {
      const to = Math.min(N, from + chunk - 1);
      await sql`
        INSERT INTO clocks (id, centre_id, case_id, subject_type, subject_id, purpose, started_at, limit_value,
          limit_unit, status, stopped_at, due_date, due_at, light, updated_at, plan_at, plan_light,
          plan_cards_at, plan_token)
        SELECT md5('p' || i)::uuid, ${v.centreId}, md5('c' || i)::uuid, 'case', md5('c' || i)::uuid::text, 'promised', ${sql.raw(started)}, 10,
          'working_days', CASE WHEN ${sql.raw(open)} THEN 'running' ELSE 'stopped' END,
          CASE WHEN ${sql.raw(open)} THEN NULL ELSE ${sql.raw(started)} + interval '9 days' END,
          ${caseDue.date}, ${caseDue.at}, CASE WHEN ${sql.raw(open)} THEN ${lightOf(caseDue)} END, ${sql.raw(started)},
          ${caseDue.plan(open)}
        FROM generate_series(${from}::int, ${to}::int) i`.execute(db);
      await sql`
        INSERT INTO cases (id, centre_id, item_id, item_version_id, department_id, channel, applicant_id, status,
          case_number, query_code, received_at, accepted_at, completed_at, promised_clock_id, promised_due_date,
          created_at, updated_at)
        SELECT md5('c' || i)::uuid, ${v.centreId}, ${v.itemId}, ${v.id}, ${v.department.id}, 'window', ${applicant.id},
          CASE WHEN ${sql.raw(open)} THEN 'accepted' ELSE 'completed' END, 'B' || i, '000000',
          ${sql.raw(started)}, ${sql.raw(started)},
          CASE WHEN ${sql.raw(open)} THEN NULL ELSE ${sql.raw(started)} + interval '9 days' END,
          md5('p' || i)::uuid, ${caseDue.date}, ${sql.raw(started)}, ${sql.raw(started)}
        FROM generate_series(${from}::int, ${to}::int) i`.execute(db);
      await sql`
        INSERT INTO clocks (id, centre_id, case_id, subject_type, subject_id, purpose, started_at, limit_value,
          limit_unit, status, due_date, due_at, light, updated_at, plan_at, plan_light, plan_cards_at, plan_token)
        SELECT md5('s' || i)::uuid, ${v.centreId}, md5('c' || i)::uuid, 'task', md5('t' || i)::uuid::text, 'step', ${sql.raw(started)}, 5,
          'working_days', 'running', ${stepDue.date}, ${stepDue.at}, ${lightOf(stepDue)}, ${sql.raw(started)},
          ${stepDue.plan('true')}
        FROM generate_series(${from}::int, ${to}::int) i WHERE ${sql.raw(open)}`.execute(db);
      // due_at is the step clock's due instant (the trigger that copies it is off during the load)
      await sql`
        INSERT INTO case_tasks (id, case_id, step_id, step_name, assignee, role, department_id, office_id, status,
          created_at, clock_id, due_at)
        SELECT md5('t' || i)::uuid, md5('c' || i)::uuid, 'review', '审核', '承办处室', 'reviewer', ${v.department.id},
          (${officeList})[1 + i % ${offices.length}], 'open', ${sql.raw(started)}, md5('s' || i)::uuid,
          ${stepDue.at}
        FROM generate_series(${from}::int, ${to}::int) i WHERE ${sql.raw(open)}`.execute(db);
      process.stdout.write(`\rseeded ${to.toLocaleString()} cases`);
    }
    process.stdout.write('\n');
  });
  const db = t.deps.db;
  // A database in service is vacuumed as it goes; right after a bulk load every first read of a page would
  // also set its hint bits (a write), and autovacuum would start on the new tables in the middle of the ticks.
  await sql`VACUUM ANALYZE`.execute(db);
  return { v, offices: offices.map((o) => o.id), stepDue };
}

async function main() {
  const t = await createTestApp(kind, { start: T0 });
  // Interrupted (Ctrl-C, timeout): drop the scratch database WITH (FORCE), which also ends the server
  // backend still running a seeding statement — a killed client otherwise leaves it running for minutes
  // (closing the pool would wait for that statement).
  if (kind === 'postgres')
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, async () => {
        console.error(`\n${signal}: dropping the benchmark database`);
        // the pool's connections are ended by the drop: their errors are expected now
        for (const event of ['uncaughtException', 'unhandledRejection'] as const) process.on(event, () => {});
        const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(t.deps.db);
        const admin = new pg.Client({ connectionString: pgUrl });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${rows[0]!.db} WITH (FORCE)`);
        await admin.end();
        process.exit(130);
      });
  try {
    const s0 = performance.now();
    const { v, offices, stepDue } = await seed(t);
    console.log(
      `${kind}: ${N.toLocaleString()} cases (${(N / 50).toLocaleString()} open) seeded in ${((performance.now() - s0) / 1000).toFixed(1)} s`,
    );
    const db = t.deps.db;

    // Scheduler: 1,000 step clocks whose crossing is due now (light refreshes; red steps also get cards).
    const r0 = performance.now();
    await rebuildLightCounts(db);
    console.log(`light counts rebuilt from the open clocks in ${ms(performance.now() - r0)}`);

    // Each tick makes 1,000 running step clocks due now — a different set each time (ordered by a hash of
    // the id and the run), so no tick finds its rows already in the cache from the one before.
    let run = 0;
    // WAL a tick writes (PostgreSQL: the server's write position before and after; the bench is its only
    // writer)
    let walBytes = 0;
    const walNow = async () => {
      if (kind !== 'postgres') return 0;
      const { rows } = await sql<{ at: string }>`
        SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS at`.execute(db);
      return Number(rows[0]!.at);
    };
    // CPU per tick, this process and the PostgreSQL server: steadier than the tick's time on a shared
    // 2-core machine, and what bounds it (a tick keeps both cores busy)
    let nodeCpu = 0;
    let serverCpu: number | null = null;
    // Lights changed by the last tick (of the clocks it was given)
    let changed = 0;
    /**
     * Makes 1,000 running step clocks due (a different set each time: ordered by a hash of the id and the
     * run) — `set` says how — and runs one tick at T0.
     */
    const tick = async (label: string, where: string, set: string, batch = true, print = true) => {
      run++;
      const { rows: chosen } = await sql<{ id: string; light: string }>`
        UPDATE clocks c SET ${sql.raw(set)} WHERE id IN (
          SELECT id FROM clocks WHERE subject_type = 'task' AND status = 'running' AND ${sql.raw(where)}
          ORDER BY md5(id::text || ${String(run)}) LIMIT 1000)
        RETURNING id, light`.execute(db);
      const w0 = await walNow();
      const c0 = process.cpuUsage();
      const p0 = kind === 'postgres' ? postgresCpuMs() : null; // PGlite runs inside this process
      const t1 = performance.now();
      const r = await runTick(t.deps, TIMER_HANDLERS, { worker: 'bench', limit: 1000, batch });
      const took = performance.now() - t1;
      nodeCpu = nodeCpuMs(c0);
      const p1 = p0 === null ? null : postgresCpuMs();
      serverCpu = p0 === null || p1 === null ? null : p1 - p0;
      walBytes = (await walNow()) - w0;
      const before = new Map(chosen.map((c) => [c.id, c.light]));
      const { rows: after } = await sql<{ id: string; light: string }>`
        SELECT id, light FROM clocks WHERE id = ANY(${uuidArray(chosen.map((c) => c.id))})`.execute(db);
      changed = after.filter((c) => c.light !== before.get(c.id)).length;
      if (print || r.claimed !== 1000 || r.failed)
        console.log(
          `tick, 1,000 crossings (${label}${batch ? ', batched' : ', one transaction each'}): ${ms(took)} (claimed ${r.claimed}, failed ${r.failed}, lights changed ${changed})`,
        );
      return took;
    };
    // Light-only crossings as the server meets them: step clocks put back as they were stored when they
    // started (their light, plan and next crossing, from bench_step_plans) whose first crossing has come by
    // T0 and no card yet, so each tick turns a thousand lights yellow or red from their plans.
    await sql`CREATE TABLE bench_step_plans (started_at timestamptz PRIMARY KEY, plan_at timestamptz[],
      plan_light text[], plan_cards_at timestamptz, plan_token uuid)`.execute(db);
    for (const [k, p] of stepDue.plans.entries())
      await sql`INSERT INTO bench_step_plans VALUES (${T0}::timestamptz - ${`${k} days`}::interval,
        string_to_array(${p.at}, '+')::timestamptz[], string_to_array(${p.light}, '+', 'x'),
        ${p.cards}::timestamptz, ${p.token}::uuid)`.execute(db);
    const lightOnly = `started_at IN (SELECT started_at FROM bench_step_plans
      WHERE plan_at[1] <= timestamptz '${T0}' AND (plan_cards_at IS NULL OR plan_cards_at > timestamptz '${T0}'))`;
    const asStarted = `light = '${stepDue.startLight}', (next_crossing_at, plan_at, plan_light, plan_cards_at,
      plan_token) = (SELECT plan_at[1], plan_at, plan_light, plan_cards_at, plan_token FROM bench_step_plans p
      WHERE p.started_at = c.started_at)`;
    await tick('light changes only', lightOnly, asStarted, false);
    // The first batched ticks also warm the worker up (JIT); a running scheduler ticks every few seconds.
    const ticks: number[] = [];
    const wals: number[] = [];
    const nodeCpus: number[] = [];
    const serverCpus: number[] = [];
    for (let i = 0; i < 24; i++) {
      ticks.push(await tick('light changes only', lightOnly, asStarted, true, i < 3));
      wals.push(walBytes);
      nodeCpus.push(nodeCpu);
      if (serverCpu !== null) serverCpus.push(serverCpu);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `  light-change batched ticks (24): first ${ms(ticks[0]!)}, median ${ms(pct(ticks, 0.5))}, p90 ${ms(pct(ticks, 0.9))}, best ${ms(Math.min(...ticks))}, worst ${ms(Math.max(...ticks))}`,
    );
    if (kind === 'postgres')
      console.log(
        `  WAL written per light-change tick: median ${(pct(wals, 0.5) / 2 ** 20).toFixed(1)} MB, most ${(Math.max(...wals) / 2 ** 20).toFixed(1)} MB`,
      );
    console.log(
      `  CPU per light-change tick (mean of ticks 4–24): this process ${ms(mean(nodeCpus.slice(3)))}${serverCpus.length ? `, PostgreSQL server ${ms(mean(serverCpus.slice(3)))}` : ''}`,
    );
    // Crossings that give cards (recomputed in this process): red clocks past their plan's first card
    await tick(
      'with two cards and notices each',
      `light = 'red' AND plan_cards_at <= timestamptz '${T0}'`,
      `next_crossing_at = '${T0}'`,
    );

    if (explain) {
      const show = async (label: string, q: string) => {
        const { rows } = await sql
          .raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q}`)
          .execute(db);
        console.log(`--- ${label}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      };
      await show(
        'work list, the office way',
        `SELECT t.id, t.due_at, t.created_at FROM case_tasks t JOIN cases c ON c.id = t.case_id
         WHERE t.status IN ('open', 'claimed') AND c.archived_at IS NULL AND t.claimed_by IS NULL
           AND t.assignee_staff_id IS NULL AND t.office_id = '${offices[0]}'
         ORDER BY t.due_at, t.created_at LIMIT 50`,
      );
      await show(
        'overdue rows',
        `SELECT c.subject_type, k.id, k.case_number, v.name, d.name, o.name, c.due_at
         FROM clocks c
         LEFT JOIN LATERAL (SELECT * FROM case_tasks t WHERE c.subject_type = 'task'
           AND t.id = CASE WHEN c.subject_id ~ '^[0-9a-fA-F-]{36}$' THEN c.subject_id::uuid END OFFSET 0) t ON true
         JOIN LATERAL (SELECT * FROM cases k WHERE k.id = CASE WHEN c.subject_type = 'task' THEN t.case_id
                                     WHEN c.subject_id ~ '^[0-9a-fA-F-]{36}$' THEN c.subject_id::uuid END OFFSET 0) k
           ON true
         JOIN catalogue_item_versions v ON v.id = k.item_version_id
         JOIN departments d ON d.id = coalesce(t.department_id, k.department_id)
         LEFT JOIN offices o ON o.id = t.office_id
         WHERE c.subject_type IN ('case', 'task') AND c.status <> 'stopped' AND c.light = 'red'
           AND ((c.subject_type = 'case' AND c.purpose = 'promised' AND k.status = 'accepted')
             OR (c.subject_type = 'task' AND t.status IN ('open', 'claimed')))
           AND c.centre_id = '${v.centreId}' AND coalesce(t.department_id, k.department_id) = '${v.department.id}'
         ORDER BY c.due_at, c.id LIMIT 500`,
      );
      await show(
        'dashboard',
        `SELECT department_id, light, sum(n) FROM supervision_light_counts WHERE subject = 'case'
         AND centre_id = '${v.centreId}' GROUP BY 1, 2`,
      );
    }

    // The work list as the desk reads it (GET /api/v1/tasks): a reviewer of one office, the office's open
    // steps soonest due first with the working days left on each, and the department's step counts by
    // light per office beside it.
    const reviewer = (officeId: string) =>
      staffPrincipal({
        staffId: randomUUID(),
        roles: ['reviewer'],
        centreId: v.centreId,
        departmentId: v.department.id,
        officeId,
      });
    const perOffice = Math.round(N / 50 / offices.length).toLocaleString();
    for (const limit of [50, 500]) {
      const wl = await timeIt(200, (i) =>
        Promise.all([
          myTasks(db, reviewer(offices[i % offices.length]!), new Date(T0), { limit }),
          lightCounts(db, { centreId: v.centreId, departmentId: v.department.id }, 'office', 'task'),
        ]),
      );
      console.log(
        `work list (my tasks: first ${limit} by deadline with days left + light counts, an office of ${perOffice} open): p50 ${ms(wl.p50)}, p95 ${ms(wl.p95)}`,
      );
    }
    const od = await timeIt(50, async () => {
      const rows = await overdueRows(
        db,
        { centreId: v.centreId, departmentId: v.department.id },
        { limit: 500 },
      );
      await cardsAndNotices(db, [...new Set(rows.map((r) => r.caseId))]);
    });
    console.log(`overdue summary (first 500 rows, one department): p50 ${ms(od.p50)}, p95 ${ms(od.p95)}`);
    const odr = await timeIt(50, () =>
      overdueRows(db, { centreId: v.centreId, departmentId: v.department.id }, { limit: 500 }),
    );
    console.log(`  of which the 500 overdue rows alone: p50 ${ms(odr.p50)}, p95 ${ms(odr.p95)}`);
    const dbd = await timeIt(50, () =>
      lightCounts(db, { centreId: v.centreId, departmentId: v.department.id }, 'department', 'case'),
    );
    console.log(`dashboard (open cases by light, one department): p50 ${ms(dbd.p50)}, p95 ${ms(dbd.p95)}`);
    const dbc = await timeIt(20, () => lightCounts(db, { centreId: v.centreId }, 'item', 'case'));
    console.log(
      `dashboard (open cases by light per item, whole centre): p50 ${ms(dbc.p50)}, p95 ${ms(dbc.p95)}`,
    );
  } finally {
    await t.close();
  }
}

await main();
