// 发布前校验 on demand: the process editor sends a definition while it is being written and gets every
// problem (errors and warnings) without saving anything.
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { ProcessDefinition } from '../../core/process/definition.ts';
import { PROBLEM_SEVERITY, type ProblemCode, validate } from '../../core/process/validate.ts';
import type { AppEnv } from '../../server/context.ts';
import { defineRoute } from '../../server/route.ts';
import { errorResponses, json, jsonBody } from '../../shared/openapi.ts';

const ProcessCheckProblem = z
  .object({
    code: z.enum([...(Object.keys(PROBLEM_SEVERITY) as ProblemCode[]), 'schema']),
    stepId: z.string().optional(),
    /** For a schema problem: where in the JSON, e.g. nodes.2.limit.unit. */
    path: z.string().optional(),
    severity: z.enum(['error', 'warning']),
    zh: z.string(),
    en: z.string(),
  })
  .openapi('ProcessCheckProblem');
export type ProcessCheckProblem = z.infer<typeof ProcessCheckProblem>;

const ProcessCheck = z
  .object({ valid: z.boolean(), problems: z.array(ProcessCheckProblem) })
  .openapi('ProcessCheck');

/** Every problem of a definition: its shape first (the schema), then the graph (validate). */
export function checkDefinition(input: unknown, promisedWorkingDays?: number) {
  const parsed = ProcessDefinition.safeParse(input);
  if (!parsed.success) {
    const problems: ProcessCheckProblem[] = parsed.error.issues.slice(0, 50).map((i) => {
      const path = i.path.map(String).join('.');
      return {
        code: 'schema',
        path,
        severity: 'error',
        zh: `定义格式不符（${path || '整体'}）：${i.message}`,
        en: `the definition does not fit the schema at ${path || 'the top'}: ${i.message}`,
      };
    });
    return { valid: false, problems };
  }
  const problems = validate(parsed.data, promisedWorkingDays ? { promisedWorkingDays } : {});
  return { valid: !problems.some((p) => p.severity === 'error'), problems };
}

export function registerProcessCheckRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(
      { permission: 'catalogue.manage' },
      {
        method: 'post',
        path: '/api/v1/catalogue/process/validate',
        tags: ['catalogue'],
        summary: 'Check a process definition without saving it: schema, graph and limit problems',
        request: {
          body: jsonBody(
            z.object({
              processDefinition: z.unknown(),
              promisedWorkingDays: z.number().int().min(1).max(3650).optional(),
            }),
          ),
        },
        responses: { 200: json(ProcessCheck), ...errorResponses },
      },
    ),
    (c) => {
      const body = c.req.valid('json');
      return c.json(checkDefinition(body.processDefinition, body.promisedWorkingDays), 200);
    },
  );
}
