import { Form, Input, Select } from 'antd';
import { FormModal } from '../admin/shared/FormModal.tsx';
import { api } from '../api/client.ts';
import type { Schema } from '../api/types.ts';
import { useI18n } from '../i18n/useI18n.ts';

type Task = Schema<'EngineTask'>;
export type CompleteAction = 'pass' | 'return' | 'deny';

/** 通过 / 退回 / 不予许可 of one task, with the opinion (required) and, as the action needs, where to or why. */
export function CompleteModal({
  task,
  action,
  steps,
  onClose,
  onDone,
}: {
  task: Task | null;
  action: CompleteAction;
  /** Earlier steps a return may go to. */
  steps: { id: string; name: string }[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const title = { pass: t('case.action.pass'), return: t('case.action.return'), deny: t('case.action.deny') }[
    action
  ];
  return (
    <FormModal<{ opinion: string; returnTo?: string; reasons?: string }>
      title={task ? `${title} · ${task.stepName}` : title}
      open={!!task}
      onClose={onClose}
      okText={title}
      successText={t('case.done')}
      initialValues={{ opinion: action === 'pass' ? t('case.opinion.agree') : '', returnTo: 'applicant' }}
      onSubmit={async (v) => {
        if (!task) return;
        await api.post('/api/v1/tasks/{id}/complete', {
          path: { id: task.id },
          body: {
            version: task.version,
            action,
            opinion: v.opinion,
            ...(action === 'return' ? { returnTo: v.returnTo } : {}),
            ...(action === 'deny'
              ? {
                  reasons: (v.reasons ?? '')
                    .split('\n')
                    .map((s) => s.trim())
                    .filter(Boolean),
                }
              : {}),
          },
        });
        onDone();
      }}
    >
      {action === 'return' && (
        <Form.Item name="returnTo" label={t('case.returnTo')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'applicant', label: t('case.returnTo.applicant') },
              ...steps.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
        </Form.Item>
      )}
      {action === 'deny' && (
        <Form.Item
          name="reasons"
          label={t('case.denyReasons')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      )}
      <Form.Item name="opinion" label={t('case.opinion')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={4000} autoFocus data-testid="opinion" />
      </Form.Item>
    </FormModal>
  );
}
