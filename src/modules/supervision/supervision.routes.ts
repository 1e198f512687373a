import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { isValidIsoDate } from '../../core/dates.ts';
import type { RuleSet } from '../../core/supervision.ts';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponse, errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import type { Column } from '../stats/stats.export.ts';
import { sendTable, tableOf } from '../stats/stats.routes.ts';
import { readScope, requireCentre } from './supervision.policy.ts';
import { lightCounts, meetingList } from './supervision.queries.ts';
import { listRuleSetVersions, RuleSetSchema } from './supervision.rules.ts';
import {
  cancelNoticeByHand,
  getRuleSet,
  issueManualNotice,
  listNotices,
  overdueSummary,
  replyNotice,
  scheduleMeeting,
  setRuleSet,
} from './supervision.service.ts';

const tags = ['supervision'];
const read = { permission: 'supervision.read' } as const;
const issue = { permission: 'supervision.issue' } as const;
const IsoDate = z.string().refine(isValidIsoDate, 'a date YYYY-MM-DD');
const Id = z.object({ id: z.uuid() });
const withErrors = { ...errorResponses, 404: errorResponse('Not found'), 409: errorResponse('Not open') };
const Any = z.record(z.string(), z.unknown());

// Answers as the web app reads them (the JSON is the service's; fields may be added).
const Stamp = z.string().openapi({ format: 'date-time' });
const LightCount = z
  .object({
    key: z.string().nullable(),
    name: z.string().nullable(),
    green: z.number().int(),
    yellow: z.number().int(),
    red: z.number().int(),
    suspended: z.number().int(),
  })
  .openapi('LightCount');
const OverdueRow = z
  .object({
    subjectType: z.enum(['case', 'task']),
    subjectId: z.string(),
    caseId: z.uuid(),
    caseNumber: z.string().nullable(),
    itemName: z.string(),
    departmentName: z.string(),
    officeName: z.string().nullable(),
    stepName: z.string().nullable(),
    centreId: z.uuid(),
    dueDate: z.string().nullable(),
    dueAt: Stamp.nullable(),
    daysOverdue: z.number().int(),
    cards: z.object({ yellow: z.number().int(), red: z.number().int() }),
    notice: z
      .object({
        status: z.enum(['open', 'replied', 'cancelled']),
        level: z.enum(['office', 'department', 'centre']),
        escalations: z.number().int(),
        replyDueAt: Stamp,
      })
      .nullable(),
  })
  .openapi('OverdueRow');
const Notice = z
  .object({
    id: z.uuid(),
    case_id: z.uuid(),
    card_id: z.uuid().nullable(),
    subject_type: z.enum(['case', 'task']),
    subject_id: z.string(),
    rule_id: z.string().nullable(),
    centre_id: z.uuid(),
    level: z.enum(['office', 'department', 'centre']),
    department_id: z.uuid().nullable(),
    office_id: z.uuid().nullable(),
    reason: z.string(),
    status: z.enum(['open', 'replied', 'cancelled']),
    issued_at: Stamp,
    issued_by: z.string().nullable(),
    reply_due_at: Stamp,
    escalations: z.number().int(),
    replied_at: Stamp.nullable(),
    replied_by: z.string().nullable(),
    reply_reason: z.string().nullable(),
    expected_completion: z.string().nullable(),
    replied_late: z.boolean().nullable(),
    cancelled_at: Stamp.nullable(),
    cancelled_by: z.string().nullable(),
    cancel_reason: z.string().nullable(),
  })
  .openapi('SupervisionNotice');
const ListedNotice = Notice.extend({ case_number: z.string().nullable() }).openapi('ListedSupervisionNotice');
const RuleSetInForce = z
  .object({ version: z.number().int(), itemId: z.uuid().nullable(), set: RuleSetSchema })
  .openapi('RuleSetInForce');
const RuleSetVersion = z
  .object({
    id: z.uuid(),
    centre_id: z.uuid(),
    item_id: z.uuid().nullable(),
    version: z.number().int(),
    rule_set: RuleSetSchema,
    note: z.string(),
    created_at: Stamp,
    created_by: z.string().nullable(),
  })
  .openapi('RuleSetVersion');

