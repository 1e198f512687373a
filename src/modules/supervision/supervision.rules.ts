// The rule set in force for a centre (or one of its items): versioned rows, the defaults without any.
import { z } from '@hono/zod-openapi';
import { type Expression, type Kysely, sql } from 'kysely';
import { DEFAULT_RULE_SET, type RuleSet } from '../../core/supervision.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB>;

const Card = z.enum(['yellow', 'red']);
const Rule = z.discriminatedUnion('when', [
  z.object({
    id: z.string().min(1).max(40),
    card: Card,
    subject: z.literal('case'),
    when: z.literal('light'),
    light: z.enum(['yellow', 'red']),
  }),
  z.object({
    id: z.string().min(1).max(40),
    card: Card,
    subject: z.enum(['case', 'step']),
    when: z.literal('overdue'),
    minWorkingDays: z.number().int().min(0).max(60),
  }),
  z.object({
    id: z.string().min(1).max(40),
    card: Card,
    subject: z.literal('case'),
    when: z.literal('refused_without_reasons'),
  }),
  z.object({
    id: z.string().min(1).max(40),
    card: Card,
    subject: z.literal('case'),
    when: z.literal('late_correction_notice'),
    afterWorkingDays: z.number().int().min(0).max(60),
  }),
]);

export const RuleSetSchema = z
  .object({
    thresholds: z.object({
      yellowRemainingWorkingDays: z.number().int().min(0).max(30),
      yellowUsedRatio: z.number().gt(0).max(1),
    }),
    rules: z.array(Rule).max(50),
    replyWithinWorkingDays: z.number().int().min(1).max(30),
    escalation: z
      .array(z.enum(['office', 'department', 'centre']))
      .min(1)
      .max(3),
    remindBeforeWorkingDays: z.array(z.number().int().min(1).max(30)).max(5),
  })
  .refine((s) => new Set(s.rules.map((r) => r.id)).size === s.rules.length, {
    message: 'rule ids must be unique',
    path: ['rules'],
  })
  .openapi('SupervisionRuleSet');

export interface RuleSetInForce {
  /** 0 = the built-in DEFAULT_RULE_SET. */
  version: number;
  itemId: string | null;
  set: RuleSet;
}

/**
 * Rule sets a transaction has already read (ruleSetInForceJson) and will not change: the engine reads the
 * case's with the task it completes, so opening the next step's clock needs no round trip of its own.
 */
const known = new WeakMap<object, Map<string, RuleSetInForce>>();
const keyOf = (centreId: string, itemId: string | null) => `${centreId}/${itemId ?? ''}`;

/**
 * For a statement of `trx`: ruleSetFor's answer as one JSON column (null when only the defaults apply); the
 * centre and item are values or columns of the statement (sql.ref).
 */
export const ruleSetInForceJson = (
  centreId: string | Expression<string>,
  itemId: string | null | Expression<string | null>,
) => sql<{
  version: number;
  item_id: string | null;
  rule_set: RuleSet;
} | null>`(SELECT json_build_object('version', version, 'item_id', item_id, 'rule_set', rule_set)
     FROM supervision_rule_sets
    WHERE centre_id = ${centreId} AND (item_id IS NULL OR item_id = ${itemId})
    ORDER BY item_id IS NULL, version DESC LIMIT 1)`;

/** Keeps what ruleSetInForceJson read for the rest of `trx` (whose statements then need not read it again). */
export function rememberRuleSet(
  trx: Db,
  centreId: string,
  itemId: string | null,
  row: { version: number; item_id: string | null; rule_set: RuleSet } | null,
) {
  const m = known.get(trx) ?? new Map<string, RuleSetInForce>();
  known.set(trx, m);
  m.set(
    keyOf(centreId, itemId),
    row
      ? { version: row.version, itemId: row.item_id, set: row.rule_set }
      : { version: 0, itemId: null, set: DEFAULT_RULE_SET },
  );
}

