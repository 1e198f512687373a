import { z } from '@hono/zod-openapi';

export const APPLICANT_KINDS = { natural_person: '自然人', legal_person: '法人或其他组织' } as const;

export const ApplicantInput = z
  .strictObject({
    kind: z.enum(['natural_person', 'legal_person']),
    idNumber: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .transform((s) => s.toUpperCase())
      .openapi({ description: '公民身份号码 (GB 11643) or 统一社会信用代码 (GB 32100).' }),
    name: z.string().trim().min(1).max(200),
    phone: z.string().trim().max(40).default(''),
    address: z.string().trim().max(400).default(''),
    legalRepresentative: z
      .string()
      .trim()
      .max(100)
      .default('')
      .openapi({ description: '法定代表人 (legal persons).' }),
  })
  .openapi('ApplicantInput');
export type ApplicantInput = z.infer<typeof ApplicantInput>;

export const Applicant = z
  .object({
    id: z.uuid(),
    kind: z.enum(['natural_person', 'legal_person']),
    idNumber: z.string(),
    name: z.string(),
    phone: z.string(),
    address: z.string(),
    legalRepresentative: z.string(),
    creditRestricted: z.boolean(),
    hasAccount: z.boolean(),
  })
  .openapi('Applicant');
export type Applicant = z.infer<typeof Applicant>;

export const ApplicantQuery = z.object({
  kind: z.enum(['natural_person', 'legal_person']),
  idNumber: z.string().min(1).max(40),
});

export const OpenAccount = z
  .strictObject({ password: z.string().min(1).max(1000) })
  .openapi('OpenApplicantAccount');

export const ApplicantLogin = z
  .strictObject({
    idNumber: z.string().trim().min(1).max(40),
    password: z.string().min(1).max(1000),
  })
  .openapi('ApplicantLogin');

export const ApplicantMe = z
  .object({
    accountId: z.uuid(),
    applicant: Applicant,
    csrfToken: z.string().nullable(),
  })
  .openapi('ApplicantMe');
