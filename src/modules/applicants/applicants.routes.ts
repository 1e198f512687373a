// Applicants at the window: register an identity (validated), look one up, open an online account.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponse, errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import { Applicant, ApplicantInput, ApplicantQuery, OpenAccount } from './applicants.schemas.ts';
import { lookupApplicant, openAccount, registerApplicant } from './applicants.service.ts';

const tags = ['applicants'];
const receive = { permission: 'intake.receive' } as const;

export function registerApplicantRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(receive, {
      method: 'post',
      path: '/api/v1/applicants',
      tags,
      summary: 'Register or update an applicant (ID card or credit code validated with its check character)',
      request: { body: jsonBody(ApplicantInput) },
      responses: { 200: json(Applicant), ...errorResponses },
    }),
    async (c) =>
      c.json(await registerApplicant(c.get('deps'), requirePrincipal(c), c.req.valid('json')), 200),
  );
  app.openapi(
    defineRoute(receive, {
      method: 'get',
      path: '/api/v1/applicants',
      tags,
      summary: 'Find an applicant by identity number',
      request: { query: ApplicantQuery },
      responses: { 200: json(Applicant), ...errorResponses, 404: errorResponse('Unknown applicant') },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await lookupApplicant(c.get('deps'), q.kind, q.idNumber), 200);
    },
  );
  app.openapi(
    defineRoute(receive, {
      method: 'post',
      path: '/api/v1/applicants/{id}/account',
      tags,
      summary: 'Open the online account of an applicant whose identity was checked in person',
      request: { params: z.object({ id: z.uuid() }), body: jsonBody(OpenAccount) },
      responses: {
        201: json(Applicant, 'Opened'),
        ...errorResponses,
        404: errorResponse('Unknown applicant'),
        409: errorResponse('Already has an account'),
      },
    }),
    async (c) =>
      c.json(
        await openAccount(
          c.get('deps'),
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('json').password,
        ),
        201,
      ),
  );
}
