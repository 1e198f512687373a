// Claim (签收), release, delegate (转办), absences for AB角, and the task lists ("my work").
import { type Kysely, sql } from 'kysely';
import { ALWAYS_PREPARED } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../shared/errors.ts';
import { changeWithLog } from '../audit/change.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { recordEvent } from '../cases/case-events.ts';
import type { CaseTaskRow } from '../cases/cases.queries.ts';
import { type ClockStateJson, clockStateJson, clockStateOf } from '../clock/clock.service.ts';
import { workRight } from './assignees.ts';
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
  ) => Promise<Partial<Omit<CaseTaskRow, 'due_at'>> & { event: Record<string, unknown> }>,
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

/** How many tasks a work list returns at most. */
export const MY_TASKS_MAX = 500;
const PAGE_LENGTHS = [20, 50, 100, 200, MY_TASKS_MAX];

/**
 * The open tasks the caller may work on now — theirs, their office's, role's, agency's, or an absent
 * colleague's — soonest due first (steps without a deadline last), at most `limit`, each with the working
 * days left on its step clock; of one case only when `caseId` is given. One statement: each way a task can
 * be the caller's is read on its own, in due order and up to the page, from the index that serves it (an
 * office's pool: case_tasks_office_due_idx, on the due instant each step copies from its clock), and the
 * union is cut to the page, so the cost follows the page, not the number of open steps.
 */
export async function myTasks(
  db: Db,
  p: Principal,
  at: Date,
  opts: { limit?: number; caseId?: string } = {},
): Promise<Task[]> {
  const wanted = Math.min(Math.max(1, Math.trunc(opts.limit ?? MY_TASKS_MAX)), MY_TASKS_MAX);
  // The page's length is written into the statement (see below), rounded up to one of a few lengths so that
  // a caller's choice of limit cannot multiply the statement's texts; the rows are cut to it here.
  const limit = sql.lit(PAGE_LENGTHS.find((n) => n >= wanted) ?? MY_TASKS_MAX);
  // The ways: the caller's own (claimed by them or by a colleague they stand in for while absent, AB角;
  // assigned to one of them; their agency's) — a handful, sorted; their office's pool; each of their roles'
  // pools in their department, and centre-wide for steps of no department (the window clerks'). The pools
  // are walked in due order from their indexes (case_tasks_office_due_idx, case_tasks_role_due_idx).
  const pool = sql`t.claimed_by IS NULL AND t.assignee_staff_id IS NULL`;
  const ways = [
    sql`(t.claimed_by = ANY((SELECT ids FROM people)::uuid[])
         OR (t.claimed_by IS NULL AND t.assignee_staff_id = ANY((SELECT ids FROM people)::uuid[]))
         OR (t.claimed_by IS NULL AND t.agency_id = ANY((SELECT agencies FROM people)::uuid[])))`,
    ...(p.officeId ? [sql`${pool} AND t.office_id = ${p.officeId}`] : []),
    ...p.roles.flatMap((role) => [
      ...(p.departmentId
        ? [sql`${pool} AND t.office_id IS NULL AND t.role = ${role} AND t.department_id = ${p.departmentId}`]
        : []),
      ...(p.centreId
        ? [
            sql`${pool} AND t.office_id IS NULL AND t.role = ${role} AND t.department_id IS NULL
                AND c.centre_id = ${p.centreId}`,
          ]
        : []),
    ]),
  ];
  const oneCase = opts.caseId ? sql`AND t.case_id = ${opts.caseId}` : sql``;
  const branches = ways.map(
    (way) => sql`(
      SELECT t.id, t.due_at, t.created_at FROM case_tasks t JOIN cases c ON c.id = t.case_id
      WHERE t.status IN ('open', 'claimed') AND c.archived_at IS NULL AND ${way} ${oneCase}
      ORDER BY t.due_at, t.created_at LIMIT ${limit})`,
  );
  // The page's ids in order (a task found two ways counts once), then each one's row by key with what its
  // clock's state needs: the lookups are LATERAL behind OFFSET 0, so that the planner, which cannot see how
  // short the page is, never hashes all steps for them.
  // Prepared: each way's best plan is the same whatever the values (its own index, the page's length
  // written in), and planning this statement cost as much as running it (3 ms).
  const q = sql<TaskListRow & { clock_state: ClockStateJson | null }>`${sql.raw(ALWAYS_PREPARED)}
    WITH people AS MATERIALIZED (
      SELECT ${p.staffId}::uuid || ARRAY(
               SELECT b.staff_id FROM staff_backups b JOIN staff_absences a ON a.staff_id = b.staff_id
               WHERE b.backup_staff_id = ${p.staffId} AND a.starts_at <= ${at} AND a.ends_at > ${at}) AS ids,
             ARRAY(SELECT agency_id FROM agency_members WHERE staff_id = ${p.staffId}) AS agencies
    )
    SELECT x.*
    FROM (
      SELECT id, due_at, created_at FROM (${sql.join(branches, sql` UNION `)}) u
      ORDER BY due_at, created_at, id LIMIT ${limit}
    ) page
    CROSS JOIN LATERAL (
      SELECT t.*, c.case_number, c.centre_id, v.name AS item_name, k.status AS clock_status,
             k.due_at AS clock_due_at, k.light AS clock_light,
             CASE WHEN k.id IS NOT NULL THEN ${clockStateJson('k')} END AS clock_state
      FROM case_tasks t
      JOIN cases c ON c.id = t.case_id
      JOIN catalogue_item_versions v ON v.id = c.item_version_id
      LEFT JOIN clocks k ON k.id = t.clock_id
      WHERE t.id = page.id
      OFFSET 0
    ) x
    ORDER BY page.due_at, page.created_at, page.id`;
  const { rows } = await q.execute(db);
  return Promise.all(
    rows.slice(0, wanted).map(async ({ clock_state, ...r }) => {
      const task = toTask(r);
      if (!task.clock || !clock_state) return task;
      const state = await clockStateOf(db, clock_state, at);
      return { ...task, clock: { ...task.clock, remainingWorkingDays: state.remainingWorkingDays ?? null } };
    }),
  );
}

export async function tasksOfCase(db: Db, caseId: string): Promise<Task[]> {
  const rows = await taskQuery(db)
    .where('t.case_id', '=', caseId)
    .orderBy('t.created_at')
    .orderBy('t.step_id')
    .execute();
  return rows.map(toTask);
}
