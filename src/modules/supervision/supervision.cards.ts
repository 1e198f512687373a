// Threshold crossings → lights → rules → cards (黄牌/红牌) → supervision notices.
import type { Kysely } from 'kysely';
import type { ClockResult } from '../../core/clock.ts';
import { firedRules, type Rule, type SubjectFacts } from '../../core/supervision.ts';
import type { DB } from '../../db/schema.ts';
import { appendAction, systemActor } from '../audit/audit.log.ts';
import { SYSTEM_CASE_ACTOR } from '../cases/case-events.ts';
import { refreshClock } from '../clock/clock.service.ts';
import { lockCaseRow, recordSupervisionEvent } from './supervision.events.ts';
import { issueNotice } from './supervision.notices.ts';
import { type RuleSetInForce, ruleSetFor } from './supervision.rules.ts';
import { type Subject, subjectOfClock } from './supervision.subjects.ts';

type Db = Kysely<DB>;

/** What the card and the notice say, in Chinese (the notice goes to a department or office). */
export function ruleText(rule: Rule, subject: Pick<Subject, 'stepName'>): string {
  switch (rule.when) {
    case 'light':
      return rule.light === 'red' ? '办件已超过承诺办结时限（红灯）' : '办件临近承诺办结时限（黄灯）';
    case 'overdue':
      return rule.subject === 'step'
        ? `环节「${subject.stepName ?? ''}」超期 ${rule.minWorkingDays} 个工作日以上`
        : `办件超期 ${rule.minWorkingDays} 个工作日以上`;
    case 'refused_without_reasons':
      return '不予受理未说明理由';
    case 'late_correction_notice':
      return `补正告知超过 ${rule.afterWorkingDays} 个工作日才发出`;
  }
}

/**
 * Gives each rule that fired its card once (the unique key on subject and rule decides between racing
 * workers), and a notice with it. Returns the new cards' rule ids.
 */
export async function issueCards(
  trx: Db,
  subject: Subject,
  rules: Rule[],
  inForce: RuleSetInForce,
  now: Date,
  extra: { clockId?: string | null; facts?: Record<string, unknown> } = {},
): Promise<string[]> {
  const issued: string[] = [];
  for (const rule of rules) {
    const card = await trx
      .insertInto('supervision_cards')
      .values({
        case_id: subject.caseId,
        subject_type: subject.kind,
        subject_id: subject.id,
        rule_id: rule.id,
        card: rule.card,
        centre_id: subject.centreId,
        department_id: subject.departmentId,
        office_id: subject.officeId,
        clock_id: extra.clockId ?? null,
        rule_set_version: inForce.version,
        issued_at: now,
      })
      .onConflict((oc) => oc.columns(['subject_type', 'subject_id', 'rule_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!card) continue;
    const reason = ruleText(rule, subject);
    await recordSupervisionEvent(trx, subject.caseId, now, 'supervision_card', {
      cardId: card.id,
      card: rule.card,
      ruleId: rule.id,
      reason,
      subjectType: subject.kind,
      subjectId: subject.id,
      step: subject.kind === 'task' ? subject.stepName : null,
      officeId: subject.officeId,
      departmentId: subject.departmentId,
      ...extra.facts,
    });
    await issueNotice(trx, {
      subject,
      reason,
      ruleId: rule.id,
      cardId: card.id,
      set: inForce.set,
      by: SYSTEM_CASE_ACTOR,
      now,
    });
    issued.push(rule.id);
  }
  // Cards are state changes: each one in the action log, appended last (the log's head is a shared lock).
  for (const ruleId of issued) {
    const rule = rules.find((r) => r.id === ruleId)!;
    await appendAction(trx, systemActor('supervision'), now, {
      action: 'supervision.card',
      targetType: subject.kind === 'task' ? 'case_task' : 'case',
      targetId: subject.id,
      payload: { caseId: subject.caseId, ruleId, card: rule.card, ruleSetVersion: inForce.version },
    });
  }
  return issued;
}

/**
 * The clock.crossing timer: refresh the clock's cached light (refreshClock, with the thresholds of the
 * centre's or item's rule set), then give the cards the rules now call for. Only
 * the promised clock of a case and the step clocks of open tasks are supervised.
 */
export async function onClockCrossing(trx: Db, clockId: string, now: Date): Promise<string[]> {
  const pre = await trx
    .selectFrom('clocks')
    .select(['subject_type', 'subject_id'])
    .where('id', '=', clockId)
    .executeTakeFirst();
  if (!pre) return [];
  const subject = await subjectOfClock(trx, pre);
  if (subject) await lockCaseRow(trx, subject.caseId);
  const refreshed = await refreshClock(trx, clockId, now);
  const clock = refreshed.clock;
  if (clock.status === 'stopped') return [];
  const inForce = await ruleSetFor(trx, clock.centre_id, subject?.itemId ?? null);
  const result: ClockResult = refreshed.result;
  if (!subject?.open) return [];
  if (subject.kind === 'case' && clock.purpose !== 'promised') return [];
  const facts: SubjectFacts = { subject: subject.kind === 'task' ? 'step' : 'case', clock: result };
  const fired = firedRules(facts, inForce.set).filter((r) => r.when === 'light' || r.when === 'overdue');
  return issueCards(trx, subject, fired, inForce, now, {
    clockId: clock.id,
    facts: { dueAt: clock.due_at?.toISOString() ?? null, overdueWorkingDays: result.overdueWorkingDays },
  });
}
