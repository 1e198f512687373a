// 督办单: issue (from a card or by a supervisor), escalate when unanswered, reply, cancel.
import type { Kysely, Selectable } from 'kysely';
import type { WorkingCalendar } from '../../core/calendar.ts';
import { localDateOf, localMinuteOf } from '../../core/dates.ts';
import { nextEscalationLevel, type RuleSet, replyDueAt } from '../../core/supervision.ts';
import type { DB, SupervisionNoticesTable } from '../../db/schema.ts';
import { conflict, notFound } from '../../shared/errors.ts';
import { loadCalendar } from '../calendar/calendar.loader.ts';
import type { CaseActor } from '../cases/case-events.ts';
import { type Message, notify, staffOfUnit, type Unit } from '../notifications/notifications.service.ts';
import { cancelTimer, scheduleTimer } from '../scheduler/timers.ts';
import { lockCaseRow, recordSupervisionEvent } from './supervision.events.ts';
import { ruleSetFor } from './supervision.rules.ts';
import { centreOf, type Subject } from './supervision.subjects.ts';

type Db = Kysely<DB>;
export type NoticeRow = Selectable<SupervisionNoticesTable>;
export type Level = NoticeRow['level'];
export const ESCALATION_TIMER = 'supervision.notice_escalation';

const LEVEL_LABEL: Record<Level, string> = { office: '处室', department: '部门', centre: '中心' };

/** The first level of the escalation chain that can address the subject (a task without an office skips it). */
export function firstLevel(subject: Pick<Subject, 'kind' | 'officeId'>, set: RuleSet): Level {
  const chain = set.escalation.length ? set.escalation : (['department'] as Level[]);
  for (const level of chain) {
    if (level === 'office' && (subject.kind !== 'task' || !subject.officeId)) continue;
    return level;
  }
  return chain.at(-1)!;
}

/** A notice's reply deadline: N working days after `from` in the centre's calendar, at its office close. */
export function replyDueFor(
  from: Date,
  calendar: WorkingCalendar,
  set: RuleSet,
  centre: { time_zone: string; office_close: string },
): Date {
  return new Date(
    replyDueAt(from, calendar, set, { timeZone: centre.time_zone, officeClose: centre.office_close }),
  );
}

async function replyDue(db: Db, centreId: string, from: Date, set: RuleSet) {
  const centre = await centreOf(db, centreId);
  const calendar = await loadCalendar(db, centreId);
  return { dueAt: replyDueFor(from, calendar, set, centre), timeZone: centre.time_zone };
}

/** Local date and time of an instant, 'YYYY-MM-DD HH:mm', as a person in `timeZone` reads a deadline. */
export function localDateTime(instant: Date, timeZone: string): string {
  const minute = localMinuteOf(instant, timeZone);
  const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return `${localDateOf(instant, timeZone)} ${hhmm}`;
}

/** The title of the message of a notice just issued at `level`. */
export const issuedTitle = (level: Level) => `督办单：请回复（${LEVEL_LABEL[level]}）`;

/** The unit a notice is addressed to at its level. */
export const noticeUnit = (
  n: Pick<NoticeRow, 'level' | 'office_id' | 'department_id' | 'centre_id'>,
): Unit => ({ level: n.level, officeId: n.office_id, departmentId: n.department_id, centreId: n.centre_id });

/**
 * The in-app message of a notice at its current level, the reply deadline in the centre's local time: the
 * same words whether the notice was issued alone or in a batch (one message per notice and level).
 */
export function noticeMessage(
  n: Pick<NoticeRow, 'id' | 'case_id' | 'level' | 'reason' | 'reply_due_at' | 'escalations'>,
  title: string,
  caseNumber: string | null,
  timeZone: string,
): Message {
  return {
    kind: 'supervision.notice',
    title,
    body: `${caseNumber ?? ''} ${n.reason}（请于 ${localDateTime(n.reply_due_at, timeZone)} 前回复）`.trim(),
    payload: { noticeId: n.id, caseId: n.case_id, level: n.level },
    dedupeKey: `notice:${n.id}:${n.escalations}`,
  };
}

async function tell(
  trx: Db,
  n: NoticeRow,
  title: string,
  now: Date,
  caseNumber: string | null,
  timeZone: string,
) {
  const recipients = await staffOfUnit(trx, noticeUnit(n));
  await notify(trx, recipients, noticeMessage(n, title, caseNumber, timeZone), now);
}

/** The payload of a notice's supervision_notice_issued event. */
export const noticeIssuedPayload = (
  n: Pick<NoticeRow, 'id' | 'rule_id' | 'level' | 'office_id' | 'department_id' | 'reason' | 'reply_due_at'>,
) => ({
  noticeId: n.id,
  ruleId: n.rule_id,
  level: n.level,
  officeId: n.office_id,
  departmentId: n.department_id,
  reason: n.reason,
  replyDueAt: n.reply_due_at.toISOString(),
});

const caseNumberOf = async (db: Db, caseId: string) =>
  (await db.selectFrom('cases').select('case_number').where('id', '=', caseId).executeTakeFirst())
    ?.case_number ?? null;

export interface IssueNotice {
  subject: Subject;
  reason: string;
  ruleId: string | null;
  cardId: string | null;
  set: RuleSet;
  by: CaseActor;
  now: Date;
}

