// Table types: the approval engine (0007). See src/db/schema.ts.
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './common.ts';

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
