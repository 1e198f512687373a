import type { Role } from './roles.ts';

const STAFF: Role[] = [
  'window_clerk',
  'reviewer',
  'leader',
  'supervisor',
  'inspector',
  'centre_admin',
  'system_admin',
];
const ADMINS: Role[] = ['centre_admin', 'system_admin'];

/**
 * Who may do what, by role. Every non-public route names one permission; a role not listed is denied.
 * Scope (which centre, department, region) is checked by the services on top of this.
 */
export const PERMISSIONS = {
  'session.self': STAFF,
  'org.read': STAFF,
  'org.manage': ADMINS,
  'staff.read': [...ADMINS, 'inspector', 'supervisor'],
  'staff.manage': ADMINS,
  'tokens.manage': ADMINS,
  'audit.read': ['inspector', 'system_admin'],
  'calendar.manage': ADMINS,
  'catalogue.read': STAFF,
  'catalogue.manage': ADMINS,
  'intake.receive': ['window_clerk', 'system_admin'],
  'intake.decide': ['window_clerk', 'system_admin'],
  'cases.read': STAFF,
  // The approval engine: working on tasks; the services check the task's assignee (office, role, person, agency).
  'tasks.work': ['window_clerk', 'reviewer', 'leader'],
  'agency.report': ['reviewer', 'window_clerk'],
  'cases.suspend': ['reviewer', 'leader'],
  'cases.extend': ['leader'],
  'cases.archive': ['window_clerk', 'leader'],
  'fees.collect': ['window_clerk'],
  'staff.absence': ['reviewer', 'leader', 'window_clerk'],
  // Supervision (督办): leaders read their own department's view; the services narrow the scope.
  'supervision.read': ['supervisor', 'inspector', 'centre_admin', 'system_admin', 'leader'],
  'supervision.issue': ['supervisor'],
  'supervision.reply': ['reviewer', 'leader'],
  'supervision.configure': ['supervisor', 'centre_admin', 'system_admin'],
  'stats.read': ['supervisor', 'inspector', 'centre_admin', 'system_admin', 'leader'],
  'notifications.self': STAFF,
  // Applicants (online filing) are not staff: their principals carry the role 'applicant'.
  'applicant.self': ['applicant'],
} as const satisfies Record<string, readonly (Role | 'applicant')[]>;

export type Permission = keyof typeof PERMISSIONS;

export const isPermission = (p: string): p is Permission => Object.hasOwn(PERMISSIONS, p);

export function rolesAllow(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}
