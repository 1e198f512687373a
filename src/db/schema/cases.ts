// Table types: applicants, cases and intake (0004). See src/db/schema.ts.
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './common.ts';

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
  /** Copied from the step's clock by the database (migration 0017); never written here. */
  due_at: ColumnType<Date | null, never, never>;
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
