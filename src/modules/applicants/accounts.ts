/**
 * Applicant logins for online filing. Applicants are not staff: their sessions live in applicant_sessions
 * under their own cookie, and are resolved by the middleware below for the applicant area of the API
 * (/api/v1/applicant/*) only. The principal has roles ['applicant'], staffId = the account id and
 * username = 'applicant:<applicant id>' (no personal data reaches the request log).
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../../server/context.ts';
import { AppError, tooManyRequests } from '../../shared/errors.ts';
import { type Actor, appendAction } from '../audit/audit.log.ts';
import { countRecentFailures } from '../auth/auth.queries.ts';
import { verifyDummy, verifyPassword } from '../auth/passwords.ts';
import type { Principal } from '../auth/principal.ts';
import { newSecret, sha256 } from '../auth/tokens.ts';
import { applicantUsername } from '../cases/cases.policy.ts';

export const APPLICANT_COOKIE = 'ow_applicant';
const MINUTE = 60_000;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const findAccount = (deps: AppDeps, idNumber: string) =>
  deps.db
    .selectFrom('applicant_accounts as acc')
    .innerJoin('applicants as a', 'a.id', 'acc.applicant_id')
    .select(['acc.id', 'acc.password_hash', 'acc.active', 'a.id as applicant_id', 'a.name'])
    .where('a.id_number', '=', idNumber.trim().toUpperCase())
    .executeTakeFirst();

const loginActor = (name: string, id: string | null, ip: string): Actor => ({
  id,
  name,
  roles: ['applicant'],
  departmentId: null,
  ip,
});

async function throttle(deps: AppDeps, key: string, ip: string, now: Date) {
  const { LOGIN_WINDOW_MINUTES: win, LOGIN_MAX_FAILURES: max } = deps.config;
  const recent = await countRecentFailures(deps.db, key, ip, new Date(now.getTime() - win * MINUTE));
  if (recent.byUser >= max || recent.byIp >= max * 4) {
    const oldest = (recent.oldest ?? now).getTime();
    throw tooManyRequests(Math.max(1, Math.ceil((oldest + win * MINUTE - now.getTime()) / 1000)));
  }
}

/** Checks the password (throttled like staff logins) and opens a session; returns the cookie value. */
export async function applicantLogin(
  deps: AppDeps,
  input: { idNumber: string; password: string; ip: string },
) {
  const now = deps.time.now();
  const key = `applicant:${sha256(input.idNumber.trim().toUpperCase()).slice(0, 16)}`;
  await throttle(deps, key, input.ip, now);
  const acc = await findAccount(deps, input.idNumber);
  const ok = acc?.active
    ? await verifyPassword(acc.password_hash, input.password)
    : await verifyDummy(input.password);
  if (!acc || !ok) {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('login_attempts')
        .values({ username: key, ip: input.ip, at: now, success: false })
        .execute();
      await appendAction(trx, loginActor(key, null, input.ip), now, {
        action: 'applicant.login_failed',
        targetType: 'applicant_account',
        targetId: acc?.id ?? '-',
      });
    });
    throw new AppError(
      401,
      'invalid_credentials',
      '证件号码或密码错误。',
      'Wrong identity number or password.',
    );
  }
  const cookieValue = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + deps.config.SESSION_TTL_HOURS * 60 * MINUTE);
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_attempts').where('username', '=', key).execute();
    await trx
      .insertInto('applicant_sessions')
      .values({
        id: sha256(cookieValue),
        account_id: acc.id,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: expiresAt,
        ip: input.ip,
      })
      .execute();
    await appendAction(trx, loginActor(applicantUsername(acc.applicant_id), acc.id, input.ip), now, {
      action: 'applicant.login',
      targetType: 'applicant_account',
      targetId: acc.id,
    });
  });
  return { cookieValue, csrfToken, expiresAt };
}

async function principalFromCookie(deps: AppDeps, cookie: string, ip: string): Promise<Principal | null> {
  const row = await deps.db
    .selectFrom('applicant_sessions as s')
    .innerJoin('applicant_accounts as acc', 'acc.id', 's.account_id')
    .innerJoin('applicants as a', 'a.id', 'acc.applicant_id')
    .select(['s.id as session_id', 's.csrf_token', 'acc.id as account_id', 'a.id as applicant_id', 'a.name'])
    .where('s.id', '=', sha256(cookie))
    .where('s.expires_at', '>', deps.time.now())
    .where('acc.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  return {
    staffId: row.account_id,
    username: applicantUsername(row.applicant_id),
    displayName: row.name,
    roles: ['applicant'],
    centreId: null,
    departmentId: null,
    officeId: null,
    regionPath: null,
    via: 'session',
    scopes: null,
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    ip,
  };
}

/** Resolves the applicant cookie when no staff credential did; browser writes need the CSRF header. */
export const applicantSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const cookie = getCookie(c, APPLICANT_COOKIE);
  if (!c.get('principal') && cookie) {
    const p = await principalFromCookie(c.get('deps'), cookie, c.get('clientIp'));
    if (p) {
      if (!SAFE.has(c.req.method) && c.req.header('x-csrf-token') !== p.csrfToken)
        throw new AppError(
          403,
          'csrf_token_invalid',
          '页面已过期，请刷新后重试。',
          'Missing or wrong CSRF token.',
        );
      c.set('principal', p);
    }
  }
  await next();
};

export async function applicantLogout(deps: AppDeps, p: Principal) {
  if (p.sessionId) await deps.db.deleteFrom('applicant_sessions').where('id', '=', p.sessionId).execute();
}
