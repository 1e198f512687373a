import type { AppDeps } from '../../server/context.ts';
import { badRequest, forbidden, notFound } from '../../shared/errors.ts';
import { changeWithLog } from '../audit/change.ts';
import { actorOf, isSystemAdmin, type Principal } from '../auth/principal.ts';
import { canManageCentre } from './org.policy.ts';
import { findCentre, findDepartment, findRegion } from './org.queries.ts';

export async function createRegion(
  deps: AppDeps,
  p: Principal,
  input: { code: string; name: string; level: number; parentCode: string | null },
) {
  if (!isSystemAdmin(p)) throw forbidden();
  let path = `/${input.code}/`;
  if (input.parentCode) {
    const parent = await findRegion(deps.db, input.parentCode);
    if (!parent)
      throw badRequest('unknown_parent', '上级行政区划不存在。', 'The parent region does not exist.');
    if (parent.level >= input.level)
      throw badRequest(
        'bad_level',
        '下级区划的层级必须低于上级。',
        'A child region must be of a lower level than its parent.',
      );
    path = `${parent.path}${input.code}/`;
  }
  return changeWithLog(
    deps,
    actorOf(p),
    (trx) =>
      trx
        .insertInto('regions')
        .values({
          code: input.code,
          name: input.name,
          level: input.level,
          parent_code: input.parentCode,
          path,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    (r) => ({ action: 'org.region_created', targetType: 'region', targetId: r.code, payload: r }),
  );
}

export async function createCentre(
  deps: AppDeps,
  p: Principal,
  input: {
    code: string;
    name: string;
    regionCode: string;
    timeZone: string;
    officeOpen: string;
    officeClose: string;
  },
) {
  if (!isSystemAdmin(p)) throw forbidden();
  if (!(await findRegion(deps.db, input.regionCode)))
    throw badRequest('unknown_region', '行政区划不存在。', 'The region does not exist.');
  if (!Intl.supportedValuesOf('timeZone').includes(input.timeZone) && input.timeZone !== 'UTC')
    throw badRequest('bad_time_zone', '时区无效。', 'Unknown time zone.');
  return changeWithLog(
    deps,
    actorOf(p),
    (trx, now) =>
      trx
        .insertInto('centres')
        .values({
          code: input.code,
          name: input.name,
          region_code: input.regionCode,
          time_zone: input.timeZone,
          office_open: input.officeOpen,
          office_close: input.officeClose,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    (r) => ({ action: 'org.centre_created', targetType: 'centre', targetId: r.id, payload: r }),
  );
}

async function requireManagedCentre(deps: AppDeps, p: Principal, centreId: string) {
  const centre = await findCentre(deps.db, centreId);
  if (!centre) throw notFound('Centre', '服务中心');
  if (!canManageCentre(p, centre.id)) throw forbidden();
  return centre;
}

export async function createDepartment(
  deps: AppDeps,
  p: Principal,
  input: { centreId: string; code: string; name: string; creditCode: string | null },
) {
  await requireManagedCentre(deps, p, input.centreId);
  return changeWithLog(
    deps,
    actorOf(p),
    (trx, now) =>
      trx
        .insertInto('departments')
        .values({
          centre_id: input.centreId,
          code: input.code,
          name: input.name,
          credit_code: input.creditCode,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    (r) => ({ action: 'org.department_created', targetType: 'department', targetId: r.id, payload: r }),
  );
}

export async function createOffice(
  deps: AppDeps,
  p: Principal,
  input: { departmentId: string; code: string; name: string },
) {
  const dept = await findDepartment(deps.db, input.departmentId);
  if (!dept) throw notFound('Department', '部门');
  await requireManagedCentre(deps, p, dept.centre_id);
  return changeWithLog(
    deps,
    actorOf(p),
    (trx, now) =>
      trx
        .insertInto('offices')
        .values({ department_id: dept.id, code: input.code, name: input.name, created_at: now })
        .returningAll()
        .executeTakeFirstOrThrow(),
    (r) => ({ action: 'org.office_created', targetType: 'office', targetId: r.id, payload: r }),
  );
}

export async function createWindow(
  deps: AppDeps,
  p: Principal,
  input: { centreId: string; number: string; name: string; departmentId: string | null },
) {
  await requireManagedCentre(deps, p, input.centreId);
  if (input.departmentId) {
    const dept = await findDepartment(deps.db, input.departmentId);
    if (dept?.centre_id !== input.centreId)
      throw badRequest(
        'bad_department',
        '部门不属于该中心。',
        'The department does not belong to this centre.',
      );
  }
  return changeWithLog(
    deps,
    actorOf(p),
    (trx, now) =>
      trx
        .insertInto('service_windows')
        .values({
          centre_id: input.centreId,
          number: input.number,
          name: input.name,
          department_id: input.departmentId,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    (r) => ({ action: 'org.window_created', targetType: 'window', targetId: r.id, payload: r }),
  );
}
