// Table types for Kysely, one file per area under src/db/schema/. They mirror src/db/migrations/*.sql;
// test/migrations.test.ts checks every declared column against the migrated database, so a drift fails.

import type {
  ApplicantAccountsTable,
  ApplicantSessionsTable,
  ApplicantsTable,
  CaseEventsTable,
  CaseMaterialFilesTable,
  CaseMaterialsTable,
  CaseNoticesTable,
  CasesTable,
  CaseTasksTable,
  IdempotencyKeysTable,
  LookupAttemptsTable,
  NumberCountersTable,
} from './schema/cases.ts';
import type {
  CatalogueItemsTable,
  CatalogueItemVersionsTable,
  CatalogueMaterialsTable,
  FilesTable,
} from './schema/catalogue.ts';
import type {
  CalendarLocalDaysTable,
  CalendarRevisionTable,
  CalendarYearsTable,
  ClockExtensionsTable,
  ClockSuspensionsTable,
  ClocksTable,
  TimersTable,
} from './schema/clock.ts';
import type {
  AgenciesTable,
  AgencyMembersTable,
  CaseDeliveriesTable,
  CaseFeesTable,
  CasePaymentsTable,
  CertificatesTable,
  FeeStandardsTable,
  JointMembersTable,
  SpecialProceduresTable,
  StaffAbsencesTable,
  StaffBackupsTable,
} from './schema/engine.ts';
import type {
  ActionLogHeadTable,
  ActionLogLanesTable,
  ActionLogTable,
  ApiTokensTable,
  CentresTable,
  DepartmentsTable,
  LoginAttemptsTable,
  OfficesTable,
  RegionsTable,
  SchemaMigrationsTable,
  ServiceWindowsTable,
  SessionsTable,
  SettingsTable,
  StaffTable,
} from './schema/foundation.ts';
import type {
  EventConsumersTable,
  NotificationsTable,
  StatsDailyTable,
  StatsDurationsTable,
  SupervisionCardsTable,
  SupervisionLightCountsTable,
  SupervisionLightMembersTable,
  SupervisionMeetingsTable,
  SupervisionNoticesTable,
  SupervisionRuleSetsTable,
} from './schema/supervision.ts';

export * from './schema/cases.ts';
export * from './schema/catalogue.ts';
export * from './schema/clock.ts';
export type { Json, Timestamp } from './schema/common.ts';
export * from './schema/engine.ts';
export * from './schema/foundation.ts';
export * from './schema/supervision.ts';

export interface DB {
  supervision_rule_sets: SupervisionRuleSetsTable;
  supervision_cards: SupervisionCardsTable;
  supervision_notices: SupervisionNoticesTable;
  supervision_meetings: SupervisionMeetingsTable;
  supervision_light_members: SupervisionLightMembersTable;
  supervision_light_counts: SupervisionLightCountsTable;
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
  action_log_lanes: ActionLogLanesTable;
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
