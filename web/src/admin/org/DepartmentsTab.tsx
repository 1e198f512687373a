import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Input as In, Schema } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { Toolbar } from '../shared/Toolbar.tsx';
import { nameOf, options, useCentres, useDepartments } from '../shared/useOrg.ts';

const CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** 进驻部门: the departments stationed in a centre, with their 统一社会信用代码. */
export function DepartmentsTab() {
  const { t } = useI18n();
  const centres = useCentres();
  const [centreId, setCentreId] = useState<string>();
  const departments = useDepartments(centreId);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Toolbar
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('org.department.add')}
          </Button>
        }
      >
        <Select
          allowClear
          placeholder={t('org.allCentres')}
          style={{ width: 260 }}
          value={centreId}
          onChange={setCentreId}
          options={options(centres.data)}
        />
      </Toolbar>
      <ErrorAlert error={departments.error} onRetry={departments.reload} />
      <Table<Schema<'Department'>>
        size="small"
        rowKey="id"
        loading={departments.loading}
        dataSource={departments.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('org.code'), dataIndex: 'code', width: 120 },
          { title: t('org.name'), dataIndex: 'name' },
          {
            title: t('org.creditCode'),
            dataIndex: 'creditCode',
            width: 200,
            render: (c: string | null) => c ?? '—',
          },
          { title: t('org.centre'), dataIndex: 'centreId', render: (id: string) => nameOf(centres.data, id) },
        ]}
      />
      <FormModal<In<'CreateDepartment'>>
        title={t('org.department.add')}
        open={open}
        onClose={() => setOpen(false)}
        initialValues={{ centreId }}
        onSubmit={async (body) => {
          await api.post('/api/v1/org/departments', {
            body: { ...body, creditCode: body.creditCode || null },
          });
          departments.reload();
        }}
      >
        <Form.Item name="centreId" label={t('org.centre')} rules={[{ required: true }]}>
          <Select options={options(centres.data)} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('org.code')}
          rules={[{ required: true, pattern: CODE, message: t('org.code.rule') }]}
        >
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="creditCode" label={t('org.creditCode')} extra={t('org.creditCode.help')}>
          <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