/** The rule set that applies to a case of the item (the item's own if it has one, else the centre's). */
export async function ruleSetFor(db: Db, centreId: string, itemId: string | null): Promise<RuleSetInForce> {
  const hit = known.get(db)?.get(keyOf(centreId, itemId));
  if (hit) return hit;
  let q = db
    .selectFrom('supervision_rule_sets')
    .select(['version', 'item_id', 'rule_set'])
    .where('centre_id', '=', centreId);
  q = itemId
    ? q.where((eb) => eb.or([eb('item_id', 'is', null), eb('item_id', '=', itemId)]))
    : q.where('item_id', 'is', null);
  const row = await q
    .orderBy((eb) => eb.case().when('item_id', 'is', null).then(1).else(0).end())
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { version: 0, itemId: null, set: DEFAULT_RULE_SET };
  return { version: row.version, itemId: row.item_id, set: row.rule_set as RuleSet };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The rule set whose thresholds a clock's light follows: its case's item's own, else its centre's, else the
 * defaults (one round trip). A step clock is started before its step row exists: the engine names the
 * item instead (StartClock.itemId), else it would follow the centre's until its first crossing.
 */
export async function ruleSetOfClock(
  db: Db,
  clock: { centre_id: string; subject_type: string; subject_id: string },
): Promise<RuleSet> {
  const id = UUID.test(clock.subject_id) ? clock.subject_id : null;
  const item =
    id && clock.subject_type === 'case'
      ? sql`(SELECT item_id FROM cases WHERE id = ${id}::uuid)`
      : id && clock.subject_type === 'task'
        ? sql`(SELECT k.item_id FROM case_tasks t JOIN cases k ON k.id = t.case_id WHERE t.id = ${id}::uuid)`
        : sql`NULL::uuid`;
  const { rows } = await sql<{ rule_set: RuleSet }>`
    SELECT rule_set FROM supervision_rule_sets
    WHERE centre_id = ${clock.centre_id} AND (item_id IS NULL OR item_id = ${item})
    ORDER BY item_id IS NULL, version DESC LIMIT 1`.execute(db);
  return rows[0]?.rule_set ?? DEFAULT_RULE_SET;
}

export const isDefaultThresholds = (set: RuleSet) =>
  set.thresholds.yellowRemainingWorkingDays === DEFAULT_RULE_SET.thresholds.yellowRemainingWorkingDays &&
  set.thresholds.yellowUsedRatio === DEFAULT_RULE_SET.thresholds.yellowUsedRatio &&
  JSON.stringify(overdueMarks(set)) === JSON.stringify(overdueMarks(DEFAULT_RULE_SET));

const overdueMarks = (set: RuleSet) =>
  set.rules
    .flatMap((r) => (r.when === 'overdue' ? [r.minWorkingDays] : []))
    .sort((a, b) => a - b)
    .filter((m, i, all) => all.indexOf(m) === i);

/** Appends the next version of a centre's (or item's) rule set inside the caller's transaction. */
export async function insertRuleSetVersion(
  trx: Db,
  r: { centreId: string; itemId: string | null; set: RuleSet; note: string; by: string | null; now: Date },
) {
  let q = trx
    .selectFrom('supervision_rule_sets')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('centre_id', '=', r.centreId);
  q = r.itemId ? q.where('item_id', '=', r.itemId) : q.where('item_id', 'is', null);
  const last = await q.executeTakeFirst();
  return trx
    .insertInto('supervision_rule_sets')
    .values({
      centre_id: r.centreId,
      item_id: r.itemId,
      version: Number(last?.v ?? 0) + 1,
      rule_set: JSON.stringify(r.set),
      note: r.note,
      created_at: r.now,
      created_by: r.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listRuleSetVersions(db: Db, centreId: string, itemId: string | null) {
  let q = db.selectFrom('supervision_rule_sets').selectAll().where('centre_id', '=', centreId);
  q = itemId ? q.where('item_id', '=', itemId) : q.where('item_id', 'is', null);
  return q.orderBy('version', 'desc').execute();
}
