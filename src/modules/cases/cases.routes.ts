import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponse, errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import { type NoticeFormat, renderNotice } from '../notices/notices.service.ts';
import {
  CaseDetail,
  CaseIdParam,
  CaseListQuery,
  CaseSummary,
  NoticeFormat as NoticeFormatQuery,
  NoticeParam,
} from './cases.schemas.ts';
import { getCaseDetail, listCases, requireCase } from './cases.service.ts';
import { lookupProgress, Progress, ProgressQuery } from './public-lookup.ts';

const tags = ['cases'];
const read = { permission: 'cases.read' } as const;
const withErrors = { ...errorResponses, 404: errorResponse('No such case') };

export const noticeResponses = {
  200: {
    description:
      'The notice as printable HTML (A4), PDF with an embedded CJK font, or its stored JSON content',
    content: {
      'text/html': { schema: z.string() },
      'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
      'application/json': { schema: z.unknown() },
    },
  },
  ...withErrors,
};

/** Sends a rendered notice (inline, so the browser shows it for printing). */
export async function sendNotice(c: Context<AppEnv>, caseId: string, noticeId: string, format: NoticeFormat) {
  const r = await renderNotice(c.get('deps').db, caseId, noticeId, format);
  const body = typeof r.body === 'string' ? r.body : new Uint8Array(r.body);
  return c.body(body, 200, {
    'content-type': r.type,
    'content-disposition': `inline; filename="notice"; filename*=UTF-8''${encodeURIComponent(r.filename)}`,
    'cache-control': 'private, no-store',
  });
}

export function registerCaseRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/cases',
      tags,
      summary: 'Cases I may see, newest first (my centre, or my department)',
      request: { query: CaseListQuery },
      responses: { 200: json(z.array(CaseSummary)), ...withErrors },
    }),
    async (c) => c.json(await listCases(c.get('deps').db, requirePrincipal(c), c.req.valid('query')), 200),
  );
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/cases/{id}',
      tags,
      summary: 'One case: materials, history, work, notices, clocks and the decisions open now',
      request: { params: CaseIdParam },
      responses: { 200: json(CaseDetail), ...withErrors },
    }),
    async (c) =>
      c.json(await getCaseDetail(c.get('deps').db, requirePrincipal(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    defineRoute(read, {
      method: 'get',
      path: '/api/v1/cases/{id}/notices/{noticeId}',
      tags,
      summary: 'A notice of the case, regenerated from its stored content (?format=html|pdf|json)',
      request: { params: NoticeParam, query: NoticeFormatQuery },
      responses: noticeResponses,
    }),
    async (c) => {
      const { id, noticeId } = c.req.valid('param');
      await requireCase(c.get('deps').db, requirePrincipal(c), id, 'read');
      return sendNotice(c, id, noticeId, c.req.valid('query').format);
    },
  );
  app.openapi(
    defineRoute(
      { public: true },
      {
        method: 'post',
        path: '/api/v1/public/progress',
        tags: ['public'],
        summary: 'Progress of a case by case number and query code (no login; throttled per address)',
        request: { body: jsonBody(ProgressQuery) },
        responses: {
          200: json(Progress),
          400: errorResponses[400],
          404: errorResponse('No case matches the pair'),
          429: errorResponse('Too many failed lookups'),
        },
      },
    ),
    async (c) => c.json(await lookupProgress(c.get('deps'), c.req.valid('json'), c.get('clientIp')), 200),
  );
}
