// Groups a year's calendar entries into periods for display: 国庆节 10-01…10-08 (8 days off), and the
// make-up working days one by one. Pure.

export interface CalendarEntry {
  date: string;
  isOffDay: boolean;
  name: string;
}

export interface Period {
  name: string;
  isOffDay: boolean;
  from: string;
  to: string;
  days: number;
}

const nextDate = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export function toPeriods(entries: CalendarEntry[]): Period[] {
  const sorted = [...entries].sort((a, b) => a.date.localeCompare(b.date));
  const periods: Period[] = [];
  for (const e of sorted) {
    const last = periods.at(-1);
    if (last?.isOffDay && e.isOffDay && last.name === e.name && nextDate(last.to) === e.date) {
      last.to = e.date;
      last.days++;
    } else periods.push({ name: e.name, isOffDay: e.isOffDay, from: e.date, to: e.date, days: 1 });
  }
  return periods;
}
