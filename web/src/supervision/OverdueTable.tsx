import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Card, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { Link } from 'react-router';
import { Toolbar } from '../admin/shared/Toolbar.tsx';
import { nameOf, options, useDepartments, useOffices } from '../admin/shared/useOrg.ts';
import { api } from '../api/client.ts';
import type { Schema } from '../api/types.ts';
import { useAuth } from '../auth/useAuth.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { ExportButtons } from '../stats/ExportButtons.tsx';
import { IssueNoticeModal } from './IssueNoticeModal.tsx';
import { LightTag, NoticeStatusTag } from './labels.tsx';

type Row = Schema<'OverdueRow'>;

/**
 * 超期报件汇总表: every overdue open case and step of my scope, most overdue first, with its cards and notice;
 * narrowed by department, office (the offices of the chosen department), item and days overdue, and
 * exported with the same filters.
 */
export function OverdueTable({
  onIssued,
  departmentId,
  setDepartmentId,
}: {
  onIssued: () => void;
  departmentId: string | undefined;
  setDepartmentId: (id: string | undefined) => void;
}) {
  const { t, date } = useI18n();
  const { can } = useAuth();
  const departments = useDepartments();
  const offices = useOffices(departmentId);
  const items = useQuery(
    (signal) => api.get('/api/v1/catalogue/items', { query: { limit: 500 }, signal }),
    [],
  );
  const [officeId, setOfficeId] = useState<string>();
  const [itemId, setItemId] = useState<string>();
  const [minDays, setMinDays] = useState<number>(0);
  const [issuing, setIssuing] = useState<Row | null>(null);
  // an office belongs to one department: choosing another department clears it
  const chooseDepartment = (id: string | undefined) => {
    setOfficeId(undefined);
    setDepartmentId(id);
  };
  const filters = { departmentId, officeId, itemId };
  const overdue = useQuery(
    (signal) =>
      api.get('/api/v1/supervision/overdue', {
        query: { ...filters, minDays: minDays || undefined },
        signal,
      }),
    [departmentId, officeId, itemId, minDays],
  );

  return (
    <Card size="small" className="block-gap" title={t('sup.overdue.title')}>
      <Toolbar
        actions={
          <ExportButtons
            path="/api/v1/supervision/overdue"
            query={{ ...filters, minDays }}
            filename={t('sup.overdue.file')}
            labels={{ xlsx: t('sup.export.xlsx'), csv: t('sup.export.csv') }}
          />
        }
      >
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('sup.filter.department')}
          aria-label={t('sup.filter.department')}
          style={{ width: 220 }}
          value={departmentId}
          onChange={chooseDepartment}
          options={options(departments.data)}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('sup.filter.office')}
          aria-label={t('sup.filter.office')}
          style={{ width: 180 }}
          value={officeId}
          onChange={setOfficeId}
          options={options(offices.data)}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('sup.filter.item')}
          aria-label={t('sup.filter.item')}
          style={{ width: 260 }}
          value={itemId}
          onChange={setItemId}
          options={(items.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
        />
        <Space.Compact>
          <span className="sup-filter-label">{t('sup.filter.minDays')}</span>
          <InputNumber
            min={0}
            max={365}
            value={minDays}
            aria-label={t('sup.filter.minDays')}
            onChange={(v) => setMinDays(v ?? 0)}
          />
        </Space.Compact>
      </Toolbar>
      <ErrorAlert error={overdue.error} onRetry={overdue.reload} />
      <Table<Row>
        size="small"
        className="sup-overdue"
        rowKey="subjectId"
        loading={overdue.loading}
        dataSource={overdue.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('sup.overdue.empty') }}
        onRow={(r) => ({ 'data-case': r.caseNumber ?? r.caseId }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('sup.col.light'), width: 80, render: () => <LightTag light="red" t={t} /> },
          {
            title: t('sup.col.case'),
            dataIndex: 'caseNumber',
            render: (n: string | null, r) => <Link to={`/staff/cases/${r.caseId}`}>{n ?? '—'}</Link>,
          },
          { title: t('sup.col.item'), dataIndex: 'itemName', ellipsis: true },
          {
            title: t('sup.col.unit'),
            render: (_, r) => [r.departmentName, r.officeName].filter(Boolean).join(' / '),
          },
          {
            title: t('sup.col.step'),
            render: (_, r) => (
              <>
                {r.stepName ?? '—'}{' '}
                <Tag>{r.subjectType === 'task' ? t('sup.subject.task') : t('sup.subject.case')}</Tag>
              </>
            ),
          },
          {
            title: t('sup.col.due'),
            dataIndex: 'dueDate',
            width: 130,
            render: (d: string | null) => date(d),
          },
          {
            title: t('sup.col.daysOverdue'),
            dataIndex: 'daysOverdue',
            width: 110,
            align: 'right',
            render: (n: number) => <strong className="sup-days">{n}</strong>,
          },
          {
            title: t('sup.col.cards'),
            width: 110,
            render: (_, r) => (
              <Space size={2}>
                {r.cards.yellow > 0 && <Tag color="gold">{t('sup.card.yellow', { n: r.cards.yellow })}</Tag>}
                {r.cards.red > 0 && <Tag color="red">{t('sup.card.red', { n: r.cards.red })}</Tag>}
                {!r.cards.yellow && !r.cards.red && '—'}
              </Space>
            ),
          },
          {
            title: t('sup.col.notice'),
            width: 110,
            render: (_, r) => (r.notice ? <NoticeStatusTag status={r.notice.status} t={t} /> : '—'),
          },
          ...(can('supervision.issue')
            ? [
                {
                  title: t('sup.col.actions'),
                  width: 110,
                  render: (_: unknown, r: Row) => (
                    <Button
                      size="small"
                      danger
                      icon={<ExclamationCircleOutlined />}
                      onClick={() => setIssuing(r)}
                      data-testid="issue-notice"
                    >
                      {t('sup.issue.button')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <p className="sup-note">
        {t('sup.overdue.scope', {
          department: departmentId ? nameOf(departments.data, departmentId) : t('sup.filter.all'),
        })}
      </p>
      <IssueNoticeModal
        row={issuing}
        onClose={() => setIssuing(null)}
        onIssued={() => {
          overdue.reload();
          onIssued();
        }}
      />
    </Card>
  );
}
