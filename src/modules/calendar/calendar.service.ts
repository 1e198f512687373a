import { BUILTIN_YEARS } from '../../core/builtin-calendar.ts';
import type { CalendarDay } from '../../core/calendar.ts';
import { yearOf } from '../../core/dates.ts';
import type { AppDeps } from '../../server/context.ts';
import { badRequest, forbidden, notFound } from '../../shared/errors.ts';
import type { Actor } from '../audit/audit.log.ts';
import { changeWithLog } from '../audit/change.ts';
import { isSystemAdmin, type Principal } from '../auth/principal.ts';
import { recomputeOpenClocks } from '../clock/clock.service.ts';
import { canManageCentre } from '../org/org.policy.ts';
import { bumpRevision, findCentreByIdOrCode } from './calendar.queries.ts';

function checkYearDays(year: number, days: readonly CalendarDay[]) {
  const seen = new Set<string>();
  for (const d of days) {
    if (yearOf(d.date) !== year)
      throw badRequest(
        'date_outside_year',
        `日期 ${d.date} 不属于 ${year} 年。`,
        `Date ${d.date} is not in ${year}.`,
      );
    if (seen.has(d.date))
      throw badRequest('duplicate_date', `日期 ${d.date} 重复。`, `Date ${d.date} appears twice.`);
    seen.add(d.date);
  }
}

/**
 * Sets the national calendar of whole years (each replacing built-in data for its year), all in one
 * transaction; system administrators only.
 */
export async function setYears(
  deps: AppDeps,
  actor: Actor,
  p: Principal | null,
  years: { year: number; days: CalendarDay[] }[],
  note = '',
) {
  if (p && !isSystemAdmin(p))
    throw forbidden(
      '只有系统管理员可以设置全国工作日历。',
      'Only a system administrator sets the national calendar.',
    );
  if (!years.length) throw badRequest('no_days', '日历中没有日期。', 'The calendar has no days.');
  for (const y of years) checkYearDays(y.year, y.days);
  const first = Math.min(...years.map((y) => y.year));
  return changeWithLog(
    deps,
    actor,
    async (trx, now) => {
      for (const { year, days } of years) {
        const values = { days: JSON.stringify(days), note, updated_at: now, updated_by: actor.id };
        await trx
          .insertInto('calendar_years')
          .values({ year, ...values })
          .onConflict((oc) => oc.column('year').doUpdateSet(values))
          .execute();
      }
      await bumpRevision(trx);
      return {
        years: years.map((y) => y.year),
        recomputed: await recomputeOpenClocks(trx, null, `${first}-01-01`, now),
      };
    },
    (r) => ({
      action: 'calendar.years_set',
      targetType: 'calendar_year',
      targetId: r.years.join(','),
      payload: { years, note, recomputed: r.recomputed },
    }),
  );
}

export async function deleteYear(deps: AppDeps, actor: Actor, p: Principal, year: number) {
  if (!isSystemAdmin(p)) throw forbidden();
  return changeWithLog(
    deps,
    actor,
    async (trx, now) => {
      const gone = await trx
        .deleteFrom('calendar_years')
        .where('year', '=', year)
        .returning('year')
        .execute();
      if (!gone.length) throw notFound(`Calendar override for ${year}`, `${year} 年的日历设置`);
      await bumpRevision(trx);
      return {
        year,
        recomputed: await recomputeOpenClocks(trx, null, `${year}-01-01`, now),
        builtin: BUILTIN_YEARS.includes(year),
      };
    },
    (r) => ({
      action: 'calendar.year_deleted',
      targetType: 'calendar_year',
      targetId: String(year),
      payload: r,
    }),
  );
}

export async function requireCentre(deps: AppDeps, ref: string) {
  const centre = await findCentreByIdOrCode(deps.db, ref);
  if (!centre) throw notFound('Centre', '服务中心');
  return centre;
}

/** Adds a centre's own days off (e.g. a local festival); its administrator or a system administrator. */
export async function addLocalDays(
  deps: AppDeps,
  actor: Actor,
  p: Principal | null,
  centreRef: string,
  days: { date: string; name: string }[],
) {
  const centre = await requireCentre(deps, centreRef);
  if (p && !canManageCentre(p, centre.id)) throw forbidden();
  if (!days.length) throw badRequest('no_days', '没有要添加的日期。', 'No days to add.');
  const first = days.map((d) => d.date).sort()[0]!;
  return changeWithLog(
    deps,
    actor,
    async (trx, now) => {
      for (const d of days) {
        await trx
          .insertInto('calendar_local_days')
          .values({ centre_id: centre.id, date: d.date, name: d.name, created_at: now, created_by: actor.id })
          .onConflict((oc) => oc.columns(['centre_id', 'date']).doUpdateSet({ name: d.name }))
          .execute();
      }
      await bumpRevision(trx);
      return {
        centreId: centre.id,
        added: days.length,
        recomputed: await recomputeOpenClocks(trx, centre.id, first, now),
      };
    },
    (r) => ({
      action: 'calendar.local_days_added',
      targetType: 'centre',
      targetId: centre.id,
      payload: { days, recomputed: r.recomputed },
    }),
  );
}

export async function removeLocalDay(
  deps: AppDeps,
  actor: Actor,
  p: Principal,
  centreRef: string,
  date: string,
) {
  const centre = await requireCentre(deps, centreRef);
  if (!canManageCentre(p, centre.id)) throw forbidden();
  return changeWithLog(
    deps,
    actor,
    async (trx, now) => {
      const gone = await trx
        .deleteFrom('calendar_local_days')
        .where('centre_id', '=', centre.id)
        .where('date', '=', date)
        .returning('date')
        .execute();
      if (!gone.length) throw notFound('Local day off', '本地休息日');
      await bumpRevision(trx);
      return { date, recomputed: await recomputeOpenClocks(trx, centre.id, date, now) };
    },
    (r) => ({ action: 'calendar.local_day_removed', targetType: 'centre', targetId: centre.id, payload: r }),
  );
}

/**
 * Imports a calendar file. Without a centre: each year in the file becomes that year's national calendar
 * (replacing it). With a centre: its off days become the centre's local days off.
 */
export async function importCalendar(
  deps: AppDeps,
  actor: Actor,
  p: Principal | null,
  days: CalendarDay[],
  centreRef?: string,
) {
  if (centreRef) {
    const off = days.filter((d) => d.isOffDay).map((d) => ({ date: d.date, name: d.name || '本地休息日' }));
    const r = await addLocalDays(deps, actor, p, centreRef, off);
    return { scope: 'centre' as const, years: [...new Set(off.map((d) => yearOf(d.date)))], days: r.added };
  }
  const byYear = new Map<number, CalendarDay[]>();
  for (const d of days) byYear.set(yearOf(d.date), [...(byYear.get(yearOf(d.date)) ?? []), d]);
  const years = [...byYear]
    .map(([year, yearDays]) => ({ year, days: yearDays }))
    .sort((a, b) => a.year - b.year);
  await setYears(deps, actor, p, years, 'imported');
  return { scope: 'national' as const, years: years.map((y) => y.year), days: days.length };
}
