// What a clock belongs to (a case or one step's task), and the clock's input for the pure core.
import type { Kysely } from 'kysely';
import type { ClockInput, LimitUnit } from '../../core/clock.ts';
import type { DB } from '../../db/schema.ts';
import { loadCalendar } from '../calendar/calendar.loader.ts';
import type { ClockRow } from '../clock/clock.service.ts';

type Db = Kysely<DB>;

export interface Subject {
  kind: 'case' | 'task';
  /** The case id, or the task id. */
  id: string;
  caseId: string;
  centreId: string;
  departmentId: string;
  itemId: string;
  officeId: string | null;
  /** Open task / open case (accepted, not completed). */
  open: boolean;
  role: string | null;
  stepName: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The subject of a clock: subject_type 'case' (the promised/statutory clocks intake starts) or 'task' (a
 * step clock the engine starts). Anything else is not supervised (null).
 */
export async function subjectOfClock(
  db: Db,
  clock: Pick<ClockRow, 'subject_type' | 'subject_id'>,
): Promise<Subject | null> {
  if (!UUID.test(clock.subject_id)) return null;
  if (clock.subject_type === 'case') return caseSubject(db, clock.subject_id);
  if (clock.subject_type === 'task') return taskSubject(db, clock.subject_id);
  return null;
}

export async function caseSubject(db: Db, caseId: string): Promise<Subject | null> {
  const c = await db
    .selectFrom('cases')
    .select(['id', 'centre_id', 'department_id', 'item_id', 'status', 'current_step'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!c) return null;
  return {
    kind: 'case',
    id: c.id,
    caseId: c.id,
    centreId: c.centre_id,
    departmentId: c.department_id,
    itemId: c.item_id,
    officeId: null,
    open: c.status === 'accepted',
    role: null,
    stepName: c.current_step,
  };
}

export async function taskSubject(db: Db, taskId: string): Promise<Subject | null> {
  const t = await db
    .selectFrom('case_tasks as t')
    .innerJoin('cases as c', 'c.id', 't.case_id')
    .select([
      't.id',
      't.case_id',
      't.status',
      't.role',
      't.step_name',
      't.office_id',
      't.department_id',
      'c.centre_id',
      'c.item_id',
      'c.department_id as case_department_id',
    ])
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  if (!t) return null;
  return {
    kind: 'task',
    id: t.id,
    caseId: t.case_id,
    centreId: t.centre_id,
    departmentId: t.department_id ?? t.case_department_id,
    itemId: t.item_id,
    officeId: t.office_id,
    open: t.status === 'open' || t.status === 'claimed',
    role: t.role,
    stepName: t.step_name,
  };
}

/**
 * Everything src/core/clock.ts needs about a stored clock. (The clock service has the same private
 * function; it stores lights with the default thresholds, this one serves a centre's own rule set.)
 */
export async function loadClockInput(db: Db, clock: ClockRow): Promise<ClockInput> {
  const [centre, suspensions, extensions, calendar] = await Promise.all([
    db
      .selectFrom('centres')
      .select(['time_zone', 'office_open', 'office_close'])
      .where('id', '=', clock.centre_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('clock_suspensions')
      .selectAll()
      .where('clock_id', '=', clock.id)
      .orderBy('started_at')
      .execute(),
    db
      .selectFrom('clock_extensions')
      .selectAll()
      .where('clock_id', '=', clock.id)
      .orderBy('approved_at')
      .execute(),
    loadCalendar(db, clock.centre_id),
  ]);
  return {
    startedAt: clock.started_at,
    limit: { value: clock.limit_value, unit: clock.limit_unit as LimitUnit },
    calendar,
    timeZone: centre.time_zone,
    officeOpen: centre.office_open,
    officeClose: centre.office_close,
    suspensions: suspensions.map((s) => ({
      reason: s.reason,
      startedAt: s.started_at,
      endedAt: s.ended_at ?? undefined,
    })),
    extensions: extensions.map((e) => ({ days: e.days, reason: e.reason, approvedBy: e.approved_by ?? '' })),
  };
}

export const centreOf = (db: Db, centreId: string) =>
  db
    .selectFrom('centres')
    .select(['id', 'time_zone', 'office_open', 'office_close', 'region_code'])
    .where('id', '=', centreId)
    .executeTakeFirstOrThrow();
