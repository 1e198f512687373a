import type { Actor } from '../audit/audit.log.ts';
import type { Permission } from './permissions.ts';
import { rolesAllow } from './permissions.ts';

/** The authenticated caller of a request. */
export interface Principal {
  staffId: string;
  username: string;
  displayName: string;
  roles: string[];
  centreId: string | null;
  departmentId: string | null;
  officeId: string | null;
  /** Region path of the staff member's centre (/code/…/), for subtree scoping; null = everywhere. */
  regionPath: string | null;
  via: 'session' | 'token';
  /** Only for tokens: the permissions the token was given. */
  scopes: string[] | null;
  sessionId: string | null;
  csrfToken: string | null;
  ip: string | null;
}

export function can(p: Principal, permission: Permission): boolean {
  if (!rolesAllow(p.roles, permission)) return false;
  return p.scopes === null || p.scopes.includes(permission);
}

export function actorOf(p: Principal): Actor {
  return { id: p.staffId, name: p.username, roles: p.roles, departmentId: p.departmentId, ip: p.ip };
}

export const isSystemAdmin = (p: Principal) => p.roles.includes('system_admin');

/** Centre-wide roles see every department of their centre; the others only their own department. */
export const isCentreWide = (p: Principal) =>
  p.roles.some((r) => ['supervisor', 'inspector', 'centre_admin', 'system_admin'].includes(r));
