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
  // the approval engine (src/modules/engine); events carrying payload.process are replayed by the engine
  process_started: { label: '进入审批流程', public: false },
  step_completed: { label: '办理环节完成', public: false },
  corrections_resubmitted: { label: '补正材料已提交（审批中）', public: true },
  task_claimed: { label: '签收任务', public: false },
  task_released: { label: '退回任务池', public: false },
  task_delegated: { label: '转办', public: false },
  special_procedure_started: { label: '特别程序开始', public: true },
  special_procedure_ended: { label: '特别程序结束', public: true },
  extension_granted: { label: '延长办理期限', public: true },
  fees_assessed: { label: '缴费通知', public: true },
  fee_paid: { label: '已缴费', public: true },
  fee_waived: { label: '减免收费', public: true },
  certificate_issued: { label: '制证', public: true },
  decided: { label: '作出许可决定', public: true },
  delivered: { label: '送达', public: true },
  archived: { label: '归档', public: true },
  joint_split: { label: '联合审批分送各部门', public: true },
  joint_child_finished: { label: '联办部门办结', public: true },
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
