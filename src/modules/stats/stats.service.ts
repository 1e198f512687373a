// Statistics for any period by region, centre, department, office, item or staff, from the summary tables.
import { type Kysely, sql } from 'kysely';
import { type DB, STATS_COUNTERS, type StatsCounter } from '../../db/schema.ts';
import { forbidden } from '../../shared/errors.ts';
import { isCentreWide, isSystemAdmin, type Principal } from '../auth/principal.ts';
import { namesOf } from '../supervision/supervision.queries.ts';
import { NONE } from './stats.consumer.ts';
import { percentile } from './stats.contributions.ts';

type Db = Kysely<DB>;
export type StatsGroup = 'region' | 'centre' | 'department' | 'office' | 'item' | 'staff';

export interface StatsQuery {
  from: string;
  to: string;
  groupBy: StatsGroup;
  centreId?: string;
  departmentId?: string;
  /** Root of the region roll-up (default: the caller's region, or the whole tree). */
  regionCode?: string;
}

/** Who may see which figures: system administrators all; centre-wide roles their region subtree; leaders their department. */
export interface StatsScope {
  regionPath: string | null;
  departmentId: string | null;
}

export function statsScope(p: Principal): StatsScope {
  if (isSystemAdmin(p)) return { regionPath: null, departmentId: null };
  if (isCentreWide(p)) return { regionPath: p.regionPath ?? '/nowhere/', departmentId: null };
  if (p.roles.includes('leader') && p.departmentId)
    return { regionPath: p.regionPath, departmentId: p.departmentId };
  throw forbidden('您无权查看统计数据。', 'You may not see the statistics.');
}

export type Counters = Record<StatsCounter, number>;
export interface StatsRow extends Counters {
  key: string | null;
  name: string | null;
  onTimeRate: number | null;
  earlyRate: number | null;
  overdueRate: number | null;
  acceptanceRate: number | null;
  averageWorkingDays: number | null;
  p90WorkingDays: number | null;
  averageVisits: number | null;
}

const COLUMN: Record<Exclude<StatsGroup, 'region'>, string> = {
  centre: 's.centre_id',
  department: 's.department_id',
  office: 's.office_id',
  item: 's.item_id',
  staff: 's.staff_id',
};

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);

export function withRates(key: string | null, c: Counters, histogram: Map<number, number>): StatsRow {
  const timed = [...histogram.values()].reduce((a, b) => a + b, 0);
  return {
    key,
    name: null,
    ...c,
    onTimeRate: ratio(c.on_time, c.completed),
    earlyRate: ratio(c.early, c.completed),
    overdueRate: ratio(c.overdue, c.completed),
    acceptanceRate: ratio(c.accepted, c.accepted + c.refused),
    averageWorkingDays: timed > 0 ? Math.round((c.work_days / timed) * 100) / 100 : null,
    p90WorkingDays: percentile(histogram, 0.9),
    averageVisits: c.completed > 0 ? Math.round((c.visits / c.completed) * 100) / 100 : null,
  };
}

async function fetchGrouped(db: Db, scope: StatsScope, q: StatsQuery, column: string) {
  const filters = [
    sql`s.day >= ${q.from}`,
    sql`s.day <= ${q.to}`,
    ...(q.centreId ? [sql`s.centre_id = ${q.centreId}`] : []),
    ...(q.departmentId ? [sql`s.department_id = ${q.departmentId}`] : []),
    ...(scope.departmentId ? [sql`s.department_id = ${scope.departmentId}`] : []),
    ...(scope.regionPath
      ? [
          sql`s.centre_id IN (SELECT c.id FROM centres c JOIN regions r ON r.code = c.region_code WHERE r.path LIKE ${`${scope.regionPath}%`})`,
        ]
      : []),
  ];
  const where = sql.join(filters, sql` AND `);
  const key = sql.raw(column);
  const sums = sql.join(STATS_COUNTERS.map((n) => sql`sum(s.${sql.ref(n)})::bigint AS ${sql.ref(n)}`));
  const [totals, hist] = await Promise.all([
    sql<
      Record<string, number | string>
    >`SELECT ${key} AS key, ${sums} FROM stats_daily s WHERE ${where} GROUP BY 1`.execute(db),
    sql<{ key: string; working_days: number; n: number }>`
      SELECT ${key} AS key, s.working_days, sum(s.n)::bigint AS n FROM stats_durations s WHERE ${where} GROUP BY 1, 2`.execute(
      db,
    ),
  ]);
  const histograms = new Map<string, Map<number, number>>();
  for (const h of hist.rows) {
    const m = histograms.get(h.key) ?? new Map<number, number>();
    m.set(Number(h.working_days), Number(h.n));
    histograms.set(h.key, m);
  }
  return totals.rows.map((r) => ({
    key: String(r.key),
    counters: Object.fromEntries(STATS_COUNTERS.map((n) => [n, Number(r[n] ?? 0)])) as Counters,
    histogram: histograms.get(String(r.key)) ?? new Map<number, number>(),
  }));
}

const zero = (): Counters => Object.fromEntries(STATS_COUNTERS.map((n) => [n, 0])) as Counters;

/** Region roll-up: every region of the subtree gets the sum of the centres at or below it (path prefix). */
async function byRegion(db: Db, scope: StatsScope, q: StatsQuery): Promise<StatsRow[]> {
  const perCentre = await fetchGrouped(db, scope, q, COLUMN.centre);
  const centres = await db
    .selectFrom('centres as c')
    .innerJoin('regions as r', 'r.code', 'c.region_code')
    .select(['c.id', 'r.path'])
    .execute();
  const pathOf = new Map(centres.map((c) => [c.id, c.path]));
  const regions = await db.selectFrom('regions').select(['code', 'name', 'path', 'level']).execute();
  const root = q.regionCode ? regions.find((r) => r.code === q.regionCode)?.path : undefined;
  const acc = new Map<string, { c: Counters; h: Map<number, number> }>();
  for (const row of perCentre) {
    const path = pathOf.get(row.key);
    if (!path) continue;
    for (const r of regions) {
      if (!path.startsWith(r.path) || (root && !r.path.startsWith(root))) continue;
      const a = acc.get(r.code) ?? { c: zero(), h: new Map<number, number>() };
      for (const n of STATS_COUNTERS) a.c[n] += row.counters[n];
      for (const [w, k] of row.histogram) a.h.set(w, (a.h.get(w) ?? 0) + k);
      acc.set(r.code, a);
    }
  }
  return regions
    .filter((r) => acc.has(r.code))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((r) => ({ ...withRates(r.code, acc.get(r.code)!.c, acc.get(r.code)!.h), name: r.name }));
}

export async function statsReport(db: Db, scope: StatsScope, q: StatsQuery): Promise<StatsRow[]> {
  if (q.groupBy === 'region') return byRegion(db, scope, q);
  const rows = await fetchGrouped(db, scope, q, COLUMN[q.groupBy]);
  const names = await namesOf(
    db,
    q.groupBy,
    rows.flatMap((r) => (r.key !== NONE ? [r.key] : [])),
  );
  return rows
    .map((r) => {
      const key = r.key === NONE ? null : r.key;
      return { ...withRates(key, r.counters, r.histogram), name: key ? (names.get(key) ?? null) : null };
    })
    .sort(
      (a, b) =>
        b.received + b.completed - (a.received + a.completed) || String(a.name).localeCompare(String(b.name)),
    );
}
