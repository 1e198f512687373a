import { z } from '@hono/zod-openapi';
import { CASE_STATUSES, MATERIAL_STATUSES } from '../../core/case-state.ts';
import { Applicant } from '../applicants/applicants.schemas.ts';
import { NOTICE_TITLES, type NoticeKind } from '../notices/notice.content.ts';

const statuses = Object.keys(CASE_STATUSES) as [
  keyof typeof CASE_STATUSES,
  ...(keyof typeof CASE_STATUSES)[],
];
const materialStatuses = Object.keys(MATERIAL_STATUSES) as [
  keyof typeof MATERIAL_STATUSES,
  ...(keyof typeof MATERIAL_STATUSES)[],
];
export const CaseStatusEnum = z.enum(statuses);
export const MaterialStatusEnum = z.enum(materialStatuses);
export const ChannelEnum = z.enum(['window', 'online', 'mobile', 'post']);

export const CaseSummary = z
  .object({
    id: z.uuid(),
    caseNumber: z.string().nullable(),
    status: CaseStatusEnum,
    statusLabel: z.string(),
    centreId: z.uuid(),
    departmentId: z.uuid(),
    itemId: z.uuid(),
    itemVersionId: z.uuid(),
    itemName: z.string(),
    channel: ChannelEnum,
    applicantId: z.uuid(),
    applicantName: z.string(),
    receivedAt: z.iso.datetime(),
    acceptedAt: z.iso.datetime().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    completedAt: z.iso.datetime().nullable(),
    terminatedAt: z.iso.datetime().nullable(),
    deemedAccepted: z.boolean(),
    corrections: z.number().int(),
    deferralDueAt: z.iso.datetime().nullable(),
    promisedDueDate: z.string().nullable(),
    currentStep: z.string().nullable(),
    version: z
      .number()
      .int()
      .openapi({ description: 'Send it back with a decision (optimistic concurrency).' }),
  })
  .openapi('CaseSummary');
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseFile = z.object({
  id: z.uuid(),
  filename: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  sha256: z.string(),
});

export const CaseMaterial = z
  .object({
    id: z.uuid(),
    materialId: z.uuid(),
    position: z.number().int(),
    name: z.string(),
    required: z.boolean(),
    deferrable: z.boolean(),
    form: z.string(),
    originalsRequired: z.number().int(),
    copiesRequired: z.number().int(),
    status: MaterialStatusEnum,
    statusLabel: z.string(),
    note: z.string(),
    originalsReceived: z.number().int(),
    copiesReceived: z.number().int(),
    files: z.array(CaseFile),
  })
  .openapi('CaseMaterial');
export type CaseMaterial = z.infer<typeof CaseMaterial>;

export const CaseEvent = z
  .object({
    seq: z.number().int(),
    type: z.string(),
    label: z.string(),
    at: z.iso.datetime(),
    actorName: z.string(),
    actorKind: z.enum(['staff', 'applicant', 'system']),
    public: z.boolean(),
    payload: z.unknown(),
  })
  .openapi('CaseEvent');

export const CaseTask = z
  .object({
    id: z.uuid(),
    stepId: z.string(),
    stepName: z.string(),
    assignee: z.string(),
    status: z.enum(['open', 'claimed', 'done', 'cancelled']),
    departmentId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
  })
  .openapi('CaseTask');

export const NoticeSummary = z
  .object({
    id: z.uuid(),
    kind: z.enum(Object.keys(NOTICE_TITLES) as [NoticeKind, ...NoticeKind[]]),
    title: z.string(),
    documentNumber: z.string(),
    issuedAt: z.iso.datetime(),
  })
  .openapi('NoticeSummary');

export const CaseClock = z.object({
  purpose: z.string(),
  status: z.string(),
  dueDate: z.string().nullable(),
  dueAt: z.iso.datetime().nullable(),
});

export const CaseDetail = CaseSummary.extend({
  situation: z.string().nullable(),
  applicant: Applicant,
  agent: Applicant.nullable(),
  materials: z.array(CaseMaterial),
  events: z.array(CaseEvent),
  tasks: z.array(CaseTask),
  notices: z.array(NoticeSummary),
  clocks: z.array(CaseClock),
  allowedDecisions: z.array(z.string()),
}).openapi('CaseDetail');
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseIdParam = z.object({ id: z.uuid() });
export const NoticeParam = z.object({ id: z.uuid(), noticeId: z.uuid() });
export const NoticeFormat = z.object({ format: z.enum(['html', 'pdf', 'json']).default('html') });
export const CaseListQuery = z.object({
  status: CaseStatusEnum.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
