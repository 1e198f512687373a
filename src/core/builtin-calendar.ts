/**
 * The official national calendar (国务院办公厅 yearly holiday notices), 2020–2026, from the chinese-days
 * package. We read the package's published data file (dist/chinese-days.json, documented in its README)
 * rather than calling its functions: its date parsing uses the process time zone and gives wrong answers
 * for string dates west of UTC (e.g. TZ=America/New_York). chinese-days silently applies the plain weekday
 * rule to years it has no data for (2027+), so only BUILTIN_YEARS are ever taken from it; later years must
 * be configured by an administrator (otherwise CalendarNotConfiguredError).
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { type CalendarDay, WorkingCalendar } from './calendar.ts';

/** Years whose official holiday arrangement is built in. */
export const BUILTIN_YEARS: readonly number[] = Object.freeze([2020, 2021, 2022, 2023, 2024, 2025, 2026]);

/** The package's record is "English name,中文名,statutory days", e.g. "National Day,国庆节,3". */
function chineseName(record: string): string {
  const parts = record.split(',');
  return (parts[1] ?? parts[0] ?? record).trim();
}

function collect(table: Record<string, string>, isOffDay: boolean, out: CalendarDay[]): void {
  for (const [date, record] of Object.entries(table)) {
    if (!BUILTIN_YEARS.includes(Number(date.slice(0, 4)))) continue;
    const name = chineseName(record);
    out.push({ date, isOffDay, name: isOffDay ? name : `${name}调休上班` });
  }
}

let cachedEntries: readonly CalendarDay[] | undefined;

/**
 * Every exception to the weekday rule in BUILTIN_YEARS, sorted by date: statutory holidays (off, named
 * e.g. '国庆节', weekend days inside a holiday included) and make-up working days (on, e.g. '国庆节调休上班').
 */
export function builtinCalendarEntries(): CalendarDay[] {
  if (!cachedEntries) {
    const out: CalendarDay[] = [];
    collect(data.holidays, true, out);
    collect(data.workdays, false, out);
    out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    cachedEntries = Object.freeze(out.map((d) => Object.freeze(d)));
  }
  return cachedEntries.map((d) => ({ ...d }));
}

let cachedCalendar: WorkingCalendar | undefined;

/** The national calendar alone (no administrator overrides, no local days off). Shared and immutable. */
export function builtinCalendar(): WorkingCalendar {
  cachedCalendar ??= new WorkingCalendar(BUILTIN_YEARS, builtinCalendarEntries());
  return cachedCalendar;
}
