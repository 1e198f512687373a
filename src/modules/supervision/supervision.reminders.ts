// Reminders: to the people of a step N working days before it is due, and the overdue / nearly-due list
// to each office 3 and 1 working days before a joint-review meeting (会审会, seed 000).
import { type Kysely, sql } from 'kysely';
import {
  addDays,
  isoToDayNumber,
  localDateOf,
  parseHhMm,
  zonedDayMinuteToInstant,
} from '../../core/dates.ts';
import { reminderInstants } from '../../core/supervision.ts';
import type { DB } from '../../db/schema.ts';
import { loadCalendar } from '../calendar/calendar.loader.ts';
import { notify, staffOfUnit } from '../notifications/notifications.service.ts';
import { scheduleTimer } from '../scheduler/timers.ts';
import { meetingList } from './supervision.queries.ts';
import { ruleSetFor } from './supervision.rules.ts';

type Db = Kysely<DB>;
export const REMINDERS_TIMER = 'supervision.reminders';
export const MEETING_TIMER = 'supervision.meeting_reminder';
export const MEETING_REMIND_BEFORE = [3, 1];

/** Open steps of a centre whose step clock is due on a date (one indexed lookup per centre, date and N). */
function stepsDueOn(db: Db, centreId: string, dueDate: string) {
  return db
    .selectFrom('clocks as c')
    .innerJoin('case_tasks as t', (j) => j.on(sql<boolean>`t.id = c.subject_id::uuid`))
    .innerJoin('cases as k', 'k.id', 't.case_id')
    .select([
      'c.id as clock_id',
      't.id as task_id',
      't.step_name',
      't.role',
      't.office_id',
      't.department_id',
      't.assignee_staff_id',
      't.claimed_by',
      'k.id as case_id',
      'k.case_number',
      'k.department_id as case_department_id',
    ])
    .where('c.centre_id', '=', centreId)
    .where('c.subject_type', '=', 'task')
    .where('c.status', '=', 'running')
    .where('c.due_date', '=', dueDate)
    .where('t.status', 'in', ['open', 'claimed'])
    .execute();
}

/**
 * Sends the step reminders whose instants (reminderInstants: office opening on the working day N working
 * days before the due date) fall in (since, now], for every centre. Returns the messages written.
 */
export async function sendStepReminders(trx: Db, since: Date, now: Date): Promise<number> {
  let sent = 0;
  const centres = await trx.selectFrom('centres').select(['id', 'time_zone', 'office_open']).execute();
  for (const centre of centres) {
    const { set } = await ruleSetFor(trx, centre.id, null);
    const calendar = await loadCalendar(trx, centre.id);
    const opts = { timeZone: centre.time_zone, officeOpen: centre.office_open, after: since.getTime() };
    const last = localDateOf(now, centre.time_zone);
    for (let day = localDateOf(since, centre.time_zone); day <= last; day = addDays(day, 1)) {
      if (!calendar.isCoveredYear(Number(day.slice(0, 4))) || !calendar.isWorkingDay(day)) continue;
      for (const n of set.remindBeforeWorkingDays) {
        const due = calendar.addWorkingDays(day, n);
        const at = reminderInstants(due, calendar, { remindBeforeWorkingDays: [n] }, opts)[0]?.at;
        if (at === undefined || at > now.getTime()) continue;
        for (const s of await stepsDueOn(trx, centre.id, due)) {
          const person = s.claimed_by ?? s.assignee_staff_id;
          const unit = s.office_id
            ? { level: 'office' as const, officeId: s.office_id, centreId: centre.id }
            : {
                level: 'department' as const,
                departmentId: s.department_id ?? s.case_department_id,
                centreId: centre.id,
              };
          sent += await notify(
            trx,
            person ? [person] : await staffOfUnit(trx, unit, s.role),
            {
              kind: 'supervision.reminder',
              title: `办理提醒：「${s.step_name}」还有 ${n} 个工作日到期`,
              body: `办件 ${s.case_number ?? ''} 的「${s.step_name}」环节将于 ${due} 到期，请抓紧办理。`,
              payload: { caseId: s.case_id, taskId: s.task_id, dueDate: due, beforeWorkingDays: n },
              dedupeKey: `reminder:${s.clock_id}:${n}:${due}`,
            },
            now,
          );
        }
      }
    }
  }
  return sent;
}

