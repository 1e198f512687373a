import { Button, Card, Descriptions, Empty, Space, Table, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import type { Schema } from '../api/types.ts';
import { useAuth } from '../auth/useAuth.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { FlowChart } from '../public/FlowChart.tsx';
import { type CaseActionKind, CaseActionModal } from './CaseActionModals.tsx';
import { type CompleteAction, CompleteModal } from './CompleteModal.tsx';
import { LightTag, NoticeButtons } from './labels.tsx';

type Task = Schema<'EngineTask'>;
type History = Schema<'CaseHistory'>;
const OPEN = ['open', 'claimed'];
const CLOCK_EVENTS = ['special_procedure_started', 'special_procedure_ended', 'extension_granted'];

/** 计时: the promised and statutory clocks, and what stopped or moved them. */
function Clocks({ history }: { history: History }) {
  const { t, date, dateTime } = useI18n();
  const clocks = history.clocks.filter((c) => c.subjectType === 'case');
  const moves = history.events.filter(
    (e) =>
      CLOCK_EVENTS.includes(e.type) ||
      (e.type === 'step_completed' &&
        (e.payload as { process?: { returnTo?: string } } | null)?.process?.returnTo === 'applicant') ||
      e.type === 'corrections_resubmitted',
  );
  return (
    <Card size="small" title={t('case.clock')} className="block-gap" data-testid="case-clock">
      {clocks.length === 0 ? (
        <span className="muted">{t('case.clock.none')}</span>
      ) : (
        <Descriptions size="small" column={1} bordered>
          {clocks.map((c) => (
            <Descriptions.Item
              key={c.id}
              label={c.purpose === 'statutory' ? t('case.clock.statutory') : t('case.clock.promised')}
            >
              <Space wrap>
                <span>{t('case.clock.due', { date: date(c.dueDate) })}</span>
                {c.remainingWorkingDays !== null &&
                  (c.remainingWorkingDays < 0 ? (
                    <span className="ow-overdue">
                      {t('tasks.overdueDays', { n: -c.remainingWorkingDays })}
                    </span>
                  ) : (
                    <span>{t('case.clock.remaining', { n: c.remainingWorkingDays })}</span>
                  ))}
                <Tag>{t(`case.clock.status.${c.status}` as 'case.clock.status.running')}</Tag>
                <LightTag light={c.light} />
              </Space>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {moves.length > 0 && (
        <ul className="case-clock-moves small">
          {moves.map((e) => (
            <li key={e.seq}>
              {dateTime(e.at)} {e.label}
              {e.opinion ? ` — ${e.opinion}` : ''}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** 办件详情: applicant, item, materials, the flow with the current steps, history, clocks and my actions. */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t, dateTime } = useI18n();
  const { can, me } = useAuth();
  const detail = useQuery((signal) => api.get('/api/v1/cases/{id}', { path: { id }, signal }), [id]);
  const history = useQuery((signal) => api.get('/api/v1/cases/{id}/history', { path: { id }, signal }), [id]);
  const caseTasks = useQuery((signal) => api.get('/api/v1/cases/{id}/tasks', { path: { id }, signal }), [id]);
  const work = can('tasks.work');
  const mine = useQuery(
    (signal) =>
      work ? api.get('/api/v1/tasks', { query: { caseId: id }, signal }) : Promise.resolve([] as Task[]),
    [id, work],
  );
  const itemId = detail.data?.itemId;
  const guide = useQuery(
    (signal) =>
      itemId ? api.get('/api/v1/guide/items/{id}', { path: { id: itemId }, signal }) : Promise.resolve(null),
    [itemId],
  );
  const [completing, setCompleting] = useState<{ task: Task; action: CompleteAction } | null>(null);
  const [action, setAction] = useState<CaseActionKind | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reloadAll = () => {
    detail.reload();
    history.reload();
    caseTasks.reload();
    mine.reload();
  };
  const claim = async (task: Task, what: 'claim' | 'release') => {
    setBusy(task.id);
    setError(null);
    try {
      await api.post(what === 'claim' ? '/api/v1/tasks/{id}/claim' : '/api/v1/tasks/{id}/release', {
        path: { id: task.id },
        body: { version: task.version },
      });
      reloadAll();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  if (detail.error && !detail.data) return <ErrorAlert error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <PageLoading />;
  const d = detail.data;
  const h = history.data;
  const open = (caseTasks.data ?? []).filter((x) => OPEN.includes(x.status));
  const myOpen = mine.data ?? [];
  const processStatus = (h?.processState as { status?: string } | null)?.status;
  const feeEvent = [...(h?.events ?? [])].reverse().find((e) => e.type === 'fees_assessed');
  const paid = (h?.events ?? []).some((e) => e.type === 'fee_paid' || e.type === 'fee_waived');
  const amountCents = (feeEvent?.payload as { totalCents?: number } | undefined)?.totalCents ?? null;
  const doneSteps = new Set((caseTasks.data ?? []).filter((x) => x.status === 'done').map((x) => x.stepId));
  const earlier = (guide.data?.flow.nodes ?? [])
    .filter((n) => doneSteps.has(n.id))
    .map((n) => ({ id: n.id, name: n.name }));
  const running = d.status === 'accepted';
  const isClerk = me.roles.includes('window_clerk');

  return (
    <div data-testid="case-page">
      <PageHeader
        title={`${d.caseNumber ?? t('tasks.noNumber')} · ${d.itemName}`}
        help={
          <Space wrap>
            <Tag color="blue" data-testid="case-status">
              {d.statusLabel}
            </Tag>
            {d.currentStep && (
              <span>
                {t('case.currentStep')}: {d.currentStep}
              </span>
            )}
            <Link to="/staff/tasks">{t('case.back')}</Link>
          </Space>
        }
      />
      <ErrorAlert error={error} />

      {running &&
        (myOpen.length > 0 || can('cases.suspend') || can('cases.extend') || can('fees.collect')) && (
          <Card
            size="small"
            title={t('case.actions')}
            className="block-gap case-actions"
            data-testid="case-actions"
          >
            {myOpen.map((task) => (
              <div key={task.id} className="case-my-task" data-testid="my-task" data-step={task.stepId}>
                <strong>{task.stepName}</strong> <LightTag light={task.clock?.light} />
                <Space wrap>
                  {!task.claimedBy && !task.assigneeStaffId && (
                    <Button size="small" loading={busy === task.id} onClick={() => claim(task, 'claim')}>
                      {t('tasks.claim')}
                    </Button>
                  )}
                  {task.claimedBy === me.id && (
                    <Button size="small" loading={busy === task.id} onClick={() => claim(task, 'release')}>
                      {t('tasks.release')}
                    </Button>
                  )}
                  {task.kind === 'certificate' && (
                    <Button
                      size="small"
                      onClick={() => setAction('certificate')}
                      data-testid="action-certificate"
                    >
                      {t('case.action.certificate')}
                    </Button>
                  )}
                  {task.kind === 'delivery' && (
                    <Button size="small" onClick={() => setAction('delivery')} data-testid="action-delivery">
                      {t('case.action.delivery')}
                    </Button>
                  )}
                  <Button
                    type="primary"
                    size="small"
                    onClick={() => setCompleting({ task, action: 'pass' })}
                    data-testid="action-pass"
                  >
                    {t(task.kind === 'approve' ? 'case.action.sign' : 'case.action.pass')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => setCompleting({ task, action: 'return' })}
                    data-testid="action-return"
                  >
                    {t('case.action.return')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => setCompleting({ task, action: 'deny' })}
                    data-testid="action-deny"
                  >
                    {t('case.action.deny')}
                  </Button>
                </Space>
              </div>
            ))}
            <Space wrap className="block-gap">
              {can('fees.collect') && feeEvent && !paid && (
                <Button onClick={() => setAction('payment')} data-testid="action-payment">
                  {t('case.action.payment')}
                </Button>
              )}
              {work && isClerk && processStatus === 'with_applicant' && (
                <Button onClick={() => setAction('corrections')} data-testid="action-corrections">
                  {t('case.action.corrections')}
                </Button>
              )}
              {can('cases.suspend') && processStatus !== 'suspended' && (
                <Button onClick={() => setAction('special')}>{t('case.action.special')}</Button>
              )}
              {can('cases.suspend') && processStatus === 'suspended' && (
                <Button onClick={() => setAction('specialEnd')}>{t('case.action.specialEnd')}</Button>
              )}
              {can('cases.extend') && (
                <Button onClick={() => setAction('extend')}>{t('case.action.extend')}</Button>
              )}
            </Space>
          </Card>
        )}

      <div className="case-grid">
        <div>
          <Card size="small" title={t('case.overview')} className="block-gap">
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('case.applicant')}>{d.applicant.name}</Descriptions.Item>
              <Descriptions.Item label={t('case.idNumber')}>{d.applicant.idNumber}</Descriptions.Item>
              <Descriptions.Item label={t('tasks.item')}>{d.itemName}</Descriptions.Item>
              <Descriptions.Item label={t('case.channel')}>
                {t(`case.channel.${d.channel}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('case.received')}>{dateTime(d.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('case.accepted')}>{dateTime(d.acceptedAt)}</Descriptions.Item>
              {d.agent && <Descriptions.Item label={t('case.agent')}>{d.agent.name}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card size="small" title={t('case.flow')} className="block-gap" data-testid="case-flow">
            <ErrorAlert error={guide.error} />
            {guide.data ? (
              <FlowChart flow={guide.data.flow} highlight={open.map((x) => x.stepId)} />
            ) : (
              !guide.error && <PageLoading />
            )}
            {open.length > 0 && (
              <p className="small">
                {t('case.openSteps')}:{' '}
                {open.map((x) => (
                  <Tag key={x.id} color="processing" data-testid="open-step">
                    {x.stepName} · {x.assignee}
                  </Tag>
                ))}
              </p>
            )}
          </Card>
          <Card size="small" title={t('case.materials')} className="block-gap">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={d.materials}
              columns={[
                { title: t('window.materials.name'), dataIndex: 'name' },
                { title: t('window.materials.status'), dataIndex: 'statusLabel', width: 150 },
                {
                  title: t('window.materials.electronic'),
                  key: 'files',
                  render: (_: unknown, m) =>
                    m.files.length
                      ? m.files.map((f) => (
                          <div key={f.id} className="small">
                            <a
                              href={`/api/v1/cases/${d.id}/files/${f.id}`}
                              target="_blank"
                              rel="noopener"
                              data-testid="material-preview"
                            >
                              {f.filename}
                            </a>{' '}
                            <span className="muted">
                              ({Math.ceil(f.size / 1024)} KB, {f.mediaType})
                            </span>
                          </div>
                        ))
                      : '—',
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('case.notices')} className="block-gap">
            <NoticeButtons caseId={d.id} notices={d.notices} />
          </Card>
        </div>
        <div>
          {h && <Clocks history={h} />}
          <Card size="small" title={t('case.history')} data-testid="case-history">
            <ErrorAlert error={history.error} onRetry={history.reload} />
            {h ? (
              <Timeline
                items={h.events.map((e) => ({
                  key: e.seq,
                  content: (
                    <div className="case-event" data-type={e.type}>
                      <div>
                        <strong>{e.label}</strong>
                        {e.stepName ? ` · ${e.stepName}` : ''}
                      </div>
                      <div className="small muted">
                        {dateTime(e.at)} · {e.actor.name}
                      </div>
                      {e.opinion && <div className="case-opinion">{e.opinion}</div>}
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty description={t('state.loading')} />
            )}
          </Card>
        </div>
      </div>

      <CompleteModal
        key={completing ? `${completing.task.id}-${completing.action}` : 'none'}
        task={completing?.task ?? null}
        action={completing?.action ?? 'pass'}
        steps={earlier}
        onClose={() => setCompleting(null)}
        onDone={reloadAll}
      />
      <CaseActionModal
        kind={action}
        caseId={d.id}
        amountCents={amountCents}
        applicantName={d.applicant.name}
        onClose={() => setAction(null)}
        onDone={reloadAll}
      />
    </div>
  );
}
