import {
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type RawBuilder,
  sql,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/db.ts';
import { createTestApp, type TestApp } from '../../../test/factories.ts';
import { seedIntakeItems } from '../../../test/fixtures/intake/intake-fixtures.ts';
import { DEFAULT_RULE_SET, type Rule } from '../../core/supervision.ts';
import type { DB } from '../../db/schema.ts';
import { verifyActionLog } from '../audit/audit.verify.ts';
import { type CardWant, issueCards, issueCardsBatch } from './supervision.cards.ts';
import { ESCALATION_TIMER } from './supervision.notices.ts';
import { ruleSetFor } from './supervision.rules.ts';
import { caseSubject, taskSubject } from './supervision.subjects.ts';
import { type BuiltCase, buildCase, demoOrg, type Org } from './supervision.testing.ts';

type Db = Kysely<DB>;
const bj = (local: string) => new Date(`${local}+08:00`);
const NOW = bj('2025-10-20T09:00:00'); // a Monday: the notices are due Wednesday (Tuesday at the centre level)
const rule = (id: string) => DEFAULT_RULE_SET.rules.find((r) => r.id === id)!;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Counts the statements run through a Kysely instance. */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
}

/** Cases with open steps across two departments and their offices (one step without an office). */
async function build(t: TestApp) {
  const fx = await seedIntakeItems(t.deps, 'C');
  const org = await demoOrg(t.deps.db, fx.simple.id);
  const ys = await t.deps.db
    .selectFrom('offices as o')
    .innerJoin('departments as d', 'd.id', 'o.department_id')
    .select(['o.id', 'o.department_id'])
    .where('d.centre_id', '=', org.centreId)
    .where('d.code', '=', 'GDBH')
    .where('o.code', '=', 'YS')
    .executeTakeFirstOrThrow();
  const built = new Map<string, BuiltCase>();
  await t.deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < 6; i++) {
      const b = await buildCase(trx, org, {
        at: bj('2025-10-09T10:00:00'),
        promisedDays: 2,
        stepDays: i === 4 ? undefined : 1,
        number: `C${i}`,
      });
      built.set(`C${i}`, b);
    }
    // C1's step sits at 用地预审处 (耕地保护司), C2's at 耕地保护司 with no office.
    await trx
      .updateTable('case_tasks')
      .set({ department_id: ys.department_id, office_id: ys.id })
      .where('id', '=', built.get('C1')!.taskId!)
      .execute();
    await trx
      .updateTable('case_tasks')
      .set({ department_id: ys.department_id, office_id: null })
      .where('id', '=', built.get('C2')!.taskId!)
      .execute();
    // C0's step already has its yellow card.
    const [w] = await wantsOf(trx, org, built, [['C0', 'task', ['step-late-1']]]);
    await issueCards(trx, w!.subject, w!.rules, w!.inForce, bj('2025-10-13T09:00:00'), {
      clockId: w!.clockId,
      facts: w!.facts,
    });
  });
  return { org, built };
}

type WantSpec = [number: string, kind: 'case' | 'task', rules: string[], centreLevel?: boolean];

/** What a crossing batch would pass: subject, rules, rule set in force, clock and facts. */
async function wantsOf(db: Db, org: Org, built: Map<string, BuiltCase>, specs: WantSpec[]) {
  const inForce = await ruleSetFor(db, org.centreId, org.itemId);
  const out: CardWant[] = [];
  for (const [i, [number, kind, rules, centreLevel]] of specs.entries()) {
    const b = built.get(number)!;
    const subject = kind === 'case' ? await caseSubject(db, b.caseId) : await taskSubject(db, b.taskId!);
    const clockId = kind === 'case' ? b.promisedClockId : b.taskClockId!;
    const clock = await db
      .selectFrom('clocks')
      .selectAll()
      .where('id', '=', clockId)
      .executeTakeFirstOrThrow();
    out.push({
      subject: subject!,
      rules: rules.map(rule) as Rule[],
      inForce: centreLevel
        ? {
            version: 0,
            itemId: null,
            set: { ...inForce.set, escalation: ['centre'], replyWithinWorkingDays: 1 },
          }
        : inForce,
      clockId,
      facts: {
        dueAt: clock.due_at?.toISOString() ?? null,
        overdueWorkingDays: 3 + i,
        note: `want ${i} 「引号" \\ 😀」`,
      },
    });
  }
  return out;
}

const SPECS: WantSpec[] = [
  ['C0', 'task', ['step-late-1', 'step-late-3']], // the first already given
  ['C1', 'task', ['step-late-1', 'step-late-3']],
  ['C2', 'task', ['step-late-1']],
  ['C0', 'case', ['case-yellow', 'case-red']],
  ['C3', 'task', ['step-late-1']],
  ['C4', 'case', ['case-yellow']],
  ['C1', 'task', ['step-late-1']], // wanted twice: the first want's card (and facts) stand
  ['C3', 'case', ['case-red']],
  ['C5', 'case', ['case-red'], true], // a rule set whose chain starts at the centre
  ['C0', 'case', ['case-yellow']],
];

