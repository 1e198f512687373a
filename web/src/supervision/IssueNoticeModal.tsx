import { Descriptions, Form, Input } from 'antd';
import { FormModal } from '../admin/shared/FormModal.tsx';
import { api } from '../api/client.ts';
import type { Schema } from '../api/types.ts';
import { useI18n } from '../i18n/useI18n.ts';

type Row = Schema<'OverdueRow'>;

/** 下发督办单 by hand on an overdue case or step, with the reason the office must answer. */
export function IssueNoticeModal({
  row,
  onClose,
  onIssued,
}: {
  row: Row | null;
  onClose: () => void;
  onIssued: () => void;
}) {
  const { t, date } = useI18n();
  return (
    <FormModal<{ reason: string }>
      title={t('sup.issue.title')}
      open={!!row}
      onClose={onClose}
      okText={t('sup.issue.ok')}
      successText={t('sup.issue.done')}
      onSubmit={async ({ reason }) => {
        if (!row) return;
        await api.post('/api/v1/supervision/notices', {
          body: {
            caseId: row.caseId,
            ...(row.subjectType === 'task' ? { taskId: row.subjectId } : {}),
            reason,
          },
        });
        onIssued();
      }}
    >
      {row && (
        <Descriptions size="small" column={1} className="block-gap">
          <Descriptions.Item label={t('sup.col.case')}>{row.caseNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('sup.col.item')}>{row.itemName}</Descriptions.Item>
          <Descriptions.Item label={t('sup.col.unit')}>
            {[row.departmentName, row.officeName].filter(Boolean).join(' / ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('sup.col.step')}>{row.stepName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('sup.col.due')}>
            {date(row.dueDate)} · {t('sup.overdue.days', { n: row.daysOverdue })}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Form.Item
        name="reason"
        label={t('sup.issue.reason')}
        rules={[{ required: true, whitespace: true, message: t('sup.issue.reasonRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('sup.issue.reasonHint')} />
      </Form.Item>
    </FormModal>
  );
}
