// Table types for Kysely. They mirror src/db/migrations/*.sql; test/schema.test.ts checks every column
// declared here against the migrated database, so a drift fails the build.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface RegionsTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  path: string;
}

export interface CentresTable {
  id: Generated<string>;
  code: string;
  name: string;
  region_code: string;
  time_zone: Generated<string>;
  office_open: Generated<string>;
  office_close: Generated<string>;
  created_at: Timestamp;
}

export interface DepartmentsTable {
  id: Generated<string>;
  centre_id: string;
  code: string;
  name: string;
  credit_code: string | null;
  created_at: Timestamp;
}

export interface OfficesTable {
  id: Generated<string>;
  department_id: string;
  code: string;
  name: string;
  created_at: Timestamp;
}

export interface ServiceWindowsTable {
  id: Generated<string>;
  centre_id: string;
  number: string;
  name: string;
  department_id: string | null;
  created_at: Timestamp;
}

export interface StaffTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  centre_id: string | null;
  department_id: string | null;
  office_id: string | null;
  active: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  password_changed_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  staff_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  token_hash: string;
  staff_id: string;
  scopes: string[];
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: Timestamp;
  success: boolean;
}

export interface ActionLogTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  actor_roles: string[];
  department_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  payload: Json;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface ActionLogHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: Json;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface FilesTable {
  id: Generated<string>;
  sha256: string;
  size: number;
  media_type: string;
  filename: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface CatalogueItemsTable {
  id: Generated<string>;
  centre_id: string;
  basic_code: string;
  implementation_code: string;
  current_version_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CatalogueItemVersionsTable {
  id: Generated<string>;
  item_id: string;
  centre_id: string;
  version: number;
  status: 'draft' | 'published' | 'superseded' | 'withdrawn';
  name: string;
  item_type: string;
  department_id: string;
  statutory_limit_value: number;
  statutory_limit_unit: string;
  promised_limit_value: number;
  promised_limit_unit: string;
  handling_type: string;
  audiences: string[];
  themes: string[];
  channels: string[];
  is_joint: boolean;
  lead_department_id: string | null;
  result_sample_file_id: string | null;
  process_definition: Json | null;
  document: Json;
  content_hash: string;
  search_text: string;
  search_pinyin: string;
  search_initials: string;
  created_at: Timestamp;
  created_by: string | null;
  published_at: Timestamp | null;
  published_by: string | null;
  ended_at: Timestamp | null;
}

export interface CatalogueMaterialsTable {
  id: Generated<string>;
  version_id: string;
  position: number;
  name: string;
  situations: string[];
  issuer: string;
  originals: number;
  copies: number;
  required: boolean;
  can_defer: boolean;
  form: string;
  source: string;
  blank_form_file_id: string | null;
  sample_file_id: string | null;
  fill_notes: string;
  acceptance_standard: string;
}

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

export interface ApplicantsTable {
  id: Generated<string>;
  kind: 'natural_person' | 'legal_person';
  id_number: string;
  name: string;
  phone: Generated<string>;
  address: Generated<string>;
  legal_representative: Generated<string>;
  credit_restricted: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApplicantAccountsTable {
  id: Generated<string>;
  applicant_id: string;
  password_hash: string;
  active: Generated<boolean>;
  created_at: Timestamp;
  created_by: string | null;
  password_changed_at: Timestamp;
}

export interface ApplicantSessionsTable {
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
}

export interface CasesTable {
  id: Generated<string>;
  centre_id: string;
  item_id: string;
  item_version_id: string;
  department_id: string;
  channel: 'window' | 'online' | 'mobile' | 'post';
  situation: string | null;
  applicant_id: string;
  agent_id: string | null;
  status: 'received' | 'correction_requested' | 'accepted' | 'refused' | 'completed' | 'terminated';
  case_number: string | null;
  query_code: string;
  received_at: Timestamp;
  received_by: string | null;
  filed_by_account: string | null;
  accepted_at: Timestamp | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  completed_at: Timestamp | null;
  terminated_at: Timestamp | null;
  deemed_accepted: Generated<boolean>;
  corrections: Generated<number>;
  deferral_due_at: Timestamp | null;
  promised_clock_id: string | null;
  statutory_clock_id: string | null;
  promised_due_date: string | null;
  current_step: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  process_state: Json | null;
  outcome: 'granted' | 'denied' | null;
  archived_at: Timestamp | null;
  parent_case_id: string | null;
}

export interface CaseMaterialsTable {
  id: Generated<string>;
  case_id: string;
  material_id: string;
  position: number;
  name: string;
  required: boolean;
  can_defer: boolean;
  form: string;
  originals_required: number;
  copies_required: number;
  status: Generated<'pending' | 'ok' | 'missing' | 'defective' | 'mismatch' | 'deferred'>;
  note: Generated<string>;
  originals_received: Generated<number>;
  copies_received: Generated<number>;
  checked_at: Timestamp | null;
  checked_by: string | null;
}

export interface CaseMaterialFilesTable {
  case_material_id: string;
  file_id: string;
  uploaded_at: Timestamp;
  uploaded_by: string;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: string;
  seq: number;
  type: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  actor_kind: 'staff' | 'applicant' | 'system';
  public: boolean;
  payload: Json;
  tx: Generated<string>;
}

export interface CaseNoticesTable {
  id: Generated<string>;
  case_id: string;
  kind:
    | 'acceptance'
    | 'refusal'
    | 'correction'
    | 'deferral'
    | 'special_procedure'
    | 'extension'
    | 'payment'
    | 'grant_decision'
    | 'denial_decision';
  document_number: string;
  issued_at: Timestamp;
  issued_by: string | null;
  content: Json;
  content_hash: string;
}

export interface CaseTasksTable {
  id: Generated<string>;
  case_id: string;
  step_id: string;
  step_name: string;
  assignee: string;
  role: string | null;
  department_id: string | null;
  office_id: string | null;
  status: 'open' | 'claimed' | 'done' | 'cancelled';
  action: string | null;
  opinion: Generated<string>;
  created_at: Timestamp;
  completed_at: Timestamp | null;
  completed_by: string | null;
  kind: string | null;
  assignee_staff_id: string | null;
  agency_id: string | null;
  claimed_by: string | null;
  claimed_at: Timestamp | null;
  delegated_from: string | null;
  acting_for: string | null;
  clock_id: string | null;
  attachment_ids: Generated<string[]>;
  version: Generated<number>;
}

// The approval engine (0007_engine.sql).
export interface AgenciesTable {
  id: Generated<string>;
  centre_id: string;
  code: string;
  name: string;
  created_at: Timestamp;
}

export interface AgencyMembersTable {
  agency_id: string;
  staff_id: string;
}

export interface StaffBackupsTable {
  staff_id: string;
  backup_staff_id: string;
}

export interface StaffAbsencesTable {
  id: Generated<string>;
  staff_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: Generated<string>;
}

export interface SpecialProceduresTable {
  id: Generated<string>;
  case_id: string;
  kind: string;
  reason: string;
  started_at: Timestamp;
  started_by: string | null;
  ended_at: Timestamp | null;
  ended_by: string | null;
  outcome: Generated<string>;
  notice_id: string | null;
}

export interface FeeStandardsTable {
  id: Generated<string>;
  item_id: string;
  code: string;
  name: string;
  kind: 'fixed' | 'per_unit';
  amount_cents: number;
  unit: Generated<string>;
  quantity_field: string | null;
  waivable: Generated<boolean>;
  basis: Generated<string>;
}

export interface CaseFeesTable {
  id: Generated<string>;
  case_id: string;
  standard_id: string | null;
  name: string;
  quantity: ColumnType<string, string | number, string | number>;
  amount_cents: number;
  waived: Generated<boolean>;
  waiver_reason: string | null;
  created_at: Timestamp;
}

export interface CasePaymentsTable {
  case_id: string;
  notice_id: string;
  total_cents: number;
  status: 'unpaid' | 'paid' | 'waived';
  method: 'cash' | 'online' | null;
  reference: string | null;
  paid_at: Timestamp | null;
  recorded_by: string | null;
  waiver_reason: string | null;
  issued_at: Timestamp;
}

export interface CertificatesTable {
  id: Generated<string>;
  case_id: string;
  centre_id: string;
  name: string;
  number: string;
  holder: string;
  department_id: string;
  issue_date: string;
  valid_until: string | null;
  created_at: Timestamp;
  created_by: string | null;
}

export interface CaseDeliveriesTable {
  case_id: string;
  method: 'window' | 'express';
  recipient: string;
  receipt_number: string | null;
  carrier: string | null;
  tracking_number: string | null;
  delivered_at: Timestamp;
  delivered_by: string | null;
}

export interface JointMembersTable {
  bundle_item_id: string;
  item_id: string;
  position: number;
}

export interface NumberCountersTable {
  centre_id: string;
  scope: string;
  period: string;
  value: number;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  request_hash: string;
  status: number;
  response: Json;
  created_at: Timestamp;
}

export interface LookupAttemptsTable {
  id: Generated<number>;
  ip: string;
  at: Timestamp;
  success: boolean;
}

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

export interface DB {
  supervision_rule_sets: SupervisionRuleSetsTable;
  supervision_cards: SupervisionCardsTable;
  supervision_notices: SupervisionNoticesTable;
  supervision_meetings: SupervisionMeetingsTable;
  notifications: NotificationsTable;
  event_consumers: EventConsumersTable;
  stats_daily: StatsDailyTable;
  stats_durations: StatsDurationsTable;
  timers: TimersTable;
  calendar_years: CalendarYearsTable;
  calendar_local_days: CalendarLocalDaysTable;
  calendar_revision: CalendarRevisionTable;
  clocks: ClocksTable;
  clock_suspensions: ClockSuspensionsTable;
  clock_extensions: ClockExtensionsTable;
  regions: RegionsTable;
  centres: CentresTable;
  departments: DepartmentsTable;
  offices: OfficesTable;
  service_windows: ServiceWindowsTable;
  staff: StaffTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  action_log: ActionLogTable;
  action_log_head: ActionLogHeadTable;
  settings: SettingsTable;
  schema_migrations: SchemaMigrationsTable;
  files: FilesTable;
  catalogue_items: CatalogueItemsTable;
  catalogue_item_versions: CatalogueItemVersionsTable;
  catalogue_materials: CatalogueMaterialsTable;
  applicants: ApplicantsTable;
  applicant_accounts: ApplicantAccountsTable;
  applicant_sessions: ApplicantSessionsTable;
  cases: CasesTable;
  case_materials: CaseMaterialsTable;
  case_material_files: CaseMaterialFilesTable;
  case_events: CaseEventsTable;
  case_notices: CaseNoticesTable;
  case_tasks: CaseTasksTable;
  number_counters: NumberCountersTable;
  idempotency_keys: IdempotencyKeysTable;
  lookup_attempts: LookupAttemptsTable;
  agencies: AgenciesTable;
  agency_members: AgencyMembersTable;
  staff_backups: StaffBackupsTable;
  staff_absences: StaffAbsencesTable;
  special_procedures: SpecialProceduresTable;
  fee_standards: FeeStandardsTable;
  case_fees: CaseFeesTable;
  case_payments: CasePaymentsTable;
  certificates: CertificatesTable;
  case_deliveries: CaseDeliveriesTable;
  joint_members: JointMembersTable;
}
