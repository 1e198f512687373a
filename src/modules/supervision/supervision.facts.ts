// Intake facts read from the case history: a refusal without reasons, a correction notice given late.
import type { Kysely } from 'kysely';
import type { ClockComputed } from '../../core/clock.ts';
import { localDateOf } from '../../core/dates.ts';
import { firedRules, type SubjectFacts } from '../../core/supervision.ts';
import type { DB } from '../../db/schema.ts';
import { loadCalendar } from '../calendar/calendar.loader.ts';
import { type ConsumedEvent, consumeEvents } from '../stats/event-consumer.ts';
import { type CardWant, issueCardsBatch } from './supervision.cards.ts';
import { lockCaseRow } from './supervision.events.ts';
import { ruleSetFor } from './supervision.rules.ts';
import { caseSubject, centreOf } from './supervision.subjects.ts';

type Db = Kysely<DB>;
export const FACTS_CONSUMER = 'supervision.facts';

const hasReasons = (payload: unknown) => {
  const reasons = (payload as { reasons?: unknown } | null)?.reasons;
  if (Array.isArray(reasons)) return reasons.some((r) => String(r ?? '').trim() !== '');
  return typeof reasons === 'string' && reasons.trim() !== '';
};

/** The clock-less facts of one event, or null when the event says nothing a rule watches. */
async function factsOf(trx: Db, e: ConsumedEvent): Promise<Partial<SubjectFacts> | null> {
  if (e.type === 'refused') return hasReasons(e.payload) ? null : { refusedWithoutReasons: true };
  if (e.type !== 'correction_requested') return null;
  const c = await trx
    .selectFrom('cases')
    .select(['centre_id', 'received_at'])
    .where('id', '=', e.case_id)
    .executeTakeFirst();
  if (!c) return null;
  const centre = await centreOf(trx, c.centre_id);
  const calendar = await loadCalendar(trx, c.centre_id);
  try {
    const days = calendar.countWorkingDays(
      localDateOf(c.received_at, centre.time_zone),
      localDateOf(e.at, centre.time_zone),
    );
    return { correctionNoticeWorkingDays: days };
  } catch {
    return null; // outside the configured calendar: the intake already flags it
  }
}

/** Rules of the intake facts need no clock; a neutral one keeps the light rules from firing. */
const NO_CLOCK: ClockComputed = {
  startDate: '1970-01-01',
  extendedWorkingDays: 0,
  suspended: false,
  baseDueDate: '9999-12-31',
  dueDate: '9999-12-31',
  dueAt: Number.MAX_SAFE_INTEGER,
  usedWorkingDays: 0,
  remainingWorkingDays: 999,
  overdue: false,
  overdueWorkingDays: 0,
  suspendedWorkingDays: 0,
};

/**
 * One batch of the facts consumer: cards for the intake facts among the next events. The rules are read
 * event by event; the cards of the whole batch are given together (issueCardsBatch, a fixed number of
 * statements), with the batch's cases locked first in id order, the order the crossing sweep locks them.
 */
export async function consumeIntakeFacts(trx: Db, now: Date, limit = 500): Promise<number> {
  return consumeEvents(
    trx,
    FACTS_CONSUMER,
    limit,
    async (events) => {
      const wants: CardWant[] = [];
      for (const e of events) {
        const facts = await factsOf(trx, e);
        if (!facts) continue;
        const subject = await caseSubject(trx, e.case_id);
        if (!subject) continue;
        const inForce = await ruleSetFor(trx, subject.centreId, subject.itemId);
        const rules = firedRules({ subject: 'case', clock: NO_CLOCK, ...facts }, inForce.set).filter(
          (r) => r.when === 'refused_without_reasons' || r.when === 'late_correction_notice',
        );
        if (rules.length)
          wants.push({ subject, rules, inForce, clockId: null, facts: { eventId: e.id, ...facts } });
      }
      for (const caseId of [...new Set(wants.map((w) => w.subject.caseId))].sort())
        await lockCaseRow(trx, caseId);
      await issueCardsBatch(trx, wants, now);
    },
    now,
  );
}
