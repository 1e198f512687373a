import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../server/context.ts';
import { requirePrincipal } from '../../server/principal.ts';
import { defineRoute } from '../../server/route.ts';
import { forbidden, notFound } from '../../shared/errors.ts';
import { errorResponse, errorResponses, json, jsonBody } from '../../shared/openapi.ts';
import { agenciesOf } from './assignees.ts';
import { requireCaseReader } from './engine.policy.ts';
import {
  Absence,
  CaseIdParam,
  CompleteResult,
  CompleteTask,
  DelegateTask,
  PickCandidates,
  Task,
  TaskIdParam,
  TaskVersion,
} from './engine.schemas.ts';
import { pickCandidates } from './pick.ts';
import {
  claimTask,
  delegateTask,
  MY_TASKS_MAX,
  myTasks,
  recordAbsence,
  releaseTask,
  tasksOfCase,
} from './task-ops.ts';
import { findTask } from './tasks.ts';
import { completeTask } from './transitions.ts';

const tags = ['engine'];
const work = { permission: 'tasks.work' } as const;
const errors = {
  ...errorResponses,
  404: errorResponse('No such task'),
  409: errorResponse('Stale version or closed'),
  422: errorResponse('Not allowed by the process'),
};
const MyTasksQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MY_TASKS_MAX)
    .optional()
    .openapi({ description: `At most this many, soonest due first (default and most: ${MY_TASKS_MAX})` }),
  caseId: z.uuid().optional().openapi({ description: 'Only the tasks of this case' }),
});

const TaskRow = z.record(z.string(), z.unknown()).openapi('TaskRow');

export function registerTaskRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    defineRoute(work, {
      method: 'get',
      path: '/api/v1/tasks',
      tags,
      summary: 'My work: the open tasks I may act on now (incl. AB角 stand-ins), soonest due first',
      request: { query: MyTasksQuery },
      responses: { 200: json(z.array(Task)), ...errorResponses },
    }),
    async (c) => {
      const { db, time } = c.get('deps');
      const now = time.now();
      return c.json(await myTasks(db, requirePrincipal(c), now, c.req.valid('query')), 200);
    },
  );
  app.openapi(
    defineRoute(
      { permission: 'cases.read' },
      {
        method: 'get',
        path: '/api/v1/cases/{id}/tasks',
        tags,
        summary: 'All tasks of a case with their step clocks',
        request: { params: CaseIdParam },
        responses: { 200: json(z.array(Task)), ...errors },
      },
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireCaseReader(c.get('deps').db, requirePrincipal(c), id);
      return c.json(await tasksOfCase(c.get('deps').db, id), 200);
    },
  );
  app.openapi(
    defineRoute(work, {
      method: 'get',
      path: '/api/v1/tasks/{id}/candidates',
      tags,
      summary: 'Who may be picked for the next steps whose assignee is chosen on completion (同部门在岗人员)',
      request: { params: TaskIdParam },
      responses: { 200: json(PickCandidates), ...errors },
    }),
    async (c) =>
      c.json(await pickCandidates(c.get('deps').db, requirePrincipal(c), c.req.valid('param').id), 200),
  );
  const simple = (action: 'claim' | 'release', summary: string) =>
    app.openapi(
      defineRoute(work, {
        method: 'post',
        path: `/api/v1/tasks/{id}/${action}`,
        tags,
        summary,
        request: { params: TaskIdParam, body: jsonBody(TaskVersion) },
        responses: { 200: json(TaskRow), ...errors },
      }),
      async (c) => {
        const fn = action === 'claim' ? claimTask : releaseTask;
        return c.json(
          await fn(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.req.valid('json').version),
          200,
        );
      },
    );
  simple('claim', '签收: take a task of my office/role for myself');
  simple('release', 'Put a claimed task back to the office/role');
  app.openapi(
    defineRoute(work, {
      method: 'post',
      path: '/api/v1/tasks/{id}/delegate',
      tags,
      summary: '转办: hand a task to a colleague of the department',
      request: { params: TaskIdParam, body: jsonBody(DelegateTask) },
      responses: { 200: json(TaskRow), ...errors },
    }),
    async (c) => {
      const b = c.req.valid('json');
      return c.json(
        await delegateTask(
          c.get('deps'),
          requirePrincipal(c),
          c.req.valid('param').id,
          b.version,
          b.to,
          b.reason,
        ),
        200,
      );
    },
  );
  app.openapi(
    defineRoute(work, {
      method: 'post',
      path: '/api/v1/tasks/{id}/complete',
      tags,
      summary:
        'Complete a task: 通过 pass, 退回 return (to a step or the applicant), 不予许可 deny — one transaction',
      request: { params: TaskIdParam, body: jsonBody(CompleteTask) },
      responses: { 200: json(CompleteResult), ...errors },
    }),
    async (c) =>
      c.json(
        await completeTask(c.get('deps'), requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  app.openapi(
    defineRoute(
      { permission: 'agency.report' },
      {
        method: 'post',
        path: '/api/v1/agency/tasks/{id}/report',
        tags,
        summary:
          'An outside agency reports the result of its task (API token of a member account; or a clerk records it)',
        request: { params: TaskIdParam, body: jsonBody(CompleteTask) },
        responses: { 200: json(CompleteResult), ...errors },
      },
    ),
    async (c) => {
      const p = requirePrincipal(c);
      const deps = c.get('deps');
      const { id } = c.req.valid('param');
      const task = await findTask(deps.db, id);
      if (!task) throw notFound('Task', '任务');
      const member =
        task.agency_id !== null && (await agenciesOf(deps.db, p.staffId)).includes(task.agency_id);
      if (!task.agency_id || (!member && !p.roles.includes('window_clerk')))
        throw forbidden('该任务不属于贵机构。', 'This task is not assigned to your agency.');
      return c.json(await completeTask(deps, p, id, c.req.valid('json')), 200);
    },
  );
  app.openapi(
    defineRoute(
      { permission: 'staff.absence' },
      {
        method: 'post',
        path: '/api/v1/staff/absences',
        tags,
        summary: 'Record an absence: the AB角 backup may act meanwhile',
        request: { body: jsonBody(Absence) },
        responses: { 201: json(TaskRow), ...errorResponses },
      },
    ),
    async (c) => c.json(await recordAbsence(c.get('deps'), requirePrincipal(c), c.req.valid('json')), 201),
  );
}
