export const ROLES = [
  'window_clerk',
  'reviewer',
  'leader',
  'supervisor',
  'inspector',
  'centre_admin',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  window_clerk: { zh: '窗口人员', en: 'Window clerk' },
  reviewer: { zh: '承办/审核人', en: 'Reviewer' },
  leader: { zh: '领导', en: 'Leader' },
  supervisor: { zh: '督办岗', en: 'Supervisor' },
  inspector: { zh: '监察', en: 'Discipline inspector' },
  centre_admin: { zh: '中心管理员', en: 'Centre administrator' },
  system_admin: { zh: '系统管理员', en: 'System administrator' },
};

export const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);
