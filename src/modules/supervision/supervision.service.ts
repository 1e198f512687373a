// Use cases of the supervision desk: notices by hand, replies, cancellations, rule sets, meetings.
import { localDateOf } from '../../core/dates.ts';
import type { RuleSet } from '../../core/supervision.ts';
import type { AppDeps } from '../../server/context.ts';
import { notFound, unprocessable } from '../../shared/errors.ts';
import { changeWithLog } from '../audit/change.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { loadCalendar } from '../calendar/calendar.loader.ts';
import { caseActorOf } from '../cases/case-events.ts';
import { planColumns } from '../clock/clock.plan.ts';
import { lockCaseRow } from './supervision.events.ts';
import { cancelNotice, issueNotice, replyToNotice } from './supervision.notices.ts';
import { readScope, requireCanIssue, requireCanReply, requireCentre } from './supervision.policy.ts';
import { cardsAndNotices, type OverdueFilter, overdueRows } from './supervision.queries.ts';
import { createMeeting } from './supervision.reminders.ts';
import { insertRuleSetVersion, ruleSetFor } from './supervision.rules.ts';
import { caseSubject, taskSubject } from './supervision.subjects.ts';

const need = (text: string, field: string) => {
  if (!text.trim())
    throw unprocessable('reason_required', '必须说明理由。', `A ${field} is required.`, { field });
};

/** A supervisor issues a notice by hand on a case (to its department) or one of its steps (to the office). */
export async function issueManualNotice(
  deps: AppDeps,
  p: Principal,
  body: { caseId: string; taskId?: string; reason: string },
) {
  need(body.reason, 'reason');
  const subject = body.taskId
    ? await taskSubject(deps.db, body.taskId)
    : await caseSubject(deps.db, body.caseId);
  if (!subject || subject.caseId !== body.caseId) throw notFound('Case or step', '办件或环节');
  requireCanIssue(p, subject.centreId);
  return changeWithLog(
    deps,
    actorOf(p),
    async (trx, now) => {
      await lockCaseRow(trx, subject.caseId);
      const { set } = await ruleSetFor(trx, subject.centreId, subject.itemId);
      return issueNotice(trx, {
        subject,
        reason: body.reason.trim(),
        ruleId: null,
        cardId: null,
        set,
        by: caseActorOf(p),
        now,
      });
    },
    (n) => ({
      action: 'supervision.notice.issue',
      targetType: 'supervision_notice',
      targetId: n.id,
      payload: body,
    }),
  );
}

export function replyNotice(
  deps: AppDeps,
  p: Principal,
  id: string,
  body: { reason: string; expectedCompletion: string },
) {
  need(body.reason, 'reason');
  return changeWithLog(
    deps,
    actorOf(p),
    (trx, now) =>
      replyToNotice(trx, id, { ...body, actor: caseActorOf(p), now }, (n) => requireCanReply(p, n)),
    (n) => ({
      action: 'supervision.notice.reply',
      targetType: 'supervision_notice',
      targetId: n.id,
      payload: body,
    }),
  );
}

export function cancelNoticeByHand(deps: AppDeps, p: Principal, id: string, reason: string) {
  need(reason, 'reason');
  return changeWithLog(
    deps,
    actorOf(p),
    (trx, now) =>
      cancelNotice(trx, id, { reason, actor: caseActorOf(p), now }, (n) => requireCanIssue(p, n.centre_id)),
    (n) => ({
      action: 'supervision.notice.cancel',
      targetType: 'supervision_notice',
      targetId: n.id,
      payload: { reason },
    }),
  );
}

/**
 * A new version of a centre's (or item's) rule set. Every open clock of the centre is re-evaluated soon
 * after: their next crossing is made due now (one set-based statement), and the workers' crossing sweep
 * does the rest.
 */
