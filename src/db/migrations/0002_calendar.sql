-- The legal clock's storage: calendar layers (year overrides, local days off) and case/step clocks with
-- their suspensions and extensions.

CREATE TABLE calendar_years (
  year       integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
  days       jsonb NOT NULL,
  note       text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES staff(id)
);
COMMENT ON TABLE calendar_years IS 'National working-day calendar set by an administrator for a whole year (e.g. from the State Council notice); replaces the built-in data for that year. days = [{date,isOffDay,name}].';

CREATE TABLE calendar_local_days (
  centre_id  uuid NOT NULL REFERENCES centres(id),
  date       date NOT NULL,
  name       text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES staff(id),
  PRIMARY KEY (centre_id, date)
);
COMMENT ON TABLE calendar_local_days IS 'Days off that a centre adds on top of the national calendar.';

CREATE TABLE calendar_revision (
  id       smallint PRIMARY KEY CHECK (id = 1),
  revision bigint NOT NULL
);
INSERT INTO calendar_revision (id, revision) VALUES (1, 0);
COMMENT ON TABLE calendar_revision IS 'Bumped by every calendar change, so every server instance knows when to reload its cached calendars.';

CREATE TABLE clocks (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  centre_id            uuid NOT NULL REFERENCES centres(id),
  subject_type         text NOT NULL,
  subject_id           text NOT NULL,
  purpose              text NOT NULL,
  started_at           timestamptz NOT NULL,
  limit_value          integer NOT NULL CHECK (limit_value >= 0),
  limit_unit           text NOT NULL CHECK (limit_unit IN ('working_days', 'natural_days', 'same_day', 'working_hours')),
  max_extension_days   integer NOT NULL DEFAULT 10 CHECK (max_extension_days >= 0),
  status               text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'suspended', 'stopped')),
  stopped_at           timestamptz,
  due_date             date,
  due_at               timestamptz,
  beyond_calendar_year integer,
  updated_at           timestamptz NOT NULL,
  UNIQUE (subject_type, subject_id, purpose)
);
CREATE INDEX clocks_open_due_idx ON clocks (due_at) WHERE status <> 'stopped';
CREATE INDEX clocks_beyond_idx ON clocks (beyond_calendar_year) WHERE beyond_calendar_year IS NOT NULL;
COMMENT ON TABLE clocks IS 'A legal time limit running for a subject (a case''s promised or statutory limit, a step''s limit). due_date/due_at are a cache of src/core/clock.ts over the suspensions and extensions, recomputed in the transaction that changes them; beyond_calendar_year flags a clock whose due date falls in a year the calendar does not cover.';

CREATE TABLE clock_suspensions (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clock_id   uuid NOT NULL REFERENCES clocks(id),
  kind       text NOT NULL,
  reason     text NOT NULL CHECK (length(reason) > 0),
  started_at timestamptz NOT NULL,
  ended_at   timestamptz,
  started_by uuid REFERENCES staff(id),
  ended_by   uuid REFERENCES staff(id)
);
CREATE INDEX clock_suspensions_clock_idx ON clock_suspensions (clock_id, started_at);
CREATE UNIQUE INDEX clock_suspensions_one_open ON clock_suspensions (clock_id) WHERE ended_at IS NULL;
COMMENT ON TABLE clock_suspensions IS '特别程序 and mid-process corrections: time not counted against the clock (行政许可法 Art. 45).';

CREATE TABLE clock_extensions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clock_id    uuid NOT NULL REFERENCES clocks(id),
  days        integer NOT NULL CHECK (days > 0),
  reason      text NOT NULL CHECK (length(reason) > 0),
  approved_by uuid REFERENCES staff(id),
  approved_at timestamptz NOT NULL
);
CREATE INDEX clock_extensions_clock_idx ON clock_extensions (clock_id);
COMMENT ON TABLE clock_extensions IS 'Lawful extensions (行政许可法 Art. 42), in working days, approved by a leader with reasons.';
