import { Checkbox, Form, Input, Select } from 'antd';
import { api } from '../../api/client.ts';
import type { Input as In } from '../../api/types.ts';
import { useAuth } from '../../auth/useAuth.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { ROLES, roleLabel } from '../../staff/roles.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { options, useCentres, useDepartments, useOffices } from '../shared/useOrg.ts';

type NewStaff = In<'CreateStaff'> & { confirm?: string };

/** A new staff account: who, which roles, and where (centre, department, office). */
export function CreateStaffModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useI18n();
  const { me } = useAuth();
  const [form] = Form.useForm<NewStaff>();
  const centreId = Form.useWatch('centreId', form) ?? undefined;
  const departmentId = Form.useWatch('departmentId', form) ?? undefined;
  const centres = useCentres();
  const departments = useDepartments(centreId);
  const offices = useOffices(departmentId);

  return (
    <FormModal<NewStaff>
      form={form}
      title={t('staff.add')}
      open={open}
      onClose={onClose}
      width={640}
      initialValues={{ centreId: me.centreId, roles: ['window_clerk'] }}
      onSubmit={async ({ confirm: _, ...body }) => {
        await api.post('/api/v1/staff', {
          body: {
            ...body,
            centreId: body.centreId ?? null,
            departmentId: body.departmentId ?? null,
            officeId: body.officeId ?? null,
          },
        });
        onCreated();
      }}
    >
      <div className="form-row">
        <Form.Item
          name="username"
          label={t('staff.username')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{2,64}$/, message: t('staff.username.rule') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('staff.displayName')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item
          name="password"
          label={t('staff.password')}
          rules={[{ required: true, min: 8, message: t('staff.password.rule') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('staff.password.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('staff.password.confirm') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('staff.password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </div>
      <Form.Item
        name="roles"
        label={t('staff.roles')}
        rules={[{ required: true, message: t('staff.roles.rule') }]}
      >
        <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
      </Form.Item>
      <Form.Item name="centreId" label={t('org.centre')}>
        <Select
          allowClear
          options={options(centres.data)}
          onChange={() => form.setFieldsValue({ departmentId: null, officeId: null })}
        />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="departmentId" label={t('org.department')}>
          <Select
            allowClear
            options={options(departments.data)}
            onChange={() => form.setFieldsValue({ officeId: null })}
          />
        </Form.Item>
        <Form.Item name="officeId" label={t('org.office')}>
          <Select allowClear disabled={!departmentId} options={options(offices.data)} />
        </Form.Item>
      </div>
    </FormModal>
  );
}
