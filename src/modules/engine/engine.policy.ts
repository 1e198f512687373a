/**
 * Who may act on a running case beyond the route permission:
 * - tasks: whoever the task is for (workRight: person, office, role, agency, AB角 stand-in);
 * - special procedures, certificate, delivery, fee assessment: a holder of an open task of the case (of
 *   the step kind, where one applies), or a leader of the case's department;
 * - extensions: a leader of the case's department (负责人批准);
 * - payments, waivers, resubmissions, archive: a window clerk of the centre (or the department's leader).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { forbidden, notFound } from '../../shared/errors.ts';
import type { Principal } from '../auth/principal.ts';
import { canOnCase } from '../cases/cases.policy.ts';
import { findCase } from '../cases/cases.queries.ts';
import { agenciesOf, workRight } from './assignees.ts';
import type { EngineContext } from './engine.context.ts';
import { openTasksOf } from './tasks.ts';

const deny = () => forbidden('您无权对该办件执行此操作。', 'You may not do this to this case.');

export const isDepartmentLeader = (p: Principal, ctx: EngineContext) =>
  p.roles.includes('leader') && p.departmentId === ctx.c.department_id;

export const isCentreClerk = (p: Principal, ctx: EngineContext) =>
  p.roles.includes('window_clerk') &&
  p.centreId === ctx.c.centre_id &&
  (!p.departmentId || p.departmentId === ctx.c.department_id);

/** The caller holds an open task of the case (of the given kind), or leads its department. */
export async function requireTaskHolder(ctx: EngineContext, p: Principal, kind?: string) {
  if (isDepartmentLeader(p, ctx)) return;
  for (const t of await openTasksOf(ctx.trx, ctx.c.id)) {
    if (kind && t.kind !== kind) continue;
    if (await workRight(ctx.trx, p, t, ctx.c.centre_id, ctx.now)) return;
  }
  throw deny();
}

export function requireLeader(ctx: EngineContext, p: Principal) {
  if (!isDepartmentLeader(p, ctx)) throw deny();
}

export function requireClerk(ctx: EngineContext, p: Principal) {
  if (!isCentreClerk(p, ctx) && !isDepartmentLeader(p, ctx)) throw deny();
}

/**
 * Read access to a case for the engine's views: the case policy (its department, the centre's clerks and
 * supervisors), or anyone a task of the case is or was addressed to (another bureau consulted, an agency).
 */
export async function requireCaseReader(db: Kysely<DB>, p: Principal, caseId: string) {
  const c = await findCase(db, caseId);
  if (!c) throw notFound('Case', '办件');
  if (canOnCase(p, 'read', c)) return c;
  // 联合审批: whoever reads the bundle (the lead department) reads its child cases
  const parent = c.parent_case_id ? await findCase(db, c.parent_case_id) : undefined;
  if (parent && canOnCase(p, 'read', parent)) return c;
  const agencies = await agenciesOf(db, p.staffId);
  const hit = await db
    .selectFrom('case_tasks')
    .select('id')
    .where('case_id', '=', caseId)
    .where((eb) =>
      eb.or([
        eb('assignee_staff_id', '=', p.staffId),
        eb('completed_by', '=', p.staffId),
        ...(p.officeId ? [eb('office_id', '=', p.officeId)] : []),
        ...(p.departmentId ? [eb('department_id', '=', p.departmentId)] : []),
        ...(agencies.length ? [eb('agency_id', 'in', agencies)] : []),
      ]),
    )
    .executeTakeFirst();
  if (!hit) throw deny();
  return c;
}
