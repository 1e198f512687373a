import { forbidden } from '../../shared/errors.ts';
import type { Principal } from '../auth/principal.ts';
import { isSystemAdmin } from '../auth/principal.ts';
import { canManageCentre } from '../org/org.policy.ts';

/**
 * Who may do what to a centre's catalogue (on top of the route permissions catalogue.read and
 * catalogue.manage): a system administrator everywhere, a centre administrator in their own centre.
 * Staff read drafts and old versions of their own centre; published versions are public.
 */
export const canManageCatalogue = (p: Principal, centreId: string) => canManageCentre(p, centreId);

export const canReadCatalogue = (p: Principal, centreId: string) =>
  isSystemAdmin(p) || p.centreId === centreId;

export function requireManage(p: Principal, centreId: string) {
  if (!canManageCatalogue(p, centreId))
    throw forbidden('您只能管理本中心的事项目录。', "You may only manage your own centre's catalogue.");
}

export function requireRead(p: Principal, centreId: string) {
  if (!canReadCatalogue(p, centreId))
    throw forbidden('您只能查看本中心的事项目录。', "You may only read your own centre's catalogue.");
}

/** The centres whose catalogue a caller may read or manage (null = all). */
export const scopeOf = (p: Principal): string | null => (isSystemAdmin(p) ? null : p.centreId);
