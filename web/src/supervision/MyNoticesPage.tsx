import { Button, DatePicker, Form, Input, Segmented } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { FormModal } from '../admin/shared/FormModal.tsx';
import { api } from '../api/client.ts';
import { useAuth } from '../auth/useAuth.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import { useI18n } from '../i18n/useI18n.ts';
import type { Notice, NoticeStatus } from './labels.tsx';
import { NoticesTable } from './NoticesTable.tsx';

interface ReplyForm {
  reason: string;
  expectedCompletion: Dayjs;
}

/** 本部门督办单: the notices addressed to my department or office, and the reply each one asks for. */
export default function MyNoticesPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  // The server's rule (supervision.policy.ts): a leader answers for the department; a reviewer only while
  // the notice sits at their own office.
  const canReply = (n: Notice) =>
    n.status === 'open' &&
    (me.roles.includes('leader') || (n.level === 'office' && !!me.officeId && n.office_id === me.officeId));
  const [status, setStatus] = useState<NoticeStatus>('open');
  const [replying, setReplying] = useState<Notice | null>(null);
  const notices = useQuery(
    (signal) => api.get('/api/v1/supervision/notices/mine', { query: { status }, signal }),
    [status],
  );

  return (
    <div>
      <PageHeader title={t('sup.mine.title')} help={t('sup.mine.help')} />
      <div className="toolbar">
        <Segmented<NoticeStatus>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'open', label: t('sup.mine.open') },
            { value: 'replied', label: t('sup.status.replied') },
            { value: 'cancelled', label: t('sup.status.cancelled') },
          ]}
        />
        <Button onClick={notices.reload}>{t('sup.refresh')}</Button>
      </div>
      <ErrorAlert error={notices.error} onRetry={notices.reload} />
      <NoticesTable
        testId="my-notices"
        notices={notices.data}
        loading={notices.loading}
        actions={(n) =>
          canReply(n) && (
            <Button size="small" type="primary" onClick={() => setReplying(n)} data-testid="reply-notice">
              {t('sup.reply.button')}
            </Button>
          )
        }
      />
      <FormModal<ReplyForm>
        title={t('sup.reply.title', { number: replying?.case_number ?? '' })}
        open={!!replying}
        onClose={() => setReplying(null)}
        okText={t('sup.reply.ok')}
        successText={t('sup.reply.done')}
        onSubmit={async (v) => {
          if (!replying) return;
          await api.post('/api/v1/supervision/notices/{id}/reply', {
            path: { id: replying.id },
            body: { reason: v.reason, expectedCompletion: v.expectedCompletion.format('YYYY-MM-DD') },
          });
          notices.reload();
        }}
      >
        {replying && <p className="sup-reply-ask">{replying.reason}</p>}
        <Form.Item
          name="reason"
          label={t('sup.reply.reason')}
          rules={[{ required: true, whitespace: true, message: t('sup.reply.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('sup.reply.reasonHint')} />
        </Form.Item>
        <Form.Item
          name="expectedCompletion"
          label={t('sup.reply.expected')}
          rules={[{ required: true, message: t('sup.reply.expectedRequired') }]}
        >
          <DatePicker
            style={{ width: 200 }}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            aria-label={t('sup.reply.expected')}
          />
        </Form.Item>
      </FormModal>
    </div>
  );
}
