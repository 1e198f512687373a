// Table types: organisation, staff, sessions, tokens, the action log (0001). See src/db/schema.ts.
import type { Generated } from 'kysely';
import type { Json, Timestamp } from './common.ts';

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
  lane: number;
  lane_seq: number;
}

/** One head row per hash-chain lane (ADR 005). */
export interface ActionLogLanesTable {
  lane: number;
  lane_seq: number;
  seq: number;
  hash: string;
}

/** A view: the newest entry of the whole log. */
export interface ActionLogHeadTable {
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
