import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponse, errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import { registerApplicantAreaRoutes } from '../applicants/applicant-area.routes.ts';
import { registerApplicantRoutes } from '../applicants/applicants.routes.ts';
import { registerCaseRoutes } from '../cases/cases.routes.ts';
import { CaseDetail, CaseIdParam } from '../cases/cases.schemas.ts';
import type { Answer } from './idempotency.ts';
import { decide } from './intake.decisions.ts';
import { checkMaterials, uploadMaterialFile } from './intake.materials.ts';
import {
  CheckMaterials,
  CreateApplication,
  Decision,
  IdempotencyHeader,
  MaterialParam,
  Resubmit,
  UploadForm,
} from './intake.schemas.ts';
import { createApplication, resubmit } from './intake.service.ts';

const tags = ['intake'];
const receive = { permission: 'intake.receive' } as const;
const withErrors = {
  ...errorResponses,
  404: errorResponse('No such case or item'),
  409: errorResponse('Changed meanwhile, or not allowed in this state'),
  422: errorResponse('The intake conditions are not met'),
};

export const UploadedFile = z
  .object({
    version: z.number().int(),
    file: z.object({
      id: z.uuid(),
      sha256: z.string(),
      size: z.number(),
      mediaType: z.string(),
      filename: z.string(),
    }),
  })
  .openapi('UploadedCaseFile');

/** Sends an idempotent answer, marking a replay. */
export function answer<S extends 200 | 201>(c: Context<AppEnv>, a: Answer<CaseDetail>, status: S) {
  if (a.replayed) c.header('idempotent-replayed', 'true');
  return c.json(a.body, status);
}

/** Intake and everything it brings: cases, applicants, the applicant area and the public lookup. */
export function registerIntakeRoutes(app: OpenAPIHono<AppEnv>) {
  registerApplicantRoutes(app);
  registerWindowRoutes(app);
  registerCaseRoutes(app);
  registerApplicantAreaRoutes(app);
}

function registerWindowRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(receive, {
      method: 'post',
      path: '/api/v1/intake/applications',
      tags,
      summary: 'Receive an application at the window (收件), with the first checks of its materials',
      request: { headers: IdempotencyHeader, body: jsonBody(CreateApplication) },
      responses: { 201: json(CaseDetail, 'Received'), ...withErrors },
    }),
    async (c) =>
      answer(
        c,
        await createApplication(
          c.get('deps'),
          requirePrincipal(c),
          c.req.valid('json'),
          c.req.header('idempotency-key'),
        ),
        201,
      ),
  );
  app.openapi(
    defineRoute(receive, {
      method: 'post',
      path: '/api/v1/intake/applications/{id}/materials',
      tags,
      summary:
        'Record the check of materials: ok / missing / defective / mismatch (or supply owed 容缺 ones)',
      request: { params: CaseIdParam, body: jsonBody(CheckMaterials) },
      responses: { 200: json(CaseDetail), ...withErrors },
    }),
    async (c) =>
      c.json(
        await checkMaterials(
          c.get('deps'),
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  );
  app.openapi(
    defineRoute(receive, {
      method: 'post',
      path: '/api/v1/intake/applications/{id}/materials/{materialId}/files',
      tags,
      summary: 'Upload an electronic copy of a material (multipart; type sniffed, size limited)',
      request: {
        params: MaterialParam,
        body: { required: true, content: { 'multipart/form-data': { schema: UploadForm } } },
      },
      responses: { 201: json(UploadedFile, 'Stored'), ...withErrors, 413: errorResponse('Too large') },
    }),
    async (c) => {
      const { id, materialId } = c.req.valid('param');
      const r = await uploadMaterialFile(
        c.get('deps'),
        requirePrincipal(c),
        { caseId: id, materialId },
        c.req.valid('form').file,
        'receive',
      );
      return c.json(r, 201);
    },
  );
  app.openapi(
    defineRoute(receive, {
      method: 'post',
      path: '/api/v1/intake/applications/{id}/resubmit',
      tags,
      summary: 'The applicant handed in the corrected materials (补正后重新提交)',
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
          'receive',
        ),
        200,
      ),
  );
  app.openapi(
    defineRoute(
      { permission: 'intake.decide' },
      {
        method: 'post',
        path: '/api/v1/intake/applications/{id}/decisions',
        tags,
        summary: 'Intake decision: 受理 accept, 不予受理 refuse, 补正 request_correction, 容缺受理 defer',
        request: { params: CaseIdParam, headers: IdempotencyHeader, body: jsonBody(Decision) },
        responses: { 200: json(CaseDetail), ...withErrors },
      },
    ),
    async (c) =>
      answer(
        c,
        await decide(
          c.get('deps'),
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('json'),
          c.req.header('idempotency-key'),
        ),
        200,
      ),
  );
}
