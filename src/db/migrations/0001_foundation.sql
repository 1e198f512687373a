-- Foundation: organisation, staff, sessions, API tokens, throttling, the tamper-evident action log.

CREATE TABLE regions (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  level       smallint NOT NULL CHECK (level BETWEEN 1 AND 6),
  parent_code text REFERENCES regions(code),
  path        text NOT NULL UNIQUE
);
COMMENT ON TABLE regions IS '行政区划: administrative regions (1 national … 5 town, 6 village); path is /code/code/…/ from the root, for subtree scoping.';

CREATE TABLE centres (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code         text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9]{1,12}$'),
  name         text NOT NULL,
  region_code  text NOT NULL REFERENCES regions(code),
  time_zone    text NOT NULL DEFAULT 'Asia/Shanghai',
  office_open  text NOT NULL DEFAULT '08:30',
  office_close text NOT NULL DEFAULT '17:30',
  created_at   timestamptz NOT NULL
);
COMMENT ON TABLE centres IS '政务服务中心: a service centre (hall); its code prefixes case numbers.';

CREATE TABLE departments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  centre_id   uuid NOT NULL REFERENCES centres(id),
  code        text NOT NULL,
  name        text NOT NULL,
  credit_code text,
  created_at  timestamptz NOT NULL,
  UNIQUE (centre_id, code)
);
COMMENT ON TABLE departments IS '进驻单位: a department stationed in a centre, with its 统一社会信用代码.';

CREATE TABLE offices (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_id uuid NOT NULL REFERENCES departments(id),
  code          text NOT NULL,
  name          text NOT NULL,
  created_at    timestamptz NOT NULL,
  UNIQUE (department_id, code)
);
COMMENT ON TABLE offices IS '处室: an office inside a department; steps of a process are assigned to offices.';

CREATE TABLE service_windows (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  centre_id     uuid NOT NULL REFERENCES centres(id),
  number        text NOT NULL,
  name          text NOT NULL,
  department_id uuid REFERENCES departments(id),
  created_at    timestamptz NOT NULL,
  UNIQUE (centre_id, number)
);
COMMENT ON TABLE service_windows IS '窗口: a counter in the hall; comprehensive windows have no department.';

CREATE TABLE staff (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username            text NOT NULL,
  display_name        text NOT NULL,
  password_hash       text NOT NULL,
  roles               text[] NOT NULL CHECK (cardinality(roles) > 0),
  centre_id           uuid REFERENCES centres(id),
  department_id       uuid REFERENCES departments(id),
  office_id           uuid REFERENCES offices(id),
  active              boolean NOT NULL DEFAULT true,
  is_demo             boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL,
  password_changed_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX staff_username_key ON staff (lower(username));
COMMENT ON TABLE staff IS 'Staff accounts: roles, and the centre/department/office that scope what they may see and do.';

CREATE TABLE sessions (
  id           text PRIMARY KEY,
  staff_id     uuid NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_staff_idx ON sessions (staff_id);
COMMENT ON TABLE sessions IS 'Browser sessions; id is the SHA-256 of the cookie value, never the value itself.';

CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  staff_id     uuid NOT NULL REFERENCES staff(id),
  scopes       text[] NOT NULL,
  created_by   uuid REFERENCES staff(id),
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz
);
COMMENT ON TABLE api_tokens IS 'Bearer tokens for external systems; act as their staff account, limited to their scopes.';

CREATE TABLE login_attempts (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL,
  ip       text NOT NULL,
  at       timestamptz NOT NULL,
  success  boolean NOT NULL
);
CREATE INDEX login_attempts_username_idx ON login_attempts (lower(username), at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);
COMMENT ON TABLE login_attempts IS 'Login attempts, for throttling by account and by address (kept in the database so every instance agrees).';

CREATE TABLE action_log (
  seq           bigint PRIMARY KEY,
  at            timestamptz NOT NULL,
  actor_id      uuid,
  actor_name    text NOT NULL,
  actor_roles   text[] NOT NULL,
  department_id uuid,
  action        text NOT NULL,
  target_type   text NOT NULL,
  target_id     text NOT NULL,
  payload       jsonb NOT NULL,
  ip            text,
  prev_hash     text NOT NULL,
  hash          text NOT NULL
);
CREATE INDEX action_log_actor_idx ON action_log (actor_id, at);
CREATE INDEX action_log_target_idx ON action_log (target_type, target_id, seq);
CREATE INDEX action_log_at_idx ON action_log (at);
COMMENT ON TABLE action_log IS '电子监察: append-only log of every state change; hash = SHA-256(prev_hash + canonical entry).';

CREATE TABLE action_log_head (
  id   smallint PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO action_log_head (id, seq, hash) VALUES (1, 0, 'genesis');
COMMENT ON TABLE action_log_head IS 'The last sequence number and hash of the action log, so that removing the newest rows is detected too.';

CREATE TABLE settings (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);
COMMENT ON TABLE settings IS 'Installation-wide settings (e.g. whether this database holds demo data).';
