/**
 * The public progress lookup (办件进度查询, no login): case number + query code → status, current step,
 * promised date and public milestones, with the applicant's name masked. Failures are counted per client
 * address in the database (every instance agrees); past the limit the address waits. A wrong pair is a 404
 * that does not say which half was wrong.
 */
import { z } from '@hono/zod-openapi';
import { CASE_STATUSES, maskName } from '../../core/case-state.ts';
import type { AppDeps } from '../../server/context.ts';
import { AppError, tooManyRequests } from '../../shared/errors.ts';
import { intakeSettings } from '../intake/intake.settings.ts';
import { eventLabel } from './case-events.ts';
import { listEvents } from './cases.queries.ts';
import { CaseStatusEnum } from './cases.schemas.ts';

export const ProgressQuery = z
  .strictObject({
    caseNumber: z.string().trim().min(1).max(60),
    queryCode: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .transform((s) => s.toUpperCase()),
  })
  .openapi('ProgressQuery');

export const Progress = z
  .object({
    caseNumber: z.string(),
    itemName: z.string(),
    departmentName: z.string(),
    applicantName: z.string().openapi({ description: 'Masked: 张*明, 北京**公司.' }),
    status: CaseStatusEnum,
    statusLabel: z.string(),
    currentStep: z.string().nullable(),
    acceptedAt: z.iso.datetime().nullable(),
    deemedAccepted: z.boolean(),
    promisedDueDate: z.string().nullable(),
    milestones: z.array(z.object({ at: z.iso.datetime(), label: z.string() })),
  })
  .openapi('Progress');
export type Progress = z.infer<typeof Progress>;

const MINUTE = 60_000;

const notFound = () =>
  new AppError(
    404,
    'not_found',
    '办件编号或查询码不正确。',
    'No case matches this case number and query code.',
  );

export async function lookupProgress(
  deps: AppDeps,
  q: { caseNumber: string; queryCode: string },
  ip: string,
): Promise<Progress> {
  const settings = await intakeSettings(deps.db);
  const now = deps.time.now();
  const since = new Date(now.getTime() - settings.lookupWindowMinutes * MINUTE);
  const recent = await deps.db
    .selectFrom('lookup_attempts')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
    .where('ip', '=', ip)
    .where('success', '=', false)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= settings.lookupMaxFailures) {
    const oldest = (recent.oldest as Date | null) ?? now;
    throw tooManyRequests(
      Math.max(
        1,
        Math.ceil((oldest.getTime() + settings.lookupWindowMinutes * MINUTE - now.getTime()) / 1000),
      ),
    );
  }
  const row = await deps.db
    .selectFrom('cases')
    .innerJoin('catalogue_item_versions as v', 'v.id', 'cases.item_version_id')
    .innerJoin('departments as d', 'd.id', 'cases.department_id')
    .innerJoin('applicants as a', 'a.id', 'cases.applicant_id')
    .selectAll('cases')
    .select([
      'v.name as item_name',
      'd.name as department_name',
      'a.name as applicant_name',
      'a.kind as applicant_kind',
    ])
    .where('cases.case_number', '=', q.caseNumber)
    .where('cases.query_code', '=', q.queryCode)
    .executeTakeFirst();
  await deps.db
    .insertInto('lookup_attempts')
    .values({ ip, at: now, success: Boolean(row) })
    .execute();
  if (!row) throw notFound();
  const events = await listEvents(deps.db, row.id, true);
  return {
    caseNumber: row.case_number!,
    itemName: row.item_name,
    departmentName: row.department_name,
    applicantName: maskName(row.applicant_name, row.applicant_kind),
    status: row.status,
    statusLabel: CASE_STATUSES[row.status],
    currentStep: row.current_step,
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    deemedAccepted: row.deemed_accepted,
    promisedDueDate: row.promised_due_date,
    milestones: events.map((e) => ({ at: e.at.toISOString(), label: eventLabel(e.type) })),
  };
}

/** Forgets lookups older than the throttle window (the scheduler may call it; lookups also work without). */
export async function purgeLookupAttempts(deps: AppDeps, now: Date) {
  const settings = await intakeSettings(deps.db);
  await deps.db
    .deleteFrom('lookup_attempts')
    .where('at', '<', new Date(now.getTime() - settings.lookupWindowMinutes * MINUTE))
    .execute();
}
