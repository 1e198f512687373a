import { z } from '@hono/zod-openapi';
import { ApplicantInput } from '../applicants/applicants.schemas.ts';
import { ChannelEnum } from '../cases/cases.schemas.ts';

export const MaterialCheck = z
  .strictObject({
    materialId: z
      .uuid()
      .openapi({ description: 'The catalogue material (Material.id of the item version).' }),
    status: z.enum(['ok', 'missing', 'defective', 'mismatch']),
    note: z
      .string()
      .trim()
      .max(1000)
      .default('')
      .openapi({ description: 'What is wrong (required when defective).' }),
    originalsReceived: z.number().int().min(0).max(99).default(0),
    copiesReceived: z.number().int().min(0).max(99).default(0),
  })
  .openapi('MaterialCheck');
export type MaterialCheck = z.infer<typeof MaterialCheck>;

export const CreateApplication = z
  .strictObject({
    itemId: z.uuid(),
    channel: ChannelEnum.default('window'),
    situation: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .nullable()
      .default(null)
      .openapi({ description: '情形, e.g. 新立 / 延续.' }),
    applicant: ApplicantInput,
    agent: ApplicantInput.nullable()
      .default(null)
      .openapi({ description: '代理人, when someone files for the applicant.' }),
    materials: z.array(MaterialCheck).max(200).default([]),
  })
  .openapi('CreateApplication');
export type CreateApplication = z.infer<typeof CreateApplication>;

export const OnlineApplication = CreateApplication.omit({ applicant: true, materials: true, channel: true })
  .extend({ channel: z.enum(['online', 'mobile']).default('online') })
  .openapi('OnlineApplication');
export type OnlineApplication = z.infer<typeof OnlineApplication>;

export const CheckMaterials = z
  .strictObject({ version: z.number().int().min(1), materials: z.array(MaterialCheck).min(1).max(200) })
  .openapi('CheckMaterials');

const versioned = {
  version: z.number().int().min(1).openapi({ description: 'CaseSummary.version as last read.' }),
};

export const Decision = z
  .discriminatedUnion('decision', [
    z.strictObject({ decision: z.literal('accept'), ...versioned }),
    z.strictObject({
      decision: z.literal('refuse'),
      ...versioned,
      reasons: z.array(z.string().trim().min(1).max(1000)).min(1).max(20),
      reconsiderationBody: z.string().trim().min(1).max(200).optional(),
      litigationCourt: z.string().trim().min(1).max(200).optional(),
    }),
    z.strictObject({
      decision: z.literal('request_correction'),
      ...versioned,
      deadline: z.iso
        .date()
        .optional()
        .openapi({ description: 'By when the applicant should correct (local date).' }),
    }),
    z.strictObject({
      decision: z.literal('defer'),
      ...versioned,
      materialIds: z.array(z.uuid()).min(1).max(50),
      deadline: z.iso
        .date()
        .openapi({ description: 'Make-up deadline (local date), at most the promised due date.' }),
      commitment: z.strictObject({
        signedBy: z.string().trim().min(1).max(100),
        signedAt: z.iso.date(),
        text: z.string().trim().min(1).max(4000),
      }),
    }),
  ])
  .openapi('IntakeDecision');
export type Decision = z.infer<typeof Decision>;

export const Resubmit = z.strictObject({ version: z.number().int().min(1) }).openapi('Resubmit');

export const UploadForm = z.object({
  file: z
    .custom<File>((v) => v instanceof File, { message: 'a file is required / 请上传文件' })
    .openapi({ type: 'string', format: 'binary' }),
});

export const MaterialParam = z.object({ id: z.uuid(), materialId: z.uuid() });
export const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: 'Retries with the same key return the first answer.' }),
});
