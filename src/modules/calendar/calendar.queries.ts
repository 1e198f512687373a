import { type Kysely, sql } from 'kysely';
import type { CalendarDay } from '../../core/calendar.ts';
import type { DB } from '../../db/schema.ts';

/** The calendar's current token (replaced by every change): the key of the in-process calendar cache. */
export const getCalendarToken = async (db: Kysely<DB>) =>
  (await db.selectFrom('calendar_revision').select('token').where('id', '=', 1).executeTakeFirstOrThrow())
    .token;

export const bumpRevision = (trx: Kysely<DB>) =>
  trx
    .updateTable('calendar_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1), token: sql<string>`gen_random_uuid()` }))
    .where('id', '=', 1)
    .execute();

export async function listYearOverrides(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('calendar_years')
    .select(['year', 'days', 'note', 'updated_at'])
    .orderBy('year')
    .execute();
  return rows.map((r) => ({ ...r, days: r.days as CalendarDay[] }));
}

export const listLocalDays = (db: Kysely<DB>, centreId: string) =>
  db
    .selectFrom('calendar_local_days')
    .select(['date', 'name'])
    .where('centre_id', '=', centreId)
    .orderBy('date')
    .execute();

export const findCentreByIdOrCode = (db: Kysely<DB>, ref: string) =>
  db
    .selectFrom('centres')
    .select(['id', 'code', 'time_zone', 'office_open', 'office_close'])
    .where((eb) =>
      /^[0-9a-f-]{36}$/i.test(ref) ? eb.or([eb('id', '=', ref), eb('code', '=', ref)]) : eb('code', '=', ref),
    )
    .executeTakeFirst();
