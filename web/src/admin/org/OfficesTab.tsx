import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Input as In, Schema } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { Toolbar } from '../shared/Toolbar.tsx';
import { nameOf, options, useDepartments, useOffices } from '../shared/useOrg.ts';

/** 处室: the offices inside a department, where reviewers work. */
export function OfficesTab() {
  const { t } = useI18n();
  const departments = useDepartments();
  const [departmentId, setDepartmentId] = useState<string>();
  const offices = useOffices(departmentId);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Toolbar
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('org.office.add')}
          </Button>
        }
      >
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('org.allDepartments')}
          style={{ width: 280 }}
          value={departmentId}
          onChange={setDepartmentId}
          options={options(departments.data)}
        />
      </Toolbar>
      <ErrorAlert error={offices.error} onRetry={offices.reload} />
      <Table<Schema<'Office'>>
        size="small"
        rowKey="id"
        loading={offices.loading}
        dataSource={offices.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('org.code'), dataIndex: 'code', width: 120 },
          { title: t('org.name'), dataIndex: 'name' },
          {
            title: t('org.department'),
            dataIndex: 'departmentId',
            render: (id: string) => nameOf(departments.data, id),
          },
        ]}
      />
      <FormModal<In<'CreateOffice'>>
        title={t('org.office.add')}
        open={open}
        onClose={() => setOpen(false)}
        initialValues={{ departmentId }}
        onSubmit={async (body) => {
          await api.post('/api/v1/org/offices', { body });
          offices.reload();
        }}
      >
        <Form.Item name="departmentId" label={t('org.department')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options(departments.data)} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('org.code')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,32}$/, message: t('org.code.rule') }]}
        >
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
      </FormModal>
    </>
  );
}
