// SQL of the live supervision views. Lights are read from the clocks' cached `light` only.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB>;

/** Whose data a caller sees: one centre (null = all) and possibly one department. */
export interface Scope {
  centreId: string | null;
  departmentId?: string | null;
}

export type LightGroup = 'centre' | 'department' | 'office' | 'item';
export type LightSubject = 'case' | 'task';

export interface LightCount {
  key: string | null;
  name: string | null;
  green: number;
  yellow: number;
  red: number;
  suspended: number;
}

const LIGHTS = ['green', 'yellow', 'red', 'suspended'] as const;
const UUID_SQL = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * Counts of open cases (their promised clock) or open steps (their step clock) by light, grouped. Read from
 * supervision_light_counts (signed differences inserted in the transaction of every light change and
 * folded every 30 s, migration 0011): a few hundred rows whatever the number of open cases. Cases by office (cases with an open step in the office) are
 * counted live from the open steps.
 */
export async function lightCounts(
  db: Db,
  scope: Scope,
  groupBy: LightGroup,
  subject: LightSubject,
): Promise<LightCount[]> {
  const rows =
    subject === 'case' && groupBy === 'office'
      ? await casesByOffice(db, scope)
      : (
          await sql<{ key: string | null; light: string; n: number }>`
            SELECT ${sql.ref(`${groupBy}_id`)} AS key, light, sum(n)::int AS n
            FROM supervision_light_counts
            WHERE subject = ${subject}
              ${scope.centreId ? sql`AND centre_id = ${scope.centreId}` : sql``}
              ${scope.departmentId ? sql`AND department_id = ${scope.departmentId}` : sql``}
            GROUP BY 1, 2
            HAVING sum(n) <> 0`.execute(db)
        ).rows;
  const byKey = new Map<string | null, LightCount>();
  for (const r of rows) {
    const entry = byKey.get(r.key) ?? { key: r.key, name: null, green: 0, yellow: 0, red: 0, suspended: 0 };
    const light = LIGHTS.find((l) => l === r.light);
    if (light) entry[light] += Number(r.n);
    byKey.set(r.key, entry);
  }
  const out = [...byKey.values()];
  const names = await namesOf(
    db,
    groupBy,
    out.flatMap((o) => (o.key ? [o.key] : [])),
  );
  for (const o of out) o.name = o.key ? (names.get(o.key) ?? null) : null;
  return out.sort(
    (a, b) => b.red - a.red || b.yellow - a.yellow || String(a.name).localeCompare(String(b.name)),
  );
}

/** Open cases with an open step in each office, by the case's light (a case can count in several offices). */
async function casesByOffice(db: Db, scope: Scope) {
  const { rows } = await sql<{ key: string | null; light: string | null; n: number }>`
    SELECT t.office_id AS key, c.light, count(DISTINCT k.id)::int AS n
    FROM cases k JOIN clocks c ON c.id = k.promised_clock_id AND c.status <> 'stopped'
    JOIN case_tasks t ON t.case_id = k.id AND t.status IN ('open', 'claimed')
    WHERE k.status = 'accepted'
      ${scope.centreId ? sql`AND k.centre_id = ${scope.centreId}` : sql``}
      ${scope.departmentId ? sql`AND k.department_id = ${scope.departmentId}` : sql``}
    GROUP BY 1, 2`.execute(db);
  return rows;
}

/**
 * Folds the light-count ledger: each key's rows into one (writers only insert, so they never wait on each
 * other; this keeps what readers add up small). Returns how many rows were folded; 0 when another
 * compaction is running.
 */
export async function compactLightCounts(db: Db): Promise<number> {
  const { rows } = await sql<{ folded: number }>`SELECT supervision_light_compact() AS folded`.execute(db);
  return Number(rows[0]?.folded ?? 0);
}

