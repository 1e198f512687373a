import { Breadcrumb, Button, Card, Col, DatePicker, Row, Select, Statistic, Table, Tabs } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Toolbar } from '../admin/shared/Toolbar.tsx';
import { api } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import type { MessageKey } from '../i18n/useI18n.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { AssessmentTab } from './AssessmentTab.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { kpiOf, monthsOf, type StatsRow } from './figures.ts';

const TrendChart = lazy(() => import('./TrendChart.tsx').then((m) => ({ default: m.TrendChart })));

type Group = 'department' | 'office' | 'item' | 'staff' | 'centre' | 'region';
const GROUPS: Record<Group, MessageKey> = {
  department: 'stats.by.department',
  office: 'stats.by.office',
  item: 'stats.by.item',
  staff: 'stats.by.staff',
  centre: 'stats.by.centre',
  region: 'stats.by.region',
};
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const ISO = 'YYYY-MM-DD';

/** 统计分析: KPI cards, the monthly trend, the breakdown with drill-down, exports, and the assessment. */
export default function StatsPage() {
  const { t } = useI18n();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const [groupBy, setGroupBy] = useState<Group>('department');
  const [drill, setDrill] = useState<{ id: string; name: string } | null>(null);
  const from = range[0].format(ISO);
  const to = range[1].format(ISO);
  const departmentId = drill?.id;

  const totals = useQuery(
    (signal) => api.get('/api/v1/stats', { query: { from, to, groupBy: 'centre', departmentId }, signal }),
    [from, to, departmentId],
  );
  const breakdown = useQuery(
    (signal) => api.get('/api/v1/stats', { query: { from, to, groupBy, departmentId }, signal }),
    [from, to, groupBy, departmentId],
  );
  const months = useMemo(() => monthsOf(from, to), [from, to]);
  // One request per month, started once the totals are in, so the cards do not wait behind the chart.
  const totalsReady = totals.data !== undefined;
  const trend = useQuery(
    async (signal) => {
      if (!totalsReady) return undefined;
      return Promise.all(
        months.map(async (m) => {
          const rows = await api.get('/api/v1/stats', {
            query: { from: m.from, to: m.to, groupBy: 'centre', departmentId },
            signal,
          });
          const k = kpiOf(rows);
          return { month: m.month, received: k.received, completed: k.completed, onTime: k.onTime };
        }),
      );
    },
    [months, departmentId, totalsReady],
  );
  const kpi = totals.data ? kpiOf(totals.data) : null;

  const drillable = groupBy === 'department' && !drill;
  const figures = (
    <>
      <Toolbar
        actions={
          <ExportButtons
            path="/api/v1/stats"
            query={{ from, to, groupBy, departmentId }}
            filename={t('stats.file', { from, to })}
            labels={{ xlsx: t('stats.export.xlsx'), csv: t('stats.export.csv') }}
          />
        }
      >
        <DatePicker.RangePicker
          allowClear={false}
          value={range}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          aria-label={t('stats.period')}
        />
        <Select<Group>
          value={groupBy}
          style={{ width: 160 }}
          aria-label={t('stats.groupBy')}
          onChange={setGroupBy}
          options={(Object.keys(GROUPS) as Group[])
            .filter((g) => !drill || (g !== 'centre' && g !== 'region' && g !== 'department'))
            .map((g) => ({ value: g, label: t(GROUPS[g]) }))}
        />
      </Toolbar>
      <ErrorAlert
        error={totals.error ?? breakdown.error}
        onRetry={totals.error ? totals.reload : breakdown.reload}
      />
      <Row gutter={[12, 12]} className="block-gap stats-kpis" data-testid="kpis">
        {(
          [
            ['received', kpi?.received, undefined],
            ['completed', kpi?.completed, undefined],
            ['onTime', kpi?.onTime ?? null, '%'],
            ['early', kpi?.early ?? null, '%'],
            ['averageDays', kpi?.averageDays ?? null, t('stats.days')],
          ] as const
        ).map(([key, value, suffix]) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Card size="small" className="stats-kpi" data-kpi={key}>
              <Statistic
                title={t(`stats.kpi.${key}`)}
                value={value ?? '—'}
                suffix={value === null || value === undefined ? undefined : suffix}
                loading={totals.loading && !totals.data}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('stats.trend.title')} className="block-gap">
        <ErrorAlert error={trend.error} onRetry={trend.reload} />
        <Suspense fallback={<Spinner />}>{trend.data && <TrendChart points={trend.data} />}</Suspense>
      </Card>
      <Card
        size="small"
        className="block-gap"
        title={
          <Breadcrumb
            items={[
              {
                title: drill ? (
                  <Button
                    type="link"
                    size="small"
                    className="stats-link"
                    onClick={() => {
                      setDrill(null);
                      setGroupBy('department');
                    }}
                  >
                    {t('stats.breakdown.all')}
                  </Button>
                ) : (
                  t('stats.breakdown.all')
                ),
              },
              ...(drill ? [{ title: drill.name }] : []),
            ]}
          />
        }
        extra={drillable && <small>{t('stats.drill.hint')}</small>}
      >
        <Table<StatsRow>
          size="small"
          className="stats-breakdown"
          rowKey={(r) => r.key ?? 'none'}
          loading={breakdown.loading}
          dataSource={breakdown.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('stats.empty') }}
          columns={[
            {
              title: t(GROUPS[groupBy]),
              dataIndex: 'name',
              fixed: 'left',
              render: (name: string | null, r) =>
                drillable && r.key ? (
                  <Button
                    type="link"
                    size="small"
                    className="stats-link"
                    onClick={() => {
                      setDrill({ id: r.key!, name: name ?? r.key! });
                      setGroupBy('office');
                    }}
                  >
                    {name ?? r.key}
                  </Button>
                ) : (
                  (name ?? t('stats.unspecified'))
                ),
            },
            { title: t('stats.kpi.received'), dataIndex: 'received', align: 'right' },
            { title: t('stats.col.accepted'), dataIndex: 'accepted', align: 'right' },
            { title: t('stats.col.refused'), dataIndex: 'refused', align: 'right' },
            { title: t('stats.kpi.completed'), dataIndex: 'completed', align: 'right' },
            { title: t('stats.kpi.onTime'), dataIndex: 'onTimeRate', align: 'right', render: pct },
            { title: t('stats.kpi.early'), dataIndex: 'earlyRate', align: 'right', render: pct },
            {
              title: t('stats.kpi.averageDays'),
              dataIndex: 'averageWorkingDays',
              align: 'right',
              render: (v: number | null) => v ?? '—',
            },
            { title: t('stats.col.returns'), dataIndex: 'returns', align: 'right' },
            {
              title: t('stats.col.cards'),
              align: 'right',
              render: (_, r) => `${r.cards_yellow} / ${r.cards_red}`,
            },
            { title: t('stats.col.notices'), dataIndex: 'notices', align: 'right' },
          ]}
        />
      </Card>
    </>
  );

  return (
    <div>
      <PageHeader title={t('nav.stats')} help={t('stats.help')} />
      <Tabs
        items={[
          { key: 'figures', label: t('stats.tab.figures'), children: figures },
          { key: 'assessment', label: t('stats.tab.assessment'), children: <AssessmentTab /> },
        ]}
      />
    </div>
  );
}
