import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../api/errors.ts';
import type { Schema } from '../../api/types.ts';
import { useAuth } from '../../auth/useAuth.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useQuery } from '../../hooks/useQuery.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { roleLabel } from '../../staff/roles.ts';
import { Toolbar } from '../shared/Toolbar.tsx';
import { nameOf, options, useCentres, useDepartments } from '../shared/useOrg.ts';
import { CreateStaffModal } from './CreateStaffModal.tsx';
import { RolesModal } from './RolesModal.tsx';

type Staff = Schema<'Staff'>;

/** 人员: staff accounts of my centre (all centres for a system administrator). */
export default function StaffPage() {
  const { t, lang } = useI18n();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const manage = can('staff.manage');
  const centres = useCentres();
  const departments = useDepartments();
  const [centreId, setCentreId] = useState<string>();
  const staff = useQuery((signal) => api.get('/api/v1/staff', { query: { centreId }, signal }), [centreId]);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Staff | null>(null);

  const setActive = async (s: Staff, active: boolean) => {
    try {
      await api.patch('/api/v1/staff/{id}', { path: { id: s.id }, body: { active } });
      message.success(
        active
          ? t('staff.reactivated', { name: s.displayName })
          : t('staff.deactivated', { name: s.displayName }),
      );
      staff.reload();
    } catch (e) {
      message.error(errorMessage(e, lang));
    }
  };

  return (
    <div>
      <PageHeader
        title={t('nav.admin.staff')}
        help={t('staff.help')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('staff.add')}
            </Button>
          )
        }
      />
      <Toolbar>
        <Select
          allowClear
          placeholder={t('org.allCentres')}
          style={{ width: 260 }}
          value={centreId}
          onChange={setCentreId}
          options={options(centres.data)}
        />
      </Toolbar>
      <ErrorAlert error={staff.error} onRetry={staff.reload} />
      <Table<Staff>
        size="small"
        rowKey="id"
        loading={staff.loading}
        dataSource={staff.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowClassName={(s) => (s.active ? '' : 'row-inactive')}
        columns={[
          { title: t('staff.username'), dataIndex: 'username', width: 140 },
          { title: t('staff.displayName'), dataIndex: 'displayName', width: 140 },
          {
            title: t('staff.roles'),
            dataIndex: 'roles',
            render: (roles: Staff['roles']) => roles.map((r) => <Tag key={r}>{roleLabel(t, r)}</Tag>),
          },
          {
            title: t('org.centre'),
            dataIndex: 'centreId',
            render: (id: string | null) => nameOf(centres.data, id),
          },
          {
            title: t('org.department'),
            dataIndex: 'departmentId',
            render: (id: string | null) => nameOf(departments.data, id),
          },
          {
            title: t('staff.status'),
            dataIndex: 'active',
            width: 90,
            render: (active: boolean) =>
              active ? <Tag color="green">{t('staff.active')}</Tag> : <Tag>{t('staff.inactive')}</Tag>,
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 180,
                  render: (_: unknown, s: Staff) => (
                    <Space size={4}>
                      <Button size="small" type="link" onClick={() => setEditing(s)}>
                        {t('staff.changeRoles')}
                      </Button>
                      {s.id !== me.id && (
                        <Popconfirm
                          title={
                            s.active
                              ? t('staff.deactivate.confirm', { name: s.displayName })
                              : t('staff.reactivate.confirm', { name: s.displayName })
                          }
                          okText={t('action.confirm')}
                          cancelText={t('action.cancel')}
                          onConfirm={() => setActive(s, !s.active)}
                        >
                          <Button size="small" type="link" danger={s.active}>
                            {s.active ? t('staff.deactivate') : t('staff.reactivate')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage && (
        <>
          <CreateStaffModal open={creating} onClose={() => setCreating(false)} onCreated={staff.reload} />
          <RolesModal staff={editing} onClose={() => setEditing(null)} onSaved={staff.reload} />
        </>
      )}
    </div>
  );
}
