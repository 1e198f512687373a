import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponse, errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import { attachFile, staffFile } from './catalogue.files.ts';
import { registerCatalogueIoRoutes } from './catalogue.io.routes.ts';
import {
  AdminItem,
  AdminItemQuery,
  CreateItem,
  IdParam,
  ItemContent,
  ItemVersion,
  VersionSummary,
} from './catalogue.schemas.ts';
import {
  createItem,
  listItems,
  listVersions,
  newVersion,
  publishVersion,
  readVersion,
  saveDraft,
  withdrawItem,
} from './catalogue.service.ts';
import { downloadHeaders } from './file-store.ts';
import { registerGuideRoutes } from './guide.routes.ts';
import { binary, FileField } from './http.ts';

const tags = ['catalogue'];
const read = { permission: 'catalogue.read' } as const;
const manage = { permission: 'catalogue.manage' } as const;
const withErrors = { ...errorResponses, 404: errorResponse('Not found'), 409: errorResponse('Conflict') };

const AttachForm = z.object({
  file: FileField,
  target: z.enum(['blank_form', 'sample', 'result_sample']),
  materialPosition: z.coerce.number().int().min(1).optional(),
});

/** The catalogue: admin routes here, import/export and the public guide in their own files. */
export function registerCatalogueRoutes(app: OpenAPIHono<AppEnv>) {
  registerAdminRoutes(app);
  registerCatalogueIoRoutes(app);
  registerGuideRoutes(app);
}

function registerAdminRoutes(app: OpenAPIHono<AppEnv>) {
  const route = <A extends typeof read | typeof manage, C extends Parameters<typeof defineRoute>[1]>(
    access: A,
    config: C,
  ) => defineRoute(access, { tags, ...config });

  app.openapi(
    route(read, {
      method: 'get',
      path: '/api/v1/catalogue/items',
      summary: 'Items of my centre (all centres for a system administrator)',
      request: { query: AdminItemQuery },
      responses: { 200: json(z.array(AdminItem)), ...withErrors },
    }),
    async (c) => c.json(await listItems(c.get('deps'), requirePrincipal(c), c.req.valid('query')), 200),
  );
  app.openapi(
    route(manage, {
      method: 'post',
      path: '/api/v1/catalogue/items',
      summary: 'Create an item (its version 1, a draft)',
      request: { body: jsonBody(CreateItem) },
      responses: { 201: json(ItemVersion, 'Created'), ...withErrors, 422: errorResponse('Rules broken') },
    }),
    async (c) => c.json(await createItem(c.get('deps'), requirePrincipal(c), c.req.valid('json')), 201),
  );
  app.openapi(
    route(read, {
      method: 'get',
      path: '/api/v1/catalogue/items/{id}/versions',
      summary: 'Versions of an item, newest first',
      request: { params: IdParam },
      responses: { 200: json(z.array(VersionSummary)), ...withErrors },
    }),
    async (c) => c.json(await listVersions(c.get('deps'), requirePrincipal(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    route(manage, {
      method: 'put',
      path: '/api/v1/catalogue/items/{id}/draft',
      summary: 'Edit: save the open draft, or open a new draft version if the latest is frozen',
      request: { params: IdParam, body: jsonBody(ItemContent) },
      responses: { 200: json(ItemVersion), ...withErrors, 422: errorResponse('Rules broken') },
    }),
    async (c) =>
      c.json(
        await saveDraft(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  app.openapi(
    route(manage, {
      method: 'post',
      path: '/api/v1/catalogue/items/{id}/versions',
      summary: 'Open a new draft version, copied from the latest version',
      request: { params: IdParam },
      responses: { 201: json(ItemVersion, 'Created'), ...withErrors },
    }),
    async (c) => c.json(await newVersion(c.get('deps'), requirePrincipal(c), c.req.valid('param').id), 201),
  );
  app.openapi(
    route(manage, {
      method: 'post',
      path: '/api/v1/catalogue/items/{id}/withdraw',
      summary: 'Withdraw the published version (no new cases; existing cases keep it)',
      request: { params: IdParam },
      responses: { 200: json(ItemVersion), ...withErrors },
    }),
    async (c) => c.json(await withdrawItem(c.get('deps'), requirePrincipal(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    route(read, {
      method: 'get',
      path: '/api/v1/catalogue/versions/{id}',
      summary: 'One version with its materials, limits and process (any status)',
      request: { params: IdParam },
      responses: { 200: json(ItemVersion), ...withErrors },
    }),
    async (c) => c.json(await readVersion(c.get('deps'), requirePrincipal(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    route(manage, {
      method: 'post',
      path: '/api/v1/catalogue/versions/{id}/publish',
      summary: 'Publish a draft: it becomes current for new cases; the previous one is superseded',
      request: { params: IdParam },
      responses: { 200: json(ItemVersion), ...withErrors },
    }),
    async (c) =>
      c.json(await publishVersion(c.get('deps'), requirePrincipal(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    route(manage, {
      method: 'post',
      path: '/api/v1/catalogue/versions/{id}/files',
      summary: 'Upload a blank form, sample or result sample to a draft (multipart; ≤ 10 MB)',
      request: {
        params: IdParam,
        body: { required: true, content: { 'multipart/form-data': { schema: AttachForm } } },
      },
      responses: { 200: json(ItemVersion), ...withErrors, 413: errorResponse('Too large') },
    }),
    async (c) => {
      const form = c.req.valid('form');
      const file = { bytes: new Uint8Array(await form.file.arrayBuffer()), filename: form.file.name };
      const v = await attachFile(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, {
        ...form,
        file,
      });
      return c.json(v, 200);
    },
  );
  app.openapi(
    route(read, {
      method: 'get',
      path: '/api/v1/catalogue/files/{id}',
      summary: 'Download a file of my centre’s catalogue (drafts included)',
      request: { params: IdParam },
      responses: { 200: binary('The file'), ...withErrors },
    }),
    async (c) => {
      const { file, bytes } = await staffFile(c.get('deps'), requirePrincipal(c), c.req.valid('param').id);
      return c.body(new Uint8Array(bytes), 200, downloadHeaders(file));
    },
  );
}
