// Cards and notices in the case history: supervision events appended to case_events (not public).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type CaseActor, SYSTEM_CASE_ACTOR } from '../cases/case-events.ts';
import { insertEvent } from '../cases/cases.queries.ts';

export const SUPERVISION_EVENTS = {
  supervision_card: '督办亮牌',
  supervision_notice_issued: '发出督办单',
  supervision_notice_escalated: '督办单升级',
  supervision_notice_replied: '督办单已回复',
  supervision_notice_cancelled: '督办单撤销',
} as const;
export type SupervisionEventType = keyof typeof SUPERVISION_EVENTS;

/** The case_events row of a supervision event (not public; its label with the payload). */
export function supervisionEventRow(
  caseId: string,
  at: Date,
  type: SupervisionEventType,
  payload: Record<string, unknown>,
  actor: CaseActor = SYSTEM_CASE_ACTOR,
) {
  return {
    case_id: caseId,
    type,
    at,
    actor_id: actor.id,
    actor_name: actor.name,
    actor_kind: actor.kind,
    public: false,
    payload: JSON.stringify({ label: SUPERVISION_EVENTS[type], ...payload }),
  };
}

/**
 * Appends a supervision event to the case history. The caller holds the case row lock (the crossing
 * handler and every notice action lock the case first), so the history's sequence numbers stay dense.
 */
export function recordSupervisionEvent(
  trx: Kysely<DB>,
  caseId: string,
  at: Date,
  type: SupervisionEventType,
  payload: Record<string, unknown>,
  actor: CaseActor = SYSTEM_CASE_ACTOR,
) {
  return insertEvent(trx, supervisionEventRow(caseId, at, type, payload, actor));
}

/** Locks the case row: the same lock order (case, then clock) as the engine's and intake's changes. */
export const lockCaseRow = (trx: Kysely<DB>, caseId: string) =>
  trx.selectFrom('cases').select('id').where('id', '=', caseId).forUpdate().executeTakeFirst();
