// Sums of the statistics rows for the KPI cards and the monthly trend. Rates follow docs/statistics.md.
import dayjs from 'dayjs';
import type { Schema } from '../api/types.ts';

export type StatsRow = Schema<'StatsRow'>;

export interface Kpi {
  received: number;
  completed: number;
  /** Percent, or null when nothing was completed. */
  onTime: number | null;
  early: number | null;
  /** Average working days per completed case (rows weighted by their completed cases). */
  averageDays: number | null;
}

const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);

export function kpiOf(rows: StatsRow[]): Kpi {
  const sum = (f: (r: StatsRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  const completed = sum((r) => r.completed);
  const timed = rows.filter((r) => r.averageWorkingDays !== null);
  const weight = timed.reduce((n, r) => n + r.completed, 0);
  return {
    received: sum((r) => r.received),
    completed,
    onTime: pct(
      sum((r) => r.on_time),
      completed,
    ),
    early: pct(
      sum((r) => r.early),
      completed,
    ),
    averageDays:
      weight > 0
        ? Math.round(
            (timed.reduce((n, r) => n + (r.averageWorkingDays ?? 0) * r.completed, 0) / weight) * 10,
          ) / 10
        : null,
  };
}

/** The calendar months a period touches, each clipped to the period: [label, from, to]. */
export function monthsOf(from: string, to: string, max = 24): { month: string; from: string; to: string }[] {
  const out: { month: string; from: string; to: string }[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while ((y < ty || (y === ty && m <= tm)) && out.length < max) {
    const mm = String(m).padStart(2, '0');
    const start = `${y}-${mm}-01`;
    const last = dayjs(start).daysInMonth();
    const end = `${y}-${mm}-${String(last).padStart(2, '0')}`;
    out.push({ month: `${y}-${mm}`, from: start < from ? from : start, to: end > to ? to : end });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
