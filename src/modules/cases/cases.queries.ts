// SQL of the case record: cases, their materials, events, notices, tasks and the number counters.
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type {
  CaseEventsTable,
  CaseMaterialsTable,
  CaseNoticesTable,
  CasesTable,
  CaseTasksTable,
  DB,
} from '../../db/schema.ts';

type Db = Kysely<DB>;
const NO_ID = '00000000-0000-0000-0000-000000000000';
export type CaseRow = Selectable<CasesTable>;
export type CaseMaterialRow = Selectable<CaseMaterialsTable>;
export type CaseEventRow = Selectable<CaseEventsTable>;
export type CaseNoticeRow = Selectable<CaseNoticesTable>;
export type CaseTaskRow = Selectable<CaseTasksTable>;

/** Increments and returns the counter of (centre, scope, period), creating it at 1. */
export async function nextCounter(trx: Db, centreId: string, scope: string, period: string): Promise<number> {
  const row = await trx
    .insertInto('number_counters')
    .values({ centre_id: centreId, scope, period, value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['centre_id', 'scope', 'period'])
        .doUpdateSet((eb) => ({ value: eb('number_counters.value', '+', 1) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

export const insertCase = (trx: Db, values: Insertable<CasesTable>) =>
  trx.insertInto('cases').values(values).returningAll().executeTakeFirstOrThrow();

export const findCase = (db: Db, id: string) =>
  db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();

export const lockCase = (trx: Db, id: string) =>
  trx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findCaseByNumber = (db: Db, caseNumber: string) =>
  db.selectFrom('cases').selectAll().where('case_number', '=', caseNumber).executeTakeFirst();

/** Updates the cached columns of a case and moves its version on. */
export const updateCase = (trx: Db, id: string, now: Date, patch: Updateable<CasesTable>) =>
  trx
    .updateTable('cases')
    .set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export async function insertCaseMaterials(trx: Db, rows: Insertable<CaseMaterialsTable>[]) {
  if (rows.length) await trx.insertInto('case_materials').values(rows).execute();
}

export const listCaseMaterials = (db: Db, caseId: string) =>
  db.selectFrom('case_materials').selectAll().where('case_id', '=', caseId).orderBy('position').execute();

export const listMaterialFiles = (db: Db, caseId: string) =>
  db
    .selectFrom('case_material_files as cf')
    .innerJoin('case_materials as cm', 'cm.id', 'cf.case_material_id')
    .innerJoin('files as f', 'f.id', 'cf.file_id')
    .select([
      'cf.case_material_id',
      'f.id',
      'f.sha256',
      'f.size',
      'f.media_type',
      'f.filename',
      'cf.uploaded_at',
    ])
    .where('cm.case_id', '=', caseId)
    .orderBy('cf.uploaded_at')
    .execute();

/** Appends one event; the caller holds the case row lock (or has just created the case). */
export async function insertEvent(trx: Db, e: Omit<Insertable<CaseEventsTable>, 'seq'>) {
  const last = await trx
    .selectFrom('case_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', e.case_id)
    .executeTakeFirst();
  return trx
    .insertInto('case_events')
    .values({ ...e, seq: Number(last?.seq ?? 0) + 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Appends many events in one statement, whatever their number: each case's events in the given order after
 * its last one, as insertEvent called for each in turn would number them (ids follow the same order). The
 * caller holds the row locks of the cases.
 */
export async function insertEvents(trx: Db, events: readonly Omit<Insertable<CaseEventsTable>, 'seq'>[]) {
  if (!events.length) return;
  const rows = events.map((e, ord) => ({
    ord,
    case_id: e.case_id,
    type: e.type,
    at: e.at,
    actor_id: e.actor_id ?? null,
    actor_name: e.actor_name,
    actor_kind: e.actor_kind,
    public: e.public,
    payload: e.payload,
  }));
  // The scalar max() does not see the rows this statement inserts: every row of a case adds its rank to
  // the same last seq.
  await sql`
    INSERT INTO case_events (case_id, seq, type, at, actor_id, actor_name, actor_kind, public, payload)
    SELECT x.case_id,
           coalesce((SELECT max(e.seq) FROM case_events e WHERE e.case_id = x.case_id), 0)
             + row_number() OVER (PARTITION BY x.case_id ORDER BY x.ord),
           x.type, x.at, x.actor_id, x.actor_name, x.actor_kind, x.public, x.payload::jsonb
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS x(ord int, case_id uuid, type text, at timestamptz, actor_id uuid, actor_name text, actor_kind text,
           public boolean, payload text)
    ORDER BY x.ord`.execute(trx);
}

export function listEvents(db: Db, caseId: string, publicOnly = false) {
  let q = db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq');
  if (publicOnly) q = q.where('public', '=', true);
  return q.execute();
}

export const insertNotice = (trx: Db, n: Insertable<CaseNoticesTable>) =>
  trx.insertInto('case_notices').values(n).returningAll().executeTakeFirstOrThrow();

export const listNotices = (db: Db, caseId: string) =>
  db.selectFrom('case_notices').selectAll().where('case_id', '=', caseId).orderBy('issued_at').execute();

export const findNotice = (db: Db, caseId: string, noticeId: string) =>
  db
    .selectFrom('case_notices')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', noticeId)
    .executeTakeFirst();

export async function insertTasks(trx: Db, rows: Insertable<CaseTasksTable>[]) {
  if (rows.length) await trx.insertInto('case_tasks').values(rows).execute();
}

export const listTasks = (db: Db, caseId: string) =>
  db.selectFrom('case_tasks').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();

export interface CaseFilter {
  centreId?: string | null;
  departmentIds?: string[];
  applicantId?: string;
  status?: CaseRow['status'];
  limit: number;
  offset: number;
}

export function listCaseRows(db: Db, f: CaseFilter) {
  let q = db
    .selectFrom('cases')
    .innerJoin('catalogue_item_versions as v', 'v.id', 'cases.item_version_id')
    .innerJoin('applicants as a', 'a.id', 'cases.applicant_id')
    .selectAll('cases')
    .select(['v.name as item_name', 'a.name as applicant_name', 'a.kind as applicant_kind'])
    .orderBy('cases.received_at', 'desc')
    .orderBy('cases.id')
    .limit(f.limit)
    .offset(f.offset);
  if (f.centreId) q = q.where('cases.centre_id', '=', f.centreId);
  if (f.departmentIds)
    q = q.where('cases.department_id', 'in', f.departmentIds.length ? f.departmentIds : [NO_ID]);
  if (f.applicantId) q = q.where('cases.applicant_id', '=', f.applicantId);
  if (f.status) q = q.where('cases.status', '=', f.status);
  return q.execute();
}
