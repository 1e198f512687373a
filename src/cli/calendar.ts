import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { builtinCalendar } from '../core/builtin-calendar.ts';
import { CalendarNotConfiguredError, type WorkingCalendar } from '../core/calendar.ts';
import { isValidIsoDate } from '../core/dates.ts';
import { DataDirLockedError } from '../db/database.ts';
import { systemActor } from '../modules/audit/audit.log.ts';
import { detectFormat, parseCalendarFile } from '../modules/calendar/calendar.import.ts';
import { loadCalendar } from '../modules/calendar/calendar.loader.ts';
import { importCalendar, requireCentre } from '../modules/calendar/calendar.service.ts';
import { withRuntime } from './admin.ts';
import { ExitError } from './main.ts';

/** The questions the calendar commands ask, answered locally or by a running server. */
interface CalendarAnswers {
  add(from: string, days: number): Promise<string>;
  isWorkingDay(date: string): Promise<boolean>;
  count(from: string, to: string): Promise<number>;
}

const uncovered = (e: unknown): never => {
  if (e instanceof CalendarNotConfiguredError) throw new ExitError(`${e.message} / ${e.messageZh}`, 2);
  throw e;
};

const local = (cal: WorkingCalendar): CalendarAnswers => ({
  add: async (from, days) => {
    try {
      return cal.addWorkingDays(from, days);
    } catch (e) {
      return uncovered(e);
    }
  },
  isWorkingDay: async (date) => {
    try {
      return cal.isWorkingDay(date);
    } catch (e) {
      return uncovered(e);
    }
  },
  count: async (from, to) => {
    try {
      return cal.countWorkingDays(from, to);
    } catch (e) {
      return uncovered(e);
    }
  },
});

/** While the server holds the embedded database, ask it over its public calendar API instead. */
function remote(base: string, centre?: string): CalendarAnswers {
  const get = async <T>(path: string, params: Record<string, string>): Promise<T> => {
    const qs = new URLSearchParams({ ...params, ...(centre ? { centre } : {}) });
    const res = await fetch(`${base}${path}?${qs}`);
    const body = (await res.json()) as T & { error?: { message: string; messageEn: string } };
    if (res.status === 422 && body.error)
      throw new ExitError(`${body.error.messageEn} / ${body.error.message}`, 2);
    if (!res.ok) throw new ExitError(`the server answered ${res.status}: ${body.error?.messageEn ?? ''}`, 1);
    return body;
  };
  return {
    add: async (from, days) =>
      (await get<{ due: string }>('/api/v1/calendar/working-days/add', { from, days: String(days) })).due,
    isWorkingDay: async (date) =>
      (await get<{ working: boolean }>(`/api/v1/calendar/days/${date}`, {})).working,
    count: async (from, to) =>
      (await get<{ workingDays: number }>('/api/v1/calendar/working-days/count', { from, to })).workingDays,
  };
}

/**
 * Runs a calendar question against the calendar in force: the database's (with administrators' years and
 * the centre's days off) when there is one, the built-in national calendar on a clone that has none yet,
 * or the running server's when it holds the embedded database.
 */
async function answer<T>(centre: string | undefined, fn: (a: CalendarAnswers) => Promise<T>): Promise<T> {
  const config = loadConfig();
  if (!config.DATABASE_URL && !existsSync(join(config.DATA_DIR, 'pgdata'))) {
    if (centre)
      throw new ExitError(
        'no database yet, so no centre calendars: run `onewindow start` or `migrate` first',
        2,
      );
    return fn(local(builtinCalendar()));
  }
  try {
    return await withRuntime(async (deps) =>
      fn(local(await loadCalendar(deps.db, centre ? (await requireCentre(deps, centre)).id : null))),
    );
  } catch (e) {
    if (!(e instanceof DataDirLockedError)) throw e;
    const base = `http://${config.HOST}:${config.PORT}`;
    try {
      await fetch(`${base}/healthz`);
    } catch {
      throw new ExitError(`${e.message}\n(and no server answers at ${base})`, 3);
    }
    return fn(remote(base, centre));
  }
}

const date = (v: string) => {
  if (!isValidIsoDate(v))
    throw new ExitError(`not a date: ${v} (expected YYYY-MM-DD) / 日期格式应为 YYYY-MM-DD`, 2);
  return v;
};
const count = (v: string) => {
  if (!/^\d+$/.test(v)) throw new ExitError(`not a number of days: ${v}`, 2);
  return Number(v);
};

export function registerCalendarCommands(program: Command) {
  const cal = program.command('calendar').description('the official working-day calendar (工作日历)');
  const centreOpt = ['--centre <code>', 'include the local days off of this centre'] as const;
  cal
    .command('add-working-days <from> <days>')
    .description('print the Nth working day after a date (the date itself is not counted)')
    .option(...centreOpt)
    .action(async (from: string, days: string, o: { centre?: string }) => {
      console.log(await answer(o.centre, (a) => a.add(date(from), count(days))));
    });
  cal
    .command('is-working-day <date>')
    .description('print true or false')
    .option(...centreOpt)
    .action(async (d: string, o: { centre?: string }) => {
      console.log(String(await answer(o.centre, (a) => a.isWorkingDay(date(d)))));
    });
  cal
    .command('count-working-days <from> <to>')
    .description('print the number of working days after <from> up to and including <to>')
    .option(...centreOpt)
    .action(async (from: string, to: string, o: { centre?: string }) => {
      console.log(String(await answer(o.centre, (a) => a.count(date(from), date(to)))));
    });
  cal
    .command('import <file>')
    .description(
      'import a JSON list of {date,isOffDay,name} or an iCalendar file; each year in it replaces that year',
    )
    .option('--centre <code>', "add the file's days off as this centre's local days off instead")
    .action(async (file: string, o: { centre?: string }) => {
      const text = readFileSync(file, 'utf8');
      const days = parseCalendarFile(text, detectFormat(basename(file), text));
      const r = await withRuntime((deps) => importCalendar(deps, systemActor('cli'), null, days, o.centre));
      console.log(
        `imported ${r.days} days for ${r.scope === 'centre' ? `centre ${o.centre}` : 'the national calendar'}: ${r.years.join(', ')}`,
      );
    });
}
