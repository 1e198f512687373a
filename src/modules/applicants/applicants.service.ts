import type { Kysely, Selectable } from 'kysely';
import { localDateOf } from '../../core/dates.ts';
import type { ApplicantsTable, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { badRequest, conflict, notFound } from '../../shared/errors.ts';
import { appendAction } from '../audit/audit.log.ts';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import type { Applicant, ApplicantInput } from './applicants.schemas.ts';
import { identityProblem } from './identity.ts';

type Db = Kysely<DB>;
export type ApplicantRow = Selectable<ApplicantsTable>;

export const toApplicant = (r: ApplicantRow, hasAccount = false): Applicant => ({
  id: r.id,
  kind: r.kind,
  idNumber: r.id_number,
  name: r.name,
  phone: r.phone,
  address: r.address,
  legalRepresentative: r.legal_representative,
  creditRestricted: r.credit_restricted,
  hasAccount,
});

/** Throws a 400 naming what is wrong with the identity number (check digit, region, birth date …). */
export function assertValidIdentity(input: Pick<ApplicantInput, 'kind' | 'idNumber'>, now: Date): void {
  const problem = identityProblem(input.kind, input.idNumber, localDateOf(now));
  if (problem) throw badRequest(problem.code, problem.zh, problem.en, { idNumber: input.idNumber });
}

/**
 * The applicant with this identity, created or with its contact details brought up to date, inside the
 * caller's transaction. The identity (kind + number) is the key; a name that differs is updated, since
 * the clerk has just checked the document.
 */
export async function upsertApplicant(trx: Db, input: ApplicantInput, now: Date): Promise<ApplicantRow> {
  assertValidIdentity(input, now);
  return trx
    .insertInto('applicants')
    .values({
      kind: input.kind,
      id_number: input.idNumber,
      name: input.name,
      phone: input.phone,
      address: input.address,
      legal_representative: input.legalRepresentative,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['kind', 'id_number']).doUpdateSet({
        name: input.name,
        phone: input.phone,
        address: input.address,
        legal_representative: input.legalRepresentative,
        updated_at: now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findApplicant = (db: Db, id: string) =>
  db.selectFrom('applicants').selectAll().where('id', '=', id).executeTakeFirst();

async function hasAccount(db: Db, applicantId: string) {
  const row = await db
    .selectFrom('applicant_accounts')
    .select('id')
    .where('applicant_id', '=', applicantId)
    .executeTakeFirst();
  return Boolean(row);
}

export async function lookupApplicant(deps: AppDeps, kind: ApplicantRow['kind'], idNumber: string) {
  const row = await deps.db
    .selectFrom('applicants')
    .selectAll()
    .where('kind', '=', kind)
    .where('id_number', '=', idNumber.trim().toUpperCase())
    .executeTakeFirst();
  if (!row) throw notFound('Applicant', '申请人');
  return toApplicant(row, await hasAccount(deps.db, row.id));
}

/** Registers (or updates) an applicant at the window. */
export async function registerApplicant(deps: AppDeps, p: Principal, input: ApplicantInput) {
  const now = deps.time.now();
  const row = await deps.db.transaction().execute(async (trx) => {
    const r = await upsertApplicant(trx, input, now);
    await appendAction(trx, actorOf(p), now, {
      action: 'applicant.registered',
      targetType: 'applicant',
      targetId: r.id,
      payload: { kind: r.kind, name: r.name },
    });
    return r;
  });
  return toApplicant(row, await hasAccount(deps.db, row.id));
}

/** Opens the online account of an applicant whose identity the clerk checked in person (实名核验). */
export async function openAccount(deps: AppDeps, p: Principal, applicantId: string, password: string) {
  const applicant = await findApplicant(deps.db, applicantId);
  if (!applicant) throw notFound('Applicant', '申请人');
  if (await hasAccount(deps.db, applicantId))
    throw conflict('account_exists', '该申请人已开通网上账号。', 'The applicant already has an account.');
  checkPasswordPolicy(password, applicant.id_number);
  const hash = await hashPassword(password);
  const now = deps.time.now();
  await deps.db.transaction().execute(async (trx) => {
    const acc = await trx
      .insertInto('applicant_accounts')
      .values({
        applicant_id: applicantId,
        password_hash: hash,
        created_at: now,
        created_by: p.staffId,
        password_changed_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAction(trx, actorOf(p), now, {
      action: 'applicant.account_opened',
      targetType: 'applicant',
      targetId: applicantId,
      payload: { accountId: acc.id },
    });
  });
  return toApplicant(applicant, true);
}
