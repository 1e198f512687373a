import { Checkbox, Form } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import type { Schema } from '../../api/types.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { ROLES, type Role, roleLabel } from '../../staff/roles.ts';
import { FormModal } from '../shared/FormModal.tsx';

/** Changes a staff member's roles (the server ends nothing; the new roles apply on the next request). */
export function RolesModal({
  staff,
  onClose,
  onSaved,
}: {
  staff: Schema<'Staff'> | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ roles: Role[] }>();
  useEffect(() => {
    if (staff) form.setFieldsValue({ roles: staff.roles });
  }, [staff, form]);
  return (
    <FormModal<{ roles: Role[] }>
      form={form}
      title={staff ? t('staff.changeRoles.title', { name: staff.displayName }) : ''}
      open={!!staff}
      onClose={onClose}
      onSubmit={async ({ roles }) => {
        if (!staff) return;
        await api.patch('/api/v1/staff/{id}', { path: { id: staff.id }, body: { roles } });
        onSaved();
      }}
    >
      <Form.Item
        name="roles"
        label={t('staff.roles')}
        rules={[{ required: true, message: t('staff.roles.rule') }]}
      >
        <Checkbox.Group
          className="roles-grid"
          options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
        />
      </Form.Item>
    </FormModal>
  );
}
