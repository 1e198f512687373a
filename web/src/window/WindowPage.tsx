import { Alert, App, Button, Card, Descriptions, Form, List, Result, Space, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { newAttempt, requestKey } from '../api/idempotency.ts';
import type { Schema } from '../api/types.ts';
import { useAuth } from '../auth/useAuth.ts';
import { Kbd, LightTag, NoticeButtons } from '../cases/labels.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { ApplicantForm, type ApplicantValues } from './ApplicantForm.tsx';
import { DeferModal, RefuseModal } from './DecisionModals.tsx';
import { ItemPicker, type PickedItem } from './ItemPicker.tsx';
import { allOk, type Check, type Checks, checksFrom, MaterialChecklist } from './MaterialChecklist.tsx';

type Detail = Schema<'CaseDetail'>;

/** Moves the keyboard focus to a button once React has drawn it (Enter then presses it). */
const focusLater = (testId: string) =>
  setTimeout(
    () => document.querySelector<HTMLElement>(`[data-testid="${testId}"]:not([disabled])`)?.focus(),
    50,
  );

/** What the checks saved on the server allow (the three conditions), mirrored for the buttons. */
function conditions(d: Detail) {
  const problems = d.materials.filter(
    (m) =>
      m.status === 'defective' ||
      m.status === 'mismatch' ||
      (m.required && ['missing', 'pending'].includes(m.status)),
  );
  const missingDeferrable = d.materials.filter((m) => m.required && m.status === 'missing' && m.deferrable);
  const onlyDeferrableMissing =
    missingDeferrable.length > 0 && problems.every((m) => m.status === 'missing' && m.deferrable);
  const listable = d.materials.some(
    (m) => m.status === 'defective' || m.status === 'mismatch' || (m.required && m.status === 'missing'),
  );
  return { met: problems.length === 0, onlyDeferrableMissing, listable };
}

/** 窗口受理: item → applicant → 收件 → material checks and uploads → decision → notice printed. */
export default function WindowPage() {
  const { t, date } = useI18n();
  const { me, can: may } = useAuth();
  const works = may('tasks.work');
  const { message } = App.useApp();
  const [form] = Form.useForm<ApplicantValues>();
  const itemRef = useRef<{ focus: () => void }>(null);
  const [item, setItem] = useState<PickedItem | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [checks, setChecks] = useState<Checks>({});
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const attempt = useRef(newAttempt());
  const [error, setError] = useState<unknown>(null);
  const [modal, setModal] = useState<'refuse' | 'defer' | null>(null);
  const windowWork = useQuery(
    (signal) =>
      !works
        ? Promise.resolve([])
        : api
            .get('/api/v1/tasks', { signal })
            .then((ts) => ts.filter((x) => x.kind === 'fee' || x.kind === 'delivery')),
    [works],
  );

  const decided = detail && detail.status !== 'received';
  const immediate = item?.handlingType === 'immediate';

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const receive = () =>
    run('receive', async () => {
      if (!item) {
        itemRef.current?.focus();
        throw new Error(t('window.item.required'));
      }
      const a = await form.validateFields().catch(() => null);
      if (!a) return;
      const body = {
        itemId: item.itemId,
        channel: 'window' as const,
        applicant: {
          kind: a.kind,
          idNumber: a.idNumber.trim(),
          name: a.name.trim(),
          phone: a.phone ?? '',
          address: a.address ?? '',
          legalRepresentative: a.kind === 'legal_person' ? (a.legalRepresentative ?? '') : '',
        },
      };
      // sent again after a lost answer, the same form gets the application the first send made
      const d = await api.post('/api/v1/intake/applications', {
        body,
        idempotencyKey: requestKey(attempt.current, body),
      });
      attempt.current = newAttempt();
      setDetail(d);
      setChecks(checksFrom(d.materials));
      setDirty(false);
      message.success(t('window.received'));
      focusLater('materials-all-ok');
    });

  const saveChecks = () =>
    run('save', async () => {
      if (!detail) return;
      const materials = Object.entries(checks)
        .filter(([, c]) => c.status)
        .map(([materialId, c]) => ({
          materialId,
          status: c.status!,
          note: c.note,
          originalsReceived: c.originalsReceived,
          copiesReceived: c.copiesReceived,
        }));
      if (!materials.length) throw new Error(t('window.materials.noneChecked'));
      const d = await api.post('/api/v1/intake/applications/{id}/materials', {
        path: { id: detail.id },
        body: { version: detail.version, materials },
      });
      setDetail(d);
      setDirty(false);
      message.success(t('window.materials.saved'));
      focusLater('decision-accept');
    });

  const reload = useCallback(async () => {
    if (!detail) return;
    setDetail(await api.get('/api/v1/cases/{id}', { path: { id: detail.id } }));
  }, [detail]);

  const decide = (decision: 'accept' | 'request_correction') =>
    run(decision, async () => {
      if (!detail) return;
      const d = await api.post('/api/v1/intake/applications/{id}/decisions', {
        path: { id: detail.id },
        body: { decision, version: detail.version },
      });
      setDetail(d);
      message.success(t('window.decided'));
    });

  const next = () => {
    setDetail(null);
    setChecks({});
    setItem(null);
    setError(null);
    form.resetFields();
    windowWork.reload();
    setTimeout(() => itemRef.current?.focus(), 0);
  };

  const cond = detail ? conditions(detail) : null;
  const allowed = new Set(detail?.allowedDecisions ?? []);
  const can = {
    accept: !!detail && !dirty && allowed.has('accept') && !!cond?.met,
    correction: !!detail && !dirty && allowed.has('request_correction') && !!cond?.listable,
    refuse: !!detail && !dirty && allowed.has('refuse'),
    defer:
      !!detail &&
      !dirty &&
      !immediate &&
      allowed.has('defer') &&
      !!cond?.onlyDeferrableMissing &&
      !detail.applicant.creditRestricted,
  };

  // Shortcuts (shown on the buttons): a trained clerk never needs the mouse.
  const keys = useRef<(e: KeyboardEvent) => void>(() => undefined);
  keys.current = (e: KeyboardEvent) => {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key.toLowerCase();
    const act: Record<string, () => void> = {
      '1': () => itemRef.current?.focus(),
      '2': () => document.getElementById('applicant_idNumber')?.focus(),
      r: () => !detail && void receive(),
      k: () => {
        if (!detail || decided) return;
        setChecks(allOk(detail.materials));
        setDirty(true);
      },
      s: () => detail && !decided && void saveChecks(),
      a: () => can.accept && void decide('accept'),
      b: () => can.correction && void decide('request_correction'),
      n: () => decided && next(),
    };
    const fn = act[e.code.startsWith('Digit') ? e.code.slice(5) : k];
    if (fn) {
      e.preventDefault();
      fn();
    }
  };
  useEffect(() => {
    const h = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, []);

  return (
    <div className="window-page" data-testid="window-page">
      <PageHeader
        title={t('nav.window')}
        help={t('window.help')}
        extra={
          <span className="muted small" data-testid="window-shortcuts">
            {t('window.shortcuts')}
          </span>
        }
      />
      <ErrorAlert error={error} />
      <div className="window-grid">
        <div className="window-main">
          <Card size="small" title={t('window.step.intake')} className="block-gap">
            <Form layout="vertical">
              <Form.Item
                label={
                  <span>
                    {t('window.item')} <Kbd keys="Alt+1" />
                  </span>
                }
                required
              >
                <ItemPicker
                  centreId={me.centreId}
                  value={item}
                  onChange={setItem}
                  selectRef={itemRef}
                  disabled={!!detail}
                />
              </Form.Item>
            </Form>
            {item && (
              <Descriptions size="small" column={3} className="block-gap">
                <Descriptions.Item label={t('window.item.department')}>
                  {item.department.name}
                </Descriptions.Item>
                <Descriptions.Item label={t('window.item.code')}>{item.implementationCode}</Descriptions.Item>
                <Descriptions.Item label={t('window.item.handling')}>
                  {immediate ? <Tag color="green">{t('window.immediate')}</Tag> : t('window.promised')}
                </Descriptions.Item>
              </Descriptions>
            )}
            <ApplicantForm form={form} disabled={!!detail} onSubmit={() => void receive()} />
            {!detail && (
              <Button
                type="primary"
                onClick={() => void receive()}
                loading={busy === 'receive'}
                data-testid="window-receive"
              >
                {t('window.receive')} <Kbd keys="Alt+R" />
              </Button>
            )}
          </Card>
        </div>
        <Card size="small" title={t('window.work')} className="window-side">
          <ErrorAlert error={windowWork.error} onRetry={windowWork.reload} />
          <List
            size="small"
            loading={windowWork.loading}
            dataSource={windowWork.data ?? []}
            locale={{ emptyText: t('window.work.none') }}
            renderItem={(task) => (
              <List.Item>
                <Link to={`/staff/cases/${task.caseId}`}>
                  {task.caseNumber} · {task.stepName}
                </Link>
                <LightTag light={task.clock?.light} />
              </List.Item>
            )}
          />
        </Card>
      </div>
      {detail && (
        <Card
          size="small"
          className="block-gap"
          title={t('window.step.materials')}
          extra={
            <span className="small">
              {t('window.case.status')}: <Tag data-testid="window-case-status">{detail.statusLabel}</Tag>
            </span>
          }
        >
          <MaterialChecklist
            detail={detail}
            checks={checks}
            disabled={!!decided}
            onChange={(id: string, c: Check) => {
              setChecks((all) => ({ ...all, [id]: c }));
              setDirty(true);
            }}
            onAllOk={() => {
              setChecks(allOk(detail.materials));
              setDirty(true);
            }}
            onUploaded={() => void reload().catch(setError)}
          />
          {!decided && (
            <Space className="block-gap" wrap>
              <Button
                type={dirty ? 'primary' : 'default'}
                onClick={() => void saveChecks()}
                loading={busy === 'save'}
                data-testid="materials-save"
              >
                {t('window.materials.save')} <Kbd keys="Alt+S" />
              </Button>
              {dirty && <span className="muted">{t('window.materials.unsaved')}</span>}
            </Space>
          )}
        </Card>
      )}

      {detail && !decided && (
        <Card size="small" className="block-gap" title={t('window.step.decision')}>
          {cond && !cond.met && !dirty && (
            <Alert className="block-gap" type="info" showIcon title={t('window.conditions.unmet')} />
          )}
          <Space wrap>
            <Button
              type="primary"
              disabled={!can.accept}
              loading={busy === 'accept'}
              onClick={() => void decide('accept')}
              data-testid="decision-accept"
            >
              {immediate ? t('window.decision.immediate') : t('window.decision.accept')} <Kbd keys="Alt+A" />
            </Button>
            <Button
              disabled={!can.correction}
              loading={busy === 'request_correction'}
              onClick={() => void decide('request_correction')}
              data-testid="decision-correction"
            >
              {t('window.decision.correction')} <Kbd keys="Alt+B" />
            </Button>
            <Button disabled={!can.defer} onClick={() => setModal('defer')} data-testid="decision-defer">
              {t('window.decision.defer')}
            </Button>
            <Button
              danger
              disabled={!can.refuse}
              onClick={() => setModal('refuse')}
              data-testid="decision-refuse"
            >
              {t('window.decision.refuse')}
            </Button>
          </Space>
        </Card>
      )}

      {detail && decided && (
        <Result
          status={detail.status === 'refused' ? 'warning' : 'success'}
          title={
            <span data-testid="window-result">
              {detail.statusLabel}
              {detail.caseNumber ? ` · ${detail.caseNumber}` : ''}
            </span>
          }
          subTitle={
            detail.promisedDueDate
              ? t('window.promisedDue', { date: date(detail.promisedDueDate) })
              : undefined
          }
          extra={
            <Space orientation="vertical">
              <NoticeButtons caseId={detail.id} notices={detail.notices} />
              <Space>
                <Link to={`/staff/cases/${detail.id}`}>{t('window.openCase')}</Link>
                <Button type="primary" onClick={next} data-testid="window-next">
                  {t('window.next')} <Kbd keys="Alt+N" />
                </Button>
              </Space>
            </Space>
          }
        />
      )}
      {detail && (
        <>
          <RefuseModal
            detail={detail}
            open={modal === 'refuse'}
            onClose={() => setModal(null)}
            onDone={setDetail}
          />
          <DeferModal
            detail={detail}
            open={modal === 'defer'}
            onClose={() => setModal(null)}
            onDone={setDetail}
          />
        </>
      )}
    </div>
  );
}
