/**
 * Case numbers (办件编号) and notice document numbers (文号): human-readable, sortable within a centre,
 * from a configurable template and a counter per centre, scope and period that the allocating
 * transaction increments (INSERT … ON CONFLICT DO UPDATE … RETURNING), so that concurrent allocations never
 * share a number. A rolled-back transaction may leave a gap; duplicates are impossible.
 */
import type { Kysely } from 'kysely';
import { localDateOf } from '../../core/dates.ts';
import type { DB } from '../../db/schema.ts';
import { nextCounter } from './cases.queries.ts';

export interface NumberParts {
  centre: string;
  dept?: string;
  kind?: string;
  /** Local date 'YYYY-MM-DD'. */
  date: string;
  seq: number;
}

const TOKEN = /\{(centre|dept|kind|yyyymmdd|yyyy|yy|mm|dd|seq(?::(\d{1,2}))?)\}/g;

/** Fills a template; {seq:N} pads to N digits (more digits are kept, so the number stays unique). */
export function formatNumber(template: string, p: NumberParts): string {
  const [y = '', m = '', d = ''] = p.date.split('-');
  return template.replace(TOKEN, (_all, token: string, width?: string) => {
    switch (token) {
      case 'centre':
        return p.centre;
      case 'dept':
        return p.dept ?? '';
      case 'kind':
        return p.kind ?? '';
      case 'yyyymmdd':
        return `${y}${m}${d}`;
      case 'yyyy':
        return y;
      case 'yy':
        return y.slice(2);
      case 'mm':
        return m;
      case 'dd':
        return d;
      default:
        return String(p.seq).padStart(Number(width ?? 1), '0');
    }
  });
}

/** The counter period a template needs: per day when it shows the day, else per year, else forever. */
export function periodOf(template: string, date: string): string {
  if (/\{(yyyymmdd|dd)\}/.test(template)) return date;
  if (/\{(yyyy|yy)\}/.test(template)) return date.slice(0, 4);
  return 'all';
}

export interface Allocation {
  trx: Kysely<DB>;
  centreId: string;
  centreCode: string;
  timeZone: string;
  at: Date;
  template: string;
  scope: string;
  dept?: string;
  kind?: string;
}

/** Allocates the next number inside the caller's transaction. */
export async function allocateNumber(a: Allocation): Promise<string> {
  const date = localDateOf(a.at, a.timeZone);
  const seq = await nextCounter(a.trx, a.centreId, a.scope, periodOf(a.template, date));
  return formatNumber(a.template, { centre: a.centreCode, dept: a.dept, kind: a.kind, date, seq });
}
