import { App, Button, Card, Descriptions, Form, Input, InputNumber, Select } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { CentrePicker } from '../rules/CentrePicker.tsx';
import { RuleVersions } from '../rules/RuleVersions.tsx';
import { useRuleSet } from '../rules/useRuleSet.ts';
import { Toolbar } from '../shared/Toolbar.tsx';
import { useCentres } from '../shared/useOrg.ts';

interface Values {
  yellowRemainingWorkingDays: number;
  /** Percent in the form; a ratio in the rule set. */
  yellowUsedPercent: number;
  replyWithinWorkingDays: number;
  remindBeforeWorkingDays: number[];
  note: string;
}

/**
 * 中心设置: when a case turns yellow, how long a unit has to answer a 督办单 and when reminders go out —
 * the centre's rule set (a new version on save) — and the centre's office hours and time zone.
 */
export default function SettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { centreId, pickCentre, current, versions, save } = useRuleSet();
  const centres = useCentres();
  const centre = centres.data?.find((c) => c.id === centreId);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const set = current.data?.set;
    if (!set) return;
    form.setFieldsValue({
      yellowRemainingWorkingDays: set.thresholds.yellowRemainingWorkingDays,
      yellowUsedPercent: Math.round(set.thresholds.yellowUsedRatio * 100),
      replyWithinWorkingDays: set.replyWithinWorkingDays,
      remindBeforeWorkingDays: set.remindBeforeWorkingDays,
      note: '',
    });
  }, [current.data, form]);

  const submit = async (v: Values) => {
    const set = current.data?.set;
    if (!set) return;
    setBusy(true);
    setError(null);
    try {
      await save(
        {
          ...set,
          thresholds: {
            yellowRemainingWorkingDays: v.yellowRemainingWorkingDays,
            yellowUsedRatio: v.yellowUsedPercent / 100,
          },
          replyWithinWorkingDays: v.replyWithinWorkingDays,
          remindBeforeWorkingDays: [...new Set(v.remindBeforeWorkingDays.map(Number))]
            .filter((n) => Number.isInteger(n))
            .sort((a, b) => b - a),
        },
        v.note ?? '',
      );
      message.success(t('settings.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader title={t('nav.admin.settings')} help={t('settings.help')} />
      {pickCentre && (
        <Toolbar>
          <CentrePicker value={centreId} onChange={pickCentre} />
        </Toolbar>
      )}
      <ErrorAlert
        error={current.error ?? centres.error}
        onRetry={current.error ? current.reload : centres.reload}
      />
      {centre && (
        <Card size="small" title={t('settings.centre')} className="block-gap">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('settings.centre.name')}>{centre.name}</Descriptions.Item>
            <Descriptions.Item label={t('settings.centre.hours')}>
              {centre.officeOpen}–{centre.officeClose}
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.centre.timeZone')}>{centre.timeZone}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {centreId && (
        <Card size="small" title={t('settings.supervision')} loading={current.loading && !current.data}>
          <ErrorAlert error={error} title={t('rules.saveFailed')} />
          <Form<Values> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 560 }}>
            <Form.Item
              name="yellowRemainingWorkingDays"
              label={t('settings.yellowDays')}
              extra={t('settings.yellowDays.help')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={30} addonAfter={t('rules.workingDays')} />
            </Form.Item>
            <Form.Item
              name="yellowUsedPercent"
              label={t('settings.yellowUsed')}
              extra={t('settings.yellowUsed.help')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={100} addonAfter="%" />
            </Form.Item>
            <Form.Item
              name="replyWithinWorkingDays"
              label={t('settings.replyDays')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={30} addonAfter={t('rules.workingDays')} />
            </Form.Item>
            <Form.Item
              name="remindBeforeWorkingDays"
              label={t('settings.remind')}
              extra={t('settings.remind.help')}
            >
              <Select<number[]>
                mode="tags"
                style={{ maxWidth: 300 }}
                options={[1, 2, 3, 5].map((n) => ({ value: n, label: String(n) }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('rules.note')}>
              <Input maxLength={500} placeholder={t('rules.note.hint')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('settings.save')}
            </Button>
          </Form>
        </Card>
      )}
      <RuleVersions versions={versions.data} loading={versions.loading} />
    </div>
  );
}
