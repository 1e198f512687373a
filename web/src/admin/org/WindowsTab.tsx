import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Input as In, Schema } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useQuery } from '../../hooks/useQuery.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { Toolbar } from '../shared/Toolbar.tsx';
import { nameOf, options, useCentres, useDepartments } from '../shared/useOrg.ts';

/** 窗口: the numbered windows of a centre, optionally belonging to a department. */
export function WindowsTab() {
  const { t } = useI18n();
  const centres = useCentres();
  const departments = useDepartments();
  const [centreId, setCentreId] = useState<string>();
  const windows = useQuery(
    (signal) => api.get('/api/v1/org/windows', { query: { centreId }, signal }),
    [centreId],
  );
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<In<'CreateServiceWindow'>>();
  const formCentre = Form.useWatch('centreId', form);
  return (
    <>
      <Toolbar
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('org.window.add')}
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
      <ErrorAlert error={windows.error} onRetry={windows.reload} />
      <Table<Schema<'ServiceWindow'>>
        size="small"
        rowKey="id"
        loading={windows.loading}
        dataSource={windows.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('org.window.number'), dataIndex: 'number', width: 100 },
          { title: t('org.name'), dataIndex: 'name' },
          { title: t('org.centre'), dataIndex: 'centreId', render: (id: string) => nameOf(centres.data, id) },
          {
            title: t('org.department'),
            dataIndex: 'departmentId',
            render: (id: string | null) => nameOf(departments.data, id),
          },
        ]}
      />
      <FormModal<In<'CreateServiceWindow'>>
        form={form}
        title={t('org.window.add')}
        open={open}
        onClose={() => setOpen(false)}
        initialValues={{ centreId }}
        onSubmit={async (body) => {
          await api.post('/api/v1/org/windows', {
            body: { ...body, departmentId: body.departmentId ?? null },
          });
          windows.reload();
        }}
      >
        <Form.Item name="centreId" label={t('org.centre')} rules={[{ required: true }]}>
          <Select options={options(centres.data)} />
        </Form.Item>
        <Form.Item name="number" label={t('org.window.number')} rules={[{ required: true, max: 20 }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="departmentId" label={t('org.department')}>
          <Select
            allowClear
            options={options(departments.data?.filter((d) => !formCentre || d.centreId === formCentre))}
          />
        </Form.Item>
      </FormModal>
    </>
  );
}
