import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const principalColumns = [
  'staff.id',
  'staff.username',
  'staff.display_name',
  'staff.roles',
  'staff.centre_id',
  'staff.department_id',
  'staff.office_id',
  'regions.path as region_path',
] as const;

const staffWithRegion = (db: Kysely<DB>) =>
  db
    .selectFrom('staff')
    .leftJoin('centres', 'centres.id', 'staff.centre_id')
    .leftJoin('regions', 'regions.code', 'centres.region_code')
    .where('staff.active', '=', true);

export const findStaffForLogin = (db: Kysely<DB>, username: string) =>
  db
    .selectFrom('staff')
    .select(['id', 'username', 'password_hash', 'active', 'roles', 'department_id'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();

export const findSessionPrincipal = (db: Kysely<DB>, sessionId: string, now: Date) =>
  staffWithRegion(db)
    .innerJoin('sessions', 'sessions.staff_id', 'staff.id')
    .select([...principalColumns, 'sessions.id as session_id', 'sessions.csrf_token'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();

export const findTokenPrincipal = (db: Kysely<DB>, tokenHash: string, now: Date) =>
  staffWithRegion(db)
    .innerJoin('api_tokens', 'api_tokens.staff_id', 'staff.id')
    .select([...principalColumns, 'api_tokens.id as token_id', 'api_tokens.scopes'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .executeTakeFirst();

export async function countRecentFailures(db: Kysely<DB>, username: string, ip: string, since: Date) {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => [
      eb.fn
        .countAll<number>()
        .filterWhere((f) =>
          f.and([f(f.fn('lower', ['username']), '=', username.toLowerCase()), f('success', '=', false)]),
        )
        .as('by_user'),
      eb.fn
        .countAll<number>()
        .filterWhere((f) => f.and([f('ip', '=', ip), f('success', '=', false)]))
        .as('by_ip'),
      eb.fn.min('at').filterWhere('success', '=', false).as('oldest'),
    ])
    .where('at', '>', since)
    .where((eb) => eb.or([eb(eb.fn('lower', ['username']), '=', username.toLowerCase()), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return { byUser: Number(row.by_user), byIp: Number(row.by_ip), oldest: row.oldest as Date | null };
}
