// The staff app's pages: one entry makes the route, the menu item and the permission check.
// To add a page: write the component (default export), add an entry here, add its labels to both
// dictionaries. A page not built yet points at ComingSoon.
import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DesktopOutlined,
  HomeOutlined,
  PartitionOutlined,
  ProfileOutlined,
  SettingOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
// Type-only: the server's permission names, so a renamed permission fails here at compile time.
import type { Permission } from '../../../src/modules/auth/permissions.ts';
import type { MessageKey } from '../i18n/useI18n.ts';

export interface Section {
  /** Path under /staff/ ('' is the home page); may hold route parameters. */
  path: string;
  label: MessageKey;
  icon?: ReactNode;
  /** Shown and reachable only with this permission (from GET /api/v1/auth/me); none = every staff member. */
  permission?: Permission;
  page: LazyExoticComponent<ComponentType>;
  /** A page reached from another (a detail), not listed in the menu. */
  hidden?: boolean;
}

export interface SectionGroup {
  key: string;
  label: MessageKey;
  icon: ReactNode;
  children: Section[];
}

/* Permissions are the server's (auth/permissions.ts, listed in GET /api/v1/auth/me). */
export const SECTIONS: (Section | SectionGroup)[] = [
  { path: '', label: 'nav.home', icon: <HomeOutlined />, page: lazy(() => import('./StaffHome.tsx')) },
  {
    path: 'window',
    label: 'nav.window',
    icon: <DesktopOutlined />,
    permission: 'intake.receive',
    page: lazy(() => import('../window/WindowPage.tsx')),
  },
  {
    path: 'tasks',
    label: 'nav.tasks',
    icon: <UnorderedListOutlined />,
    permission: 'cases.read',
    page: lazy(() => import('../tasks/TasksPage.tsx')),
  },
  {
    path: 'cases/:id',
    label: 'nav.tasks',
    permission: 'cases.read',
    hidden: true,
    page: lazy(() => import('../cases/CasePage.tsx')),
  },
  {
    path: 'supervision',
    label: 'nav.supervision',
    icon: <AuditOutlined />,
    permission: 'supervision.read',
    page: lazy(() => import('../supervision/SupervisionPage.tsx')),
  },
  {
    path: 'supervision/replies',
    label: 'sup.mine.title',
    icon: <AuditOutlined />,
    permission: 'supervision.reply',
    page: lazy(() => import('../supervision/MyNoticesPage.tsx')),
  },
  {
    path: 'stats',
    label: 'nav.stats',
    icon: <BarChartOutlined />,
    permission: 'stats.read',
    page: lazy(() => import('../stats/StatsPage.tsx')),
  },
  {
    key: 'admin',
    label: 'nav.admin',
    icon: <SettingOutlined />,
    children: [
      {
        path: 'admin/org',
        label: 'nav.admin.org',
        icon: <ClusterOutlined />,
        permission: 'org.manage',
        page: lazy(() => import('../admin/org/OrgPage.tsx')),
      },
      {
        path: 'admin/staff',
        label: 'nav.admin.staff',
        icon: <TeamOutlined />,
        permission: 'staff.read',
        page: lazy(() => import('../admin/staff/StaffPage.tsx')),
      },
      {
        path: 'admin/calendar',
        label: 'nav.admin.calendar',
        icon: <CalendarOutlined />,
        permission: 'calendar.manage',
        page: lazy(() => import('../admin/calendar/CalendarPage.tsx')),
      },
      {
        path: 'admin/catalogue',
        label: 'nav.admin.catalogue',
        icon: <AppstoreOutlined />,
        permission: 'catalogue.manage',
        page: lazy(() => import('../admin/catalogue/CataloguePage.tsx')),
      },
      {
        path: 'admin/catalogue/:itemId',
        label: 'nav.admin.catalogue',
        permission: 'catalogue.manage',
        hidden: true,
        page: lazy(() => import('../admin/catalogue/ItemPage.tsx')),
      },
      {
        path: 'admin/processes',
        label: 'nav.admin.processes',
        icon: <PartitionOutlined />,
        permission: 'catalogue.manage',
        page: lazy(() => import('../admin/processes/ProcessEditorPage.tsx')),
      },
      {
        path: 'admin/rules',
        label: 'nav.admin.rules',
        icon: <ProfileOutlined />,
        permission: 'supervision.configure',
        page: lazy(() => import('../admin/rules/RulesPage.tsx')),
      },
      {
        path: 'admin/settings',
        label: 'nav.admin.settings',
        icon: <SettingOutlined />,
        permission: 'org.manage',
        page: lazy(() => import('../admin/settings/SettingsPage.tsx')),
      },
    ],
  },
];

export const isGroup = (s: Section | SectionGroup): s is SectionGroup => 'children' in s;

/** Every page, groups flattened. */
export const allSections = (): Section[] => SECTIONS.flatMap((s) => (isGroup(s) ? s.children : [s]));
