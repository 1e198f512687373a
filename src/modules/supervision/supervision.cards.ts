// Threshold crossings → lights → rules → cards (黄牌/红牌) → supervision notices.
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { WorkingCalendar } from '../../core/calendar.ts';
import type { ClockResult } from '../../core/clock.ts';
import { firedRules, type Rule, type RuleSet, type SubjectFacts } from '../../core/supervision.ts';
import type { DB } from '../../db/schema.ts';
import { type ActionInput, appendAction, appendActions, systemActor } from '../audit/audit.log.ts';
import { loadCalendar } from '../calendar/calendar.loader.ts';
import { SYSTEM_CASE_ACTOR } from '../cases/case-events.ts';
import { insertEvents } from '../cases/cases.queries.ts';
import { refreshClock } from '../clock/clock.service.ts';
import { notifyUnits } from '../notifications/notifications.service.ts';
import { lockCaseRow, recordSupervisionEvent, supervisionEventRow } from './supervision.events.ts';
import {
  ESCALATION_TIMER,
  firstLevel,
  issuedTitle,
  issueNotice,
  noticeIssuedPayload,
  noticeMessage,
  noticeUnit,
  replyDueFor,
} from './supervision.notices.ts';
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

/** The payload of a card's supervision_card event: the card, the rule's reason, the subject and the facts. */
function cardEventPayload(
  subject: Subject,
  rule: Rule,
  cardId: string,
  reason: string,
  facts: Record<string, unknown> | undefined,
) {
  return {
    cardId,
    card: rule.card,
    ruleId: rule.id,
    reason,
    subjectType: subject.kind,
    subjectId: subject.id,
    step: subject.kind === 'task' ? subject.stepName : null,
    officeId: subject.officeId,
    departmentId: subject.departmentId,
    ...facts,
  };
}

/** The action-log entry of a new card. */
const cardAction = (subject: Subject, rule: Rule, inForce: RuleSetInForce): ActionInput => ({
  action: 'supervision.card',
  targetType: subject.kind === 'task' ? 'case_task' : 'case',
  targetId: subject.id,
  payload: { caseId: subject.caseId, ruleId: rule.id, card: rule.card, ruleSetVersion: inForce.version },
});

