import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const listRegions = (db: Kysely<DB>) => db.selectFrom('regions').selectAll().orderBy('path').execute();
export const findRegion = (db: Kysely<DB>, code: string) =>
  db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
export const listCentres = (db: Kysely<DB>) => db.selectFrom('centres').selectAll().orderBy('code').execute();
export const findCentre = (db: Kysely<DB>, id: string) =>
  db.selectFrom('centres').selectAll().where('id', '=', id).executeTakeFirst();
export const findDepartment = (db: Kysely<DB>, id: string) =>
  db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();

export function listDepartments(db: Kysely<DB>, centreId?: string) {
  let q = db.selectFrom('departments').selectAll().orderBy('code');
  if (centreId) q = q.where('centre_id', '=', centreId);
  return q.execute();
}

export function listOffices(db: Kysely<DB>, departmentId?: string) {
  let q = db.selectFrom('offices').selectAll().orderBy('code');
  if (departmentId) q = q.where('department_id', '=', departmentId);
  return q.execute();
}

export function listWindows(db: Kysely<DB>, centreId?: string) {
  let q = db.selectFrom('service_windows').selectAll().orderBy('number');
  if (centreId) q = q.where('centre_id', '=', centreId);
  return q.execute();
}