/** Recomputes supervision_light_counts from the open clocks (after a restore, or to check the upkeep). */
export async function rebuildLightCounts(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT supervision_light_rebuild()`.execute(trx);
  });
}

export async function namesOf(
  db: Db,
  kind: LightGroup | 'staff',
  ids: string[],
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows =
    kind === 'centre'
      ? await db.selectFrom('centres').select(['id', 'name']).where('id', 'in', ids).execute()
      : kind === 'department'
        ? await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute()
        : kind === 'office'
          ? await db.selectFrom('offices').select(['id', 'name']).where('id', 'in', ids).execute()
          : kind === 'staff'
            ? await db
                .selectFrom('staff')
                .select(['id', 'display_name as name'])
                .where('id', 'in', ids)
                .execute()
            : await db
                .selectFrom('catalogue_items as i')
                .innerJoin('catalogue_item_versions as v', 'v.id', 'i.current_version_id')
                .select(['i.id', 'v.name'])
                .where('i.id', 'in', ids)
                .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface OverdueFilter {
  departmentId?: string;
  officeId?: string;
  itemId?: string;
  limit: number;
}

export interface OverdueRow {
  subjectType: 'case' | 'task';
  subjectId: string;
  caseId: string;
  caseNumber: string | null;
  itemName: string;
  departmentName: string;
  officeName: string | null;
  stepName: string | null;
  centreId: string;
  dueDate: string | null;
  dueAt: Date | null;
}

/**
 * Red (overdue) open cases and steps, most overdue first: the rows of 超期报件汇总表 before counting days.
 * Walks a centre's red open clocks in due order (index clocks_red_due_idx), each case and step by its key,
 * and stops at `limit`: the cost follows the rows returned, not the open work. The step and the case are
 * LATERAL subqueries behind OFFSET 0, so they stay lookups by key: as plain joins, the planner — which
 * expects a hundred-odd red clocks and cannot see the LIMIT's effect through the filters — sometimes
 * hashed all cases instead (200 ms at 1M cases, 0.6–1 s at 10M, against 15 ms).
 */
export async function overdueRows(db: Db, scope: Scope, f: OverdueFilter): Promise<OverdueRow[]> {
  const filters = [
    sql`c.status <> 'stopped'`,
    sql`c.light = 'red'`,
    sql`((c.subject_type = 'case' AND c.purpose = 'promised' AND k.status = 'accepted') OR (c.subject_type = 'task' AND t.status IN ('open', 'claimed')))`,
    ...(scope.centreId ? [sql`c.centre_id = ${scope.centreId}`] : []),
    ...(scope.departmentId || f.departmentId
      ? [sql`coalesce(t.department_id, k.department_id) = ${scope.departmentId ?? f.departmentId}`]
      : []),
    ...(f.officeId ? [sql`t.office_id = ${f.officeId}`] : []),
    ...(f.itemId ? [sql`k.item_id = ${f.itemId}`] : []),
  ];
  const { rows } = await sql<OverdueRow>`
    SELECT c.subject_type AS "subjectType", c.subject_id AS "subjectId", k.id AS "caseId",
           k.case_number AS "caseNumber", v.name AS "itemName", d.name AS "departmentName",
           o.name AS "officeName", coalesce(t.step_name, k.current_step) AS "stepName",
           c.centre_id AS "centreId", c.due_date::text AS "dueDate", c.due_at AS "dueAt"
    FROM clocks c
    LEFT JOIN LATERAL (
      SELECT t.step_name, t.department_id, t.office_id, t.status, t.case_id FROM case_tasks t
      WHERE c.subject_type = 'task' AND t.id = CASE WHEN c.subject_id ~ ${UUID_SQL} THEN c.subject_id::uuid END
      OFFSET 0) t ON true
    JOIN LATERAL (
      SELECT k.id, k.case_number, k.item_version_id, k.department_id, k.current_step, k.status, k.item_id
      FROM cases k
      WHERE k.id = CASE WHEN c.subject_type = 'task' THEN t.case_id
                        WHEN c.subject_id ~ ${UUID_SQL} THEN c.subject_id::uuid END
      OFFSET 0) k ON true
    JOIN catalogue_item_versions v ON v.id = k.item_version_id
    JOIN departments d ON d.id = coalesce(t.department_id, k.department_id)
    LEFT JOIN offices o ON o.id = t.office_id
    WHERE c.subject_type IN ('case', 'task') AND ${sql.join(filters, sql` AND `)}
    ORDER BY c.due_at, c.id
    LIMIT ${f.limit}`.execute(db);
  return rows.map((r) => ({ ...r, dueAt: r.dueAt ? new Date(r.dueAt) : null }));
}

/** Cards of the cases, by colour, and the status of each case's latest notice. */
export async function cardsAndNotices(db: Db, caseIds: string[]) {
  if (!caseIds.length)
    return { cards: new Map<string, { yellow: number; red: number }>(), notices: new Map() };
  const [cards, notices] = await Promise.all([
    db
      .selectFrom('supervision_cards')
      .select(['case_id', 'card', (eb) => eb.fn.countAll<number>().as('n')])
      .where('case_id', 'in', caseIds)
      .groupBy(['case_id', 'card'])
      .execute(),
    db
      .selectFrom('supervision_notices')
      .select(['case_id', 'status', 'level', 'issued_at', 'reply_due_at', 'escalations'])
      .where('case_id', 'in', caseIds)
      .orderBy('issued_at')
      .execute(),
  ]);
  const cardMap = new Map<string, { yellow: number; red: number }>();
  for (const c of cards) {
    const e = cardMap.get(c.case_id) ?? { yellow: 0, red: 0 };
    e[c.card] += Number(c.n);
    cardMap.set(c.case_id, e);
  }
  const noticeMap = new Map<string, (typeof notices)[number]>();
  for (const n of notices) noticeMap.set(n.case_id, n);
  return { cards: cardMap, notices: noticeMap };
}

export interface MeetingItem {
  taskId: string;
  caseId: string;
  caseNumber: string | null;
  itemName: string;
  stepName: string;
  dueDate: string | null;
  light: string | null;
  overdue: boolean;
}
export interface MeetingGroup {
  officeId: string | null;
  officeName: string | null;
  departmentId: string;
  departmentName: string;
  items: MeetingItem[];
}

/**
 * For a joint-review meeting: per office, the open steps already overdue or due on or before the meeting
 * date. A step without its own clock is judged by its case's promised clock.
 */
export async function meetingList(
  db: Db,
  scope: Scope,
  meetingDate: string,
  _now: Date,
): Promise<MeetingGroup[]> {
  const { rows } = await sql<
    MeetingItem & {
      officeId: string | null;
      officeName: string | null;
      departmentId: string;
      departmentName: string;
    }
  >`
    SELECT t.id AS "taskId", k.id AS "caseId", k.case_number AS "caseNumber", v.name AS "itemName",
           t.step_name AS "stepName", coalesce(sc.due_date, pc.due_date)::text AS "dueDate",
           coalesce(sc.light, pc.light) AS light, coalesce(sc.light, pc.light) = 'red' AS overdue,
           t.office_id AS "officeId", o.name AS "officeName", d.id AS "departmentId", d.name AS "departmentName"
    FROM case_tasks t
    JOIN cases k ON k.id = t.case_id
    JOIN catalogue_item_versions v ON v.id = k.item_version_id
    JOIN departments d ON d.id = coalesce(t.department_id, k.department_id)
    LEFT JOIN offices o ON o.id = t.office_id
    LEFT JOIN clocks sc ON sc.subject_type = 'task' AND sc.subject_id = t.id::text AND sc.status <> 'stopped'
    LEFT JOIN clocks pc ON pc.id = k.promised_clock_id AND pc.status <> 'stopped'
    WHERE t.status IN ('open', 'claimed') AND k.status = 'accepted'
      ${scope.centreId ? sql`AND k.centre_id = ${scope.centreId}` : sql``}
      ${scope.departmentId ? sql`AND k.department_id = ${scope.departmentId}` : sql``}
      AND (coalesce(sc.light, pc.light) = 'red' OR coalesce(sc.due_date, pc.due_date) <= ${meetingDate})
    ORDER BY d.name, o.name NULLS LAST, coalesce(sc.due_at, pc.due_at)`.execute(db);
  const groups = new Map<string, MeetingGroup>();
  for (const r of rows) {
    const k = r.officeId ?? `dept:${r.departmentId}`;
    const g = groups.get(k) ?? {
      officeId: r.officeId,
      officeName: r.officeName,
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      items: [],
    };
    g.items.push({
      taskId: r.taskId,
      caseId: r.caseId,
      caseNumber: r.caseNumber,
      itemName: r.itemName,
      stepName: r.stepName,
      dueDate: r.dueDate,
      light: r.light,
      overdue: Boolean(r.overdue),
    });
    groups.set(k, g);
  }
  return [...groups.values()];
}
