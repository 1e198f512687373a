/**
 * The applicant area (/api/v1/applicant/*): login with an identity number and password, file online, see
 * one's own cases and notices, upload materials, hand in corrections. Its own session cookie is resolved by
 * applicantSession, registered here before the routes it covers.
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponse, errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import { applicantIdOf } from '../cases/cases.policy.ts';
import { noticeResponses, sendNotice } from '../cases/cases.routes.ts';
import {
  CaseDetail,
  CaseIdParam,
  CaseListQuery,
  CaseSummary,
  NoticeFormat,
  NoticeParam,
} from '../cases/cases.schemas.ts';
import { getCaseDetail, listCases, requireCase } from '../cases/cases.service.ts';
import { uploadMaterialFile } from '../intake/intake.materials.ts';
import { answer, UploadedFile } from '../intake/intake.routes.ts';
import {
  IdempotencyHeader,
  MaterialParam,
  OnlineApplication,
  Resubmit,
  UploadForm,
} from '../intake/intake.schemas.ts';
import { fileOnline, resubmit } from '../intake/intake.service.ts';
import { APPLICANT_COOKIE, applicantLogin, applicantLogout, applicantSession } from './accounts.ts';
import { ApplicantLogin, ApplicantMe } from './applicants.schemas.ts';
import { findApplicant, toApplicant } from './applicants.service.ts';

const tags = ['applicant area'];
const self = { permission: 'applicant.self' } as const;
const withErrors = { ...errorResponses, 404: errorResponse('Not found'), 409: errorResponse('Not now') };

export function registerApplicantAreaRoutes(app: OpenAPIHono<AppEnv>) {
  app.use('/api/v1/applicant/*', applicantSession);
  app.openapi(
    defineRoute(
      { public: true },
      {
        method: 'post',
        path: '/api/v1/applicant/login',
        tags,
        summary: 'Applicant login with identity number and password (sets the applicant session cookie)',
        request: { body: jsonBody(ApplicantLogin) },
        responses: {
          200: json(z.object({ csrfToken: z.string(), expiresAt: z.iso.datetime() })),
          401: errorResponse('Wrong credentials'),
          429: errorResponse('Too many failures'),
        },
      },
    ),
    async (c) => {
      const deps = c.get('deps');
      const r = await applicantLogin(deps, { ...c.req.valid('json'), ip: c.get('clientIp') });
      setCookie(c, APPLICANT_COOKIE, r.cookieValue, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: deps.config.COOKIE_SECURE,
        path: '/api/v1/applicant',
        expires: r.expiresAt,
      });
      return c.json({ csrfToken: r.csrfToken, expiresAt: r.expiresAt.toISOString() }, 200);
    },
  );
  app.openapi(
    defineRoute(self, {
      method: 'post',
      path: '/api/v1/applicant/logout',
      tags,
      summary: 'End the applicant session',
      responses: { 200: json(z.object({ ok: z.literal(true) })), ...errorResponses },
    }),
    async (c) => {
      await applicantLogout(c.get('deps'), requirePrincipal(c));
      deleteCookie(c, APPLICANT_COOKIE, { path: '/api/v1/applicant' });
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    defineRoute(self, {
      method: 'get',
      path: '/api/v1/applicant/me',
      tags,
      summary: 'Who am I (applicant)',
      responses: { 200: json(ApplicantMe), ...errorResponses },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const applicant = await findApplicant(c.get('deps').db, applicantIdOf(p)!);
      return c.json(
        { accountId: p.staffId, applicant: toApplicant(applicant!, true), csrfToken: p.csrfToken },
        200,
      );
    },
  );
  registerMyCases(app);
}

function registerMyCases(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(self, {
      method: 'post',
      path: '/api/v1/applicant/applications',
      tags,
      summary: 'File an application online',
      request: { headers: IdempotencyHeader, body: jsonBody(OnlineApplication) },
      responses: { 201: json(CaseDetail, 'Filed'), ...withErrors },
    }),
    async (c) =>
      answer(
        c,
        await fileOnline(
          c.get('deps'),
          requirePrincipal(c),
          c.req.valid('json'),
          c.req.header('idempotency-key'),
        ),
        201,
      ),
  );
  app.openapi(
    defineRoute(self, {
      method: 'get',
      path: '/api/v1/applicant/cases',
      tags,
      summary: 'My cases',
      request: { query: CaseListQuery },
      responses: { 200: json(z.array(CaseSummary)), ...withErrors },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      return c.json(
        await listCases(c.get('deps').db, p, { ...c.req.valid('query'), applicantId: applicantIdOf(p)! }),
        200,
      );
    },
  );
  app.openapi(
    defineRoute(self, {
      method: 'get',
      path: '/api/v1/applicant/cases/{id}',
      tags,
      summary: 'One of my cases',
      request: { params: CaseIdParam },
      responses: { 200: json(CaseDetail), ...withErrors },
    }),
    async (c) =>
      c.json(await getCaseDetail(c.get('deps').db, requirePrincipal(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    defineRoute(self, {
      method: 'get',
      path: '/api/v1/applicant/cases/{id}/notices/{noticeId}',
      tags,
      summary: 'A notice of my case',
      request: { params: NoticeParam, query: NoticeFormat },
      responses: noticeResponses,
    }),
    async (c) => {
      const { id, noticeId } = c.req.valid('param');
      await requireCase(c.get('deps').db, requirePrincipal(c), id, 'read');
      return sendNotice(c, id, noticeId, c.req.valid('query').format);
    },
  );
  app.openapi(
    defineRoute(self, {
      method: 'post',
      path: '/api/v1/applicant/cases/{id}/materials/{materialId}/files',
      tags,
      summary: 'Upload an electronic copy of a material of my case',
      request: {
        params: MaterialParam,
        body: { required: true, content: { 'multipart/form-data': { schema: UploadForm } } },
      },
      responses: { 201: json(UploadedFile, 'Stored'), ...withErrors, 413: errorResponse('Too large') },
    }),
    async (c) => {
      const { id, materialId } = c.req.valid('param');
      return c.json(
        await uploadMaterialFile(
          c.get('deps'),
          requirePrincipal(c),
          { caseId: id, materialId },
          c.req.valid('form').file,
          'supplement',
        ),
        201,
      );
    },
  );
  app.openapi(
    defineRoute(self, {
      method: 'post',
      path: '/api/v1/applicant/cases/{id}/resubmit',
      tags,
      summary: 'Hand in the corrected materials of my case',
      request: { params: CaseIdParam, body: jsonBody(Resubmit) },
      responses: { 200: json(CaseDetail), ...withErrors },
    }),
    async (c) =>
      c.json(
        await resubmit(
          c.get('deps'),
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('json').version,
          'supplement',
        ),
        200,
      ),
  );
}