type OverdueItem = Awaited<ReturnType<typeof overdueSummary>>[number];
const NOTICE_STATUS: Record<string, string> = { open: '待回复', replied: '已回复', cancelled: '已撤销' };
const OVERDUE_COLUMNS: Column<OverdueItem>[] = [
  { header: '办件编号', value: (r) => r.caseNumber, width: 20 },
  { header: '事项', value: (r) => r.itemName, width: 28 },
  { header: '部门', value: (r) => r.departmentName, width: 20 },
  { header: '处室', value: (r) => r.officeName },
  { header: '环节', value: (r) => r.stepName },
  { header: '到期日', value: (r) => r.dueDate },
  { header: '超期(工作日)', value: (r) => r.daysOverdue },
  { header: '黄牌', value: (r) => r.cards.yellow },
  { header: '红牌', value: (r) => r.cards.red },
  { header: '督办单', value: (r) => (r.notice ? (NOTICE_STATUS[r.notice.status] ?? r.notice.status) : '') },
];

export function registerSupervisionRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/supervision/lights',
      tags,
      summary:
        'Open cases (promised clock) or steps (step clock) by light, per centre/department/office/item',
      request: {
        query: z.object({
          groupBy: z.enum(['centre', 'department', 'office', 'item']).default('department'),
          subject: z.enum(['case', 'task']).default('case'),
          centreId: z.uuid().optional(),
        }),
      },
      responses: { 200: json(z.array(LightCount)), ...withErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const scope = readScope(requirePrincipal(c), q.centreId);
      return c.json(await lightCounts(c.get('deps').db, scope, q.groupBy, q.subject), 200);
    },
  );
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/supervision/overdue',
      tags,
      summary:
        '超期报件汇总表: overdue open cases and steps, days overdue, cards, notice status (json|xlsx|csv)',
      request: {
        query: z.object({
          centreId: z.uuid().optional(),
          departmentId: z.uuid().optional(),
          officeId: z.uuid().optional(),
          itemId: z.uuid().optional(),
          minDays: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(10_000).default(500),
          format: z.enum(['json', 'csv', 'xlsx']).default('json'),
        }),
      },
      responses: { 200: tableOf(OverdueRow), ...withErrors },
    }),
    async (c) => {
      const { format, minDays, ...q } = c.req.valid('query');
      const rows = (await overdueSummary(c.get('deps'), requirePrincipal(c), q)).filter(
        (r) => r.daysOverdue >= minDays,
      );
      return sendTable(c, format, '超期报件汇总表', OVERDUE_COLUMNS, rows);
    },
  );
  app.openapi(
    defineRoute(
      { permission: 'supervision.reply' },
      {
        method: 'get',
        path: '/api/v1/supervision/notices/mine',
        tags,
        summary: "My department's supervision notices (default: the open ones)",
        request: {
          query: z.object({
            status: z.enum(['open', 'replied', 'cancelled']).default('open'),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
        responses: { 200: json(z.array(ListedNotice)), ...withErrors },
      },
    ),
    async (c) => c.json(await listNotices(c.get('deps'), requirePrincipal(c), c.req.valid('query')), 200),
  );
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/supervision/notices',
      tags,
      summary: 'Supervision notices in my scope (centre, or my department for a leader)',
      request: {
        query: z.object({
          status: z.enum(['open', 'replied', 'cancelled']).optional(),
          centreId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: { 200: json(z.array(ListedNotice)), ...withErrors },
    }),
    async (c) => c.json(await listNotices(c.get('deps'), requirePrincipal(c), c.req.valid('query')), 200),
  );
  app.openapi(
    defineRoute(issue, {
      method: 'post',
      path: '/api/v1/supervision/notices',
      tags,
      summary: 'Issue a supervision notice by hand on a case or one of its steps, with a reason',
      request: {
        body: jsonBody(
          z.object({ caseId: z.uuid(), taskId: z.uuid().optional(), reason: z.string().max(2000) }),
        ),
      },
      responses: { 201: json(Notice), ...withErrors },
    }),
    async (c) =>
      c.json(await issueManualNotice(c.get('deps'), requirePrincipal(c), c.req.valid('json')), 201),
  );
  app.openapi(
    defineRoute(issue, {
      method: 'post',
      path: '/api/v1/supervision/notices/{id}/cancel',
      tags,
      summary: 'Cancel an open notice, with a reason',
      request: { params: Id, body: jsonBody(z.object({ reason: z.string().max(2000) })) },
      responses: { 200: json(Notice), ...withErrors },
    }),
    async (c) =>
      c.json(
        await cancelNoticeByHand(
          c.get('deps'),
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('json').reason,
        ),
        200,
      ),
  );
  app.openapi(
    defineRoute(
      { permission: 'supervision.reply' },
      {
        method: 'post',
        path: '/api/v1/supervision/notices/{id}/reply',
        tags,
        summary: 'Answer a notice addressed to my unit: the reason and the expected completion date',
        request: {
          params: Id,
          body: jsonBody(z.object({ reason: z.string().max(2000), expectedCompletion: IsoDate })),
        },
        responses: { 200: json(Notice), ...withErrors },
      },
    ),
    async (c) =>
      c.json(
        await replyNotice(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/supervision/rule-set',
      tags,
      summary: 'The rule set in force for a centre (or one of its items)',
      request: { query: z.object({ centreId: z.uuid(), itemId: z.uuid().optional() }) },
      responses: { 200: json(RuleSetInForce), ...withErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await getRuleSet(c.get('deps'), requirePrincipal(c), q.centreId, q.itemId ?? null), 200);
    },
  );
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/supervision/rule-set/versions',
      tags,
      summary: 'Every saved version of the rule set of a centre (or one of its items), newest first',
      request: { query: z.object({ centreId: z.uuid(), itemId: z.uuid().optional() }) },
      responses: { 200: json(z.array(RuleSetVersion)), ...withErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      requireCentre(requirePrincipal(c), q.centreId);
      const rows = await listRuleSetVersions(c.get('deps').db, q.centreId, q.itemId ?? null);
      return c.json(
        rows.map((r) => ({ ...r, rule_set: r.rule_set as RuleSet })),
        200,
      );
    },
  );
  app.openapi(
    defineRoute(
      { permission: 'supervision.configure' },
      {
        method: 'put',
        path: '/api/v1/supervision/rule-set',
        tags,
        summary:
          'A new version of the rule set of a centre (or one of its items); open clocks are re-evaluated',
        request: {
          body: jsonBody(
            z.object({
              centreId: z.uuid(),
              itemId: z.uuid().nullable().default(null),
              ruleSet: RuleSetSchema,
              note: z.string().max(500).default(''),
            }),
          ),
        },
        responses: { 200: json(RuleSetVersion), ...withErrors },
      },
    ),
    async (c) => {
      const row = await setRuleSet(c.get('deps'), requirePrincipal(c), c.req.valid('json'));
      return c.json({ ...row, rule_set: row.rule_set as RuleSet }, 200);
    },
  );
  app.openapi(
    defineRoute(issue, {
      method: 'post',
      path: '/api/v1/supervision/meetings',
      tags,
      summary: 'Record a joint-review meeting: its offices get their lists 3 and 1 working days before',
      request: {
        body: jsonBody(
          z.object({ centreId: z.uuid().optional(), date: IsoDate, title: z.string().min(1).max(200) }),
        ),
      },
      responses: { 201: json(Any), ...withErrors },
    }),
    async (c) => c.json(await scheduleMeeting(c.get('deps'), requirePrincipal(c), c.req.valid('json')), 201),
  );
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/supervision/meeting-list',
      tags,
      summary: 'Overdue and nearly-due open steps per office for a meeting date',
      request: { query: z.object({ date: IsoDate, centreId: z.uuid().optional() }) },
      responses: { 200: json(z.array(Any)), ...withErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const deps = c.get('deps');
      const scope = readScope(requirePrincipal(c), q.centreId);
      return c.json(await meetingList(deps.db, scope, q.date, deps.time.now()), 200);
    },
  );
}
