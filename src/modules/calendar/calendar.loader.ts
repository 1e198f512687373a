import type { Kysely } from 'kysely';
import { BUILTIN_YEARS, builtinCalendarEntries } from '../../core/builtin-calendar.ts';
import { WorkingCalendar } from '../../core/calendar.ts';
import type { DB } from '../../db/schema.ts';
import { getRevision, listLocalDays, listYearOverrides } from './calendar.queries.ts';

interface Cached {
  revision: number;
  calendar: WorkingCalendar;
}

// Calendars change a few times a year; they are cached per process and per database, and reloaded when
// the revision row (bumped by every change, on any instance) moves. One cheap query per load.
const caches = new WeakMap<Kysely<DB>, Map<string, Cached>>();

/**
 * The working calendar in force: built-in national data, administrator year overrides (each replacing its
 * year), and — for a centre — its local days off.
 */
export async function loadCalendar(db: Kysely<DB>, centreId: string | null = null): Promise<WorkingCalendar> {
  const revision = await getRevision(db);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = centreId ?? 'national';
  const hit = cache.get(key);
  if (hit && hit.revision === revision) return hit.calendar;
  const overrides = await listYearOverrides(db);
  const localDays = centreId ? await listLocalDays(db, centreId) : [];
  const calendar = WorkingCalendar.fromLayers({
    national: { years: BUILTIN_YEARS, days: builtinCalendarEntries() },
    yearOverrides: overrides.map((o) => ({ year: o.year, days: o.days })),
    localDaysOff: localDays,
  });
  cache.set(key, { revision, calendar });
  return calendar;
}
