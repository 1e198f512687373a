import { Alert, Form, type FormInstance, Input, Radio } from 'antd';
import { useState } from 'react';
import { isValidCreditCode, isValidIdCardNumber } from '../../../src/shared/identifiers.ts';
import { api } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import type { Schema } from '../api/types.ts';
import { useI18n } from '../i18n/useI18n.ts';

export type ApplicantValues = {
  kind: 'natural_person' | 'legal_person';
  idNumber: string;
  name: string;
  phone?: string;
  address?: string;
  legalRepresentative?: string;
};

/** 申请人: identity number checked as typed (GB 11643 / GB 32100); a known applicant is filled in. */
export function ApplicantForm({
  form,
  disabled,
  onSubmit,
}: {
  form: FormInstance<ApplicantValues>;
  disabled?: boolean;
  onSubmit: () => void;
}) {
  const { t } = useI18n();
  const kind = Form.useWatch('kind', form) ?? 'legal_person';
  const [known, setKnown] = useState<Schema<'Applicant'> | null>(null);

  const lookUp = async () => {
    const { kind: k, idNumber } = form.getFieldsValue(['kind', 'idNumber']) as ApplicantValues;
    const id = (idNumber ?? '').trim().toUpperCase();
    const valid = k === 'natural_person' ? isValidIdCardNumber(id) : isValidCreditCode(id);
    if (!valid) return setKnown(null);
    try {
      const a = await api.get('/api/v1/applicants', { query: { kind: k, idNumber: id } });
      setKnown(a);
      form.setFieldsValue({
        name: a.name,
        phone: a.phone,
        address: a.address,
        legalRepresentative: a.legalRepresentative,
      });
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
      setKnown(null);
    }
  };

  return (
    <Form<ApplicantValues>
      form={form}
      name="applicant"
      layout="vertical"
      disabled={disabled}
      initialValues={{ kind: 'legal_person' }}
      onFinish={onSubmit}
      className="window-applicant"
      requiredMark
    >
      <Form.Item name="kind" label={t('window.applicant.kind')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'legal_person', label: t('window.applicant.legal') },
            { value: 'natural_person', label: t('window.applicant.natural') },
          ]}
          onChange={() => form.validateFields(['idNumber']).catch(() => undefined)}
        />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={kind === 'natural_person' ? t('window.applicant.idCard') : t('window.applicant.creditCode')}
        validateTrigger={['onBlur', 'onSubmit']}
        normalize={(v: string) => v.toUpperCase()}
        rules={[
          { required: true, message: t('window.applicant.idRequired') },
          {
            validator: async (_, v: string) => {
              if (!v) return;
              const ok =
                kind === 'natural_person' ? isValidIdCardNumber(v.trim()) : isValidCreditCode(v.trim());
              if (!ok)
                throw new Error(
                  kind === 'natural_person'
                    ? t('window.applicant.idInvalid')
                    : t('window.applicant.creditInvalid'),
                );
            },
          },
        ]}
      >
        <Input maxLength={18} autoComplete="off" onBlur={() => lookUp().catch(() => setKnown(null))} />
      </Form.Item>
      {known && (
        <Alert
          className="block-gap"
          type={known.creditRestricted ? 'warning' : 'info'}
          showIcon
          title={
            known.creditRestricted
              ? t('window.applicant.restricted', { name: known.name })
              : t('window.applicant.known', { name: known.name })
          }
        />
      )}
      <Form.Item
        name="name"
        label={kind === 'natural_person' ? t('window.applicant.name') : t('window.applicant.orgName')}
        rules={[{ required: true, whitespace: true, message: t('window.applicant.nameRequired') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      {kind === 'legal_person' && (
        <Form.Item name="legalRepresentative" label={t('window.applicant.legalRep')}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      <Form.Item name="phone" label={t('window.applicant.phone')}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="address" label={t('window.applicant.address')}>
        <Input maxLength={400} />
      </Form.Item>
      {/* Enter in any field receives the application */}
      <button type="submit" hidden aria-hidden tabIndex={-1} />
    </Form>
  );
}
