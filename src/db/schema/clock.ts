// Table types: calendar layers, clocks and timers (0002, 0005, 0006, 0009). See src/db/schema.ts.
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './common.ts';

export interface CalendarYearsTable {
  year: number;
  days: Json<{ date: string; isOffDay: boolean; name: string }[]>;
  note: Generated<string>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface CalendarLocalDaysTable {
  centre_id: string;
  date: string;
  name: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface CalendarRevisionTable {
  id: number;
  revision: number;
  token: Generated<string>;
}

export interface ClocksTable {
  id: Generated<string>;
  centre_id: string;
  /** The case the clock belongs to; null only on rows written before migration 0016 could set it. */
  case_id: string | null;
  subject_type: string;
  subject_id: string;
  purpose: string;
  started_at: Timestamp;
  limit_value: number;
  limit_unit: 'working_days' | 'natural_days' | 'same_day' | 'working_hours';
  max_extension_days: Generated<number>;
  status: Generated<'running' | 'suspended' | 'stopped'>;
  stopped_at: Timestamp | null;
  due_date: string | null;
  due_at: Timestamp | null;
  beyond_calendar_year: number | null;
  updated_at: Timestamp;
  light: 'green' | 'yellow' | 'red' | 'suspended' | null;
  next_crossing_at: Timestamp | null;
  /** The crossing plan (migration 0020): coming instants, the light from each, its first card, its calendar. */
  plan_at: Date[] | null;
  plan_light: ('green' | 'yellow' | 'red' | null)[] | null;
  plan_cards_at: Timestamp | null;
  plan_token: string | null;
}

export interface ClockSuspensionsTable {
  id: Generated<string>;
  clock_id: string;
  kind: string;
  reason: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  started_by: string | null;
  ended_by: string | null;
}

export interface ClockExtensionsTable {
  id: Generated<string>;
  clock_id: string;
  days: number;
  reason: string;
  approved_by: string | null;
  approved_at: Timestamp;
}

export interface TimersTable {
  id: Generated<string>;
  kind: string;
  key: string;
  due_at: Timestamp;
  payload: ColumnType<unknown, string | undefined, string>;
  locked_until: Timestamp | null;
  locked_by: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  done_at: Timestamp | null;
  created_at: Timestamp;
}
