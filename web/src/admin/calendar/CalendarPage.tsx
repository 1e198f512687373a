import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Schema } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useQuery } from '../../hooks/useQuery.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { options, useCentres } from '../shared/useOrg.ts';
import { CalendarImportModal } from './CalendarImportModal.tsx';
import { LocalDaysModal } from './LocalDaysModal.tsx';
import { YearView } from './YearView.tsx';

type YearRow = Schema<'CalendarYears'>['years'][number];

/** 工作日历: which years are configured (built in or set here), a year's holidays, local days off, import. */
export default function CalendarPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || dayjs().year();
  const [centre, setCentre] = useState<string>();
  const centres = useCentres();
  const years = useQuery((signal) => api.get('/api/v1/calendar/years', { signal }), []);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const next = dayjs().year() + 1;

  return (
    <div>
      <PageHeader
        title={t('nav.admin.calendar')}
        help={t('calendar.help')}
        extra={
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('calendar.localDays.add')}
            </Button>
            <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
              {t('calendar.import')}
            </Button>
          </Space>
        }
      />
      <ErrorAlert error={years.error} onRetry={years.reload} />
      {years.data && !years.data.nextYearConfigured && (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={t('calendar.nextYearMissing', { year: next })}
          description={
            <>
              {t('calendar.nextYearMissing.help')}
              {years.data.clocksBeyondCalendar
                ? ` ${t('calendar.clocksBeyond', { n: years.data.clocksBeyondCalendar })}`
                : ''}
            </>
          }
        />
      )}
      <div className="calendar-layout">
        <Card size="small" title={t('calendar.years')} className="calendar-years">
          <Table<YearRow>
            size="small"
            rowKey="year"
            loading={years.loading}
            dataSource={years.data?.years.toSorted((a, b) => b.year - a.year)}
            pagination={false}
            rowClassName={(r) => (r.year === year ? 'row-selected' : 'row-clickable')}
            onRow={(r) => ({ onClick: () => setParams({ year: String(r.year) }, { replace: true }) })}
            columns={[
              { title: t('calendar.year'), dataIndex: 'year', width: 70 },
              {
                title: t('calendar.source'),
                dataIndex: 'source',
                render: (s: YearRow['source'], r) => (
                  <>
                    <Tag color={s === 'override' ? 'orange' : 'blue'}>{t(`calendar.source.${s}`)}</Tag>
                    {r.note && <span className="muted">{r.note}</span>}
                  </>
                ),
              },
            ]}
          />
        </Card>
        <Card
          size="small"
          className="calendar-year"
          title={t('calendar.yearTitle', { year })}
          extra={
            <Select
              allowClear
              size="small"
              placeholder={t('calendar.centre.national')}
              style={{ width: 240 }}
              value={centre}
              onChange={setCentre}
              options={options(centres.data)}
            />
          }
        >
          <YearView year={year} centre={centre} />
        </Card>
      </div>
      <LocalDaysModal
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={years.reload}
        defaultCentre={centre}
      />
      <CalendarImportModal open={importing} onClose={() => setImporting(false)} onImported={years.reload} />
    </div>
  );
}
