// The events of a case's history: who did what, when; the public ones appear on the progress lookup.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { isApplicant } from './cases.policy.ts';
import { insertEvent } from './cases.queries.ts';

export const CASE_EVENTS = {
  received: { label: '收件', public: true },
  materials_checked: { label: '材料核验', public: false },
  file_uploaded: { label: '上传电子材料', public: false },
  correction_requested: { label: '一次性告知补正', public: true },
  resubmitted: { label: '补正材料已提交', public: true },
  accepted: { label: '受理', public: true },
  deferred: { label: '容缺受理', public: true },
  deferral_fulfilled: { label: '容缺材料已补齐', public: true },
  refused: { label: '不予受理', public: true },
  completed: { label: '办结', public: true },
  terminated: { label: '终止办理', public: true },
} as const;
export type CaseEventType = keyof typeof CASE_EVENTS;

export interface CaseActor {
  id: string | null;
  name: string;
  kind: 'staff' | 'applicant' | 'system';
}

export const caseActorOf = (p: Principal): CaseActor => ({
  id: p.staffId,
  name: p.displayName,
  kind: isApplicant(p) ? 'applicant' : 'staff',
});

export const SYSTEM_CASE_ACTOR: CaseActor = { id: null, name: '系统', kind: 'system' };

export const eventLabel = (type: string) =>
  (CASE_EVENTS as Record<string, { label: string }>)[type]?.label ?? type;

/** Appends an event inside the caller's transaction (which holds the case row lock). */
export function recordEvent(
  trx: Kysely<DB>,
  caseId: string,
  actor: CaseActor,
  at: Date,
  type: CaseEventType,
  payload: Record<string, unknown> = {},
) {
  return insertEvent(trx, {
    case_id: caseId,
    type,
    at,
    actor_id: actor.id,
    actor_name: actor.name,
    actor_kind: actor.kind,
    public: CASE_EVENTS[type].public,
    payload: JSON.stringify(payload),
  });
}