/** Stable names for the ids of one database, so that two databases compare. */
async function names(db: Db): Promise<Map<string, string>> {
  const { rows } = await sql<{ id: string; name: string }>`
    SELECT id::text, 'case ' || case_number AS name FROM cases
    UNION ALL
    SELECT t.id::text, 'task ' || k.case_number FROM case_tasks t JOIN cases k ON k.id = t.case_id
    UNION ALL
    SELECT c.id::text, 'clock ' || k.case_number || ' ' || c.purpose FROM clocks c
      LEFT JOIN case_tasks t ON c.subject_type = 'task' AND t.id::text = c.subject_id
      JOIN cases k ON k.id::text = coalesce(t.case_id::text, c.subject_id)
    UNION ALL
    SELECT s.id::text, 'card ' || k.case_number || ' ' || s.subject_type || ' ' || s.rule_id
      FROM supervision_cards s JOIN cases k ON k.id = s.case_id
    UNION ALL
    SELECT n.id::text, 'notice ' || k.case_number || ' ' || n.subject_type || ' ' || n.rule_id
      FROM supervision_notices n JOIN cases k ON k.id = n.case_id
    UNION ALL
    SELECT id::text, 'staff ' || username FROM staff
    UNION ALL
    SELECT c.id::text, 'centre ' || c.code FROM centres c
    UNION ALL
    SELECT d.id::text, 'department ' || c.code || '/' || d.code FROM departments d JOIN centres c ON c.id = d.centre_id
    UNION ALL
    SELECT o.id::text, 'office ' || d.code || '/' || o.code FROM offices o JOIN departments d ON d.id = o.department_id`.execute(
    db,
  );
  const map = new Map(rows.map((r) => [r.id, r.name]));
  expect(map.size).toBe(rows.length);
  return map;
}

function named(value: unknown, map: Map<string, string>): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value.replace(UUID, (id) => map.get(id) ?? `unknown ${id}`);
  if (Array.isArray(value)) return value.map((v) => named(v, map));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, named(v, map)]));
  return value;
}