/** The supervision_cards row of a rule's card for a subject (without its issue time). */
const cardRow = (subject: Subject, rule: Rule, inForce: RuleSetInForce, clockId: string | null) => ({
  case_id: subject.caseId,
  subject_type: subject.kind,
  subject_id: subject.id,
  rule_id: rule.id,
  card: rule.card,
  centre_id: subject.centreId,
  department_id: subject.departmentId,
  office_id: subject.officeId,
  clock_id: clockId,
  rule_set_version: inForce.version,
});

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
  const issued: Rule[] = [];
  for (const rule of rules) {
    const card = await trx
      .insertInto('supervision_cards')
      .values({ ...cardRow(subject, rule, inForce, extra.clockId ?? null), issued_at: now })
      .onConflict((oc) => oc.columns(['subject_type', 'subject_id', 'rule_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!card) continue;
    const reason = ruleText(rule, subject);
    await recordSupervisionEvent(
      trx,
      subject.caseId,
      now,
      'supervision_card',
      cardEventPayload(subject, rule, card.id, reason, extra.facts),
    );
    await issueNotice(trx, {
      subject,
      reason,
      ruleId: rule.id,
      cardId: card.id,
      set: inForce.set,
      by: SYSTEM_CASE_ACTOR,
      now,
    });
    issued.push(rule);
  }
  // Cards are state changes: each one in the action log, appended last (the log's head is a shared lock).
  for (const rule of issued)
    await appendAction(trx, systemActor('supervision'), now, cardAction(subject, rule, inForce));
  return issued.map((r) => r.id);
}

/** The cards one subject should get: what issueCards takes, as one element of a batch. */
export interface CardWant {
  subject: Subject;
  rules: Rule[];
  inForce: RuleSetInForce;
  clockId: string | null;
  facts: Record<string, unknown>;
}

const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;
const cardKey = (subjectType: string, subjectId: string, ruleId: string) =>
  `${subjectType}:${subjectId.toLowerCase()}:${ruleId}`;

/**
 * issueCards for many subjects in a fixed number of statements, whatever the batch's size (the batched
 * crossings give thousands of cards a tick; one by one each costs a dozen round trips). The same effects
 * as calling issueCards for each want in order: the cards (ON CONFLICT DO NOTHING, so racing workers
 * still give each card once; a subject and rule wanted twice goes to the first want), and for each new
 * card its two history events with the case's next seqs, its notice with the reply deadline of the
 * centre's calendar, the escalation timer, the inbox messages and the action-log entry. The caller holds
 * the row locks of the wants' cases. Returns how many cards were new.
 */
export async function issueCardsBatch(trx: Db, wants: readonly CardWant[], now: Date): Promise<number> {
  const candidates: Array<{ want: CardWant; rule: Rule }> = [];
  const seen = new Set<string>();
  for (const want of wants)
    for (const rule of want.rules) {
      const key = cardKey(want.subject.kind, want.subject.id, rule.id);
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push({ want, rule });
    }
  if (!candidates.length) return 0;

  const { rows: inserted } = await sql<{
    id: string;
    subject_type: string;
    subject_id: string;
    rule_id: string;
    case_number: string | null;
  }>`
    INSERT INTO supervision_cards (case_id, subject_type, subject_id, rule_id, card, centre_id, department_id,
                                   office_id, clock_id, rule_set_version, issued_at)
    SELECT x.case_id, x.subject_type, x.subject_id, x.rule_id, x.card, x.centre_id, x.department_id, x.office_id,
           x.clock_id, x.rule_set_version, ${now}::timestamptz
    FROM jsonb_to_recordset(${json(
      candidates.map(({ want: { subject, clockId, inForce }, rule }, ord) => ({
        ord,
        ...cardRow(subject, rule, inForce, clockId),
      })),
    )}) AS x(ord int, case_id uuid, subject_type text, subject_id uuid, rule_id text, card text, centre_id uuid,
             department_id uuid, office_id uuid, clock_id uuid, rule_set_version int)
    ORDER BY x.ord
    ON CONFLICT (subject_type, subject_id, rule_id) DO NOTHING
    RETURNING id, subject_type, subject_id, rule_id,
              (SELECT k.case_number FROM cases k WHERE k.id = supervision_cards.case_id) AS case_number`.execute(
    trx,
  );
  if (!inserted.length) return 0;
  const byKey = new Map(inserted.map((c) => [cardKey(c.subject_type, c.subject_id, c.rule_id), c]));

  // Each centre's row and calendar once for the whole batch.
  const centreIds = [...new Set(candidates.map((c) => c.want.subject.centreId))];
  const centres = new Map(
    (
      await trx
        .selectFrom('centres')
        .select(['id', 'time_zone', 'office_close'])
        .where('id', 'in', centreIds)
        .execute()
    ).map((c) => [c.id, c]),
  );
  const calendars = new Map<string, WorkingCalendar>();
  for (const id of centreIds) calendars.set(id, await loadCalendar(trx, id));
  // Every notice of the batch is issued now: one deadline per centre and reply time.
  const deadlines = new Map<string, Date>();
  const replyDue = (centre: { id: string; time_zone: string; office_close: string }, set: RuleSet) => {
    const key = `${centre.id}:${set.replyWithinWorkingDays}`;
    let due = deadlines.get(key);
    if (!due) {
      due = replyDueFor(now, calendars.get(centre.id)!, set, centre);
      deadlines.set(key, due);
    }
    return due;
  };

  const fresh = candidates.flatMap(({ want, rule }) => {
    const card = byKey.get(cardKey(want.subject.kind, want.subject.id, rule.id));
    if (!card) return [];
    const { subject, inForce } = want;
    const centre = centres.get(subject.centreId);
    if (!centre) throw new Error(`centre ${subject.centreId} of case ${subject.caseId} not found`);
    const notice = {
      id: randomUUID(),
      case_id: subject.caseId,
      card_id: card.id,
      subject_type: subject.kind,
      subject_id: subject.id,
      rule_id: rule.id,
      centre_id: subject.centreId,
      level: firstLevel(subject, inForce.set),
      department_id: subject.departmentId,
      office_id: subject.officeId,
      reason: ruleText(rule, subject),
      reply_due_at: replyDue(centre, inForce.set),
      escalations: 0,
    };
    return [{ want, rule, card, notice, timeZone: centre.time_zone }];
  });

  await insertEvents(
    trx,
    fresh.flatMap(({ want, rule, card, notice }) => [
      supervisionEventRow(
        notice.case_id,
        now,
        'supervision_card',
        cardEventPayload(want.subject, rule, card.id, notice.reason, want.facts),
      ),
      supervisionEventRow(notice.case_id, now, 'supervision_notice_issued', noticeIssuedPayload(notice)),
    ]),
  );
  // The notices and their escalation timers (scheduleTimer's upsert), in one statement.
  await sql`
    WITH n AS (
      INSERT INTO supervision_notices (id, case_id, card_id, subject_type, subject_id, rule_id, centre_id, level,
                                       department_id, office_id, reason, status, issued_at, issued_by, reply_due_at)
      SELECT x.id, x.case_id, x.card_id, x.subject_type, x.subject_id, x.rule_id, x.centre_id, x.level,
             x.department_id, x.office_id, x.reason, 'open', ${now}::timestamptz, NULL, x.reply_due_at
      FROM jsonb_to_recordset(${json(fresh.map((f, ord) => ({ ord, ...f.notice })))})
        AS x(ord int, id uuid, case_id uuid, card_id uuid, subject_type text, subject_id uuid, rule_id text,
             centre_id uuid, level text, department_id uuid, office_id uuid, reason text, reply_due_at timestamptz)
      ORDER BY x.ord
      RETURNING id, reply_due_at)
    INSERT INTO timers (kind, key, due_at, payload, created_at)
    SELECT ${ESCALATION_TIMER}, n.id::text, n.reply_due_at, '{}', ${now}::timestamptz FROM n
    ON CONFLICT (kind, key) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload, done_at = NULL,
      attempts = 0, last_error = NULL, locked_until = NULL, locked_by = NULL`.execute(trx);
  await notifyUnits(
    trx,
    fresh.map(({ notice, card, timeZone }) => ({
      unit: noticeUnit(notice),
      message: noticeMessage(notice, issuedTitle(notice.level), card.case_number, timeZone),
    })),
    now,
  );
  await appendActions(
    trx,
    systemActor('supervision'),
    now,
    fresh.map(({ want, rule }) => cardAction(want.subject, rule, want.inForce)),
  );
  return fresh.length;
}

/**
 * One threshold crossing (the crossing sweep's one-by-one path): refresh the clock's cached light and next
 * crossing (refreshClock, with the thresholds of the centre's or item's rule set), then give the cards the
 * rules now call for. Only the promised clock of a case and the step clocks of open tasks are supervised.
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
