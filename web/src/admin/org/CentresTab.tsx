import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Input as In, Schema } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useQuery } from '../../hooks/useQuery.ts';
import { bracket } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { Toolbar } from '../shared/Toolbar.tsx';
import { useCentres } from '../shared/useOrg.ts';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** 服务中心: the halls, with their region, time zone and office hours. */
export function CentresTab() {
  const { t, lang } = useI18n();
  const centres = useCentres();
  const regions = useQuery((signal) => api.get('/api/v1/org/regions', { signal }), []);
  const regionName = (code: string) => regions.data?.find((r) => r.code === code)?.name ?? code;
  const [open, setOpen] = useState(false);
  return (
    <>
      <Toolbar
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('org.centre.add')}
          </Button>
        }
      />
      <ErrorAlert error={centres.error} onRetry={centres.reload} />
      <Table<Schema<'Centre'>>
        size="small"
        rowKey="id"
        loading={centres.loading}
        dataSource={centres.data}
        pagination={false}
        columns={[
          { title: t('org.code'), dataIndex: 'code', width: 120 },
          { title: t('org.name'), dataIndex: 'name' },
          {
            title: t('org.region'),
            dataIndex: 'regionCode',
            render: (code: string) => `${regionName(code)}${bracket(code, lang)}`,
          },
          { title: t('org.centre.timeZone'), dataIndex: 'timeZone', width: 150 },
          {
            title: t('org.centre.hours'),
            key: 'hours',
            width: 140,
            render: (_, c) => `${c.officeOpen}–${c.officeClose}`,
          },
        ]}
      />
      <FormModal<In<'CreateCentre'>>
        title={t('org.centre.add')}
        open={open}
        onClose={() => setOpen(false)}
        initialValues={{ timeZone: 'Asia/Shanghai', officeOpen: '08:30', officeClose: '17:30' }}
        onSubmit={async (body) => {
          await api.post('/api/v1/org/centres', { body });
          centres.reload();
        }}
      >
        <Form.Item
          name="code"
          label={t('org.code')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9]{1,12}$/, message: t('org.centre.code.rule') }]}
        >
          <Input maxLength={12} />
        </Form.Item>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="regionCode" label={t('org.region')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(regions.data ?? []).map((r) => ({ value: r.code, label: `${r.code} ${r.name}` }))}
          />
        </Form.Item>
        <Form.Item name="timeZone" label={t('org.centre.timeZone')}>
          <Input />
        </Form.Item>
        <div className="form-row">
          <Form.Item
            name="officeOpen"
            label={t('org.centre.open')}
            rules={[{ pattern: HHMM, message: 'HH:MM' }]}
          >
            <Input placeholder="08:30" />
          </Form.Item>
          <Form.Item
            name="officeClose"
            label={t('org.centre.close')}
            rules={[{ pattern: HHMM, message: 'HH:MM' }]}
          >
            <Input placeholder="17:30" />
          </Form.Item>
        </div>
      </FormModal>
    </>
  );
}
