-- Intake (收件/受理): applicants and their accounts, applications/cases with their materials, the
-- append-only case history, notices, the first work of an accepted case, counters for case and document
-- numbers, idempotency keys and the throttle of the public progress lookup.

CREATE TABLE applicants (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind                 text NOT NULL CHECK (kind IN ('natural_person', 'legal_person')),
  id_number            text NOT NULL,
  name                 text NOT NULL,
  phone                text NOT NULL DEFAULT '',
  address              text NOT NULL DEFAULT '',
  legal_representative text NOT NULL DEFAULT '',
  credit_restricted    boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  UNIQUE (kind, id_number)
);
COMMENT ON TABLE applicants IS '申请人 and 代理人: a natural person (公民身份号码, GB 11643) or a legal person (统一社会信用代码, GB 32100); credit_restricted = 失信 (no 容缺受理).';

CREATE TABLE applicant_accounts (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  applicant_id        uuid NOT NULL UNIQUE REFERENCES applicants(id),
  password_hash       text NOT NULL,
  active              boolean NOT NULL DEFAULT true,
  created_at          timestamptz NOT NULL,
  created_by          uuid REFERENCES staff(id),
  password_changed_at timestamptz NOT NULL
);
COMMENT ON TABLE applicant_accounts IS 'Online filing accounts of applicants, opened at a window after the identity was checked in person (实名核验).';

CREATE TABLE applicant_sessions (
  id         text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES applicant_accounts(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ip         text
);
CREATE INDEX applicant_sessions_account_idx ON applicant_sessions (account_id);
COMMENT ON TABLE applicant_sessions IS 'Browser sessions of applicant accounts; id is the SHA-256 of the cookie value.';

CREATE TABLE cases (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  centre_id          uuid NOT NULL REFERENCES centres(id),
  item_id            uuid NOT NULL REFERENCES catalogue_items(id),
  item_version_id    uuid NOT NULL REFERENCES catalogue_item_versions(id),
  department_id      uuid NOT NULL REFERENCES departments(id),
  channel            text NOT NULL CHECK (channel IN ('window', 'online', 'mobile', 'post')),
  situation          text,
  applicant_id       uuid NOT NULL REFERENCES applicants(id),
  agent_id           uuid REFERENCES applicants(id),
  status             text NOT NULL CHECK (status IN ('received', 'correction_requested', 'accepted', 'refused', 'completed', 'terminated')),
  case_number        text UNIQUE,
  query_code         text NOT NULL,
  received_at        timestamptz NOT NULL,
  received_by        uuid REFERENCES staff(id),
  filed_by_account   uuid REFERENCES applicant_accounts(id),
  accepted_at        timestamptz,
  decided_at         timestamptz,
  decided_by         uuid REFERENCES staff(id),
  completed_at       timestamptz,
  terminated_at      timestamptz,
  deemed_accepted    boolean NOT NULL DEFAULT false,
  corrections        integer NOT NULL DEFAULT 0,
  deferral_due_at    timestamptz,
  promised_clock_id  uuid REFERENCES clocks(id),
  statutory_clock_id uuid REFERENCES clocks(id),
  promised_due_date  date,
  current_step       text,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);
CREATE INDEX cases_centre_status_idx ON cases (centre_id, status, received_at);
CREATE INDEX cases_department_status_idx ON cases (department_id, status, promised_due_date);
CREATE INDEX cases_applicant_idx ON cases (applicant_id, received_at);
CREATE INDEX cases_deferral_due_idx ON cases (deferral_due_at) WHERE deferral_due_at IS NOT NULL;
COMMENT ON TABLE cases IS '办件: one application from receipt (收件) on; pins the catalogue version. Its columns are a cache of case_events, updated in the same transaction; version guards concurrent decisions. query_code is printed on the notices for the public progress lookup.';

CREATE TABLE case_materials (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id            uuid NOT NULL REFERENCES cases(id),
  material_id        uuid NOT NULL REFERENCES catalogue_materials(id),
  position           integer NOT NULL,
  name               text NOT NULL,
  required           boolean NOT NULL,
  can_defer          boolean NOT NULL,
  form               text NOT NULL,
  originals_required integer NOT NULL,
  copies_required    integer NOT NULL,
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ok', 'missing', 'defective', 'mismatch', 'deferred')),
  note               text NOT NULL DEFAULT '',
  originals_received integer NOT NULL DEFAULT 0 CHECK (originals_received >= 0),
  copies_received    integer NOT NULL DEFAULT 0 CHECK (copies_received >= 0),
  checked_at         timestamptz,
  checked_by         uuid REFERENCES staff(id),
  UNIQUE (case_id, material_id)
);
COMMENT ON TABLE case_materials IS 'The materials of a case (one row per catalogue material of its situation) and the clerk''s check: ok / missing / defective (note says what is wrong) / mismatch (paper and electronic differ) / deferred (容缺).';

CREATE TABLE case_material_files (
  case_material_id uuid NOT NULL REFERENCES case_materials(id),
  file_id          uuid NOT NULL REFERENCES files(id),
  uploaded_at      timestamptz NOT NULL,
  uploaded_by      text NOT NULL,
  PRIMARY KEY (case_material_id, file_id)
);
COMMENT ON TABLE case_material_files IS 'Electronic copies uploaded for a case material (the bytes live in the file store under their SHA-256).';

CREATE TABLE case_events (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id    uuid NOT NULL REFERENCES cases(id),
  seq        integer NOT NULL,
  type       text NOT NULL,
  at         timestamptz NOT NULL,
  actor_id   uuid,
  actor_name text NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'applicant', 'system')),
  public     boolean NOT NULL,
  payload    jsonb NOT NULL,
  UNIQUE (case_id, seq)
);
COMMENT ON TABLE case_events IS 'The history of a case, append-only and the source of truth; public = shown on the public progress lookup.';

CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only';
END;
$$;
CREATE TRIGGER case_events_no_change BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();

CREATE TABLE case_notices (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         uuid NOT NULL REFERENCES cases(id),
  kind            text NOT NULL CHECK (kind IN ('acceptance', 'refusal', 'correction', 'deferral')),
  document_number text NOT NULL UNIQUE,
  issued_at       timestamptz NOT NULL,
  issued_by       uuid REFERENCES staff(id),
  content         jsonb NOT NULL,
  content_hash    text NOT NULL
);
CREATE INDEX case_notices_case_idx ON case_notices (case_id, issued_at);
COMMENT ON TABLE case_notices IS '告知文书: 受理通知书, 不予受理通知书, 补正材料通知书 (一次性告知), 容缺受理通知书; content is the frozen data the HTML and PDF are rendered from, so they regenerate identically.';

CREATE TABLE case_tasks (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES cases(id),
  step_id       text NOT NULL,
  step_name     text NOT NULL,
  assignee      text NOT NULL,
  role          text,
  department_id uuid REFERENCES departments(id),
  office_id     uuid REFERENCES offices(id),
  status        text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  action        text,
  opinion       text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  completed_at  timestamptz,
  completed_by  uuid REFERENCES staff(id)
);
CREATE INDEX case_tasks_open_idx ON case_tasks (department_id, status, created_at);
CREATE INDEX case_tasks_case_idx ON case_tasks (case_id, created_at);
COMMENT ON TABLE case_tasks IS 'Work on one step of a case''s process (承办, 审核, 批准 …); intake opens the first one, the engine the rest.';

CREATE TABLE number_counters (
  centre_id uuid NOT NULL REFERENCES centres(id),
  scope     text NOT NULL,
  period    text NOT NULL,
  value     integer NOT NULL,
  PRIMARY KEY (centre_id, scope, period)
);
COMMENT ON TABLE number_counters IS 'Sequences per centre, scope (case, notice kind) and period (day, year), incremented with INSERT … ON CONFLICT DO UPDATE inside the allocating transaction: no duplicates under concurrency.';

CREATE TABLE idempotency_keys (
  principal    text NOT NULL,
  key          text NOT NULL,
  request_hash text NOT NULL,
  status       integer NOT NULL,
  response     jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
COMMENT ON TABLE idempotency_keys IS 'Idempotency-Key of requests that create or decide: the first answer, returned again to a retry with the same key.';

CREATE TABLE lookup_attempts (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ip      text NOT NULL,
  at      timestamptz NOT NULL,
  success boolean NOT NULL
);
CREATE INDEX lookup_attempts_ip_idx ON lookup_attempts (ip, at);
COMMENT ON TABLE lookup_attempts IS 'Public progress lookups by client address, to throttle guessing of case numbers and query codes.';
