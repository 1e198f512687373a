-- The approval engine (issue 6): the process state cached on the case, tasks per active step with their
-- step clocks, claim/delegate/AB角, outside agencies, special procedures, fees and the one payment notice,
-- certificates, delivery, archive, and joint approval (a bundle case with child cases per department).

ALTER TABLE cases ADD COLUMN process_state jsonb;
ALTER TABLE cases ADD COLUMN outcome text CHECK (outcome IN ('granted', 'denied'));
ALTER TABLE cases ADD COLUMN archived_at timestamptz;
ALTER TABLE cases ADD COLUMN parent_case_id uuid REFERENCES cases(id);
CREATE INDEX cases_parent_idx ON cases (parent_case_id) WHERE parent_case_id IS NOT NULL;
COMMENT ON COLUMN cases.process_state IS 'Cache of replay(definition, process events of case_events): the active steps, joins, data; rebuilt and compared by the engine''s rebuild check.';
COMMENT ON COLUMN cases.archived_at IS '归档: set once; afterwards the case is read-only (every change answers 409).';
COMMENT ON COLUMN cases.parent_case_id IS '联合审批: the bundle case a department''s child case belongs to.';

CREATE TABLE agencies (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  centre_id  uuid NOT NULL REFERENCES centres(id),
  code       text NOT NULL,
  name       text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (centre_id, code)
);
COMMENT ON TABLE agencies IS 'Outside bodies a step can be assigned to (中介机构, 市政府): they report through an API token of a member account, or a clerk records their result.';

CREATE TABLE agency_members (
  agency_id uuid NOT NULL REFERENCES agencies(id),
  staff_id  uuid NOT NULL REFERENCES staff(id),
  PRIMARY KEY (agency_id, staff_id)
);
COMMENT ON TABLE agency_members IS 'Accounts that act for an agency; an agency token may only report on that agency''s tasks.';

CREATE TABLE staff_backups (
  staff_id        uuid PRIMARY KEY REFERENCES staff(id),
  backup_staff_id uuid NOT NULL REFERENCES staff(id) CHECK (backup_staff_id <> staff_id)
);
COMMENT ON TABLE staff_backups IS 'AB角: the B person who acts for A while A is absent.';

CREATE TABLE staff_absences (
  id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id  uuid NOT NULL REFERENCES staff(id),
  starts_at timestamptz NOT NULL,
  ends_at   timestamptz NOT NULL CHECK (ends_at > starts_at),
  reason    text NOT NULL DEFAULT ''
);
CREATE INDEX staff_absences_staff_idx ON staff_absences (staff_id, starts_at);
COMMENT ON TABLE staff_absences IS 'When a staff member is away (leave, business trip): their backup may act on their tasks meanwhile.';

ALTER TABLE case_tasks DROP CONSTRAINT case_tasks_status_check;
ALTER TABLE case_tasks ADD CONSTRAINT case_tasks_status_check CHECK (status IN ('open', 'claimed', 'done', 'cancelled'));
ALTER TABLE case_tasks ADD COLUMN kind text;
ALTER TABLE case_tasks ADD COLUMN assignee_staff_id uuid REFERENCES staff(id);
ALTER TABLE case_tasks ADD COLUMN agency_id uuid REFERENCES agencies(id);
ALTER TABLE case_tasks ADD COLUMN claimed_by uuid REFERENCES staff(id);
ALTER TABLE case_tasks ADD COLUMN claimed_at timestamptz;
ALTER TABLE case_tasks ADD COLUMN delegated_from uuid REFERENCES staff(id);
ALTER TABLE case_tasks ADD COLUMN acting_for uuid REFERENCES staff(id);
ALTER TABLE case_tasks ADD COLUMN clock_id uuid REFERENCES clocks(id);
ALTER TABLE case_tasks ADD COLUMN attachment_ids uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE case_tasks ADD COLUMN version integer NOT NULL DEFAULT 1;
CREATE INDEX case_tasks_office_open_idx ON case_tasks (office_id, status) WHERE status IN ('open', 'claimed');
CREATE INDEX case_tasks_person_open_idx ON case_tasks (assignee_staff_id, status) WHERE status IN ('open', 'claimed');
CREATE INDEX case_tasks_agency_open_idx ON case_tasks (agency_id, status) WHERE status IN ('open', 'claimed');
CREATE INDEX case_tasks_case_step_idx ON case_tasks (case_id, step_id, status);
COMMENT ON COLUMN case_tasks.clock_id IS 'The step clock (subject_type task, purpose step) started from the step''s limit; stopped when the task closes.';
COMMENT ON COLUMN case_tasks.acting_for IS 'AB角: the absent assignee the completer acted for.';
COMMENT ON COLUMN case_tasks.version IS 'Optimistic concurrency: a claim, release, delegation or completion must name the current version.';

ALTER TABLE case_notices DROP CONSTRAINT case_notices_kind_check;
ALTER TABLE case_notices ADD CONSTRAINT case_notices_kind_check CHECK (kind IN (
  'acceptance', 'refusal', 'correction', 'deferral',
  'special_procedure', 'extension', 'payment', 'grant_decision', 'denial_decision'));