export async function setRuleSet(
  deps: AppDeps,
  p: Principal,
  body: { centreId: string; itemId: string | null; ruleSet: RuleSet; note: string },
) {
  requireCentre(p, body.centreId);
  return changeWithLog(
    deps,
    actorOf(p),
    async (trx, now) => {
      const row = await insertRuleSetVersion(trx, {
        centreId: body.centreId,
        itemId: body.itemId,
        set: body.ruleSet,
        note: body.note,
        by: p.staffId,
        now,
      });
      await trx
        .updateTable('clocks')
        // due now, recomputed by the sweep under the new set: the plans were computed under the old one
        .set({ next_crossing_at: now, ...planColumns(null) })
        .where('centre_id', '=', body.centreId)
        .where('status', '<>', 'stopped')
        .execute();
      return row;
    },
    (row) => ({
      action: 'supervision.rule_set.update',
      targetType: 'supervision_rule_set',
      targetId: row.id,
      payload: { centreId: body.centreId, itemId: body.itemId, version: row.version, note: body.note },
    }),
  );
}

export async function getRuleSet(deps: AppDeps, p: Principal, centreId: string, itemId: string | null) {
  requireCentre(p, centreId);
  return ruleSetFor(deps.db, centreId, itemId);
}

/** 超期报件汇总表: every overdue open case and step, working days overdue, cards and notice status. */
export async function overdueSummary(deps: AppDeps, p: Principal, f: OverdueFilter & { centreId?: string }) {
  const scope = readScope(p, f.centreId);
  const rows = await overdueRows(deps.db, scope, f);
  const { cards, notices } = await cardsAndNotices(deps.db, [...new Set(rows.map((r) => r.caseId))]);
  const today = new Map<string, { date: string; calendar: Awaited<ReturnType<typeof loadCalendar>> }>();
  const now = deps.time.now();
  const out = [];
  for (const r of rows) {
    let c = today.get(r.centreId);
    if (!c) {
      const centre = await deps.db
        .selectFrom('centres')
        .select('time_zone')
        .where('id', '=', r.centreId)
        .executeTakeFirstOrThrow();
      c = { date: localDateOf(now, centre.time_zone), calendar: await loadCalendar(deps.db, r.centreId) };
      today.set(r.centreId, c);
    }
    let daysOverdue = 0;
    try {
      daysOverdue = r.dueDate ? c.calendar.countWorkingDays(r.dueDate, c.date) : 0;
    } catch {
      daysOverdue = 0;
    }
    const n = notices.get(r.caseId);
    out.push({
      ...r,
      dueAt: r.dueAt?.toISOString() ?? null,
      daysOverdue,
      cards: cards.get(r.caseId) ?? { yellow: 0, red: 0 },
      notice: n
        ? {
            status: n.status,
            level: n.level,
            escalations: n.escalations,
            replyDueAt: n.reply_due_at.toISOString(),
          }
        : null,
    });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue);
}

export async function listNotices(
  deps: AppDeps,
  p: Principal,
  q: { status?: 'open' | 'replied' | 'cancelled'; centreId?: string; limit: number },
) {
  const isUnit = !p.roles.some((r) =>
    ['supervisor', 'inspector', 'centre_admin', 'system_admin'].includes(r),
  );
  const scope = isUnit
    ? { centreId: p.centreId, departmentId: p.departmentId ?? '00000000-0000-0000-0000-000000000000' }
    : readScope(p, q.centreId);
  let query = deps.db
    .selectFrom('supervision_notices as n')
    .innerJoin('cases as k', 'k.id', 'n.case_id')
    .selectAll('n')
    .select(['k.case_number'])
    .orderBy('n.issued_at', 'desc')
    .limit(q.limit);
  if (scope.centreId) query = query.where('n.centre_id', '=', scope.centreId);
  if (scope.departmentId) query = query.where('n.department_id', '=', scope.departmentId);
  if (q.status) query = query.where('n.status', '=', q.status);
  return query.execute();
}

export async function scheduleMeeting(
  deps: AppDeps,
  p: Principal,
  body: { centreId?: string; date: string; title: string },
) {
  const centreId = body.centreId ?? p.centreId;
  if (!centreId) throw unprocessable('centre_required', '请指定中心。', 'Name the centre.');
  requireCanIssue(p, centreId);
  return changeWithLog(
    deps,
    actorOf(p),
    (trx, now) => createMeeting(trx, { centreId, date: body.date, title: body.title, by: p.staffId, now }),
    (r) => ({
      action: 'supervision.meeting.create',
      targetType: 'supervision_meeting',
      targetId: r.meeting.id,
      payload: body,
    }),
  );
}
