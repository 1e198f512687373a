import { DatePicker, Segmented, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Toolbar } from '../admin/shared/Toolbar.tsx';
import { api } from '../api/client.ts';
import type { Schema } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import type { MessageKey } from '../i18n/useI18n.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { ExportButtons } from './ExportButtons.tsx';

type Row = Schema<'AssessmentRow'>;
type Grade = Row['grade'];
const GRADE: Record<Grade, { color: string; label: MessageKey }> = {
  excellent: { color: 'green', label: 'stats.grade.excellent' },
  good: { color: 'blue', label: 'stats.grade.good' },
  pass: { color: 'gold', label: 'stats.grade.pass' },
  fail: { color: 'red', label: 'stats.grade.fail' },
};
const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** 2026-11 for a month, 2026-Q4 for a quarter: the period names the assessment API takes. */
export const periodOf = (d: Dayjs, kind: 'month' | 'quarter') =>
  kind === 'month' ? d.format('YYYY-MM') : `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;

/** 综合考评: each department's (or staff member's) score for a month or a quarter, and its grade. */
export function AssessmentTab() {
  const { t } = useI18n();
  const [kind, setKind] = useState<'month' | 'quarter'>('month');
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const [subject, setSubject] = useState<'department' | 'staff'>('department');
  const period = periodOf(day, kind);
  const rows = useQuery(
    (signal) => api.get('/api/v1/stats/assessment', { query: { period, subject }, signal }),
    [period, subject],
  );

  return (
    <>
      <Toolbar
        actions={
          <ExportButtons
            path="/api/v1/stats/assessment"
            query={{ period, subject }}
            filename={t('stats.assessment.file', { period })}
            labels={{ xlsx: t('stats.export.xlsx'), csv: t('stats.export.csv') }}
          />
        }
      >
        <Segmented<'month' | 'quarter'>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'month', label: t('stats.assessment.month') },
            { value: 'quarter', label: t('stats.assessment.quarter') },
          ]}
        />
        <DatePicker
          picker={kind}
          allowClear={false}
          value={day}
          onChange={(d) => d && setDay(d)}
          aria-label={t('stats.assessment.period')}
        />
        <Segmented<'department' | 'staff'>
          value={subject}
          onChange={setSubject}
          options={[
            { value: 'department', label: t('stats.by.department') },
            { value: 'staff', label: t('stats.by.staff') },
          ]}
        />
      </Toolbar>
      <ErrorAlert error={rows.error} onRetry={rows.reload} />
      <Table<Row>
        size="small"
        className="stats-assessment"
        rowKey={(r) => r.key ?? 'none'}
        loading={rows.loading}
        dataSource={rows.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('stats.empty') }}
        columns={[
          {
            title: subject === 'department' ? t('stats.by.department') : t('stats.by.staff'),
            dataIndex: 'name',
            render: (n: string | null, r) => n ?? r.key ?? t('stats.unspecified'),
          },
          { title: t('stats.kpi.completed'), dataIndex: 'completed', align: 'right' },
          { title: t('stats.kpi.onTime'), dataIndex: 'onTimeRate', align: 'right', render: pct },
          { title: t('stats.kpi.early'), dataIndex: 'earlyRate', align: 'right', render: pct },
          { title: t('stats.assessment.quality'), dataIndex: 'qualityRate', align: 'right', render: pct },
          {
            title: t('stats.assessment.supervision'),
            dataIndex: 'supervisionRate',
            align: 'right',
            render: pct,
          },
          {
            title: t('stats.assessment.score'),
            dataIndex: 'score',
            align: 'right',
            sorter: (a, b) => a.score - b.score,
            render: (s: number) => <strong>{s}</strong>,
          },
          {
            title: t('stats.assessment.grade'),
            dataIndex: 'grade',
            render: (g: Grade) => (
              <Tag color={GRADE[g].color} data-grade={g}>
                {t(GRADE[g].label)}
              </Tag>
            ),
          },
        ]}
      />
      <p className="sup-note">{t('stats.assessment.note')}</p>
    </>
  );
}
