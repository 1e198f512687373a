import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate, pendingMigrations } from '../src/db/migrate.ts';
// Columns that src/db/schema.ts declares for each table; kept in step with the migrations by this test.
import type { DB } from '../src/db/schema.ts';
import { BACKENDS, createTestDatabase } from './db.ts';

type Columns = { [T in keyof DB]: (keyof DB[T])[] };
const DECLARED: Columns = {
  regions: ['code', 'name', 'level', 'parent_code', 'path'],
  centres: ['id', 'code', 'name', 'region_code', 'time_zone', 'office_open', 'office_close', 'created_at'],
  departments: ['id', 'centre_id', 'code', 'name', 'credit_code', 'created_at'],
  offices: ['id', 'department_id', 'code', 'name', 'created_at'],
  service_windows: ['id', 'centre_id', 'number', 'name', 'department_id', 'created_at'],
  staff: [
    'id',
    'username',
    'display_name',
    'password_hash',
    'roles',
    'centre_id',
    'department_id',
    'office_id',
    'active',
    'is_demo',
    'created_at',
    'password_changed_at',
  ],
  sessions: ['id', 'staff_id', 'csrf_token', 'created_at', 'expires_at', 'ip', 'user_agent'],
  api_tokens: [
    'id',
    'name',
    'token_hash',
    'staff_id',
    'scopes',
    'created_by',
    'created_at',
    'expires_at',
    'revoked_at',
    'last_used_at',
  ],
  login_attempts: ['id', 'username', 'ip', 'at', 'success'],
  action_log: [
    'seq',
    'at',
    'actor_id',
    'actor_name',
    'actor_roles',
    'department_id',
    'action',
    'target_type',
    'target_id',
    'payload',
    'ip',
    'prev_hash',
    'hash',
  ],
  action_log_head: ['id', 'seq', 'hash'],
  settings: ['key', 'value'],
  schema_migrations: ['name', 'checksum', 'applied_at'],
  calendar_years: ['year', 'days', 'note', 'updated_at', 'updated_by'],
  calendar_local_days: ['centre_id', 'date', 'name', 'created_at', 'created_by'],
  calendar_revision: ['id', 'revision', 'token'],
  timers: [
    'id',
    'kind',
    'key',
    'due_at',
    'payload',
    'locked_until',
    'locked_by',
    'attempts',
    'last_error',
    'done_at',
    'created_at',
  ],
  clocks: [
    'id',
    'centre_id',
    'subject_type',
    'subject_id',
    'purpose',
    'started_at',
    'limit_value',
    'limit_unit',
    'max_extension_days',
    'status',
    'stopped_at',
    'due_date',
    'due_at',
    'beyond_calendar_year',
    'updated_at',
    'light',
    'next_crossing_at',
  ],
  clock_suspensions: ['id', 'clock_id', 'kind', 'reason', 'started_at', 'ended_at', 'started_by', 'ended_by'],
  clock_extensions: ['id', 'clock_id', 'days', 'reason', 'approved_by', 'approved_at'],
  files: ['id', 'sha256', 'size', 'media_type', 'filename', 'created_at', 'created_by'],
  catalogue_items: [
    'id',
    'centre_id',
    'basic_code',
    'implementation_code',
    'current_version_id',
    'created_at',
    'updated_at',
  ],
  catalogue_item_versions: [
    'id',
    'item_id',
    'centre_id',
    'version',
    'status',
    'name',
    'item_type',
    'department_id',
    'statutory_limit_value',
    'statutory_limit_unit',
    'promised_limit_value',
    'promised_limit_unit',
    'handling_type',
    'audiences',
    'themes',
    'channels',
    'is_joint',
    'lead_department_id',
    'result_sample_file_id',
    'process_definition',
    'document',
    'content_hash',
    'search_text',
    'search_pinyin',
    'search_initials',
    'created_at',
    'created_by',
    'published_at',
    'published_by',
    'ended_at',
  ],
  catalogue_materials: [
    'id',
    'version_id',
    'position',
    'name',
    'situations',
    'issuer',
    'originals',
    'copies',
    'required',
    'can_defer',
    'form',
    'source',
    'blank_form_file_id',
    'sample_file_id',
    'fill_notes',
    'acceptance_standard',
  ],
  applicants: [
    'id',
    'kind',
    'id_number',
    'name',
    'phone',
    'address',
    'legal_representative',
    'credit_restricted',
    'created_at',
    'updated_at',
  ],
  applicant_accounts: [
    'id',
    'applicant_id',
    'password_hash',
    'active',
    'created_at',
    'created_by',
    'password_changed_at',
  ],
  applicant_sessions: ['id', 'account_id', 'csrf_token', 'created_at', 'expires_at', 'ip'],
  cases: [
    'id',
    'centre_id',
    'item_id',
    'item_version_id',
    'department_id',
    'channel',
    'situation',
    'applicant_id',
    'agent_id',
    'status',
    'case_number',
    'query_code',
    'received_at',
    'received_by',
    'filed_by_account',
    'accepted_at',
    'decided_at',
    'decided_by',
    'completed_at',
    'terminated_at',
    'deemed_accepted',
    'corrections',
    'deferral_due_at',
    'promised_clock_id',
    'statutory_clock_id',
    'promised_due_date',
    'current_step',
    'version',
    'created_at',
    'updated_at',
  ],
  case_materials: [
    'id',
    'case_id',
    'material_id',
    'position',
    'name',
    'required',
    'can_defer',
    'form',
    'originals_required',
    'copies_required',
    'status',
    'note',
    'originals_received',
    'copies_received',
    'checked_at',
    'checked_by',
  ],
  case_material_files: ['case_material_id', 'file_id', 'uploaded_at', 'uploaded_by'],
  case_events: [
    'id',
    'case_id',
    'seq',
    'type',
    'at',
    'actor_id',
    'actor_name',
    'actor_kind',
    'public',
    'payload',
  ],
  case_notices: [
    'id',
    'case_id',
    'kind',
    'document_number',
    'issued_at',
    'issued_by',
    'content',
    'content_hash',
  ],
  case_tasks: [
    'id',
    'case_id',
    'step_id',
    'step_name',
    'assignee',
    'role',
    'department_id',
    'office_id',
    'status',
    'action',
    'opinion',
    'created_at',
    'completed_at',
    'completed_by',
  ],
  number_counters: ['centre_id', 'scope', 'period', 'value'],
  idempotency_keys: ['principal', 'key', 'request_hash', 'status', 'response', 'created_at'],
  lookup_attempts: ['id', 'ip', 'at', 'success'],
};

