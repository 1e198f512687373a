import { Layout, Menu, type MenuProps, Result } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { api } from '../api/client.ts';
import { useAuth } from '../auth/useAuth.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { NotFound } from '../components/NotFound.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { allSections, isGroup, SECTIONS, type Section } from './sections.tsx';
import { UserMenu } from './UserMenu.tsx';

const { Header, Sider, Content } = Layout;
type MenuItem = Required<MenuProps>['items'][number];

/** Which menu entry an address belongs to: the longest matching section path. */
function selectedKey(pathname: string, sections: Section[]): string {
  const rest = pathname.replace(/^\/staff\/?/, '');
  const match = sections
    .filter((s) => !s.hidden && (rest === s.path || (s.path && rest.startsWith(`${s.path}/`))))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match?.path ?? '';
}

function Guarded({ section }: { section: Section }) {
  const { can } = useAuth();
  const { t } = useI18n();
  if (section.permission && !can(section.permission))
    return <Result status="warning" title={t('forbidden.title')} subTitle={t('forbidden.text')} />;
  const Page = section.page;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

/** The staff frame: a menu built from the user's permissions, the header, and the page. */
export function StaffShell() {
  const { me, can } = useAuth();
  const { t } = useI18n();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const centres = useQuery((signal) => api.get('/api/v1/org/centres', { signal }), []);
  const centre = centres.data?.find((c) => c.id === me.centreId);

  const visible = (s: Section) => !s.hidden && (!s.permission || can(s.permission));
  const entry = (s: Section): MenuItem => ({
    key: s.path,
    icon: s.icon,
    label: <Link to={`/staff/${s.path}`}>{t(s.label)}</Link>,
  });
  const items = SECTIONS.flatMap((s): MenuItem[] => {
    if (!isGroup(s)) return visible(s) ? [entry(s)] : [];
    const children = s.children.filter(visible).map(entry);
    return children.length ? [{ key: s.key, icon: s.icon, label: t(s.label), children }] : [];
  });
  const sections = allSections();
  const selected = selectedKey(pathname, sections);

  return (
    <Layout className="shell">
      <Header className="shell-header">
        <Link to="/staff" className="shell-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
          <small>{t('staff.platform')}</small>
        </Link>
        {centre && <span className="shell-centre">{centre.name}</span>}
        <div className="shell-tools">
          <LanguageSwitch className="on-dark" />
          {can('notifications.self') && <NotificationBell />}
          <UserMenu />
        </div>
      </Header>
      <Layout>
        <Sider
          width={224}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          theme="light"
          className="shell-sider"
        >
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            defaultOpenKeys={['admin']}
            items={items}
            aria-label={t('nav.main')}
          />
        </Sider>
        <Content className="shell-content">
          <Routes>
            {sections.map((s) =>
              s.path === '' ? (
                <Route key="home" index element={<Guarded section={s} />} />
              ) : (
                <Route key={s.path} path={s.path} element={<Guarded section={s} />} />
              ),
            )}
            <Route path="*" element={<NotFound home="/staff" />} />
          </Routes>
        </Content>
      </Layout>
    </Layout>
  );
}
