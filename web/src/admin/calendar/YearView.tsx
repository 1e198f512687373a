import { Alert, Table, Tag } from 'antd';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useQuery } from '../../hooks/useQuery.ts';
import { bracket, formatWeekday } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { type Period, toPeriods } from './periods.ts';
import { YearGrid } from './YearGrid.tsx';

/** A year's holidays and make-up working days as a list and as twelve months. */
export function YearView({ year, centre }: { year: number; centre?: string }) {
  const { t, date, lang } = useI18n();
  const data = useQuery(
    (signal) => api.get('/api/v1/calendar/years/{year}', { path: { year }, query: { centre }, signal }),
    [year, centre],
  );
  if (data.error) return <ErrorAlert error={data.error} onRetry={data.reload} />;
  const entries = data.data?.days ?? [];
  return (
    <div data-testid="year-view">
      {data.data && !data.data.covered && (
        <Alert type="warning" showIcon className="block-gap" title={t('calendar.notCovered', { year })} />
      )}
      <Table<Period>
        size="small"
        rowKey={(p) => `${p.from}-${p.isOffDay}`}
        loading={data.loading}
        dataSource={toPeriods(entries)}
        pagination={false}
        className="block-gap"
        locale={{ emptyText: t('calendar.noEntries') }}
        columns={[
          { title: t('calendar.name'), dataIndex: 'name', render: (n: string) => n || '—' },
          {
            title: t('calendar.dates'),
            key: 'dates',
            render: (_, p) =>
              p.from === p.to
                ? `${date(p.from)}${bracket(formatWeekday(p.from, lang), lang)}`
                : `${date(p.from)} – ${date(p.to)}`,
          },
          {
            title: t('calendar.days'),
            dataIndex: 'days',
            width: 80,
            render: (n: number) => t('calendar.daysValue', { n }),
          },
          {
            title: t('calendar.kind'),
            dataIndex: 'isOffDay',
            width: 110,
            render: (off: boolean) =>
              off ? (
                <Tag color="red">{t('calendar.off')}</Tag>
              ) : (
                <Tag color="blue">{t('calendar.makeup')}</Tag>
              ),
          },
        ]}
      />
      <YearGrid year={year} entries={entries} />
    </div>
  );
}
