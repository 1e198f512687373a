import type { Schema } from '../api/types.ts';
import type { Translate } from '../i18n/useI18n.ts';

export type Role = Schema<'Staff'>['roles'][number];

/** Every role the server knows (the `satisfies` makes a new server role a compile error here). */
export const ROLES = Object.keys({
  window_clerk: 1,
  reviewer: 1,
  leader: 1,
  supervisor: 1,
  inspector: 1,
  centre_admin: 1,
  system_admin: 1,
} satisfies Record<Role, 1>) as Role[];

const isRole = (r: string): r is Role => (ROLES as string[]).includes(r);

export const roleLabel = (t: Translate, role: string) => (isRole(role) ? t(`role.${role}`) : role);
