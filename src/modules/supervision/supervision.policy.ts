/**
 * Who sees and does what in supervision, on top of the route permissions:
 * - supervision.read: system administrators everywhere (or one centre they name); supervisors, inspectors
 *   and centre administrators their centre; leaders their own department;
 * - supervision.issue (supervisors): issue and cancel notices on the cases of their centre;
 * - supervision.reply (reviewers, leaders): answer the notices addressed to their department (a reviewer:
 *   only while the notice sits at their own office);
 * - supervision.configure: the rule set of their centre (system administrators: any centre).
 */
import { forbidden } from '../../shared/errors.ts';
import type { Principal } from '../auth/principal.ts';
import { isCentreWide, isSystemAdmin } from '../auth/principal.ts';
import type { NoticeRow } from './supervision.notices.ts';
import type { Scope } from './supervision.queries.ts';

const denied = () =>
  forbidden('您无权查看或处理该督办事项。', 'You may not see or handle this supervision matter.');

export function readScope(p: Principal, centreId?: string | null): Scope {
  if (isSystemAdmin(p)) return { centreId: centreId ?? null };
  if (isCentreWide(p) && p.centreId) {
    if (centreId && centreId !== p.centreId) throw denied();
    return { centreId: p.centreId };
  }
  if (p.roles.includes('leader') && p.departmentId && p.centreId)
    return { centreId: p.centreId, departmentId: p.departmentId };
  throw denied();
}

export function requireCentre(p: Principal, centreId: string): void {
  if (isSystemAdmin(p)) return;
  if (p.centreId !== centreId) throw denied();
}

export function requireCanReply(
  p: Principal,
  n: Pick<NoticeRow, 'department_id' | 'office_id' | 'level'>,
): void {
  if (!p.departmentId || p.departmentId !== n.department_id) throw denied();
  if (p.roles.includes('leader')) return;
  if (n.level === 'office' && p.officeId && p.officeId === n.office_id) return;
  throw denied();
}

export function requireCanIssue(p: Principal, centreId: string): void {
  if (!p.roles.includes('supervisor') || p.centreId !== centreId) throw denied();
}
