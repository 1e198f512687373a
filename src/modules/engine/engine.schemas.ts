// Requests and answers of the engine's API.
import { z } from '@hono/zod-openapi';
import { SUSPENSION_KINDS } from '../../core/clock.ts';

const Opinion = z.string().trim().max(4000);
const FileIds = z.array(z.uuid()).max(20).default([]);

export const TaskIdParam = z.object({ id: z.uuid() });
export const CaseIdParam = z.object({ id: z.uuid() });
export const CaseFileParam = z.object({ id: z.uuid(), fileId: z.uuid() });

export const CompleteTask = z
  .strictObject({
    /** The task version the caller saw: a stale one answers 409. */
    version: z.number().int().min(1),
    action: z.enum(['pass', 'return', 'deny']),
    /** 退回: an earlier step id, or 'applicant' for corrections (补正). */
    returnTo: z.string().min(1).max(40).optional(),
    /** 不予许可: the reasons. */
    reasons: z.array(z.string().trim().min(1).max(2000)).max(20).optional(),
    /** 意见: required for every decision. */
    opinion: Opinion.min(1),
    /** Files from the file store (POST /api/v1/files) attached to the opinion. */
    attachments: FileIds,
    /** Case data recorded by this step (read by exclusive gateways, e.g. areaHectares). */
    data: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
    /** People picked for the next steps whose assignee rule is 'picked': step id → staff id. */
    assignees: z.record(z.string(), z.uuid()).optional(),
  })
  .openapi('CompleteTask');
export type CompleteTask = z.infer<typeof CompleteTask>;

export const TaskVersion = z.strictObject({ version: z.number().int().min(1) }).openapi('TaskVersion');
export const DelegateTask = TaskVersion.extend({
  to: z.uuid(),
  reason: z.string().trim().min(1).max(500),
}).openapi('DelegateTask');

export const Task = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.string().nullable(),
    itemName: z.string().optional(),
    stepId: z.string(),
    stepName: z.string(),
    kind: z.string().nullable(),
    assignee: z.string(),
    officeId: z.uuid().nullable(),
    departmentId: z.uuid().nullable(),
    agencyId: z.uuid().nullable(),
    assigneeStaffId: z.uuid().nullable(),
    claimedBy: z.uuid().nullable(),
    status: z.enum(['open', 'claimed', 'done', 'cancelled']),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    clock: z
      .object({
        id: z.uuid(),
        status: z.string(),
        dueAt: z.iso.datetime().nullable(),
        light: z.string().nullable(),
        remainingWorkingDays: z
          .number()
          .nullable()
          .optional()
          .openapi({ description: 'Working days left on the step clock (in the work-list).' }),
      })
      .nullable(),
  })
  .openapi('EngineTask');
export type Task = z.infer<typeof Task>;

export const PickCandidates = z
  .array(
    z.object({
      stepId: z.string(),
      stepName: z.string(),
      people: z.array(z.object({ id: z.uuid(), name: z.string(), roles: z.array(z.string()) })),
    }),
  )
  .openapi('PickCandidates');

export const CompleteResult = z
  .object({ caseId: z.uuid(), caseVersion: z.number().int(), opened: z.array(z.uuid()) })
  .openapi('CompleteResult');

const SPECIAL_KINDS = Object.keys(SUSPENSION_KINDS).filter((k) => k !== 'applicant_correction') as [
  string,
  ...string[],
];
export const StartSpecial = z
  .strictObject({
    kind: z.enum(SPECIAL_KINDS),
    reason: z.string().trim().min(1).max(2000),
    /** Expected duration told to the applicant (working days), if known. */
    expectedDays: z.number().int().min(1).max(365).optional(),
  })
  .openapi('StartSpecialProcedure');
export type StartSpecial = z.infer<typeof StartSpecial>;
export const EndSpecial = z
  .strictObject({ outcome: z.string().trim().min(1).max(2000) })
  .openapi('EndSpecialProcedure');

export const Extend = z
  .strictObject({ days: z.number().int().min(1).max(60), reason: z.string().trim().min(1).max(2000) })
  .openapi('ExtendCase');
export const Resubmit = z
  .strictObject({ note: z.string().trim().max(2000).default('') })
  .openapi('ResubmitCorrections');

export const CertificateInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    holder: z.string().trim().min(1).max(200).optional(),
    validUntil: z.iso.date().optional(),
  })
  .openapi('CertificateInput');
export type CertificateInput = z.infer<typeof CertificateInput>;

export const DeliveryInput = z
  .discriminatedUnion('method', [
    z.strictObject({
      method: z.literal('window'),
      recipient: z.string().trim().min(1).max(200),
      receiptNumber: z.string().max(100).optional(),
    }),
    z.strictObject({
      method: z.literal('express'),
      recipient: z.string().trim().min(1).max(200),
      carrier: z.string().max(100).optional(),
      trackingNumber: z.string().trim().min(4).max(60),
    }),
  ])
  .openapi('DeliveryInput');
export type DeliveryInput = z.infer<typeof DeliveryInput>;

export const AssessFees = z
  .strictObject({ quantities: z.record(z.string(), z.number().min(0)).default({}) })
  .openapi('AssessFees');
export const RecordPayment = z
  .strictObject({
    method: z.enum(['cash', 'online']),
    reference: z.string().trim().max(200).optional(),
    amountCents: z.number().int().min(0),
  })
  .openapi('RecordPayment');
export const WaiveFees = z.strictObject({ reason: z.string().trim().min(1).max(2000) }).openapi('WaiveFees');

export const Absence = z
  .strictObject({
    staffId: z.uuid(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    reason: z.string().max(500).default(''),
  })
  .openapi('StaffAbsence');

export const HistoryEntry = z
  .object({
    seq: z.number().int(),
    type: z.string(),
    label: z.string(),
    at: z.iso.datetime(),
    actor: z.object({ id: z.string().nullable(), name: z.string(), kind: z.string() }),
    stepId: z.string().nullable(),
    stepName: z.string().nullable(),
    opinion: z.string().nullable(),
    payload: z.unknown(),
  })
  .openapi('HistoryEntry');
export const ClockView = z
  .object({
    id: z.uuid(),
    subjectType: z.string(),
    subjectId: z.uuid(),
    purpose: z.string(),
    status: z.string(),
    dueDate: z.string().nullable(),
    dueAt: z.iso.datetime().nullable(),
    light: z.string().nullable(),
    remainingWorkingDays: z.number().nullable(),
  })
  .openapi('ClockView');
export const History = z
  .object({
    caseId: z.uuid(),
    events: z.array(HistoryEntry),
    clocks: z.array(ClockView),
    processState: z.unknown(),
  })
  .openapi('CaseHistory');
export const RebuildResult = z
  .object({
    equal: z.boolean(),
    stored: z.unknown(),
    rebuilt: z.unknown(),
    openTasks: z.array(z.string()),
    activeSteps: z.array(z.string()),
  })
  .openapi('RebuildResult');
