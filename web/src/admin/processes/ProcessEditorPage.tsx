import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Input, List, Row, Select, Space, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Schema } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useQuery } from '../../hooks/useQuery.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { type Flow, FlowChart } from '../../public/FlowChart.tsx';
import { layoutFlow } from '../../public/layoutFlow.ts';
import { Toolbar } from '../shared/Toolbar.tsx';
import { draftWithProcess } from './content.ts';

type Check = Schema<'ProcessCheck'>;
type Model = Schema<'ProcessModel'>;
const CHECK_DELAY_MS = 400;

/** The text as JSON, or the parser's complaint. */
function parse(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** A drawing of whatever can be drawn: a model with nodes and edges that lays out, else nothing. */
function drawable(value: unknown): Flow | null {
  const m = value as Partial<Model> | undefined;
  if (!m || !Array.isArray(m.nodes) || !Array.isArray(m.edges)) return null;
  try {
    const flow = layoutFlow(m as Model);
    return flow.nodes.length ? flow : null;
  } catch {
    return null;
  }
}

/** 流程管理: a catalogue item's process definition, edited as JSON with a live drawing and the checks. */
export default function ProcessEditorPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const items = useQuery(
    (signal) => api.get('/api/v1/catalogue/items', { query: { limit: 500 }, signal }),
    [],
  );
  const [itemId, setItemId] = useState<string>();
  const versions = useQuery(
    async (signal) =>
      itemId ? api.get('/api/v1/catalogue/items/{id}/versions', { path: { id: itemId }, signal }) : null,
    [itemId],
  );
  // The open draft if there is one, else the latest version (saving then opens a new draft).
  const base = versions.data?.find((v) => v.status === 'draft') ?? versions.data?.[0];
  const version = useQuery(
    async (signal) =>
      base ? api.get('/api/v1/catalogue/versions/{id}', { path: { id: base.id }, signal }) : null,
    [base?.id],
  );
  const [text, setText] = useState('');
  const [loadedText, setLoadedText] = useState('');
  const [check, setCheck] = useState<Check | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);

  useEffect(() => {
    if (!version.data) return;
    const loaded = JSON.stringify(version.data.processDefinition, null, 2);
    setText(loaded);
    setLoadedText(loaded);
    setSaveError(null);
  }, [version.data]);

  const parsed = useMemo(() => parse(text), [text]);
  const [flow, setFlow] = useState<Flow | null>(null);
  useEffect(() => {
    if (parsed.value === undefined) return; // keep the last drawing while the JSON is mid-edit
    setFlow(drawable(parsed.value));
  }, [parsed]);

  const promised = version.data?.promisedLimit;
  const promisedWorkingDays =
    promised?.unit === 'working_days' && promised.value >= 1 ? Math.round(promised.value) : undefined;
  useEffect(() => {
    if (parsed.value === undefined || !text) {
      setCheck(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .post('/api/v1/catalogue/process/validate', {
          body: { processDefinition: parsed.value, promisedWorkingDays },
          signal: controller.signal,
        })
        .then(
          (r) => {
            setCheck(r);
            setCheckError(null);
          },
          (e: unknown) => {
            if ((e as Error).name !== 'AbortError') setCheckError(e);
          },
        );
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [parsed, text, promisedWorkingDays]);

  const save = async () => {
    if (!itemId || !version.data || parsed.value === undefined) return;
    setSaving(true);
    setSaveError(null);
    try {
      await api.put('/api/v1/catalogue/items/{id}/draft', {
        path: { id: itemId },
        body: draftWithProcess(version.data, parsed.value),
      });
      message.success(t('proc.saved'));
      setLoadedText(text);
      versions.reload();
    } catch (e) {
      setSaveError(e); // the text stays as typed
    } finally {
      setSaving(false);
    }
  };

  const errors = check?.problems.filter((p) => p.severity === 'error') ?? [];
  const warnings = check?.problems.filter((p) => p.severity === 'warning') ?? [];
  const dirty = text !== loadedText;

  return (
    <div>
      <PageHeader title={t('nav.admin.processes')} help={t('proc.help')} />
      <Toolbar
        actions={
          <Space>
            <Button disabled={!dirty} onClick={() => setText(loadedText)}>
              {t('proc.reset')}
            </Button>
            <Button
              type="primary"
              loading={saving}
              disabled={!version.data || parsed.value === undefined || !check?.valid || !dirty}
              onClick={save}
              data-testid="save-process"
            >
              {base?.status === 'draft' ? t('proc.save') : t('proc.saveNewDraft')}
            </Button>
          </Space>
        }
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('proc.pickItem')}
          aria-label={t('proc.pickItem')}
          style={{ width: 420 }}
          loading={items.loading}
          value={itemId}
          onChange={setItemId}
          options={(items.data ?? []).map((i) => ({
            value: i.id,
            label: `${i.name}（${i.implementationCode}）`,
          }))}
          data-testid="process-item"
        />
        {base && (
          <Tag color={base.status === 'draft' ? 'orange' : 'default'}>
            {t(base.status === 'draft' ? 'proc.editingDraft' : 'proc.editingLatest', { n: base.version })}
          </Tag>
        )}
      </Toolbar>
      <ErrorAlert
        error={items.error ?? versions.error ?? version.error}
        onRetry={items.error ? items.reload : versions.error ? versions.reload : version.reload}
      />
      <ErrorAlert error={saveError} title={t('proc.saveFailed')} />
      {!itemId ? (
        <Empty description={t('proc.none')} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('proc.json')} loading={version.loading && !version.data}>
              <Input.TextArea
                className="proc-json"
                value={text}
                onChange={(e) => setText(e.target.value)}
                autoSize={{ minRows: 24, maxRows: 48 }}
                spellCheck={false}
                aria-label={t('proc.json')}
                data-testid="process-json"
              />
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card size="small" title={t('proc.drawing')} className="block-gap" data-testid="process-drawing">
              {flow ? <FlowChart flow={flow} /> : <Empty description={t('proc.noDrawing')} />}
              {parsed.error && <p className="sup-note">{t('proc.drawingKept')}</p>}
            </Card>
            <Card size="small" title={t('proc.checks')} data-testid="process-problems">
              {parsed.error ? (
                <Alert type="error" showIcon title={t('proc.badJson', { error: parsed.error })} />
              ) : (
                <>
                  <ErrorAlert error={checkError} />
                  {check?.valid && (
                    <Alert
                      type="success"
                      showIcon
                      icon={<CheckCircleOutlined />}
                      title={
                        warnings.length
                          ? t('proc.validWithWarnings', { n: warnings.length })
                          : t('proc.valid')
                      }
                      className="block-gap"
                    />
                  )}
                  <List
                    size="small"
                    dataSource={[...errors, ...warnings]}
                    locale={{ emptyText: ' ' }}
                    renderItem={(p) => (
                      <List.Item className={`proc-problem ${p.severity}`} data-code={p.code}>
                        <Tag color={p.severity === 'error' ? 'red' : 'gold'}>
                          {t(p.severity === 'error' ? 'proc.error' : 'proc.warning')}
                        </Tag>
                        {lang === 'zh' ? p.zh : p.en}
                        {p.stepId && <code className="proc-where">{p.stepId}</code>}
                      </List.Item>
                    )}
                  />
                </>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
