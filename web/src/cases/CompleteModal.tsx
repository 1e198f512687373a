import { Form, Input, Select } from 'antd';
import { FormModal } from '../admin/shared/FormModal.tsx';
import { api } from '../api/client.ts';
import type { Schema } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useQuery } from '../hooks/useQuery.ts';
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
  // next steps whose person is chosen now (e.g. 处领导审核): the department's staff to pick from
  const candidates = useQuery(
    (signal) =>
      task && action === 'pass'
        ? api.get('/api/v1/tasks/{id}/candidates', { path: { id: task.id }, signal })
        : Promise.resolve([]),
    [task?.id, action],
  );
  const title = { pass: t('case.action.pass'), return: t('case.action.return'), deny: t('case.action.deny') }[
    action
  ];
  return (
    <FormModal<{ opinion: string; returnTo?: string; reasons?: string; assignees?: Record<string, string> }>
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
            ...(action === 'pass' && v.assignees ? { assignees: v.assignees } : {}),
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
      <ErrorAlert error={candidates.error} onRetry={candidates.reload} />
      {(candidates.data ?? []).map((c) => (
        <Form.Item
          key={c.stepId}
          name={['assignees', c.stepId]}
          label={t('case.pick', { step: c.stepName })}
          rules={[{ required: true, message: t('case.pick.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={c.people.map((x) => ({ value: x.id, label: x.name }))}
            data-testid={`pick-${c.stepId}`}
          />
        </Form.Item>
      ))}
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
