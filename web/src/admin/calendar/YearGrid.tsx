import { useI18n } from '../../i18n/useI18n.ts';
import type { CalendarEntry } from './periods.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const WEEKDAYS = [
  ['mon', '一', 'M'],
  ['tue', '二', 'T'],
  ['wed', '三', 'W'],
  ['thu', '四', 'T'],
  ['fri', '五', 'F'],
  ['sat', '六', 'S'],
  ['sun', '日', 'S'],
] as const;

/** Twelve small months: holidays red, make-up working days marked 班, ordinary weekends grey. */
export function YearGrid({ year, entries }: { year: number; entries: CalendarEntry[] }) {
  const { t, lang } = useI18n();
  const byDate = new Map(entries.map((e) => [e.date, e]));
  return (
    <div className="year-grid">
      {Array.from({ length: 12 }, (_, m) => {
        const first = new Date(Date.UTC(year, m, 1));
        const lead = (first.getUTCDay() + 6) % 7;
        const days = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
        const month =
          lang === 'zh' ? `${m + 1}月` : first.toLocaleString('en', { month: 'long', timeZone: 'UTC' });
        return (
          <div key={month} className="month">
            <div className="month-title">{month}</div>
            <div className="month-days">
              {WEEKDAYS.map(([id, zh, en]) => (
                <span key={id} className="wd">
                  {lang === 'zh' ? zh : en}
                </span>
              ))}
              {Array.from({ length: days }, (_, d) => {
                const date = `${year}-${pad(m + 1)}-${pad(d + 1)}`;
                const e = byDate.get(date);
                const weekend = (lead + d) % 7 >= 5;
                const cls = e ? (e.isOffDay ? 'off' : 'makeup') : weekend ? 'weekend' : '';
                const label = e
                  ? `${date} ${e.name || ''} ${e.isOffDay ? t('calendar.off') : t('calendar.makeup')}`
                  : date;
                return (
                  <span
                    key={date}
                    className={`day ${cls}`}
                    title={label}
                    data-date={date}
                    style={d === 0 ? { gridColumnStart: lead + 1 } : undefined}
                  >
                    {d + 1}
                    {e && !e.isOffDay && <i>{t('calendar.makeupMark')}</i>}
                  </span>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