describe.each(BACKENDS)('migrations on %s', (backend) => {
  it('run forward from an empty database, then find nothing pending', async () => {
    const database = await createTestDatabase(backend, { migrated: false });
    try {
      expect(await pendingMigrations(database)).toEqual(listMigrations().map((m) => m.name));
      const applied = await migrate(database);
      expect(applied).toEqual(listMigrations().map((m) => m.name));
      expect(await migrate(database)).toEqual([]);
      expect(await pendingMigrations(database)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('produce exactly the tables and columns the query layer declares', async () => {
    const database = await createTestDatabase(backend);
    try {
      const { rows } = await sql<{ table_name: string; column_name: string }>`
        SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`.execute(
        database.db,
      );
      const actual: Record<string, string[]> = {};
      for (const r of rows) {
        actual[r.table_name] ??= [];
        actual[r.table_name]!.push(r.column_name);
      }
      for (const [table, cols] of Object.entries(DECLARED)) {
        expect(actual[table]?.sort(), table).toEqual([...cols].sort());
      }
    } finally {
      await database.close();
    }
  });

  it('parse bigint, numeric and date the same way on every driver', async () => {
    const database = await createTestDatabase(backend);
    try {
      const { rows } = await sql<{ big: number; num: string; day: string }>`
        SELECT 9007199254740991::int8 AS big, 12.50::numeric(10,2) AS num, DATE '2025-10-01' AS day`.execute(
        database.db,
      );
      expect(rows[0]).toEqual({ big: 9007199254740991, num: '12.50', day: '2025-10-01' });
    } finally {
      await database.close();
    }
  });
});
