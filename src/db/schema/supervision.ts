// Table types: supervision, notifications and statistics (0008). See src/db/schema.ts.
import type { Generated } from 'kysely';
import type { Json, Timestamp } from './common.ts';

export interface SupervisionRuleSetsTable {
  id: Generated<string>;
  centre_id: string;
  item_id: string | null;
  version: number;
  rule_set: Json;
  note: Generated<string>;
  created_at: Timestamp;
  created_by: string | null;
}

export interface SupervisionCardsTable {
  id: Generated<string>;
  case_id: string;
  subject_type: 'case' | 'task';
  subject_id: string;
  rule_id: string;
  card: 'yellow' | 'red';
  centre_id: string;
  department_id: string;
  office_id: string | null;
  clock_id: string | null;
  rule_set_version: number;
  issued_at: Timestamp;
}

export interface SupervisionNoticesTable {
  id: Generated<string>;
  case_id: string;
  card_id: string | null;
  subject_type: 'case' | 'task';
  subject_id: string;
  rule_id: string | null;
  centre_id: string;
  level: 'office' | 'department' | 'centre';
  department_id: string | null;
  office_id: string | null;
  reason: string;
  status: 'open' | 'replied' | 'cancelled';
  issued_at: Timestamp;
  issued_by: string | null;
  reply_due_at: Timestamp;
  escalations: Generated<number>;
  replied_at: Timestamp | null;
  replied_by: string | null;
  reply_reason: string | null;
  expected_completion: string | null;
  replied_late: boolean | null;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

export interface SupervisionMeetingsTable {
  id: Generated<string>;
  centre_id: string;
  meeting_date: string;
  title: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  recipient_id: string;
  channel: 'in_app' | 'sms' | 'email';
  kind: string;
  title: string;
  body: string;
  payload: Json;
  dedupe_key: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
  read_at: Timestamp | null;
}

/** What each counted open clock was counted as (migration 0011). */
export interface SupervisionLightMembersTable {
  clock_id: string;
  centre_id: string;
  subject: 'case' | 'task';
  department_id: string;
  office_id: string | null;
  item_id: string;
  light: 'green' | 'yellow' | 'red' | 'suspended';
}

/** Open cases and steps by cached light per centre, department, office and item: signed differences, added up by readers. */
export interface SupervisionLightCountsTable {
  id: Generated<number>;
  centre_id: string;
  subject: 'case' | 'task';
  department_id: string;
  office_id: string | null;
  item_id: string;
  light: 'green' | 'yellow' | 'red' | 'suspended';
  n: number;
}

export interface EventConsumersTable {
  name: string;
  tx: Generated<string>;
  event_id: Generated<number>;
  processed: Generated<number>;
  updated_at: Timestamp | null;
}

/** The counters of stats_daily (every one defaults to 0). */
export const STATS_COUNTERS = [
  'received',
  'accepted',
  'refused',
  'corrected',
  'deferred',
  'terminated',
  'completed',
  'on_time',
  'early',
  'overdue',
  'work_days',
  'visits',
  'returns',
  'cards_yellow',
  'cards_red',
  'notices',
  'notices_late',
] as const;

export type StatsCounter = (typeof STATS_COUNTERS)[number];

interface StatsKeyColumns {
  day: string;
  centre_id: string;
  department_id: string;
  item_id: string;
  office_id: string;
  staff_id: string;
}

export type StatsDailyTable = StatsKeyColumns & { [K in StatsCounter]: Generated<number> };

export interface StatsDurationsTable extends StatsKeyColumns {
  working_days: number;
  n: Generated<number>;
}
