import type { AppDeps } from '../../server/context.ts';
import { AppError, tooManyRequests, unauthorized } from '../../shared/errors.ts';
import { type Actor, appendAction } from '../audit/audit.log.ts';
import {
  countRecentFailures,
  findSessionPrincipal,
  findStaffForLogin,
  findTokenPrincipal,
} from './auth.queries.ts';
import { checkPasswordPolicy, hashPassword, verifyDummy, verifyPassword } from './passwords.ts';
import { actorOf, type Principal } from './principal.ts';
import { newSecret, sha256 } from './tokens.ts';

const MINUTE = 60_000;

type PrincipalRow = NonNullable<Awaited<ReturnType<typeof findSessionPrincipal>>>;

function toPrincipal(
  row: Omit<PrincipalRow, 'session_id' | 'csrf_token'>,
  extra: Pick<Principal, 'via' | 'scopes' | 'sessionId' | 'csrfToken' | 'ip'>,
): Principal {
  return {
    staffId: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    centreId: row.centre_id,
    departmentId: row.department_id,
    officeId: row.office_id,
    regionPath: row.region_path ?? null,
    ...extra,
  };
}

export async function principalFromSession(deps: AppDeps, cookieValue: string, ip: string) {
  const row = await findSessionPrincipal(deps.db, sha256(cookieValue), deps.time.now());
  if (!row) return null;
  return toPrincipal(row, {
    via: 'session',
    scopes: null,
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    ip,
  });
}

export async function principalFromToken(deps: AppDeps, token: string, ip: string) {
  const now = deps.time.now();
  const row = await findTokenPrincipal(deps.db, sha256(token), now);
  if (!row) return null;
  // Recorded at most once a minute per token: a busy integration should not write on every request.
  await deps.db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', row.token_id)
    .where((eb) =>
      eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - MINUTE))]),
    )
    .execute();
  return toPrincipal(row, { via: 'token', scopes: row.scopes, sessionId: null, csrfToken: null, ip });
}

export interface LoginResult {
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
  principal: Principal;
}

/**
 * Password login. Failures are counted per account and per client address in the database (so every
 * server instance agrees); past the limit the caller waits, whatever the password.
 */
export async function login(
  deps: AppDeps,
  input: { username: string; password: string; ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const { db, time, config } = deps;
  const now = time.now();
  const since = new Date(now.getTime() - config.LOGIN_WINDOW_MINUTES * MINUTE);
  const recent = await countRecentFailures(db, input.username, input.ip, since);
  if (recent.byUser >= config.LOGIN_MAX_FAILURES || recent.byIp >= config.LOGIN_MAX_FAILURES * 4) {
    const oldest = recent.oldest ?? now;
    const retry = Math.max(
      1,
      Math.ceil((oldest.getTime() + config.LOGIN_WINDOW_MINUTES * MINUTE - now.getTime()) / 1000),
    );
    throw tooManyRequests(retry);
  }
  const staff = await findStaffForLogin(db, input.username);
  const ok = staff?.active
    ? await verifyPassword(staff.password_hash, input.password)
    : await verifyDummy(input.password);
  if (!staff || !ok) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('login_attempts')
        .values({ username: input.username.slice(0, 200), ip: input.ip, at: now, success: false })
        .execute();
      const actor: Actor = {
        id: null,
        name: input.username.slice(0, 200),
        roles: [],
        departmentId: null,
        ip: input.ip,
      };
      await appendAction(trx, actor, now, {
        action: 'auth.login_failed',
        targetType: 'staff',
        targetId: staff?.id ?? '-',
      });
    });
    throw new AppError(401, 'invalid_credentials', '用户名或密码错误。', 'Wrong username or password.');
  }
  const cookieValue = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + config.SESSION_TTL_HOURS * 60 * MINUTE);
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('login_attempts')
      .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
      .execute();
    await trx
      .insertInto('sessions')
      .values({
        id: sha256(cookieValue),
        staff_id: staff.id,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: expiresAt,
        ip: input.ip,
        user_agent: input.userAgent?.slice(0, 400) ?? null,
      })
      .execute();
    const actor: Actor = {
      id: staff.id,
      name: staff.username,
      roles: staff.roles,
      departmentId: staff.department_id,
      ip: input.ip,
    };
    await appendAction(trx, actor, now, { action: 'auth.login', targetType: 'staff', targetId: staff.id });
  });
  const principal = await principalFromSession(deps, cookieValue, input.ip);
  if (!principal) throw unauthorized();
  return { cookieValue, csrfToken, expiresAt, principal };
}

export async function logout(deps: AppDeps, p: Principal): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (p.sessionId) await trx.deleteFrom('sessions').where('id', '=', p.sessionId).execute();
    await appendAction(trx, actorOf(p), deps.time.now(), {
      action: 'auth.logout',
      targetType: 'staff',
      targetId: p.staffId,
    });
  });
}

/** Changes the caller's password; every other session of the account ends. */
export async function changePassword(
  deps: AppDeps,
  p: Principal,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const staff = await findStaffForLogin(deps.db, p.username);
  if (!staff || !(await verifyPassword(staff.password_hash, input.currentPassword)))
    throw new AppError(400, 'wrong_password', '当前密码不正确。', 'The current password is wrong.');
  checkPasswordPolicy(input.newPassword, p.username);
  const hash = await hashPassword(input.newPassword);
  const now = deps.time.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff')
      .set({ password_hash: hash, password_changed_at: now })
      .where('id', '=', p.staffId)
      .execute();
    let others = trx.deleteFrom('sessions').where('staff_id', '=', p.staffId);
    if (p.sessionId) others = others.where('id', '<>', p.sessionId);
    await others.execute();
    await appendAction(trx, actorOf(p), now, {
      action: 'auth.password_changed',
      targetType: 'staff',
      targetId: p.staffId,
    });
  });
}
