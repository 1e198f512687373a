import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../admin/shared/FormModal.tsx';
import { api } from '../api/client.ts';
import type { Schema } from '../api/types.ts';
import { useI18n } from '../i18n/useI18n.ts';

type Detail = Schema<'CaseDetail'>;
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 不予受理: the reasons (one a line); the notice states the remedies. */
export function RefuseModal({
  detail,
  open,
  onClose,
  onDone,
}: {
  detail: Detail;
  open: boolean;
  onClose: () => void;
  onDone: (d: Detail) => void;
}) {
  const { t } = useI18n();
  return (
    <FormModal<{ reasons: string }>
      title={t('window.decision.refuse')}
      open={open}
      onClose={onClose}
      okText={t('window.decision.refuse')}
      successText={t('window.decided')}
      onSubmit={async (v) =>
        onDone(
          await api.post('/api/v1/intake/applications/{id}/decisions', {
            path: { id: detail.id },
            body: {
              decision: 'refuse',
              version: detail.version,
              reasons: v.reasons
                .split('\n')
                .map((s) => s.trim())
                .filter(Boolean),
            },
          }),
        )
      }
    >
      <Form.Item
        name="reasons"
        label={t('window.refuse.reasons')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input.TextArea rows={4} autoFocus placeholder={t('window.refuse.placeholder')} />
      </Form.Item>
    </FormModal>
  );
}

/** 容缺受理: the owed materials, the make-up deadline and the applicant's signed commitment. */
export function DeferModal({
  detail,
  open,
  onClose,
  onDone,
}: {
  detail: Detail;
  open: boolean;
  onClose: () => void;
  onDone: (d: Detail) => void;
}) {
  const { t } = useI18n();
  const owed = detail.materials.filter((m) => m.deferrable && m.status === 'missing');
  return (
    <FormModal<{ materialIds: string[]; deadline: Dayjs; signedBy: string; text: string }>
      title={t('window.decision.defer')}
      open={open}
      onClose={onClose}
      okText={t('window.decision.defer')}
      successText={t('window.decided')}
      initialValues={{ materialIds: owed.map((m) => m.materialId), text: t('window.defer.commitment') }}
      onSubmit={async (v) =>
        onDone(
          await api.post('/api/v1/intake/applications/{id}/decisions', {
            path: { id: detail.id },
            body: {
              decision: 'defer',
              version: detail.version,
              materialIds: v.materialIds,
              deadline: day(v.deadline),
              commitment: { signedBy: v.signedBy, signedAt: day(dayjs()), text: v.text },
            },
          }),
        )
      }
    >
      <Form.Item name="materialIds" label={t('window.defer.materials')} rules={[{ required: true }]}>
        <Select mode="multiple" options={owed.map((m) => ({ value: m.materialId, label: m.name }))} />
      </Form.Item>
      <Form.Item name="deadline" label={t('window.defer.deadline')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item
        name="signedBy"
        label={t('window.defer.signedBy')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="text" label={t('window.defer.text')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </FormModal>
  );
}
