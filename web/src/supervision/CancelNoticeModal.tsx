import { Form, Input } from 'antd';
import { FormModal } from '../admin/shared/FormModal.tsx';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/useI18n.ts';
import type { Notice } from './labels.tsx';

/** 撤销督办单, with the reason kept on the notice and in the case's history. */
export function CancelNoticeModal({
  notice,
  onClose,
  onDone,
}: {
  notice: Notice | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  return (
    <FormModal<{ reason: string }>
      title={t('sup.cancel.title', { number: notice?.case_number ?? '' })}
      open={!!notice}
      onClose={onClose}
      okText={t('sup.cancel.ok')}
      successText={t('sup.cancel.done')}
      onSubmit={async ({ reason }) => {
        if (!notice) return;
        await api.post('/api/v1/supervision/notices/{id}/cancel', {
          path: { id: notice.id },
          body: { reason },
        });
        onDone();
      }}
    >
      <Form.Item
        name="reason"
        label={t('sup.cancel.reason')}
        rules={[{ required: true, whitespace: true, message: t('sup.issue.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}
