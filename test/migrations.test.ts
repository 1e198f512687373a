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
  calendar_revision: ['id', 'revision'],
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
