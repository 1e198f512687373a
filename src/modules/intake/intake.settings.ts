import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';

/**
 * Local rules of intake, from the settings row 'intake' (every field optional; defaults below).
 * caseNumberFormat tokens: {centre} {dept} {yyyy} {yy} {mm} {dd} {yyyymmdd} {seq:N} (N digits).
 */
export const IntakeSettings = z.object({
  caseNumberFormat: z.string().min(1).max(100).default('{centre}{yyyymmdd}{seq:5}'),
  /** Document numbers of notices: {centre} {kind} {yyyy} {seq:N}; kind is 受 / 不受 / 补 / 容. */
  noticeNumberFormat: z.string().min(1).max(100).default('{centre}{kind}〔{yyyy}〕{seq:5}号'),
  /** Working days within which a correction must be asked (行政许可法 Art. 32). */
  correctionNoticeDays: z.number().int().min(0).max(30).default(5),
  maxUploadBytes: z
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  lookupMaxFailures: z.number().int().min(1).default(10),
  lookupWindowMinutes: z.number().int().min(1).default(15),
  /** 行政复议 / 行政诉讼 bodies named on a refusal when the request names none. */
  reconsiderationBody: z.string().default('本机关的上一级行政机关或者本级人民政府'),
  litigationCourt: z.string().default('有管辖权的人民法院'),
});
export type IntakeSettings = z.infer<typeof IntakeSettings>;

export const INTAKE_SETTINGS_KEY = 'intake';

export async function intakeSettings(db: Kysely<DB>): Promise<IntakeSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', INTAKE_SETTINGS_KEY)
    .executeTakeFirst();
  return IntakeSettings.parse(row?.value ?? {});
}
