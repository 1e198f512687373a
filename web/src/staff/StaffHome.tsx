import { Alert, Card, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { useAuth } from '../auth/useAuth.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { roleLabel } from './roles.ts';
import { allSections } from './sections.tsx';

/** 工作台: who I am, what today is on the legal calendar, and the pages I may open. */
export default function StaffHome() {
  const { me, can } = useAuth();
  const { t, date } = useI18n();
  const today = dayjs().format('YYYY-MM-DD');
  const day = useQuery(
    (signal) => api.get('/api/v1/calendar/days/{date}', { path: { date: today }, signal }),
    [today],
  );
  const years = useQuery(
    async (signal) => (can('calendar.manage') ? api.get('/api/v1/calendar/years', { signal }) : null),
    [],
  );
  const pages = allSections().filter((s) => s.path && !s.hidden && (!s.permission || can(s.permission)));

  return (
    <div className="staff-home" data-testid="staff-home">
      <PageHeader
        title={t('home.title', { name: me.displayName })}
        help={me.roles.map((r) => (
          <Tag key={r} color="blue">
            {roleLabel(t, r)}
          </Tag>
        ))}
      />
      {years.data && !years.data.nextYearConfigured && (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={t('calendar.nextYearMissing', { year: dayjs().year() + 1 })}
          action={<Link to="/staff/admin/calendar">{t('nav.admin.calendar')}</Link>}
        />
      )}
      <Card size="small" className="block-gap">
        <span className="home-today">
          {t('home.today', { date: date(today) })}{' '}
          {day.data &&
            (day.data.working ? (
              <Tag color="green">{t('calendar.workingDay')}</Tag>
            ) : (
              <Tag color="red">
                {t('calendar.offDay')}
                {day.data.name ? ` · ${day.data.name}` : ''}
              </Tag>
            ))}
        </span>
      </Card>
      <div className="home-grid">
        {pages.map((s) => (
          <Link key={s.path} to={`/staff/${s.path}`} className="home-tile">
            <span className="home-tile-icon">{s.icon}</span>
            <span>{t(s.label)}</span>
          </Link>
        ))}
      </div>
      {pages.length === 0 && <p className="muted">{t('home.nothing')}</p>}
    </div>
  );
}
