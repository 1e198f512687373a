import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/context.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponse, json } from '../../shared/openapi.ts';
import { IdParam } from './catalogue.schemas.ts';
import { downloadHeaders } from './file-store.ts';
import { GuideItemDetail, GuidePage, GuideQuery } from './guide.schemas.ts';
import { guideDetail, listGuide, publicFile } from './guide.service.ts';
import { binary } from './http.ts';

const tags = ['guide (public)'];
const open = { public: true } as const;
const errors = { 400: errorResponse('Invalid request'), 404: errorResponse('Not found') };

/** 办事指南: what anyone may read without logging in — published versions only. */
export function registerGuideRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(open, {
      method: 'get',
      path: '/api/v1/guide/items',
      tags,
      summary: 'List or search published items (by department, theme, audience, channel; Chinese or pinyin)',
      request: { query: GuideQuery },
      responses: { 200: json(GuidePage), ...errors },
    }),
    async (c) => c.json(await listGuide(c.get('deps').db, c.req.valid('query')), 200),
  );
  app.openapi(
    defineRoute(open, {
      method: 'get',
      path: '/api/v1/guide/items/{id}',
      tags,
      summary: 'The guide of one item: every public field, materials, and the process as a flow',
      request: { params: IdParam },
      responses: { 200: json(GuideItemDetail), ...errors },
    }),
    async (c) => c.json(await guideDetail(c.get('deps'), c.req.valid('param').id), 200),
  );
  app.openapi(
    defineRoute(open, {
      method: 'get',
      path: '/api/v1/guide/files/{id}',
      tags,
      summary: 'Download a blank form or sample of a published item',
      request: { params: IdParam },
      responses: { 200: binary('The file'), ...errors },
    }),
    async (c) => {
      const { file, bytes } = await publicFile(c.get('deps'), c.req.valid('param').id);
      return c.body(new Uint8Array(bytes), 200, downloadHeaders(file));
    },
  );
}
