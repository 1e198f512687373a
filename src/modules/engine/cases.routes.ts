// Case-level procedures of the engine: corrections, special procedures, extensions, fees, result,
// delivery, archive, joint children, history and the rebuild check.
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { type Access, defineRoute } from '../../server/route.ts';
import { notFound } from '../../shared/errors.ts';
import { errorResponse, errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import type { Principal } from '../auth/principal.ts';
import { listMaterialFiles } from '../cases/cases.queries.ts';
import { requireCase } from '../cases/cases.service.ts';
import { downloadHeaders, readFile } from '../catalogue/file-store.ts';
import { binary } from '../catalogue/http.ts';
import { type EngineContext, onCase, whoOf } from './engine.context.ts';
import { requireCaseReader, requireClerk, requireLeader, requireTaskHolder } from './engine.policy.ts';
import {
  AssessFees,
  CaseFileParam,
  CaseIdParam,
  CertificateInput,
  DeliveryInput,
  EndSpecial,
  Extend,
  History,
  RebuildResult,
  RecordPayment,
  Resubmit,
  StartSpecial,
  WaiveFees,
} from './engine.schemas.ts';
import { assessFees, recordPayment, waiveFees } from './fees.ts';
import { caseHistory, rebuildCase } from './history.ts';
import { childrenOf } from './joint.ts';
import { archiveLocked, recordCertificate, recordDelivery } from './results.ts';
import { endSpecial, extendCase, startSpecial } from './special.ts';
import { resubmitCorrections } from './transitions.ts';

const tags = ['engine'];
const errors = {
  ...errorResponses,
  404: errorResponse('No such case'),
  409: errorResponse('Conflict (archived, stale, state)'),
  422: errorResponse('Refused by the rules'),
};
const Row = z.record(z.string(), z.unknown()).openapi('EngineRecord');

type Body = Record<string, unknown>;
type Handler = (ctx: EngineContext, p: Principal, body: Body) => Promise<unknown>;

/** A POST on one case that runs in the engine's transaction and answers the record it produced. */
function casePost(
  app: OpenAPIHono<AppEnv>,
  access: Access,
  path: string,
  summary: string,
  body: z.ZodType,
  handle: Handler,
) {
  app.openapi(
    defineRoute(access, {
      method: 'post',
      path: `/api/v1/cases/{id}/${path}`,
      tags,
      summary,
      request: { params: CaseIdParam, body: jsonBody(body) },
      responses: { 200: json(Row), ...errors },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const parsed = c.req.valid('json') as Body;
      const result = await onCase(c.get('deps'), whoOf(p), c.req.valid('param').id, async (ctx) => ({
        result: await handle(ctx, p, parsed),
        log: { action: `engine.${path.replaceAll('/', '.')}`, payload: parsed },
      }));
      return c.json(result as Record<string, unknown>, 200);
    },
  );
}

export function registerEngineCaseRoutes(app: OpenAPIHono<AppEnv>) {
  const work = { permission: 'tasks.work' } as const;
  app.openapi(
    defineRoute(work, {
      method: 'post',
      path: '/api/v1/cases/{id}/corrections',
      tags,
      summary: 'The applicant handed in the corrections asked mid-process: clocks resume, the step reopens',
      request: { params: CaseIdParam, body: jsonBody(Resubmit) },
      responses: { 200: json(Row), ...errors },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const { id } = c.req.valid('param');
      await requireCase(c.get('deps').db, p, id, 'decide');
      return c.json(await resubmitCorrections(c.get('deps'), p, id, c.req.valid('json').note), 200);
    },
  );
  casePost(
    app,
    { permission: 'cases.suspend' },
    'special-procedures',
    '特别程序: start (clocks suspended, 特别程序告知书 issued)',
    StartSpecial,
    async (ctx, p, b) => {
      await requireTaskHolder(ctx, p);
      return startSpecial(ctx, StartSpecial.parse(b));
    },
  );
  casePost(
    app,
    { permission: 'cases.suspend' },
    'special-procedures/end',
    '特别程序: end (clocks resume, due dates recomputed)',
    EndSpecial,
    async (ctx, p, b) => {
      await requireTaskHolder(ctx, p);
      return endSpecial(ctx, String(b.outcome));
    },
  );
  casePost(
    app,
    { permission: 'cases.extend' },
    'extensions',
    '延期: a leader extends the case, within the item bound; the applicant is told',
    Extend,
    async (ctx, p, b) => {
      requireLeader(ctx, p);
      return extendCase(ctx, Number(b.days), String(b.reason));
    },
  );
  casePost(
    app,
    work,
    'fees/assess',
    '收费: compute the fees from the item standard and issue the one payment notice',
    AssessFees,
    async (ctx, p, b) => {
      await requireTaskHolder(ctx, p, 'fee');
      return assessFees(ctx, AssessFees.parse(b).quantities);
    },
  );
  casePost(
    app,
    { permission: 'fees.collect' },
    'fees/payment',
    'Record the payment: cash at the window, or a payment system confirmation',
    RecordPayment,
    async (ctx, p, b) => {
      requireClerk(ctx, p);
      return recordPayment(ctx, RecordPayment.parse(b));
    },
  );
  casePost(
    app,
    { permission: 'fees.collect' },
    'fees/waive',
    '减免: waive the fees with a reason',
    WaiveFees,
    async (ctx, p, b) => {
      requireClerk(ctx, p);
      return waiveFees(ctx, String(b.reason));
    },
  );
  casePost(
    app,
    work,
    'certificate',
    '制证: record the certificate (number by pattern) and issue the decision',
    CertificateInput,
    async (ctx, p, b) => {
      await requireTaskHolder(ctx, p, 'certificate');
      return recordCertificate(ctx, CertificateInput.parse(b));
    },
  );
  casePost(
    app,
    work,
    'delivery',
    '送达: window pickup or express (refused while unpaid)',
    DeliveryInput,
    async (ctx, p, b) => {
      await requireTaskHolder(ctx, p, 'delivery');
      return recordDelivery(ctx, DeliveryInput.parse(b));
    },
  );
  casePost(
    app,
    { permission: 'cases.archive' },
    'archive',
    '归档: a completed case becomes read-only',
    z.strictObject({}),
    async (ctx, p) => {
      requireClerk(ctx, p);
      await archiveLocked(ctx);
      return { archivedAt: ctx.c.archived_at };
    },
  );
  const read = { permission: 'cases.read' } as const;
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/cases/{id}/history',
      tags,
      summary: 'The full history: who, what, when, opinion; and every clock now',
      request: { params: CaseIdParam },
      responses: { 200: json(History), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireCaseReader(c.get('deps').db, requirePrincipal(c), id);
      return c.json(await caseHistory(c.get('deps').db, id, c.get('deps').time.now()), 200);
    },
  );
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/cases/{id}/files/{fileId}',
      tags,
      summary: 'An electronic copy handed in with the case’s materials, inline for preview',
      request: { params: CaseFileParam },
      responses: { 200: binary('The file as stored (type sniffed at upload)'), ...errors },
    }),
    async (c) => {
      const { id, fileId } = c.req.valid('param');
      const deps = c.get('deps');
      await requireCaseReader(deps.db, requirePrincipal(c), id);
      const attached = (await listMaterialFiles(deps.db, id)).some((f) => f.id === fileId);
      const found = attached ? await readFile(deps, fileId) : undefined;
      if (!found) throw notFound('File', '材料文件');
      return c.body(new Uint8Array(found.bytes), 200, {
        ...downloadHeaders(found.file),
        'content-disposition': `inline; filename="file"; filename*=UTF-8''${encodeURIComponent(found.file.filename)}`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      });
    },
  );
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/cases/{id}/rebuild',
      tags,
      summary: 'Rebuild the process state and open tasks from the events and compare with the stored state',
      request: { params: CaseIdParam },
      responses: { 200: json(RebuildResult), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireCaseReader(c.get('deps').db, requirePrincipal(c), id);
      return c.json(await rebuildCase(c.get('deps').db, id), 200);
    },
  );
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/cases/{id}/children',
      tags,
      summary: '联合审批: the child cases of a bundle (the lead sees them all)',
      request: { params: CaseIdParam },
      responses: { 200: json(z.array(Row)), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = c.get('deps').db;
      await requireCaseReader(db, requirePrincipal(c), id);
      const rows = await childrenOf({ trx: db }, id);
      return c.json(
        rows.map((r) => ({
          id: r.id,
          caseNumber: r.case_number,
          departmentId: r.department_id,
          status: r.status,
          outcome: r.outcome,
          promisedDueDate: r.promised_due_date,
          currentStep: r.current_step,
          completedAt: r.completed_at?.toISOString() ?? null,
        })),
        200,
      );
    },
  );
}
