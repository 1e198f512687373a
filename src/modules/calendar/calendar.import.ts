import type { CalendarDay } from '../../core/calendar.ts';
import { addDays, isValidIsoDate } from '../../core/dates.ts';
import { badRequest } from '../../shared/errors.ts';

export type CalendarFormat = 'json' | 'ics';

export const detectFormat = (fileName: string, text: string): CalendarFormat =>
  /\.ics$/i.test(fileName) || text.trimStart().startsWith('BEGIN:VCALENDAR') ? 'ics' : 'json';

/** Reads a calendar file: a JSON list of {date, isOffDay, name}, or iCalendar (all-day events). */
export function parseCalendarFile(text: string, format: CalendarFormat): CalendarDay[] {
  return format === 'ics' ? parseIcs(text) : parseJson(text);
}

function parseJson(text: string): CalendarDay[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw badRequest(
      'bad_calendar_file',
      '日历文件不是有效的 JSON。',
      'The calendar file is not valid JSON.',
    );
  }
  if (!Array.isArray(data))
    throw badRequest(
      'bad_calendar_file',
      '日历文件应为 {date, isOffDay, name} 的列表。',
      'Expected a JSON list of {date, isOffDay, name}.',
    );
  const problems: string[] = [];
  const days = data.flatMap((d: unknown, i): CalendarDay[] => {
    const e = d as Partial<CalendarDay>;
    if (!e || !isValidIsoDate(e.date) || typeof e.isOffDay !== 'boolean') {
      problems.push(`#${i + 1}`);
      return [];
    }
    return [{ date: e.date, isOffDay: e.isOffDay, name: typeof e.name === 'string' ? e.name : '' }];
  });
  if (problems.length)
    throw badRequest(
      'bad_calendar_file',
      `日历文件第 ${problems.join(', ')} 项无效（需要 date: YYYY-MM-DD 与 isOffDay: true/false）。`,
      `Entries ${problems.join(', ')} are invalid (need date: YYYY-MM-DD and isOffDay: true/false).`,
      { entries: problems },
    );
  return days;
}

/**
 * iCalendar: each all-day VEVENT (DTSTART;VALUE=DATE, DTEND exclusive) is a run of days. A summary that
 * says the day is worked (含「班」: 补班, 上班, 调休上班) makes a working day; any other event is a day off.
 */
function parseIcs(text: string): CalendarDay[] {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  const days: CalendarDay[] = [];
  for (const block of unfolded.split('BEGIN:VEVENT').slice(1)) {
    const field = (name: string) => new RegExp(`^${name}(;[^:]*)?:(.*)$`, 'm').exec(block)?.[2]?.trim();
    const start = toIso(field('DTSTART'));
    if (!start)
      throw badRequest(
        'bad_calendar_file',
        'iCalendar 事件缺少有效的全天 DTSTART。',
        'An iCalendar event lacks an all-day DTSTART.',
      );
    const end = toIso(field('DTEND')) ?? addDays(start, 1);
    const name = (field('SUMMARY') ?? '').replace(/\\,/g, ',');
    const isOffDay = !/班/.test(name);
    for (let d = start; d < end; d = addDays(d, 1)) days.push({ date: d, isOffDay, name });
  }
  return days;
}

function toIso(v: string | undefined): string | undefined {
  const m = v && /^(\d{4})(\d{2})(\d{2})/.exec(v);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return isValidIsoDate(iso) ? iso : undefined;
}