CREATE TABLE special_procedures (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id    uuid NOT NULL REFERENCES cases(id),
  kind       text NOT NULL CHECK (kind IN ('hearing', 'bidding', 'auction', 'inspection', 'testing', 'quarantine', 'appraisal', 'expert_review')),
  reason     text NOT NULL CHECK (reason <> ''),
  started_at timestamptz NOT NULL,
  started_by uuid REFERENCES staff(id),
  ended_at   timestamptz,
  ended_by   uuid REFERENCES staff(id),
  outcome    text NOT NULL DEFAULT '',
  notice_id  uuid REFERENCES case_notices(id)
);
CREATE UNIQUE INDEX special_procedures_open_idx ON special_procedures (case_id) WHERE ended_at IS NULL;
COMMENT ON TABLE special_procedures IS '特别程序 (听证 招标 拍卖 检验 检测 检疫 鉴定 专家评审, 行政许可法 Art. 45): the case and step clocks are suspended meanwhile; the applicant gets a 特别程序告知书.';

CREATE TABLE fee_standards (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id          uuid NOT NULL REFERENCES catalogue_items(id),
  code             text NOT NULL,
  name             text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('fixed', 'per_unit')),
  amount_cents     bigint NOT NULL CHECK (amount_cents >= 0),
  unit             text NOT NULL DEFAULT '',
  quantity_field   text,
  waivable         boolean NOT NULL DEFAULT false,
  basis            text NOT NULL DEFAULT '',
  UNIQUE (item_id, code)
);
COMMENT ON TABLE fee_standards IS '收费标准 of an item in machine form: a fixed amount, or a price per unit (the quantity read from case data, e.g. areaHectares); waivable = may be waived (减免) with a reason.';

CREATE TABLE case_fees (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         uuid NOT NULL REFERENCES cases(id),
  standard_id     uuid REFERENCES fee_standards(id),
  name            text NOT NULL,
  quantity        numeric(14, 4) NOT NULL DEFAULT 1,
  amount_cents    bigint NOT NULL CHECK (amount_cents >= 0),
  waived          boolean NOT NULL DEFAULT false,
  waiver_reason   text,
  created_at      timestamptz NOT NULL
);
CREATE INDEX case_fees_case_idx ON case_fees (case_id);
COMMENT ON TABLE case_fees IS 'The fees assessed for a case by its fee step, each from a fee standard.';

CREATE TABLE case_payments (
  case_id        uuid PRIMARY KEY REFERENCES cases(id),
  notice_id      uuid NOT NULL REFERENCES case_notices(id),
  total_cents    bigint NOT NULL CHECK (total_cents >= 0),
  status         text NOT NULL CHECK (status IN ('unpaid', 'paid', 'waived')),
  method         text CHECK (method IN ('cash', 'online')),
  reference      text,
  paid_at        timestamptz,
  recorded_by    uuid REFERENCES staff(id),
  waiver_reason  text,
  issued_at      timestamptz NOT NULL
);
COMMENT ON TABLE case_payments IS '一次性收费: one payment notice (缴费通知书) per case for all its fees, and its payment (cash at the window, or a payment system''s confirmation) or waiver.';

CREATE TABLE certificates (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES cases(id),
  centre_id     uuid NOT NULL REFERENCES centres(id),
  name          text NOT NULL,
  number        text NOT NULL,
  holder        text NOT NULL,
  department_id uuid NOT NULL REFERENCES departments(id),
  issue_date    date NOT NULL,
  valid_until   date,
  created_at    timestamptz NOT NULL,
  created_by    uuid REFERENCES staff(id),
  UNIQUE (centre_id, number)
);
CREATE INDEX certificates_case_idx ON certificates (case_id);
COMMENT ON TABLE certificates IS '证照: the licence or certificate a case produced; number from the configurable pattern (settings engine.certificateNumberFormat).';

CREATE TABLE case_deliveries (
  case_id          uuid PRIMARY KEY REFERENCES cases(id),
  method           text NOT NULL CHECK (method IN ('window', 'express')),
  recipient        text NOT NULL,
  receipt_number   text,
  carrier          text,
  tracking_number  text,
  delivered_at     timestamptz NOT NULL,
  delivered_by     uuid REFERENCES staff(id),
  CHECK (method <> 'express' OR tracking_number IS NOT NULL)
);
COMMENT ON TABLE case_deliveries IS '送达: window pickup against the receipt (受理通知书 number), or express with a tracking number.';

CREATE TABLE joint_members (
  bundle_item_id uuid NOT NULL REFERENCES catalogue_items(id),
  item_id        uuid NOT NULL REFERENCES catalogue_items(id),
  position       integer NOT NULL,
  PRIMARY KEY (bundle_item_id, item_id)
);
COMMENT ON TABLE joint_members IS '联合审批: the member items (one per co-department) a bundle item splits into; the bundle''s lead department accepts once and delivers once.';
