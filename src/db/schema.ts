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
}

export interface CaseNoticesTable {
  id: Generated<string>;
  case_id: string;
  kind: 'acceptance' | 'refusal' | 'correction' | 'deferral';
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
  status: 'open' | 'done' | 'cancelled';
  action: string | null;
  opinion: Generated<string>;
  created_at: Timestamp;
  completed_at: Timestamp | null;
  completed_by: string | null;
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

export interface DB {
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
}
