import { App, Button, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Toolbar } from '../admin/shared/Toolbar.tsx';
import { api } from '../api/client.ts';
import { errorMessage } from '../api/errors.ts';
import type { Schema } from '../api/types.ts';
import { useAuth } from '../auth/useAuth.ts';
import { LightTag, lightRank } from '../cases/labels.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useQuery } from '../hooks/useQuery.ts';
import { useI18n } from '../i18n/useI18n.ts';

type Task = Schema<'EngineTask'>;
type Mine = 'all' | 'mine' | 'pool';

const dueOf = (t: Task) => t.clock?.dueAt ?? '9999';

/*
 * Render-as-you-fetch: the work-list request leaves as soon as this page's code arrives, while React is
 * still drawing the page around it (about half a second on a busy two-core machine). The first list
 * uses it; reloads ask again. A caller without the permission gets its 403 from the normal request.
 */
let early: Promise<Task[]> | null = api.get('/api/v1/tasks', { keep401: true });
early.catch(() => undefined);
const myWork = (signal: AbortSignal) => {
  const first = early;
  early = null;
  return first
    ? first.catch(() => api.get('/api/v1/tasks', { signal }))
    : api.get('/api/v1/tasks', { signal });
};

/** 我的待办: the tasks I (or my office, role, agency) may act on, with the lights and days left. */
function MyTasks() {
  const { t, lang, dateTime } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const tasks = useQuery(myWork, []);
  const [light, setLight] = useState<string>();
  const [step, setStep] = useState<string>();
  const [mine, setMine] = useState<Mine>('all');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const rows = useMemo(() => {
    const q = text.trim().toLowerCase();
    return (tasks.data ?? [])
      .filter((x) => !light || (x.clock?.light ?? 'none') === light)
      .filter((x) => !step || x.stepName === step)
      .filter(
        (x) =>
          mine === 'all' ||
          (mine === 'mine' ? x.claimedBy === me.id || x.assigneeStaffId === me.id : !x.claimedBy),
      )
      .filter(
        (x) => !q || `${x.caseNumber ?? ''} ${x.itemName ?? ''} ${x.stepName}`.toLowerCase().includes(q),
      )
      .sort(
        (a, b) => lightRank(a.clock?.light) - lightRank(b.clock?.light) || dueOf(a).localeCompare(dueOf(b)),
      );
  }, [tasks.data, light, step, mine, text, me.id]);
  const steps = [...new Set((tasks.data ?? []).map((x) => x.stepName))];

  const claim = async (task: Task, action: 'claim' | 'release') => {
    setBusy(task.id);
    try {
      await api.post(action === 'claim' ? '/api/v1/tasks/{id}/claim' : '/api/v1/tasks/{id}/release', {
        path: { id: task.id },
        body: { version: task.version },
      });
      message.success(action === 'claim' ? t('tasks.claimed') : t('tasks.released'));
      tasks.reload();
    } catch (e) {
      message.error(errorMessage(e, lang));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Toolbar actions={<Button onClick={tasks.reload}>{t('tasks.refresh')}</Button>}>
        <Input.Search
          allowClear
          placeholder={t('tasks.search')}
          aria-label={t('tasks.search')}
          style={{ width: 240 }}
          onChange={(e) => setText(e.target.value)}
        />
        <Select
          allowClear
          placeholder={t('tasks.filter.light')}
          aria-label={t('tasks.filter.light')}
          style={{ width: 140 }}
          value={light}
          onChange={setLight}
          options={(['red', 'yellow', 'green', 'suspended'] as const).map((l) => ({
            value: l,
            label: t(`desk.light.${l}`),
          }))}
        />
        <Select
          allowClear
          placeholder={t('tasks.filter.step')}
          aria-label={t('tasks.filter.step')}
          style={{ width: 200 }}
          value={step}
          onChange={setStep}
          options={steps.map((s) => ({ value: s, label: s }))}
        />
        <Select<Mine>
          style={{ width: 150 }}
          value={mine}
          onChange={setMine}
          aria-label={t('tasks.filter.whose')}
          options={[
            { value: 'all', label: t('tasks.whose.all') },
            { value: 'mine', label: t('tasks.whose.mine') },
            { value: 'pool', label: t('tasks.whose.pool') },
          ]}
        />
      </Toolbar>
      <ErrorAlert error={tasks.error} onRetry={tasks.reload} />
      <Table<Task>
        size="small"
        rowKey="id"
        data-testid="task-list"
        loading={tasks.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(task) =>
          ({
            'data-testid': 'task-row',
            'data-case': task.caseNumber ?? '',
            'data-step': task.stepId,
            className: 'task-row',
            onDoubleClick: () => navigate(`/staff/cases/${task.caseId}`),
          }) as never
        }
        columns={[
          {
            title: t('tasks.light'),
            key: 'light',
            width: 90,
            sorter: (a, b) => lightRank(a.clock?.light) - lightRank(b.clock?.light),
            render: (_: unknown, x) => <LightTag light={x.clock?.light} />,
          },
          {
            title: t('tasks.case'),
            dataIndex: 'caseNumber',
            width: 190,
            sorter: (a, b) => (a.caseNumber ?? '').localeCompare(b.caseNumber ?? ''),
            render: (n: string | null, x) => (
              <Link to={`/staff/cases/${x.caseId}`} data-testid="task-open">
                {n ?? t('tasks.noNumber')}
              </Link>
            ),
          },
          { title: t('tasks.item'), dataIndex: 'itemName', ellipsis: true },
          { title: t('tasks.step'), dataIndex: 'stepName', width: 170 },
          {
            title: t('tasks.assignee'),
            key: 'assignee',
            width: 160,
            render: (_: unknown, x) =>
              x.claimedBy ? (
                <Tag color={x.claimedBy === me.id ? 'blue' : 'default'}>
                  {x.claimedBy === me.id ? t('tasks.claimedByMe') : t('tasks.claimedByOther')}
                </Tag>
              ) : (
                x.assignee
              ),
          },
          {
            title: t('tasks.remaining'),
            key: 'remaining',
            width: 110,
            sorter: (a, b) => (a.clock?.remainingWorkingDays ?? 999) - (b.clock?.remainingWorkingDays ?? 999),
            render: (_: unknown, x) => {
              const d = x.clock?.remainingWorkingDays;
              if (d === null || d === undefined) return '—';
              return d < 0 ? (
                <span className="ow-overdue">{t('tasks.overdueDays', { n: -d })}</span>
              ) : (
                t('tasks.days', { n: d })
              );
            },
          },
          {
            title: t('tasks.due'),
            key: 'due',
            width: 170,
            sorter: (a, b) => dueOf(a).localeCompare(dueOf(b)),
            render: (_: unknown, x) => dateTime(x.clock?.dueAt),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, x) => (
              <Space size={4}>
                <Link to={`/staff/cases/${x.caseId}`}>{t('tasks.handle')}</Link>
                {x.claimedBy === me.id ? (
                  <Button
                    size="small"
                    type="link"
                    loading={busy === x.id}
                    onClick={() => claim(x, 'release')}
                  >
                    {t('tasks.release')}
                  </Button>
                ) : (
                  !x.claimedBy &&
                  !x.assigneeStaffId && (
                    <Button
                      size="small"
                      type="link"
                      loading={busy === x.id}
                      onClick={() => claim(x, 'claim')}
                    >
                      {t('tasks.claim')}
                    </Button>
                  )
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

type CaseSummary = Schema<'CaseSummary'>;

/** 办件: the cases I may read (my centre or department), newest first. */
function CaseList() {
  const { t, date } = useI18n();
  const [status, setStatus] = useState<CaseSummary['status']>();
  const cases = useQuery(
    (signal) => api.get('/api/v1/cases', { query: { status, limit: 200 }, signal }),
    [status],
  );
  return (
    <>
      <Toolbar>
        <Select
          allowClear
          placeholder={t('tasks.cases.status')}
          style={{ width: 180 }}
          value={status}
          onChange={setStatus}
          options={(
            ['received', 'accepted', 'correction_requested', 'refused', 'completed', 'terminated'] as const
          ).map((s) => ({ value: s, label: t(`case.status.${s}`) }))}
        />
      </Toolbar>
      <ErrorAlert error={cases.error} onRetry={cases.reload} />
      <Table<CaseSummary>
        size="small"
        rowKey="id"
        loading={cases.loading}
        dataSource={cases.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t('tasks.case'),
            dataIndex: 'caseNumber',
            width: 190,
            render: (n: string | null, c) => (
              <Link to={`/staff/cases/${c.id}`}>{n ?? t('tasks.noNumber')}</Link>
            ),
          },
          { title: t('tasks.item'), dataIndex: 'itemName', ellipsis: true },
          { title: t('case.applicant'), dataIndex: 'applicantName', width: 200 },
          { title: t('case.status'), dataIndex: 'statusLabel', width: 120 },
          { title: t('case.currentStep'), dataIndex: 'currentStep', width: 150 },
          {
            title: t('case.promisedDue'),
            dataIndex: 'promisedDueDate',
            width: 150,
            sorter: (a, b) => (a.promisedDueDate ?? '').localeCompare(b.promisedDueDate ?? ''),
            render: (d: string | null) => date(d),
          },
        ]}
      />
    </>
  );
}

/** 待办: the work-list (tasks) and the cases of my centre or department. */
export default function TasksPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const work = can('tasks.work');
  return (
    <div data-testid="tasks-page">
      <PageHeader title={t('nav.tasks')} help={t('tasks.help')} />
      <Tabs
        destroyOnHidden
        items={[
          ...(work ? [{ key: 'tasks', label: t('tasks.tab.mine'), children: <MyTasks /> }] : []),
          { key: 'cases', label: t('tasks.tab.cases'), children: <CaseList /> },
        ]}
      />
    </div>
  );
}
