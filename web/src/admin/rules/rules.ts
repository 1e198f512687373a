// The rules of a rule set as flat form rows, and back.
import type { Rule } from './useRuleSet.ts';

export type When = Rule['when'];
export const WHENS: When[] = ['light', 'overdue', 'refused_without_reasons', 'late_correction_notice'];

export interface RuleRow {
  id: string;
  card: 'yellow' | 'red';
  when: When;
  subject: 'case' | 'step';
  light?: 'yellow' | 'red';
  days?: number;
}

export function toRow(r: Rule): RuleRow {
  switch (r.when) {
    case 'light':
      return { id: r.id, card: r.card, when: r.when, subject: 'case', light: r.light };
    case 'overdue':
      return { id: r.id, card: r.card, when: r.when, subject: r.subject, days: r.minWorkingDays };
    case 'late_correction_notice':
      return { id: r.id, card: r.card, when: r.when, subject: 'case', days: r.afterWorkingDays };
    default:
      return { id: r.id, card: r.card, when: r.when, subject: 'case' };
  }
}

export function fromRow(r: RuleRow): Rule {
  const base = { id: r.id.trim(), card: r.card };
  switch (r.when) {
    case 'light':
      return { ...base, subject: 'case', when: 'light', light: r.light ?? 'red' };
    case 'overdue':
      return { ...base, subject: r.subject, when: 'overdue', minWorkingDays: r.days ?? 0 };
    case 'late_correction_notice':
      return { ...base, subject: 'case', when: 'late_correction_notice', afterWorkingDays: r.days ?? 0 };
    default:
      return { ...base, subject: 'case', when: 'refused_without_reasons' };
  }
}
