import { Descriptions, Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { nameOf, useDepartments, useOffices } from '../admin/shared/useOrg.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { levelLabel, type Notice, NoticeStatusTag } from './labels.tsx';

/** 督办单 with their addressee, reply time, escalations, and the reply or cancellation when there is one. */
export function NoticesTable({
  notices,
  loading,
  actions,
  testId,
}: {
  notices: Notice[] | undefined;
  loading: boolean;
  actions?: (n: Notice) => ReactNode;
  testId: string;
}) {
  const { t, date, dateTime } = useI18n();
  const departments = useDepartments();
  const offices = useOffices();
  const addressee = (n: Notice) =>
    n.level === 'office' && n.office_id
      ? nameOf(offices.data, n.office_id)
      : n.level === 'department' && n.department_id
        ? nameOf(departments.data, n.department_id)
        : levelLabel(n.level, t);

  return (
    <div data-testid={testId}>
      <Table<Notice>
        size="small"
        rowKey="id"
        className="sup-notices"
        loading={loading}
        dataSource={notices}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('sup.notices.empty') }}
        expandable={{
          expandedRowRender: (n) => (
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('sup.notice.reason')} span={2}>
                {n.reason}
              </Descriptions.Item>
              <Descriptions.Item label={t('sup.notice.issuedAt')}>{dateTime(n.issued_at)}</Descriptions.Item>
              <Descriptions.Item label={t('sup.notice.source')}>
                {n.rule_id ? t('sup.notice.byRule', { rule: n.rule_id }) : t('sup.notice.byHand')}
              </Descriptions.Item>
              <Descriptions.Item label={t('sup.notice.escalations')}>
                {n.escalations
                  ? t('sup.notice.escalated', { n: n.escalations, level: levelLabel(n.level, t) })
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('sup.notice.replyDue')}>
                {dateTime(n.reply_due_at)}
              </Descriptions.Item>
              {n.status === 'replied' && (
                <>
                  <Descriptions.Item label={t('sup.notice.repliedAt')}>
                    {dateTime(n.replied_at)} {n.replied_late && <Tag color="red">{t('sup.notice.late')}</Tag>}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('sup.notice.expected')}>
                    {date(n.expected_completion)}
                  </Descriptions.Item>
                </>
              )}
              {n.status === 'cancelled' && (
                <>
                  <Descriptions.Item label={t('sup.notice.cancelledAt')}>
                    {dateTime(n.cancelled_at)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('sup.notice.cancelReason')}>
                    {n.cancel_reason}
                  </Descriptions.Item>
                </>
              )}
            </Descriptions>
          ),
        }}
        columns={[
          {
            title: t('sup.col.case'),
            dataIndex: 'case_number',
            width: 170,
            render: (v: string | null, n) => <Link to={`/staff/cases/${n.case_id}`}>{v ?? '—'}</Link>,
          },
          {
            title: t('sup.col.addressee'),
            width: 160,
            render: (_, n) => (
              <>
                {addressee(n)} <Tag>{levelLabel(n.level, t)}</Tag>
              </>
            ),
          },
          { title: t('sup.notice.reason'), dataIndex: 'reason', ellipsis: true },
          {
            title: t('sup.notice.issuedAt'),
            dataIndex: 'issued_at',
            width: 120,
            render: (d: string) => date(d),
          },
          {
            title: t('sup.notice.replyDue'),
            dataIndex: 'reply_due_at',
            width: 120,
            render: (d: string, n) => (
              <>
                {date(d)}
                {n.escalations > 0 && (
                  <Tag color="volcano" className="sup-escalated">
                    {t('sup.notice.escalatedShort', { n: n.escalations })}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: t('sup.col.status'),
            dataIndex: 'status',
            width: 90,
            render: (_, n) => <NoticeStatusTag status={n.status} t={t} />,
          },
          {
            title: t('sup.notice.reply'),
            ellipsis: true,
            render: (_, n) =>
              n.status === 'replied' ? (
                <span className="sup-reply">
                  {n.reply_reason}
                  {n.expected_completion &&
                    ` · ${t('sup.notice.expectedShort', { date: date(n.expected_completion) })}`}
                </span>
              ) : n.status === 'cancelled' ? (
                n.cancel_reason
              ) : (
                '—'
              ),
          },
          ...(actions
            ? [{ title: t('sup.col.actions'), width: 110, render: (_: unknown, n: Notice) => actions(n) }]
            : []),
        ]}
      />
    </div>
  );
}
