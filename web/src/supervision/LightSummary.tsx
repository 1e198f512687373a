import { Card, Segmented, Table } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { Schema } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { LIGHTS, LightTag } from './labels.tsx';

type Row = Schema<'LightCount'>;

/** 红黄绿灯: open cases (or open steps) of my scope by light, per department. */
export function LightSummary({ onPick }: { onPick: (departmentId: string) => void }) {
  const { t } = useI18n();
  const [subject, setSubject] = useState<'case' | 'task'>('case');
  const lights = useQuery(
    (signal) => api.get('/api/v1/supervision/lights', { query: { groupBy: 'department', subject }, signal }),
    [subject],
  );
  const totals = Object.fromEntries(
    LIGHTS.map((l) => [l, (lights.data ?? []).reduce((n, r) => n + r[l], 0)]),
  ) as Record<(typeof LIGHTS)[number], number>;

  return (
    <Card
      size="small"
      className="block-gap"
      title={t('sup.lights.title')}
      extra={
        <Segmented
          size="small"
          value={subject}
          onChange={(v) => setSubject(v as 'case' | 'task')}
          options={[
            { value: 'case', label: t('sup.lights.cases') },
            { value: 'task', label: t('sup.lights.steps') },
          ]}
        />
      }
    >
      <ErrorAlert error={lights.error} onRetry={lights.reload} />
      <div className="sup-light-totals" data-testid="light-totals">
        {LIGHTS.map((l) => (
          <LightTag key={l} light={l} t={t} count={totals[l]} />
        ))}
      </div>
      <Table<Row>
        size="small"
        rowKey={(r) => r.key ?? 'none'}
        loading={lights.loading}
        dataSource={lights.data}
        pagination={false}
        locale={{ emptyText: t('sup.lights.empty') }}
        rowClassName={(r) => (r.key ? 'row-clickable' : '')}
        onRow={(r) => ({ onClick: () => r.key && onPick(r.key), title: t('sup.lights.pick') })}
        columns={[
          { title: t('sup.col.department'), dataIndex: 'name', render: (n: string | null) => n ?? '—' },
          ...LIGHTS.map((l) => ({
            title: <LightTag light={l} t={t} />,
            dataIndex: l,
            width: 90,
            align: 'right' as const,
            render: (n: number) => (n ? <strong className={`sup-count-${l}`}>{n}</strong> : 0),
          })),
        ]}
      />
    </Card>
  );
}
