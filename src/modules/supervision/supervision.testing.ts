// Test and benchmark builders: accepted cases with their promised clock and an open step with a step clock,
// written directly (the intake and engine paths have their own tests).
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type CaseActor, SYSTEM_CASE_ACTOR } from '../cases/case-events.ts';
import { insertEvent } from '../cases/cases.queries.ts';
import { startClock, stopClock } from '../clock/clock.service.ts';

type Db = Kysely<DB>;

/** The light-count ledger added up per key (what readers see), for comparing with a rebuild. */
export const lightLedger = async (db: Db) =>
  (
    await sql<Record<string, unknown>>`
      SELECT centre_id, subject, department_id, office_id, item_id, light, sum(n)::int AS n
      FROM supervision_light_counts GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6`.execute(
      db,
    )
  ).rows;

export interface Org {
  centreId: string;
  departmentId: string;
  officeId: string;
  itemId: string;
  itemVersionId: string;
  applicantId: string;
}

/** The MLR centre, 矿产开发管理司 and its 采矿权管理处, and an item version of that department. */
export async function demoOrg(db: Db, itemVersionId: string): Promise<Org> {
  const v = await db
    .selectFrom('catalogue_item_versions')
    .select(['id', 'item_id', 'centre_id', 'department_id'])
    .where('id', '=', itemVersionId)
    .executeTakeFirstOrThrow();
  const office = await db
    .selectFrom('offices')
    .select('id')
    .where('department_id', '=', v.department_id)
    .where('code', '=', 'CK')
    .executeTakeFirstOrThrow();
  const applicant = await db
    .insertInto('applicants')
    .values({
      kind: 'natural_person',
      id_number: `T${randomUUID().slice(0, 17)}`,
      name: '测试申请人',
      created_at: new Date(0),
      updated_at: new Date(0),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    centreId: v.centre_id,
    departmentId: v.department_id,
    officeId: office.id,
    itemId: v.item_id,
    itemVersionId: v.id,
    applicantId: applicant.id,
  };
}

export interface BuiltCase {
  caseId: string;
  promisedClockId: string;
  taskId: string | null;
  taskClockId: string | null;
}

const event = (
  trx: Db,
  caseId: string,
  type: string,
  at: Date,
  payload: object = {},
  actor: CaseActor = SYSTEM_CASE_ACTOR,
) =>
  insertEvent(trx, {
    case_id: caseId,
    type,
    at,
    actor_id: actor.id,
    actor_name: actor.name,
    actor_kind: actor.kind,
    public: false,
    payload: JSON.stringify(payload),
  });

/** An accepted case (received and accepted at `at`), its promised clock, and optionally one open step with a clock. */
export async function buildCase(
  trx: Db,
  org: Org,
  b: {
    at: Date;
    promisedDays: number;
    stepDays?: number;
    number: string;
    actor?: CaseActor;
    accepted?: boolean;
  },
): Promise<BuiltCase> {
  const accepted = b.accepted !== false;
  const c = await trx
    .insertInto('cases')
    .values({
      centre_id: org.centreId,
      item_id: org.itemId,
      item_version_id: org.itemVersionId,
      department_id: org.departmentId,
      channel: 'window',
      applicant_id: org.applicantId,
      status: accepted ? 'accepted' : 'received',
      case_number: b.number,
      query_code: '000000',
      received_at: b.at,
      accepted_at: accepted ? b.at : null,
      created_at: b.at,
      updated_at: b.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await event(trx, c.id, 'received', b.at, {}, b.actor);
  if (!accepted) return { caseId: c.id, promisedClockId: '', taskId: null, taskClockId: null };
  await event(trx, c.id, 'accepted', b.at, {}, b.actor);
  const promised = await startClock(trx, {
    centreId: org.centreId,
    caseId: c.id,
    subjectType: 'case',
    subjectId: c.id,
    purpose: 'promised',
    startedAt: b.at,
    limit: { value: b.promisedDays, unit: 'working_days' },
  });
  await trx
    .updateTable('cases')
    .set({ promised_clock_id: promised.clock.id, promised_due_date: promised.result.dueDate })
    .where('id', '=', c.id)
    .execute();
  if (b.stepDays === undefined)
    return { caseId: c.id, promisedClockId: promised.clock.id, taskId: null, taskClockId: null };
  const taskId = randomUUID();
  const step = await startClock(trx, {
    centreId: org.centreId,
    caseId: c.id,
    subjectType: 'task',
    subjectId: taskId,
    purpose: 'step',
    startedAt: b.at,
    limit: { value: b.stepDays, unit: 'working_days' },
    maxExtensionDays: 0,
  });
  await trx
    .insertInto('case_tasks')
    .values({
      id: taskId,
      case_id: c.id,
      step_id: 'review',
      step_name: '审核',
      assignee: '采矿权管理处',
      role: 'reviewer',
      department_id: org.departmentId,
      office_id: org.officeId,
      status: 'open',
      created_at: b.at,
      clock_id: step.clock.id,
    })
    .execute();
  return { caseId: c.id, promisedClockId: promised.clock.id, taskId, taskClockId: step.clock.id };
}

/** Completes a case at `at` (stopping its clocks), as the engine's 办结 does. */
export async function completeCase(
  trx: Db,
  built: BuiltCase,
  at: Date,
  actor: CaseActor = SYSTEM_CASE_ACTOR,
) {
  await stopClock(trx, built.promisedClockId, at);
  if (built.taskClockId) await stopClock(trx, built.taskClockId, at);
  if (built.taskId)
    await trx
      .updateTable('case_tasks')
      .set({ status: 'done', completed_at: at })
      .where('id', '=', built.taskId)
      .execute();
  await trx
    .updateTable('cases')
    .set({ status: 'completed', completed_at: at })
    .where('id', '=', built.caseId)
    .execute();
  await event(trx, built.caseId, 'completed', at, {}, actor);
}

export { event as appendTestEvent };
