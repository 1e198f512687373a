import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { isValidIsoDate } from '../../core/dates.ts';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponses } from '../../shared/openapi.ts';
import { type AssessmentRow, assessment } from './stats.assessment.ts';
import { attachment, type Column, toCsv, toXlsx, XLSX_TYPE } from './stats.export.ts';
import { type StatsRow, statsReport, statsScope } from './stats.service.ts';

const tags = ['stats'];
const read = { permission: 'stats.read' } as const;
const IsoDate = z.string().refine(isValidIsoDate, 'a date YYYY-MM-DD');
const Format = z.enum(['json', 'csv', 'xlsx']).default('json');

const StatsQuery = z.object({
  from: IsoDate,
  to: IsoDate,
  groupBy: z.enum(['region', 'centre', 'department', 'office', 'item', 'staff']).default('department'),
  centreId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  regionCode: z.string().max(12).optional(),
  format: Format,
});
const AssessmentQuery = z.object({
  period: z.string().openapi({ example: '2025-Q4' }),
  subject: z.enum(['department', 'staff']).default('department'),
  centreId: z.uuid().optional(),
  onTime: z.coerce.number().min(0).max(100).optional(),
  early: z.coerce.number().min(0).max(100).optional(),
  quality: z.coerce.number().min(0).max(100).optional(),
  supervision: z.coerce.number().min(0).max(100).optional(),
  format: Format,
});

/** A table answer whose JSON rows follow `row`, or the same table as CSV or xlsx. */
export const tableOf = <T extends z.ZodType>(row: T) => ({
  description: 'The table as JSON, CSV (UTF-8) or xlsx',
  content: {
    'application/json': { schema: z.array(row) },
    'text/csv': { schema: z.string() },
    [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
  },
});
export const table = tableOf(z.record(z.string(), z.unknown()));

const Rate = z.number().nullable();
const StatsRowSchema = z
  .object({
    key: z.string().nullable(),
    name: z.string().nullable(),
    received: z.number(),
    accepted: z.number(),
    refused: z.number(),
    corrected: z.number(),
    deferred: z.number(),
    terminated: z.number(),
    completed: z.number(),
    on_time: z.number(),
    early: z.number(),
    overdue: z.number(),
    work_days: z.number(),
    visits: z.number(),
    returns: z.number(),
    cards_yellow: z.number(),
    cards_red: z.number(),
    notices: z.number(),
    notices_late: z.number(),
    onTimeRate: Rate,
    earlyRate: Rate,
    overdueRate: Rate,
    acceptanceRate: Rate,
    averageWorkingDays: Rate,
    p90WorkingDays: Rate,
    averageVisits: Rate,
  })
  .openapi('StatsRow');
const AssessmentRowSchema = z
  .object({
    key: z.string().nullable(),
    name: z.string().nullable(),
    completed: z.number(),
    onTimeRate: z.number(),
    earlyRate: z.number(),
    qualityRate: z.number(),
    supervisionRate: z.number(),
    score: z.number(),
    grade: z.enum(['excellent', 'good', 'pass', 'fail']),
    gradeLabel: z.string(),
  })
  .openapi('AssessmentRow');

const pct = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 100);
export const STATS_COLUMNS: Column<StatsRow>[] = [
  { header: '名称', value: (r) => r.name ?? r.key ?? '（未指定）', width: 28 },
  { header: '收件', value: (r) => r.received },
  { header: '受理', value: (r) => r.accepted },
  { header: '不予受理', value: (r) => r.refused },
  { header: '补正', value: (r) => r.corrected },
  { header: '容缺受理', value: (r) => r.deferred },
  { header: '办结', value: (r) => r.completed },
  { header: '按时办结', value: (r) => r.on_time },
  { header: '提前办结', value: (r) => r.early },
  { header: '超期办结', value: (r) => r.overdue },
  { header: '按时办结率%', value: (r) => pct(r.onTimeRate) },
  { header: '提前办结率%', value: (r) => pct(r.earlyRate) },
  { header: '平均用时(工作日)', value: (r) => r.averageWorkingDays },
  { header: 'P90用时(工作日)', value: (r) => r.p90WorkingDays },
  { header: '平均跑动次数', value: (r) => r.averageVisits },
  { header: '退回', value: (r) => r.returns },
  { header: '黄牌', value: (r) => r.cards_yellow },
  { header: '红牌', value: (r) => r.cards_red },
  { header: '督办单', value: (r) => r.notices },
  { header: '逾期回复', value: (r) => r.notices_late },
];
const ASSESSMENT_COLUMNS: Column<AssessmentRow>[] = [
  { header: '名称', value: (r) => r.name ?? r.key, width: 28 },
  { header: '办结', value: (r) => r.completed },
  { header: '按时率', value: (r) => r.onTimeRate },
  { header: '提前率', value: (r) => r.earlyRate },
  { header: '质量', value: (r) => r.qualityRate },
  { header: '督办', value: (r) => r.supervisionRate },
  { header: '得分', value: (r) => r.score },
  { header: '等次', value: (r) => r.gradeLabel },
];

/** Sends rows as JSON, CSV or xlsx. */
export async function sendTable<T extends object>(
  c: Context<AppEnv>,
  format: 'json' | 'csv' | 'xlsx',
  name: string,
  columns: Column<T>[],
  rows: T[],
) {
  if (format === 'csv')
    return c.body(toCsv(columns, rows), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment(`${name}.csv`),
    });
  if (format === 'xlsx')
    return c.body((await toXlsx(name, columns, rows)) as Uint8Array<ArrayBuffer>, 200, {
      'content-type': XLSX_TYPE,
      'content-disposition': attachment(`${name}.xlsx`),
    });
  return c.json(rows, 200);
}

export function registerStatsRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/stats',
      tags,
      summary: 'Figures for a period by region (rolled up), centre, department, office, item or staff',
      request: { query: StatsQuery },
      responses: { 200: tableOf(StatsRowSchema), ...errorResponses },
    }),
    async (c) => {
      const { format, ...q } = c.req.valid('query');
      const rows = await statsReport(c.get('deps').db, statsScope(requirePrincipal(c)), q);
      return sendTable(c, format, `统计_${q.from}_${q.to}`, STATS_COLUMNS, rows);
    },
  );
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/stats/assessment',
      tags,
      summary: '综合考评: monthly or quarterly score and grade per department or staff member',
      request: { query: AssessmentQuery },
      responses: { 200: tableOf(AssessmentRowSchema), ...errorResponses },
    }),
    async (c) => {
      const { format, onTime, early, quality, supervision, ...q } = c.req.valid('query');
      const weights = Object.fromEntries(
        Object.entries({ onTime, early, quality, supervision }).filter(([, v]) => v !== undefined),
      );
      const rows = await assessment(c.get('deps').db, statsScope(requirePrincipal(c)), { ...q, weights });
      return sendTable(c, format, `综合考评_${q.period}`, ASSESSMENT_COLUMNS, rows);
    },
  );
}
