/**
 * Who gets a step's task and who may work on it. A task is for a person (picked or delegated), an office,
 * a role in a department (window clerks: the whole centre), or an outside agency. Claiming narrows it to
 * one person. AB角: while a person is absent, their backup may act for them (the task records acting_for).
 */
import type { Kysely } from 'kysely';
import type { AssigneeRule, ProcessStepNode } from '../../core/process/definition.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { isRole, ROLE_LABELS } from '../auth/roles.ts';
import type { CaseRow, CaseTaskRow } from '../cases/cases.queries.ts';

type Db = Kysely<DB>;

export interface Assignment {
  assignee: string;
  role: string | null;
  department_id: string | null;
  office_id: string | null;
  agency_id: string | null;
  assignee_staff_id: string | null;
}

async function departmentId(db: Db, c: CaseRow, code: string | undefined): Promise<string> {
  if (!code) return c.department_id;
  const d = await db
    .selectFrom('departments')
    .select('id')
    .where('centre_id', '=', c.centre_id)
    .where('code', '=', code)
    .executeTakeFirst();
  return d?.id ?? c.department_id;
}

/** The offices of one department (id, code, name), when the caller has read them already. */
export interface KnownOffices {
  departmentId: string;
  offices: { id: string; code: string; name: string }[];
}

/** Resolves a step's assignee rule against the case's centre and department. */
export async function resolveAssignee(
  db: Db,
  c: CaseRow,
  step: ProcessStepNode,
  picked: string | undefined,
  known?: KnownOffices,
): Promise<Assignment> {
  const rule: AssigneeRule = step.assignee;
  const base = {
    assignee: step.assigneeLabel ?? step.name,
    role: null,
    department_id: c.department_id,
    office_id: null,
    agency_id: null,
    assignee_staff_id: null,
  };
  switch (rule.type) {
    case 'office': {
      const dept = await departmentId(db, c, rule.departmentCode);
      const office =
        known?.departmentId === dept
          ? known.offices.find((o) => o.code === rule.officeCode)
          : await db
              .selectFrom('offices')
              .select(['id', 'name'])
              .where('department_id', '=', dept)
              .where('code', '=', rule.officeCode)
              .executeTakeFirst();
      return {
        ...base,
        assignee: step.assigneeLabel ?? office?.name ?? rule.officeCode,
        department_id: dept,
        office_id: office?.id ?? null,
      };
    }
    case 'role': {
      const label = isRole(rule.role) ? ROLE_LABELS[rule.role].zh : rule.role;
      if (rule.role === 'window_clerk')
        return { ...base, assignee: step.assigneeLabel ?? label, role: rule.role, department_id: null };
      return {
        ...base,
        assignee: step.assigneeLabel ?? label,
        role: rule.role,
        department_id: await departmentId(db, c, rule.departmentCode),
      };
    }
    case 'picked':
      return { ...base, assignee_staff_id: picked ?? null };
    case 'agency': {
      const agency = await db
        .selectFrom('agencies')
        .select(['id', 'name'])
        .where('centre_id', '=', c.centre_id)
        .where('code', '=', rule.agencyCode)
        .executeTakeFirst();
      return {
        ...base,
        assignee: step.assigneeLabel ?? agency?.name ?? rule.agencyCode,
        department_id: null,
        agency_id: agency?.id ?? null,
      };
    }
  }
}

/** The staff member `backup` may stand in for: people whose backup they are and who are absent at `at`. */
export async function absentPrincipals(db: Db, backup: string, at: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('staff_backups as b')
    .innerJoin('staff_absences as a', 'a.staff_id', 'b.staff_id')
    .select('b.staff_id')
    .where('b.backup_staff_id', '=', backup)
    .where('a.starts_at', '<=', at)
    .where('a.ends_at', '>', at)
    .execute();
  return rows.map((r) => r.staff_id);
}

export async function agenciesOf(db: Db, staffId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('agency_members')
    .select('agency_id')
    .where('staff_id', '=', staffId)
    .execute();
  return rows.map((r) => r.agency_id);
}

export interface WorkRight {
  /** The absent person the caller acts for (AB角), if any. */
  actingFor: string | null;
}

/** The group (not one person) a task is addressed to, if the caller belongs to it. */
function inGroup(p: Principal, t: CaseTaskRow, centreId: string, agencies: string[]): boolean {
  if (t.agency_id)
    return agencies.includes(t.agency_id) || (p.roles.includes('window_clerk') && p.centreId === centreId);
  if (t.office_id)
    return p.officeId === t.office_id || (p.roles.includes('leader') && p.departmentId === t.department_id);
  if (t.role) {
    if (!p.roles.includes(t.role)) return false;
    return t.department_id ? p.departmentId === t.department_id : p.centreId === centreId;
  }
  return p.departmentId === t.department_id && (p.roles.includes('reviewer') || p.roles.includes('leader'));
}

/** Whether the caller may act on the task, and for whom; null when not. */
export async function workRight(
  db: Db,
  p: Principal,
  t: CaseTaskRow,
  centreId: string,
  at: Date,
): Promise<WorkRight | null> {
  const person = t.claimed_by ?? t.assignee_staff_id;
  if (person) {
    if (person === p.staffId) return { actingFor: null };
    if ((await absentPrincipals(db, p.staffId, at)).includes(person)) return { actingFor: person };
    return null;
  }
  const agencies = t.agency_id ? await agenciesOf(db, p.staffId) : [];
  return inGroup(p, t, centreId, agencies) ? { actingFor: null } : null;
}
