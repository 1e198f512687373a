/**
 * Who may do what to which case, on top of the route permissions (intake.receive, intake.decide,
 * cases.read, applicant.self):
 * - a system administrator: everything, everywhere;
 * - window clerks: receive and decide the cases of their centre (a clerk of a department's own window:
 *   only that department's cases), and read them;
 * - supervisors, inspectors, centre administrators: read every case of their centre;
 * - reviewers and leaders: read the cases of their department;
 * - applicants: read their own cases (as applicant or agent), and add materials to those they filed.
 */
import { forbidden } from '../../shared/errors.ts';
import type { Principal } from '../auth/principal.ts';
import { isCentreWide, isSystemAdmin } from '../auth/principal.ts';

export type CaseAction = 'read' | 'receive' | 'decide' | 'supplement';

export interface CaseScope {
  centre_id: string;
  department_id: string;
  applicant_id: string;
  agent_id: string | null;
  filed_by_account: string | null;
}

const APPLICANT_PREFIX = 'applicant:';

/** Applicant principals carry roles ['applicant'], staffId = account id, username = 'applicant:<id>'. */
export const isApplicant = (p: Principal) => p.roles.includes('applicant');
export const applicantIdOf = (p: Principal): string | null =>
  isApplicant(p) && p.username.startsWith(APPLICANT_PREFIX)
    ? p.username.slice(APPLICANT_PREFIX.length)
    : null;
export const applicantUsername = (applicantId: string) => `${APPLICANT_PREFIX}${applicantId}`;

const isClerkOf = (p: Principal, c: CaseScope) =>
  p.roles.includes('window_clerk') &&
  p.centreId === c.centre_id &&
  (!p.departmentId || p.departmentId === c.department_id);

function canRead(p: Principal, c: CaseScope): boolean {
  const own = applicantIdOf(p);
  if (own) return c.applicant_id === own || c.agent_id === own;
  if (isClerkOf(p, c)) return true;
  if (isCentreWide(p) && p.centreId === c.centre_id) return true;
  return (p.roles.includes('reviewer') || p.roles.includes('leader')) && p.departmentId === c.department_id;
}

export function canOnCase(p: Principal, action: CaseAction, c: CaseScope): boolean {
  if (isSystemAdmin(p)) return action === 'read' || action === 'receive' || action === 'decide';
  switch (action) {
    case 'read':
      return canRead(p, c);
    case 'receive':
    case 'decide':
      return isClerkOf(p, c);
    case 'supplement': {
      const own = applicantIdOf(p);
      return own !== null && (c.filed_by_account === p.staffId || c.applicant_id === own);
    }
  }
}

export function requireOnCase(p: Principal, action: CaseAction, c: CaseScope): void {
  if (!canOnCase(p, action, c))
    throw forbidden('您无权对该办件执行此操作。', 'You may not do this to this case.');
}

/** The filter a case list applies for a caller (null centre = every centre). */
export function listScope(p: Principal): { centreId: string | null; departmentIds?: string[] } {
  if (isSystemAdmin(p)) return { centreId: null };
  if (isCentreWide(p) || (p.roles.includes('window_clerk') && !p.departmentId))
    return { centreId: p.centreId };
  return { centreId: p.centreId, departmentIds: p.departmentId ? [p.departmentId] : [] };
}
