import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { badRequest, forbidden, notFound } from '../../shared/errors.ts';
import type { Actor } from '../audit/audit.log.ts';
import { changeWithLog } from '../audit/change.ts';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.ts';
import { actorOf, isSystemAdmin, type Principal } from '../auth/principal.ts';
import type { Role } from '../auth/roles.ts';
import { canManageCentre } from '../org/org.policy.ts';
import type { CreateStaff, Staff } from './staff.schemas.ts';

type StaffRow = {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  centre_id: string | null;
  department_id: string | null;
  office_id: string | null;
  active: boolean;
};

export const toStaff = (r: StaffRow): Staff => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  roles: r.roles as Role[],
  centreId: r.centre_id,
  departmentId: r.department_id,
  officeId: r.office_id,
  active: r.active,
});

const columns = [
  'id',
  'username',
  'display_name',
  'roles',
  'centre_id',
  'department_id',
  'office_id',
  'active',
] as const;
const DEPARTMENT_ROLES: Role[] = ['reviewer', 'leader'];

async function checkPlacement(
  db: Kysely<DB>,
  input: Pick<CreateStaff, 'roles' | 'centreId' | 'departmentId' | 'officeId'>,
) {
  const onlySystem = input.roles.every((r) => r === 'system_admin');
  if (!input.centreId && !onlySystem)
    throw badRequest(
      'centre_required',
      '除系统管理员外，工作人员必须属于一个服务中心。',
      'Staff other than system administrators belong to a centre.',
    );
  if (input.roles.some((r) => DEPARTMENT_ROLES.includes(r)) && !input.departmentId)
    throw badRequest(
      'department_required',
      '承办/审核人和领导必须属于一个部门。',
      'Reviewers and leaders belong to a department.',
    );
  if (input.departmentId) {
    const dept = await db
      .selectFrom('departments')
      .select('centre_id')
      .where('id', '=', input.departmentId)
      .executeTakeFirst();
    if (!dept || dept.centre_id !== input.centreId)
      throw badRequest(
        'bad_department',
        '部门不属于该服务中心。',
        'The department does not belong to this centre.',
      );
  }
  if (input.officeId) {
    const office = await db
      .selectFrom('offices')
      .select('department_id')
      .where('id', '=', input.officeId)
      .executeTakeFirst();
    if (!office || office.department_id !== input.departmentId)
      throw badRequest('bad_office', '处室不属于该部门。', 'The office does not belong to this department.');
  }
}

/** Creates a staff account. Used by the admin API, `onewindow admin create` and the demo seed. */
export async function insertStaff(
  deps: AppDeps,
  actor: Actor,
  input: CreateStaff,
  opts: { isDemo?: boolean; passwordHash?: string } = {},
) {
  await checkPlacement(deps.db, input);
  if (!opts.passwordHash) checkPasswordPolicy(input.password, input.username);
  const hash = opts.passwordHash ?? (await hashPassword(input.password));
  return changeWithLog(
    deps,
    actor,
    (trx, now) =>
      trx
        .insertInto('staff')
        .values({
          username: input.username,
          display_name: input.displayName,
          password_hash: hash,
          roles: input.roles,
          centre_id: input.centreId,
          department_id: input.departmentId,
          office_id: input.officeId,
          is_demo: opts.isDemo ?? false,
          created_at: now,
          password_changed_at: now,
        })
        .returning(columns)
        .executeTakeFirstOrThrow(),
    (r) => ({ action: 'staff.created', targetType: 'staff', targetId: r.id, payload: { ...toStaff(r) } }),
  );
}

function checkMayGrant(p: Principal, roles: readonly Role[], centreId: string | null) {
  if (isSystemAdmin(p)) return;
  if (roles.includes('system_admin') || !centreId || !canManageCentre(p, centreId))
    throw forbidden(
      '您只能管理本中心的工作人员，且不能授予系统管理员角色。',
      'You may only manage staff of your own centre, without the system administrator role.',
    );
}

export async function createStaff(deps: AppDeps, p: Principal, input: CreateStaff) {
  checkMayGrant(p, input.roles, input.centreId);
  return toStaff(await insertStaff(deps, actorOf(p), input));
}

export async function updateStaff(
  deps: AppDeps,
  p: Principal,
  id: string,
  input: { displayName?: string; roles?: Role[]; active?: boolean; officeId?: string | null },
) {
  const before = await deps.db.selectFrom('staff').select(columns).where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('Staff member', '工作人员');
  checkMayGrant(p, (input.roles ?? before.roles) as Role[], before.centre_id);
  if (before.roles.includes('system_admin') && !isSystemAdmin(p)) throw forbidden();
  const roles = (input.roles ?? before.roles) as Role[];
  await checkPlacement(deps.db, {
    roles,
    centreId: before.centre_id,
    departmentId: before.department_id,
    officeId: input.officeId ?? before.office_id,
  });
  const after = await changeWithLog(
    deps,
    actorOf(p),
    async (trx) => {
      const row = await trx
        .updateTable('staff')
        .set({
          ...(input.displayName !== undefined && { display_name: input.displayName }),
          ...(input.roles !== undefined && { roles: input.roles }),
          ...(input.active !== undefined && { active: input.active }),
          ...(input.officeId !== undefined && { office_id: input.officeId }),
        })
        .where('id', '=', id)
        .returning(columns)
        .executeTakeFirstOrThrow();
      // A deactivated account or one whose roles changed must log in again.
      if (input.active === false || input.roles)
        await trx.deleteFrom('sessions').where('staff_id', '=', id).execute();
      return row;
    },
    (r) => ({
      action: 'staff.updated',
      targetType: 'staff',
      targetId: id,
      payload: { before: toStaff(before), after: toStaff(r) },
    }),
  );
  return toStaff(after);
}

export async function listStaff(
  deps: AppDeps,
  p: Principal,
  filter: { centreId?: string; departmentId?: string },
) {
  let q = deps.db.selectFrom('staff').select(columns).orderBy('username');
  if (!isSystemAdmin(p)) q = q.where('centre_id', '=', p.centreId);
  if (filter.centreId) q = q.where('centre_id', '=', filter.centreId);
  if (filter.departmentId) q = q.where('department_id', '=', filter.departmentId);
  return (await q.execute()).map(toStaff);
}
