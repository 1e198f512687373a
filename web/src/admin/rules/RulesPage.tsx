import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import type { MessageKey } from '../../i18n/useI18n.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { Toolbar } from '../shared/Toolbar.tsx';
import { CentrePicker } from './CentrePicker.tsx';
import { RuleVersions } from './RuleVersions.tsx';
import { fromRow, type RuleRow, toRow, WHENS, type When } from './rules.ts';
import { useRuleSet } from './useRuleSet.ts';

type Level = 'office' | 'department' | 'centre';
interface Values {
  rules: RuleRow[];
  escalation: Level[];
  note: string;
}
const WHEN_LABEL: Record<When, MessageKey> = {
  light: 'rules.when.light',
  overdue: 'rules.when.overdue',
  refused_without_reasons: 'rules.when.refused',
  late_correction_notice: 'rules.when.lateCorrection',
};
const LEVEL_LABEL: Record<Level, MessageKey> = {
  office: 'sup.level.office',
  department: 'sup.level.department',
  centre: 'sup.level.centre',
};

/** 督办规则: the card rules and the escalation chain of the centre, saved as a new version. */
export default function RulesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { centreId, pickCentre, current, versions, save } = useRuleSet();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const set = current.data?.set;
    if (!set) return;
    form.setFieldsValue({ rules: set.rules.map(toRow), escalation: set.escalation, note: '' });
  }, [current.data, form]);

  const submit = async (v: Values) => {
    const set = current.data?.set;
    if (!set) return;
    setBusy(true);
    setError(null);
    try {
      await save({ ...set, rules: v.rules.map(fromRow), escalation: v.escalation }, v.note ?? '');
      message.success(t('rules.saved'));
    } catch (e) {
      setError(e); // the form keeps what was typed
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader title={t('nav.admin.rules')} help={t('rules.help')} />
      <Toolbar>
        {pickCentre && <CentrePicker value={centreId} onChange={pickCentre} />}
        {current.data && (
          <span className="sup-note">
            {current.data.version
              ? t('rules.inForce', { n: current.data.version })
              : t('rules.inForce.default')}
          </span>
        )}
      </Toolbar>
      <ErrorAlert
        error={current.error ?? versions.error}
        onRetry={current.error ? current.reload : versions.reload}
      />
      {centreId && (
        <Card size="small" loading={current.loading && !current.data}>
          <ErrorAlert error={error} title={t('rules.saveFailed')} />
          <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="rules-form">
            <Form.List name="rules">
              {(fields, { add, remove }) => (
                <>
                  <Table
                    size="small"
                    rowKey="key"
                    pagination={false}
                    dataSource={fields}
                    className="rules-table"
                    columns={[
                      {
                        title: t('rules.id'),
                        width: 170,
                        render: (_, f) => (
                          <Form.Item
                            name={[f.name, 'id']}
                            noStyle
                            rules={[{ required: true, pattern: /^.{1,40}$/, message: t('rules.idRequired') }]}
                          >
                            <Input aria-label={t('rules.id')} />
                          </Form.Item>
                        ),
                      },
                      {
                        title: t('rules.when'),
                        width: 200,
                        render: (_, f) => (
                          <Form.Item name={[f.name, 'when']} noStyle>
                            <Select options={WHENS.map((w) => ({ value: w, label: t(WHEN_LABEL[w]) }))} />
                          </Form.Item>
                        ),
                      },
                      {
                        title: t('rules.param'),
                        width: 220,
                        render: (_, f) => (
                          <Form.Item noStyle dependencies={[['rules', f.name, 'when']]}>
                            {() => {
                              const when = form.getFieldValue(['rules', f.name, 'when']) as When;
                              if (when === 'light')
                                return (
                                  <Form.Item name={[f.name, 'light']} noStyle initialValue="red">
                                    <Select
                                      style={{ width: 160 }}
                                      options={[
                                        { value: 'yellow', label: t('sup.light.yellow') },
                                        { value: 'red', label: t('sup.light.red') },
                                      ]}
                                    />
                                  </Form.Item>
                                );
                              if (when === 'overdue' || when === 'late_correction_notice')
                                return (
                                  <Space.Compact>
                                    {when === 'overdue' && (
                                      <Form.Item name={[f.name, 'subject']} noStyle>
                                        <Select
                                          style={{ width: 90 }}
                                          options={[
                                            { value: 'case', label: t('sup.subject.case') },
                                            { value: 'step', label: t('sup.subject.task') },
                                          ]}
                                        />
                                      </Form.Item>
                                    )}
                                    <Form.Item name={[f.name, 'days']} noStyle rules={[{ required: true }]}>
                                      <InputNumber min={0} max={60} style={{ width: 80 }} />
                                    </Form.Item>
                                    <span className="rules-unit">{t('rules.workingDays')}</span>
                                  </Space.Compact>
                                );
                              return '—';
                            }}
                          </Form.Item>
                        ),
                      },
                      {
                        title: t('rules.card'),
                        width: 120,
                        render: (_, f) => (
                          <Form.Item name={[f.name, 'card']} noStyle>
                            <Select
                              options={[
                                { value: 'yellow', label: t('rules.card.yellow') },
                                { value: 'red', label: t('rules.card.red') },
                              ]}
                            />
                          </Form.Item>
                        ),
                      },
                      {
                        title: '',
                        width: 50,
                        render: (_, f) => (
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('rules.remove')}
                            onClick={() => remove(f.name)}
                          />
                        ),
                      },
                    ]}
                  />
                  <Button
                    className="block-gap"
                    icon={<PlusOutlined />}
                    onClick={() =>
                      add({
                        id: `rule-${fields.length + 1}`,
                        card: 'yellow',
                        when: 'overdue',
                        subject: 'step',
                        days: 1,
                      })
                    }
                  >
                    {t('rules.add')}
                  </Button>
                </>
              )}
            </Form.List>
            <Form.Item
              name="escalation"
              label={t('rules.escalation')}
              extra={t('rules.escalation.help')}
              rules={[{ required: true, type: 'array', min: 1, message: t('rules.escalation.required') }]}
            >
              <Select<Level[]>
                mode="multiple"
                style={{ maxWidth: 420 }}
                options={(['office', 'department', 'centre'] as const).map((l) => ({
                  value: l,
                  label: t(LEVEL_LABEL[l]),
                }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('rules.note')}>
              <Input maxLength={500} placeholder={t('rules.note.hint')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('rules.save')}
            </Button>
          </Form>
        </Card>
      )}
      <RuleVersions versions={versions.data} loading={versions.loading} />
    </div>
  );
}
