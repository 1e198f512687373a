import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Input as In, Schema } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useQuery } from '../../hooks/useQuery.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { Toolbar } from '../shared/Toolbar.tsx';

/** 行政区划: the region tree, by code. */
export function RegionsTab() {
  const { t } = useI18n();
  const regions = useQuery((signal) => api.get('/api/v1/org/regions', { signal }), []);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Toolbar
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('org.region.add')}
          </Button>
        }
      />
      <ErrorAlert error={regions.error} onRetry={regions.reload} />
      <Table<Schema<'Region'>>
        size="small"
        rowKey="code"
        loading={regions.loading}
        dataSource={regions.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('org.code'), dataIndex: 'code', width: 140 },
          {
            title: t('org.name'),
            dataIndex: 'name',
            render: (name: string, r) => <span style={{ paddingLeft: (r.level - 1) * 16 }}>{name}</span>,
          },
          {
            title: t('org.region.level'),
            dataIndex: 'level',
            width: 120,
            render: (l: number) => t(`org.region.level.${l as 1 | 2 | 3 | 4 | 5 | 6}`),
          },
          {
            title: t('org.region.parent'),
            dataIndex: 'parentCode',
            width: 160,
            render: (p: string | null) => p ?? '—',
          },
        ]}
      />
      <FormModal<In<'CreateRegion'>>
        title={t('org.region.add')}
        open={open}
        onClose={() => setOpen(false)}
        onSubmit={async (body) => {
          await api.post('/api/v1/org/regions', { body: { ...body, parentCode: body.parentCode ?? null } });
          regions.reload();
        }}
      >
        <Form.Item
          name="code"
          label={t('org.region.code')}
          rules={[{ required: true, pattern: /^\d{6}(\d{3})?(\d{3})?$/, message: t('org.region.code.rule') }]}
        >
          <Input maxLength={12} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="level" label={t('org.region.level')} rules={[{ required: true }]}>
          <InputNumber min={1} max={6} />
        </Form.Item>
        <Form.Item name="parentCode" label={t('org.region.parent')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(regions.data ?? []).map((r) => ({ value: r.code, label: `${r.code} ${r.name}` }))}
          />
        </Form.Item>
      </FormModal>
    </>
  );
}
