import type { Principal } from '../auth/principal.ts';
import { isCentreWide, isSystemAdmin } from '../auth/principal.ts';

/** A system administrator manages everything; a centre administrator only their own centre. */
export const canManageCentre = (p: Principal, centreId: string) =>
  isSystemAdmin(p) || (p.roles.includes('centre_admin') && p.centreId === centreId);

/** Whether the caller may see the work of a department: their own, or any of their centre if centre-wide. */
export const canSeeDepartment = (p: Principal, dept: { id: string; centre_id: string }) =>
  isSystemAdmin(p) || p.departmentId === dept.id || (isCentreWide(p) && p.centreId === dept.centre_id);