/** Everything a card changes, with ids named; rows whose order does not matter are sorted. */
async function snapshot(db: Db, logAfter: number) {
  const map = await names(db);
  const rows = async (q: RawBuilder<unknown>, sorted = true) => {
    const out = named((await q.execute(db)).rows, map) as Record<string, unknown>[];
    return sorted ? out.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : out;
  };
  // Each case's history in seq order; the ids follow the same order (consumers read by id).
  const { rows: misordered } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM case_events a JOIN case_events b
      ON a.case_id = b.case_id AND a.seq < b.seq AND a.id > b.id`.execute(db);
  expect(misordered[0]!.n).toBe(0);
  return {
    cards: await rows(sql`SELECT * FROM supervision_cards`),
    events: await rows(
      sql`SELECT k.case_number, e.seq, e.type, e.at, e.actor_id, e.actor_name, e.actor_kind, e.public, e.payload
          FROM case_events e JOIN cases k ON k.id = e.case_id ORDER BY k.case_number, e.seq`,
      false,
    ),
    notices: await rows(sql`SELECT * FROM supervision_notices`),
    timers: await rows(
      sql`SELECT kind, key, due_at, payload, locked_until, locked_by, attempts, last_error, done_at, created_at
          FROM timers WHERE kind = ${ESCALATION_TIMER}`,
    ),
    notifications: await rows(
      sql`SELECT recipient_id, channel, kind, title, body, payload, dedupe_key, status, attempts, last_error,
                 created_at, delivered_at, read_at FROM notifications`,
    ),
    log: await rows(
      sql`SELECT at, actor_id, actor_name, actor_roles, department_id, action, target_type, target_id, payload, ip
          FROM action_log WHERE seq > ${logAfter} ORDER BY seq`,
      false,
    ),
  };
}

const lockCases = (trx: Db, wants: CardWant[]) =>
  sql`SELECT id FROM cases WHERE id = ANY(${[...new Set(wants.map((w) => w.subject.caseId))].sort()}::uuid[])
      ORDER BY id FOR UPDATE`.execute(trx);

const logHead = async (db: Db) =>
  Number(
    (await sql<{ seq: number }>`SELECT coalesce(max(seq), 0) AS seq FROM action_log`.execute(db)).rows[0]!
      .seq,
  );

describe.each(BACKENDS)('cards for a batch of crossings on %s', (backend) => {
  // The same cases in two databases: one gets its cards one want at a time, the other in one batch.
  const apps: TestApp[] = [];
  const wants: CardWant[][] = [];
  const heads: number[] = [];

  beforeAll(async () => {
    for (let a = 0; a < 2; a++) {
      const t = await createTestApp(backend, { start: '2025-10-09T02:00:00Z' });
      apps.push(t);
      const { org, built } = await build(t);
      wants.push(await wantsOf(t.deps.db, org, built, SPECS));
      heads.push(await logHead(t.deps.db));
    }
  }, 300_000);
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('gives the same cards, history, notices, timers, messages and log entries as issueCards one by one', async () => {
    const [one, many] = [apps[0]!.deps.db, apps[1]!.deps.db];
    const given = await one.transaction().execute(async (trx) => {
      await lockCases(trx, wants[0]!);
      let n = 0;
      for (const w of wants[0]!)
        n += (
          await issueCards(trx, w.subject, w.rules, w.inForce, NOW, { clockId: w.clockId, facts: w.facts })
        ).length;
      return n;
    });
    const counter = new StatementCounter();
    const batched = await many.transaction().execute(async (trx) => {
      await lockCases(trx, wants[1]!);
      return issueCardsBatch(trx.withPlugin(counter), wants[1]!, NOW);
    });
    // 13 rules wanted: one card given before, two wanted twice.
    expect(given).toBe(10);
    expect(batched).toBe(10);
    expect(counter.count).toBeLessThanOrEqual(12);

    const expected = await snapshot(one, heads[0]!);
    const actual = await snapshot(many, heads[1]!);
    expect(actual).toEqual(expected);

    // What the comparison covers: cards of both kinds of subject, each level, messages to each branch.
    expect(actual.cards).toHaveLength(11);
    expect(new Set(actual.notices.map((n) => n.level))).toEqual(new Set(['office', 'department', 'centre']));
    expect(actual.timers).toHaveLength(11);
    expect(new Set(actual.notifications.map((n) => n.recipient_id))).toEqual(
      new Set(['staff reviewer', 'staff reviewer2', 'staff leader', 'staff supervisor']),
    );
    expect(actual.log.filter((e) => e.action === 'supervision.card')).toHaveLength(10);
    const c1 = actual.events.filter((e) => e.case_number === 'C1' && e.type === 'supervision_card');
    expect(c1.map((e) => (e.payload as { note: string }).note)).toEqual([
      'want 1 「引号" \\ 😀」',
      'want 1 「引号" \\ 😀」',
    ]);
    // C0: received, accepted, the earlier card and notice, then four events per want in the wants' order.
    const c0 = actual.events.filter((e) => e.case_number === 'C0');
    expect(c0.map((e) => [e.seq, e.type, (e.payload as { ruleId?: string }).ruleId ?? null])).toEqual([
      [1, 'received', null],
      [2, 'accepted', null],
      [3, 'supervision_card', 'step-late-1'],
      [4, 'supervision_notice_issued', 'step-late-1'],
      [5, 'supervision_card', 'step-late-3'],
      [6, 'supervision_notice_issued', 'step-late-3'],
      [7, 'supervision_card', 'case-yellow'],
      [8, 'supervision_notice_issued', 'case-yellow'],
      [9, 'supervision_card', 'case-red'],
      [10, 'supervision_notice_issued', 'case-red'],
    ]);
    // The reply deadline in the centre's local time, not an ISO instant.
    const centre = await many
      .selectFrom('centres')
      .select('office_close')
      .where('code', '=', 'MLR')
      .executeTakeFirstOrThrow();
    const close = centre.office_close.slice(0, 5);
    for (const n of actual.notifications.filter((m) => m.created_at === NOW.toISOString())) {
      const due = (n.payload as { level: string }).level === 'centre' ? '2025-10-21' : '2025-10-22';
      expect(n.body).toContain(`（请于 ${due} ${close} 前回复）`);
    }
    expect(actual.notifications.find((n) => n.recipient_id === 'staff leader')!.body).toMatch(/^C\d /);

    for (const db of [one, many]) expect(await verifyActionLog(db)).toMatchObject({ ok: true });
  }, 120_000);

  it('gives nothing new for the same wants a second time', async () => {
    const db = apps[1]!.deps.db;
    const before = await snapshot(db, heads[1]!);
    const again = await db.transaction().execute(async (trx) => {
      await lockCases(trx, wants[1]!);
      return issueCardsBatch(trx, wants[1]!, bj('2025-10-21T09:00:00'));
    });
    expect(again).toBe(0);
    expect(await snapshot(db, heads[1]!)).toEqual(before);
    expect(await db.transaction().execute((trx) => issueCardsBatch(trx, [], NOW))).toBe(0);
  });
});