/** Issues a notice inside the caller's transaction (which holds the case lock) and schedules its escalation. */
export async function issueNotice(trx: Db, i: IssueNotice): Promise<NoticeRow> {
  const level = firstLevel(i.subject, i.set);
  const due = await replyDue(trx, i.subject.centreId, i.now, i.set);
  const notice = await trx
    .insertInto('supervision_notices')
    .values({
      case_id: i.subject.caseId,
      card_id: i.cardId,
      subject_type: i.subject.kind,
      subject_id: i.subject.id,
      rule_id: i.ruleId,
      centre_id: i.subject.centreId,
      level,
      department_id: i.subject.departmentId,
      office_id: i.subject.officeId,
      reason: i.reason,
      status: 'open',
      issued_at: i.now,
      issued_by: i.by.kind === 'staff' ? i.by.id : null,
      reply_due_at: due.dueAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordSupervisionEvent(
    trx,
    i.subject.caseId,
    i.now,
    'supervision_notice_issued',
    noticeIssuedPayload(notice),
    i.by,
  );
  await scheduleTimer(trx, {
    kind: ESCALATION_TIMER,
    key: notice.id,
    dueAt: notice.reply_due_at,
    now: i.now,
  });
  await tell(trx, notice, issuedTitle(level), i.now, await caseNumberOf(trx, notice.case_id), due.timeZone);
  return notice;
}

const lockNotice = (trx: Db, id: string) =>
  trx.selectFrom('supervision_notices').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** The escalation timer: an unanswered notice moves up one level, with a new reply deadline. */
export async function escalateNotice(trx: Db, noticeId: string, now: Date): Promise<NoticeRow | null> {
  const pre = await trx
    .selectFrom('supervision_notices')
    .select(['case_id'])
    .where('id', '=', noticeId)
    .executeTakeFirst();
  if (!pre) return null;
  await lockCaseRow(trx, pre.case_id);
  const n = await lockNotice(trx, noticeId);
  if (n?.status !== 'open') return null;
  const itemId = (
    await trx.selectFrom('cases').select('item_id').where('id', '=', n.case_id).executeTakeFirst()
  )?.item_id;
  const { set } = await ruleSetFor(trx, n.centre_id, itemId ?? null);
  const next = nextEscalationLevel(n.level, set);
  if (!next) return null; // at the top: stays open (and late) until answered
  const due = await replyDue(trx, n.centre_id, now, set);
  const updated = await trx
    .updateTable('supervision_notices')
    .set({
      level: next,
      escalations: n.escalations + 1,
      reply_due_at: due.dueAt,
    })
    .where('id', '=', n.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordSupervisionEvent(trx, n.case_id, now, 'supervision_notice_escalated', {
    noticeId: n.id,
    from: n.level,
    to: next,
    escalations: updated.escalations,
    officeId: n.office_id,
    departmentId: n.department_id,
    replyDueAt: updated.reply_due_at.toISOString(),
  });
  await scheduleTimer(trx, { kind: ESCALATION_TIMER, key: n.id, dueAt: updated.reply_due_at, now });
  await tell(
    trx,
    updated,
    `督办单逾期未回复，已升级至${LEVEL_LABEL[next]}`,
    now,
    await caseNumberOf(trx, n.case_id),
    due.timeZone,
  );
  return updated;
}

export async function replyToNotice(
  trx: Db,
  noticeId: string,
  r: { reason: string; expectedCompletion: string; actor: CaseActor; now: Date },
  check: (n: NoticeRow) => void,
): Promise<NoticeRow> {
  const n = await openNotice(trx, noticeId, check);
  const late = n.escalations > 0 || r.now > n.reply_due_at;
  const updated = await trx
    .updateTable('supervision_notices')
    .set({
      status: 'replied',
      replied_at: r.now,
      replied_by: r.actor.id,
      reply_reason: r.reason,
      expected_completion: r.expectedCompletion,
      replied_late: late,
    })
    .where('id', '=', n.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordSupervisionEvent(
    trx,
    n.case_id,
    r.now,
    'supervision_notice_replied',
    {
      noticeId: n.id,
      reason: r.reason,
      expectedCompletion: r.expectedCompletion,
      late,
      officeId: n.office_id,
      departmentId: n.department_id,
    },
    r.actor,
  );
  await cancelTimer(trx, ESCALATION_TIMER, n.id, r.now);
  return updated;
}

export async function cancelNotice(
  trx: Db,
  noticeId: string,
  r: { reason: string; actor: CaseActor; now: Date },
  check: (n: NoticeRow) => void,
): Promise<NoticeRow> {
  const n = await openNotice(trx, noticeId, check);
  const updated = await trx
    .updateTable('supervision_notices')
    .set({ status: 'cancelled', cancelled_at: r.now, cancelled_by: r.actor.id, cancel_reason: r.reason })
    .where('id', '=', n.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordSupervisionEvent(
    trx,
    n.case_id,
    r.now,
    'supervision_notice_cancelled',
    { noticeId: n.id, reason: r.reason, officeId: n.office_id, departmentId: n.department_id },
    r.actor,
  );
  await cancelTimer(trx, ESCALATION_TIMER, n.id, r.now);
  return updated;
}

/** Locks an open notice (case first), after the caller's scope check; 404 / 409 otherwise. */
async function openNotice(trx: Db, id: string, check: (n: NoticeRow) => void): Promise<NoticeRow> {
  const pre = await trx.selectFrom('supervision_notices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!pre) throw notFound('Supervision notice', '督办单');
  check(pre);
  await lockCaseRow(trx, pre.case_id);
  const n = await lockNotice(trx, id);
  if (n?.status !== 'open')
    throw conflict(
      'notice_not_open',
      '该督办单已回复或已撤销。',
      'The notice has been answered or cancelled.',
    );
  return n;
}
