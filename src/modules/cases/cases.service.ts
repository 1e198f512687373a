// Reading cases: the record the engine builds on, the views of the API, and scoped access.
import type { Kysely } from 'kysely';
import { allowedDecisions, CASE_STATUSES, MATERIAL_STATUSES } from '../../core/case-state.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../shared/errors.ts';
import { findApplicant, toApplicant } from '../applicants/applicants.service.ts';
import type { Principal } from '../auth/principal.ts';
import { NOTICE_TITLES } from '../notices/notice.content.ts';
import { eventLabel } from './case-events.ts';
import { type CaseAction, listScope, requireOnCase } from './cases.policy.ts';
import {
  type CaseRow,
  findCase,
  listCaseMaterials,
  listCaseRows,
  listEvents,
  listMaterialFiles,
  listNotices,
  listTasks,
} from './cases.queries.ts';
import type { CaseDetail, CaseMaterial, CaseSummary } from './cases.schemas.ts';

type Db = Kysely<DB>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSummary(r: CaseRow, itemName: string, applicantName: string): CaseSummary {
  return {
    id: r.id,
    caseNumber: r.case_number,
    status: r.status,
    statusLabel: CASE_STATUSES[r.status],
    centreId: r.centre_id,
    departmentId: r.department_id,
    itemId: r.item_id,
    itemVersionId: r.item_version_id,
    itemName,
    channel: r.channel,
    applicantId: r.applicant_id,
    applicantName,
    receivedAt: r.received_at.toISOString(),
    acceptedAt: iso(r.accepted_at),
    decidedAt: iso(r.decided_at),
    completedAt: iso(r.completed_at),
    terminatedAt: iso(r.terminated_at),
    deemedAccepted: r.deemed_accepted,
    corrections: r.corrections,
    deferralDueAt: iso(r.deferral_due_at),
    promisedDueDate: r.promised_due_date,
    currentStep: r.current_step,
    version: r.version,
  };
}

/** A case or a 404, then the policy check (so that a wrong id and a foreign case differ only in scope). */
export async function requireCase(db: Db, p: Principal, id: string, action: CaseAction): Promise<CaseRow> {
  const row = await findCase(db, id);
  if (!row) throw notFound('Case', '办件');
  requireOnCase(p, action, row);
  return row;
}

export async function caseMaterials(db: Db, caseId: string): Promise<CaseMaterial[]> {
  const [rows, files] = await Promise.all([listCaseMaterials(db, caseId), listMaterialFiles(db, caseId)]);
  return rows.map((m) => ({
    id: m.id,
    materialId: m.material_id,
    position: m.position,
    name: m.name,
    required: m.required,
    deferrable: m.can_defer,
    form: m.form,
    originalsRequired: m.originals_required,
    copiesRequired: m.copies_required,
    status: m.status,
    statusLabel: MATERIAL_STATUSES[m.status],
    note: m.note,
    originalsReceived: m.originals_received,
    copiesReceived: m.copies_received,
    files: files
      .filter((f) => f.case_material_id === m.id)
      .map((f) => ({
        id: f.id,
        filename: f.filename,
        size: Number(f.size),
        mediaType: f.media_type,
        sha256: f.sha256,
      })),
  }));
}

const clocksOf = (db: Db, caseId: string) =>
  db
    .selectFrom('clocks')
    .select(['purpose', 'status', 'due_date', 'due_at'])
    .where('subject_type', '=', 'case')
    .where('subject_id', '=', caseId)
    .orderBy('purpose')
    .execute();

/** Everything about one case, read with `db` (pass a transaction to read inside it). */
export async function caseDetail(db: Db, row: CaseRow): Promise<CaseDetail> {
  const [version, applicant, agent, materials, events, tasks, notices, clocks] = await Promise.all([
    db
      .selectFrom('catalogue_item_versions')
      .select('name')
      .where('id', '=', row.item_version_id)
      .executeTakeFirstOrThrow(),
    findApplicant(db, row.applicant_id),
    row.agent_id ? findApplicant(db, row.agent_id) : undefined,
    caseMaterials(db, row.id),
    listEvents(db, row.id),
    listTasks(db, row.id),
    listNotices(db, row.id),
    clocksOf(db, row.id),
  ]);
  return {
    ...toSummary(row, version.name, applicant!.name),
    situation: row.situation,
    applicant: toApplicant(applicant!),
    agent: agent ? toApplicant(agent) : null,
    materials,
    events: events.map((e) => ({
      seq: e.seq,
      type: e.type,
      label: eventLabel(e.type),
      at: e.at.toISOString(),
      actorName: e.actor_name,
      actorKind: e.actor_kind,
      public: e.public,
      payload: e.payload,
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      stepId: t.step_id,
      stepName: t.step_name,
      assignee: t.assignee,
      status: t.status,
      departmentId: t.department_id,
      createdAt: t.created_at.toISOString(),
      completedAt: iso(t.completed_at),
    })),
    notices: notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: NOTICE_TITLES[n.kind],
      documentNumber: n.document_number,
      issuedAt: n.issued_at.toISOString(),
    })),
    clocks: clocks.map((c) => ({
      purpose: c.purpose,
      status: c.status,
      dueDate: c.due_date,
      dueAt: iso(c.due_at),
    })),
    allowedDecisions: allowedDecisions({
      status: row.status,
      corrections: row.corrections,
      deemedAccepted: row.deemed_accepted,
    }),
  };
}

export async function getCaseDetail(db: Db, p: Principal, id: string) {
  return caseDetail(db, await requireCase(db, p, id, 'read'));
}

export async function listCases(
  db: Db,
  p: Principal,
  q: { status?: CaseRow['status']; limit: number; offset: number; applicantId?: string },
): Promise<CaseSummary[]> {
  const scope = q.applicantId ? { centreId: null } : listScope(p);
  const rows = await listCaseRows(db, { ...scope, ...q });
  return rows.map((r) => toSummary(r, r.item_name, r.applicant_name));
}
