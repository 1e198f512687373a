// Claim (签收), release, delegate (转办), absences for AB角, and the task lists ("my work").
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../shared/errors.ts';
import { changeWithLog } from '../audit/change.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { recordEvent } from '../cases/case-events.ts';
import type { CaseTaskRow } from '../cases/cases.queries.ts';
import { absentPrincipals, agenciesOf, workRight } from './assignees.ts';
import { type EngineContext, onCase, whoOf } from './engine.context.ts';
import type { Task } from './engine.schemas.ts';
import { findTask, OPEN } from './tasks.ts';

type Db = Kysely<DB>;

async function lockedTask(ctx: EngineContext, p: Principal, taskId: string, version: number) {
  const t = await ctx.trx.selectFrom('case_tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
  if (!t || t.case_id !== ctx.c.id) throw notFound('Task', '任务');
  if (!OPEN.includes(t.status as (typeof OPEN)[number]))
    throw conflict('task_closed', '该任务已办理或已撤回。', 'The task is already completed or withdrawn.');
  if (t.version !== version)
    throw conflict(
      'stale_version',
      '任务已被他人更新，请刷新后重试。',
      'The task has changed; reload and retry.',
      { version: t.version },
    );
  const right = await workRight(ctx.trx, p, t, ctx.c.centre_id, ctx.now);
  return { t, right };
}

async function taskChange(
  deps: AppDeps,
  p: Principal,
  taskId: string,
  action: 'claim' | 'release' | 'delegate',
  fn: (
    ctx: EngineContext,
    t: CaseTaskRow,
    allowed: boolean,
  ) => Promise<Partial<CaseTaskRow> & { event: Record<string, unknown> }>,
  version: number,
) {
  const found = await findTask(deps.db, taskId);
  if (!found) throw notFound('Task', '任务');
  return onCase(deps, whoOf(p), found.case_id, async (ctx) => {
    const { t, right } = await lockedTask(ctx, p, taskId, version);
    const { event, ...patch } = await fn(ctx, t, right !== null);
    const row = await ctx.trx
      .updateTable('case_tasks')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('id', '=', t.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const type =
      action === 'claim' ? 'task_claimed' : action === 'release' ? 'task_released' : 'task_delegated';
    await recordEvent(ctx.trx, ctx.c.id, ctx.actor, ctx.now, type, { taskId, stepId: t.step_id, ...event });
    return { result: row, log: { action: `engine.task.${action}`, payload: { taskId, ...event } } };
  });
}

const notYours = () => forbidden('该任务不属于您。', 'This task is not assigned to you.');

export const claimTask = (deps: AppDeps, p: Principal, taskId: string, version: number) =>
  taskChange(
    deps,
    p,
    taskId,
    'claim',
    async (ctx, t, allowed) => {
      if (!allowed) throw notYours();
      if (t.claimed_by) throw conflict('already_claimed', '任务已被签收。', 'The task is already claimed.');
      return { status: 'claimed', claimed_by: p.staffId, claimed_at: ctx.now, event: {} };
    },
    version,
  );

export const releaseTask = (deps: AppDeps, p: Principal, taskId: string, version: number) =>
  taskChange(
    deps,
    p,
    taskId,
    'release',
    async (_ctx, t) => {
      if (t.claimed_by !== p.staffId) throw notYours();
      return { status: 'open', claimed_by: null, claimed_at: null, event: {} };
    },
    version,
  );

/** 转办: to a colleague of the same department (or, for a leader, anyone in it). */
export const delegateTask = (
  deps: AppDeps,
  p: Principal,
  taskId: string,
  version: number,
  to: string,
  reason: string,
) =>
  taskChange(
    deps,
    p,
    taskId,
    'delegate',
    async (ctx, t, allowed) => {
      if (!allowed) throw notYours();
      const target = await ctx.trx
        .selectFrom('staff')
        .select(['id', 'department_id', 'active'])
        .where('id', '=', to)
        .executeTakeFirst();
      if (!target?.active)
        throw unprocessable(
          'unknown_staff',
          '转办对象不存在或已停用。',
          'The delegate does not exist or is inactive.',
        );
      if (t.department_id && target.department_id !== t.department_id)
        throw unprocessable(
          'other_department',
          '只能转办给本部门人员。',
          'Tasks can only be delegated within the department.',
        );
      return {
        status: 'claimed',
        assignee_staff_id: to,
        claimed_by: to,
        claimed_at: ctx.now,
        delegated_from: p.staffId,
        event: { to, reason },
      };
    },
    version,
  );

/** Records an absence (leave, trip): the person's backup (AB角) may act on their tasks meanwhile. */
export async function recordAbsence(
  deps: AppDeps,
  p: Principal,
  a: { staffId: string; startsAt: string; endsAt: string; reason: string },
) {
  if (a.staffId !== p.staffId && !p.roles.includes('leader')) throw forbidden();
  return changeWithLog(
    deps,
    actorOf(p),
    (trx) =>
      trx
        .insertInto('staff_absences')
        .values({
          staff_id: a.staffId,
          starts_at: new Date(a.startsAt),
          ends_at: new Date(a.endsAt),
          reason: a.reason,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    (r) => ({
      action: 'engine.absence.record',
      targetType: 'staff',
      targetId: r.staff_id,
      payload: { startsAt: a.startsAt, endsAt: a.endsAt },
    }),
  );
}

type TaskListRow = CaseTaskRow & {
  case_number: string | null;
  centre_id: string;
  item_name: string;
  clock_status: string | null;
  clock_due_at: Date | null;
  clock_light: string | null;
};

export const toTask = (r: TaskListRow): Task => ({
  id: r.id,
  caseId: r.case_id,
  caseNumber: r.case_number,
  itemName: r.item_name,
  stepId: r.step_id,
  stepName: r.step_name,
  kind: r.kind,
  assignee: r.assignee,
  officeId: r.office_id,
  departmentId: r.department_id,
  agencyId: r.agency_id,
  assigneeStaffId: r.assignee_staff_id,
  claimedBy: r.claimed_by,
  status: r.status,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  clock: r.clock_id
    ? {
        id: r.clock_id,
        status: r.clock_status ?? 'running',
        dueAt: r.clock_due_at?.toISOString() ?? null,
        light: r.clock_light,
      }
    : null,
});

function taskQuery(db: Db) {
  return db
    .selectFrom('case_tasks as t')
    .innerJoin('cases as c', 'c.id', 't.case_id')
    .innerJoin('catalogue_item_versions as v', 'v.id', 'c.item_version_id')
    .leftJoin('clocks as k', 'k.id', 't.clock_id')
    .selectAll('t')
    .select([
      'c.case_number',
      'c.centre_id',
      'v.name as item_name',
      'k.status as clock_status',
      'k.due_at as clock_due_at',
      'k.light as clock_light',
    ]);
}

/** The open tasks the caller may work on now: theirs, their office's, role's, agency's, or an absent colleague's. */
export async function myTasks(db: Db, p: Principal, at: Date): Promise<Task[]> {
  const [agencies, standIn] = await Promise.all([
    agenciesOf(db, p.staffId),
    absentPrincipals(db, p.staffId, at),
  ]);
  const people = [p.staffId, ...standIn];
  const rows = await taskQuery(db)
    .where('t.status', 'in', OPEN)
    .where('c.archived_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('t.claimed_by', 'in', people),
        eb.and([
          eb('t.claimed_by', 'is', null),
          eb.or([
            eb('t.assignee_staff_id', 'in', people),
            ...(agencies.length ? [eb('t.agency_id', 'in', agencies)] : []),
            ...(p.officeId
              ? [eb.and([eb('t.assignee_staff_id', 'is', null), eb('t.office_id', '=', p.officeId)])]
              : []),
            ...(p.roles.length
              ? [
                  eb.and([
                    eb('t.assignee_staff_id', 'is', null),
                    eb('t.office_id', 'is', null),
                    eb('t.role', 'in', p.roles),
                    eb.or([
                      eb('t.department_id', '=', p.departmentId ?? '00000000-0000-0000-0000-000000000000'),
                      eb.and([
                        eb('t.department_id', 'is', null),
                        eb('c.centre_id', '=', p.centreId ?? '00000000-0000-0000-0000-000000000000'),
                      ]),
                    ]),
                  ]),
                ]
              : []),
          ]),
        ]),
      ]),
    )
    .orderBy('t.created_at')
    .limit(500)
    .execute();
  return rows.map(toTask);
}

export async function tasksOfCase(db: Db, caseId: string): Promise<Task[]> {
  const rows = await taskQuery(db)
    .where('t.case_id', '=', caseId)
    .orderBy('t.created_at')
    .orderBy('t.step_id')
    .execute();
  return rows.map(toTask);
}
