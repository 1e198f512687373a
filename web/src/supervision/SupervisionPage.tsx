import { Button, Segmented, Tabs } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useAuth } from '../auth/useAuth.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { CancelNoticeModal } from './CancelNoticeModal.tsx';
import { LightSummary } from './LightSummary.tsx';
import type { Notice, NoticeStatus } from './labels.tsx';
import { NoticesTable } from './NoticesTable.tsx';
import { OverdueTable } from './OverdueTable.tsx';

type StatusFilter = NoticeStatus | 'all';

/** 督办: the lights of my scope, the overdue summary with 督办单 issued by hand, and every notice with its reply. */
export default function SupervisionPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [tab, setTab] = useState('overview');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [cancelling, setCancelling] = useState<Notice | null>(null);
  const [departmentId, setDepartmentId] = useState<string>();
  const notices = useQuery(
    (signal) =>
      api.get('/api/v1/supervision/notices', {
        query: { status: status === 'all' ? undefined : status, limit: 200 },
        signal,
      }),
    [status],
  );

  return (
    <div>
      <PageHeader title={t('nav.supervision')} help={t('sup.help')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'overview',
            label: t('sup.tab.overview'),
            children: (
              <>
                <LightSummary onPick={setDepartmentId} />
                <OverdueTable
                  onIssued={notices.reload}
                  departmentId={departmentId}
                  setDepartmentId={setDepartmentId}
                />
              </>
            ),
          },
          {
            key: 'notices',
            label: t('sup.tab.notices'),
            children: (
              <>
                <div className="toolbar">
                  <Segmented<StatusFilter>
                    value={status}
                    onChange={setStatus}
                    options={[
                      { value: 'all', label: t('sup.filter.all') },
                      { value: 'open', label: t('sup.status.open') },
                      { value: 'replied', label: t('sup.status.replied') },
                      { value: 'cancelled', label: t('sup.status.cancelled') },
                    ]}
                  />
                  <Button onClick={notices.reload}>{t('sup.refresh')}</Button>
                </div>
                <ErrorAlert error={notices.error} onRetry={notices.reload} />
                <NoticesTable
                  testId="notices"
                  notices={notices.data}
                  loading={notices.loading}
                  actions={
                    can('supervision.issue')
                      ? (n) =>
                          n.status === 'open' && (
                            <Button size="small" onClick={() => setCancelling(n)}>
                              {t('sup.cancel.button')}
                            </Button>
                          )
                      : undefined
                  }
                />
              </>
            ),
          },
        ]}
      />
      <CancelNoticeModal notice={cancelling} onClose={() => setCancelling(null)} onDone={notices.reload} />
    </div>
  );
}
