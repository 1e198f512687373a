import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { FormModal } from '../shared/FormModal.tsx';
import { options, useCentres } from '../shared/useOrg.ts';

interface Values {
  centreId: string;
  range: [Dayjs, Dayjs];
  name: string;
}

/** Every date from the first to the last, inclusive. */
export function datesBetween(from: Dayjs, to: Dayjs): string[] {
  const out: string[] = [];
  for (let d = from.startOf('day'); !d.isAfter(to, 'day') && out.length < 366; d = d.add(1, 'day'))
    out.push(d.format('YYYY-MM-DD'));
  return out;
}

/** 地方休息日: days a centre is closed besides the national calendar (e.g. a local festival). */
export function LocalDaysModal({
  open,
  onClose,
  onSaved,
  defaultCentre,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
  defaultCentre?: string;
}) {
  const { t } = useI18n();
  const centres = useCentres();
  return (
    <FormModal<Values>
      title={t('calendar.localDays.add')}
      open={open}
      onClose={onClose}
      initialValues={{ centreId: defaultCentre }}
      successText={t('calendar.localDays.saved')}
      onSubmit={async ({ centreId, range, name }) => {
        const days = datesBetween(range[0], range[1]).map((date) => ({ date, name: name.trim() }));
        await api.post('/api/v1/calendar/local-days', { body: { centreId, days } });
        onSaved();
      }}
    >
      <Form.Item name="centreId" label={t('org.centre')} rules={[{ required: true }]}>
        <Select options={options(centres.data)} />
      </Form.Item>
      <Form.Item name="range" label={t('calendar.dates')} rules={[{ required: true }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="name" label={t('calendar.name')} rules={[{ required: true, max: 100 }]}>
        <Input placeholder={t('calendar.localDays.namePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