/** The next office opening (in any centre's zone) after `now`: when the reminder timer runs again. */
export async function nextReminderRun(db: Db, now: Date): Promise<Date> {
  const centres = await db.selectFrom('centres').select(['time_zone', 'office_open']).execute();
  let next = now.getTime() + 86_400_000;
  for (const c of centres.length ? centres : [{ time_zone: 'Asia/Shanghai', office_open: '08:30' }]) {
    const today = isoToDayNumber(localDateOf(now, c.time_zone));
    for (const d of [today, today + 1]) {
      const at = zonedDayMinuteToInstant(d, parseHhMm(c.office_open), c.time_zone);
      if (at > now.getTime()) {
        next = Math.min(next, at);
        break;
      }
    }
  }
  return new Date(next);
}

/** Records a joint-review meeting and schedules its two list reminders. */
export async function createMeeting(
  trx: Db,
  m: { centreId: string; date: string; title: string; by: string | null; now: Date },
) {
  const meeting = await trx
    .insertInto('supervision_meetings')
    .values({
      centre_id: m.centreId,
      meeting_date: m.date,
      title: m.title,
      created_at: m.now,
      created_by: m.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const centre = await trx
    .selectFrom('centres')
    .select(['time_zone', 'office_open'])
    .where('id', '=', m.centreId)
    .executeTakeFirstOrThrow();
  const calendar = await loadCalendar(trx, m.centreId);
  const instants = reminderInstants(
    m.date,
    calendar,
    { remindBeforeWorkingDays: MEETING_REMIND_BEFORE },
    { timeZone: centre.time_zone, officeOpen: centre.office_open, after: m.now },
  );
  for (const r of instants)
    await scheduleTimer(trx, {
      kind: MEETING_TIMER,
      key: `${meeting.id}:${r.beforeWorkingDays}`,
      dueAt: new Date(r.at),
      payload: { meetingId: meeting.id, beforeWorkingDays: r.beforeWorkingDays },
      now: m.now,
    });
  return { meeting, reminders: instants };
}

/** The meeting timer: each office gets its own overdue and nearly-due list; supervisors get the whole. */
export async function sendMeetingLists(trx: Db, meetingId: string, n: number, now: Date): Promise<number> {
  const meeting = await trx
    .selectFrom('supervision_meetings')
    .selectAll()
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!meeting) return 0;
  const list = await meetingList(trx, { centreId: meeting.centre_id }, meeting.meeting_date, now);
  let sent = 0;
  const title = `会审会（${meeting.meeting_date}）前 ${n} 个工作日：超期及临近到期办件清单`;
  for (const group of list) {
    const unit = group.officeId
      ? { level: 'office' as const, officeId: group.officeId, centreId: meeting.centre_id }
      : { level: 'department' as const, departmentId: group.departmentId, centreId: meeting.centre_id };
    const lines = group.items.map(
      (i) =>
        `${i.caseNumber ?? ''} ${i.itemName}「${i.stepName}」${i.overdue ? '已超期' : `${i.dueDate} 到期`}`,
    );
    sent += await notify(
      trx,
      await staffOfUnit(trx, unit),
      {
        kind: 'supervision.meeting_list',
        title,
        body: lines.join('\n'),
        payload: { meetingId, officeId: group.officeId, items: group.items.map((i) => i.taskId) },
        dedupeKey: `meeting:${meetingId}:${n}:${group.officeId ?? group.departmentId}`,
      },
      now,
    );
  }
  const supervisors = await staffOfUnit(trx, { level: 'centre', centreId: meeting.centre_id });
  sent += await notify(
    trx,
    supervisors,
    {
      kind: 'supervision.meeting_list',
      title,
      body: list.map((g) => `${g.officeName ?? g.departmentName}：${g.items.length} 件`).join('\n'),
      payload: { meetingId, offices: list.length },
      dedupeKey: `meeting:${meetingId}:${n}:centre`,
    },
    now,
  );
  return sent;
}
