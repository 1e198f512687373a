// Helpers for the engine's tests and benchmark (not imported by the application).

import { expectJson, type TestApp } from '../../../test/factories.ts';
import { call, create, decide, login, type Session } from '../../../test/fixtures/intake/intake-client.ts';
import { COMPANY, checks } from '../../../test/fixtures/intake/intake-fixtures.ts';
import type { ProcessDefinition } from '../../core/process/definition.ts';
import { systemActor } from '../audit/audit.log.ts';
import { changeWithLog } from '../audit/change.ts';
import type { CaseDetail } from '../cases/cases.schemas.ts';
import { ItemContent, type ItemContentInput, type ItemVersion } from '../catalogue/catalogue.schemas.ts';
import { getItemVersion } from '../catalogue/catalogue.service.ts';
import { insertItems } from '../catalogue/catalogue.write.ts';
import type { Task } from './engine.schemas.ts';

export { call, login, type Session };

/** The current published version of a demo item, by centre code and name. */
export async function demoItem(t: TestApp, centre: string, name: string): Promise<ItemVersion> {
  const row = await t.deps.db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_item_versions as v', 'v.id', 'i.current_version_id')
    .innerJoin('centres as c', 'c.id', 'i.centre_id')
    .select('v.id')
    .where('c.code', '=', centre)
    .where('v.name', '=', name)
    .executeTakeFirstOrThrow();
  return getItemVersion(t.deps.db, row.id);
}

/** Publishes a one-material item in a demo department with the given process. */
export async function publishItem(
  t: TestApp,
  centre: string,
  dept: string,
  code: string,
  process: ProcessDefinition | null,
  extra: Partial<ItemContentInput> = {},
): Promise<ItemVersion> {
  const d = await t.deps.db
    .selectFrom('departments as d')
    .innerJoin('centres as c', 'c.id', 'd.centre_id')
    .select(['d.id', 'd.centre_id'])
    .where('c.code', '=', centre)
    .where('d.code', '=', dept)
    .executeTakeFirstOrThrow();
  const content: ItemContentInput = {
    name: `测试事项${code}`,
    itemType: '01',
    exerciseLevel: 1,
    departmentId: d.id,
    statutoryLimit: { value: 20, unit: 'working_days', note: '' },
    promisedLimit: { value: 20, unit: 'working_days', note: '' },
    handlingType: 'promised',
    materials: [{ name: '申请书', originals: 1, copies: 0, form: 'paper' }],
    processDefinition: process,
    ...extra,
  };
  const [w] = await changeWithLog(
    t.deps,
    systemActor('test'),
    (trx, now) =>
      insertItems(trx, now, null, [
        {
          centreId: d.centre_id,
          basicCode: code,
          implementationCode: `ENG${code}`,
          content: ItemContent.parse(content),
          publish: true,
        },
      ]),
    () => ({ action: 'test.items', targetType: 'test', targetId: code }),
  );
  return getItemVersion(t.deps.db, w!.versionId);
}

/** Receives an application with every material in order and accepts it at the window. */
export async function acceptCase(
  t: TestApp,
  clerk: Session,
  v: ItemVersion,
  applicant: unknown = COMPANY,
): Promise<CaseDetail> {
  const created = await expectJson<CaseDetail>(
    create(t, clerk, { itemId: v.itemId, applicant, materials: checks(v) }),
    201,
  );
  return expectJson<CaseDetail>(
    decide(t, clerk, created.id, { decision: 'accept', version: created.version }),
    200,
  );
}

export const tasksOf = (t: TestApp, s: Session, caseId: string) =>
  expectJson<Task[]>(call(t, s, 'GET', `/api/v1/cases/${caseId}/tasks`), 200);

export async function openTask(t: TestApp, s: Session, caseId: string, stepId: string): Promise<Task> {
  const task = (await tasksOf(t, s, caseId)).find(
    (x) => x.stepId === stepId && (x.status === 'open' || x.status === 'claimed'),
  );
  if (!task) throw new Error(`no open task for ${stepId}`);
  return task;
}

export const complete = (t: TestApp, s: Session, task: Task, body: Record<string, unknown> = {}) =>
  call(t, s, 'POST', `/api/v1/tasks/${task.id}/complete`, {
    version: task.version,
    action: 'pass',
    opinion: '同意',
    ...body,
  });

/** Passes the open task of a step as `s`, expecting success. */
export async function pass(
  t: TestApp,
  s: Session,
  caseId: string,
  stepId: string,
  body: Record<string, unknown> = {},
) {
  const task = await openTask(t, s, caseId, stepId);
  return expectJson<{ caseVersion: number; opened: string[] }>(complete(t, s, task, body), 200);
}

/** Beijing wall time → ISO instant. */
export const bj = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;

/** Moves the test clock and logs everyone in again (sessions expire after 12 hours). */
export async function at(t: TestApp, iso: string, users: string[]): Promise<Record<string, Session>> {
  t.time.set(new Date(iso).toISOString());
  const out: Record<string, Session> = {};
  for (const u of users) out[u] = await login(t, u);
  return out;
}

export const dueDateOf = async (t: TestApp, clockId: string | undefined) =>
  clockId
    ? await t.deps.db
        .selectFrom('clocks')
        .select(['due_date', 'status'])
        .where('id', '=', clockId)
        .executeTakeFirstOrThrow()
    : undefined;
