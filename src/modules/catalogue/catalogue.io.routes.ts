import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { AppError, badRequest } from '../../shared/errors.ts';
import { errorResponse, errorResponses, json } from '../../shared/openapi.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { exportWorkbook, templateWorkbook } from './catalogue.export.ts';
import { importCatalogue } from './catalogue.import.ts';
import { canManageCatalogue, requireManage, scopeOf } from './catalogue.policy.ts';
import { attachment, binary, FileField, XLSX_TYPE } from './http.ts';

const tags = ['catalogue'];
const manage = { permission: 'catalogue.manage' } as const;

const ImportForm = z.object({
  file: FileField,
  partial: z.enum(['true', 'false']).default('false').openapi({ description: 'Import the valid rows only.' }),
  centreId: z.uuid().optional().openapi({ description: 'Centre of rows without 中心编码 (default: mine).' }),
});

const ImportProblem = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
  messageEn: z.string(),
});
export const ImportReport = z
  .object({
    applied: z.boolean(),
    partial: z.boolean(),
    items: z.number().int(),
    skipped: z.number().int(),
    created: z.number().int(),
    newVersions: z.number().int(),
    draftsSaved: z.number().int(),
    published: z.number().int(),
    unchanged: z.number().int(),
    problems: z.array(ImportProblem),
    changes: z.array(
      z.object({ implementationCode: z.string(), itemId: z.string(), versionId: z.string(), op: z.string() }),
    ),
  })
  .openapi('ImportReport');

const ExportQuery = z.object({ centreId: z.uuid().optional() });

const centresFor = (p: Principal, centreId?: string) => {
  if (centreId) {
    requireManage(p, centreId);
    return [centreId];
  }
  const scope = scopeOf(p);
  return scope ? [scope] : null;
};

/** Import (xlsx/csv upload), export and the blank template of the catalogue workbook. */
export function registerCatalogueIoRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(manage, {
      method: 'post',
      path: '/api/v1/catalogue/import',
      tags,
      summary:
        'Import an xlsx (sheets 事项 and 材料) or csv (事项) file; 422 with the report when nothing was imported',
      request: { body: { required: true, content: { 'multipart/form-data': { schema: ImportForm } } } },
      responses: {
        200: json(ImportReport),
        ...errorResponses,
        422: errorResponse('Problems found; details = report'),
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const form = c.req.valid('form');
      if (!/\.(xlsx|csv)$/i.test(form.file.name))
        throw badRequest(
          'unsupported_file_type',
          '请上传 .xlsx 或 .csv 文件。',
          'Upload an .xlsx or .csv file.',
        );
      const defaultCentreId = form.centreId ?? p.centreId ?? undefined;
      if (defaultCentreId) requireManage(p, defaultCentreId);
      const bytes = new Uint8Array(await form.file.arrayBuffer());
      const report = await importCatalogue(
        c.get('deps'),
        { bytes, filename: form.file.name },
        {
          actor: actorOf(p),
          partial: form.partial === 'true',
          defaultCentreId,
          canManage: (id) => canManageCatalogue(p, id),
        },
      );
      if (!report.applied)
        throw new AppError(
          422,
          'import_invalid',
          `导入文件有 ${report.problems.length} 处问题，未导入任何内容。`,
          `The file has ${report.problems.length} problems; nothing was imported.`,
          report,
        );
      return c.json(report, 200);
    },
  );
  app.openapi(
    defineRoute(manage, {
      method: 'get',
      path: '/api/v1/catalogue/export',
      tags,
      summary: 'Export the catalogue as xlsx (my centre, or one centre, or all for a system administrator)',
      request: { query: ExportQuery },
      responses: { 200: binary('The workbook', XLSX_TYPE), ...errorResponses },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const bytes = await exportWorkbook(c.get('deps').db, centresFor(p, c.req.valid('query').centreId));
      return c.body(bytes, 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': attachment('事项目录.xlsx'),
      });
    },
  );
  app.openapi(
    defineRoute(manage, {
      method: 'get',
      path: '/api/v1/catalogue/template',
      tags,
      summary: 'The blank import template (xlsx with Chinese headers and a 说明 sheet)',
      responses: { 200: binary('The template', XLSX_TYPE), ...errorResponses },
    }),
    async (c) =>
      c.body(await templateWorkbook(), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': attachment('事项目录导入模板.xlsx'),
      }),
  );
}
