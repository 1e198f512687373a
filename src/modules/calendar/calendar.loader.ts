import type { Kysely } from 'kysely';
import { BUILTIN_YEARS, builtinCalendarEntries } from '../../core/builtin-calendar.ts';
import { WorkingCalendar } from '../../core/calendar.ts';
import type { DB } from '../../db/schema.ts';
import { getCalendarToken, listLocalDays, listYearOverrides } from './calendar.queries.ts';

// Calendars change a few times a year. They are cached per process by the calendar token (a random value
// replaced by every change, on any instance, never reused) and the centre: one indexed read per load, also
// inside a transaction.
const cache = new Map<string, WorkingCalendar>();
const MAX_CACHED = 1_000;
const tokens = new WeakMap<WorkingCalendar, string>();

/**
 * The calendar token a loaded calendar was read under. What is computed with the calendar can be tagged
 * with it and trusted only while the token is current (the crossing plans of clocks).
 */
export const calendarTokenOf = (calendar: WorkingCalendar): string | undefined => tokens.get(calendar);

/**
 * The working calendar in force: built-in national data, administrator year overrides (each replacing its
 * year), and — for a centre — its local days off. `token`: the calendar token when the caller has just read
 * it in one of its own statements (saves the read).
 */
export async function loadCalendar(
  db: Kysely<DB>,
  centreId: string | null = null,
  token?: string,
): Promise<WorkingCalendar> {
  const read = token ?? (await getCalendarToken(db));
  const key = `${read}:${centreId ?? 'national'}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const overrides = await listYearOverrides(db);
  const localDays = centreId ? await listLocalDays(db, centreId) : [];
  const calendar = WorkingCalendar.fromLayers({
    national: { years: BUILTIN_YEARS, days: builtinCalendarEntries() },
    yearOverrides: overrides.map((o) => ({ year: o.year, days: o.days })),
    localDaysOff: localDays,
  });
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, calendar);
  tokens.set(calendar, read);
  return calendar;
}
