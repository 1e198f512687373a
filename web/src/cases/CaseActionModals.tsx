// The case-level procedures: 特别程序, 延期, 缴费, 送达, 补正材料收回, each a small form.
import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { FormModal } from '../admin/shared/FormModal.tsx';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/useI18n.ts';

export type CaseActionKind =
  | 'special'
  | 'specialEnd'
  | 'extend'
  | 'payment'
  | 'delivery'
  | 'corrections'
  | 'certificate';

const SPECIAL = [
  'expert_review',
  'hearing',
  'bidding',
  'auction',
  'inspection',
  'testing',
  'quarantine',
  'appraisal',
] as const;

export function CaseActionModal({
  kind,
  caseId,
  amountCents,
  applicantName,
  onClose,
  onDone,
}: {
  kind: CaseActionKind | null;
  caseId: string;
  amountCents: number | null;
  applicantName: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const path = { id: caseId };
  const done = async (p: Promise<unknown>) => {
    await p;
    onDone();
  };
  const common = { open: kind !== null, onClose, successText: t('case.done') };
  switch (kind) {
    case 'special':
      return (
        <FormModal<{ kind: string; reason: string; expectedDays?: number }>
          {...common}
          title={t('case.action.special')}
          onSubmit={(v) =>
            done(api.post('/api/v1/cases/{id}/special-procedures', { path, body: v as never }))
          }
        >
          <Form.Item name="kind" label={t('case.special.kind')} rules={[{ required: true }]}>
            <Select options={SPECIAL.map((k) => ({ value: k, label: t(`case.special.${k}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('case.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="expectedDays" label={t('case.special.days')}>
            <InputNumber min={1} max={365} />
          </Form.Item>
        </FormModal>
      );
    case 'specialEnd':
      return (
        <FormModal<{ outcome: string }>
          {...common}
          title={t('case.action.specialEnd')}
          onSubmit={(v) => done(api.post('/api/v1/cases/{id}/special-procedures/end', { path, body: v }))}
        >
          <Form.Item
            name="outcome"
            label={t('case.special.outcome')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </FormModal>
      );
    case 'extend':
      return (
        <FormModal<{ days: number; reason: string }>
          {...common}
          title={t('case.action.extend')}
          onSubmit={(v) => done(api.post('/api/v1/cases/{id}/extensions', { path, body: v }))}
        >
          <Form.Item name="days" label={t('case.extend.days')} rules={[{ required: true }]}>
            <InputNumber min={1} max={60} />
          </Form.Item>
          <Form.Item name="reason" label={t('case.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </FormModal>
      );
    case 'payment':
      return (
        <FormModal<{ method: 'cash' | 'online'; amount: number; reference?: string }>
          {...common}
          title={t('case.action.payment')}
          initialValues={{ method: 'cash', amount: amountCents === null ? undefined : amountCents / 100 }}
          onSubmit={(v) =>
            done(
              api.post('/api/v1/cases/{id}/fees/payment', {
                path,
                body: {
                  method: v.method,
                  amountCents: Math.round(v.amount * 100),
                  ...(v.reference ? { reference: v.reference } : {}),
                },
              }),
            )
          }
        >
          <Form.Item name="method" label={t('case.payment.method')}>
            <Radio.Group
              options={[
                { value: 'cash', label: t('case.payment.cash') },
                { value: 'online', label: t('case.payment.online') },
              ]}
            />
          </Form.Item>
          <Form.Item name="amount" label={t('case.payment.amount')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} addonAfter="¥" data-testid="payment-amount" />
          </Form.Item>
          <Form.Item name="reference" label={t('case.payment.reference')}>
            <Input maxLength={200} />
          </Form.Item>
        </FormModal>
      );
    case 'delivery':
      return (
        <FormModal<{ method: 'window' | 'express'; recipient: string; number?: string; carrier?: string }>
          {...common}
          title={t('case.action.delivery')}
          initialValues={{ method: 'window', recipient: applicantName }}
          onSubmit={(v) =>
            done(
              api.post('/api/v1/cases/{id}/delivery', {
                path,
                body:
                  v.method === 'window'
                    ? {
                        method: 'window',
                        recipient: v.recipient,
                        ...(v.number ? { receiptNumber: v.number } : {}),
                      }
                    : {
                        method: 'express',
                        recipient: v.recipient,
                        trackingNumber: v.number ?? '',
                        ...(v.carrier ? { carrier: v.carrier } : {}),
                      },
              }),
            )
          }
        >
          <Form.Item name="method" label={t('case.delivery.method')}>
            <Radio.Group
              options={[
                { value: 'window', label: t('case.delivery.window') },
                { value: 'express', label: t('case.delivery.express') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="recipient"
            label={t('case.delivery.recipient')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="number" label={t('case.delivery.number')}>
            <Input maxLength={100} />
          </Form.Item>
        </FormModal>
      );
    case 'corrections':
      return (
        <FormModal<{ note?: string }>
          {...common}
          title={t('case.action.corrections')}
          onSubmit={(v) =>
            done(api.post('/api/v1/cases/{id}/corrections', { path, body: { note: v.note ?? '' } }))
          }
        >
          <Form.Item name="note" label={t('case.corrections.note')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </FormModal>
      );
    case 'certificate':
      return (
        <FormModal<{ name?: string; holder?: string }>
          {...common}
          title={t('case.action.certificate')}
          onSubmit={(v) =>
            done(
              api.post('/api/v1/cases/{id}/certificate', {
                path,
                body: { ...(v.name ? { name: v.name } : {}), ...(v.holder ? { holder: v.holder } : {}) },
              }),
            )
          }
        >
          <Form.Item name="name" label={t('case.certificate.name')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="holder" label={t('case.certificate.holder')}>
            <Input maxLength={200} />
          </Form.Item>
        </FormModal>
      );
    default:
      return null;
  }
}
