-- Supervision (督办 / 电子监察) and statistics: versioned rule sets, yellow/red cards, supervision notices
-- (督办单) with replies and escalation, joint-review meetings, the notification outbox, event consumers with
-- their watermarks, and the statistics summary tables.

CREATE TABLE supervision_rule_sets (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  centre_id  uuid NOT NULL REFERENCES centres(id),
  item_id    uuid REFERENCES catalogue_items(id),
  version    integer NOT NULL CHECK (version > 0),
  rule_set   jsonb NOT NULL,
  note       text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES staff(id)
);
CREATE UNIQUE INDEX supervision_rule_sets_version_idx
  ON supervision_rule_sets (centre_id, COALESCE(item_id, '00000000-0000-0000-0000-000000000000'::uuid), version);
COMMENT ON TABLE supervision_rule_sets IS 'Versions of the supervision rule set (thresholds, card rules, reply time, escalation, reminders) of a centre, or of one item of it; the highest version applies, and without any row DEFAULT_RULE_SET of src/core/supervision.ts. Rows are only added, never changed.';

CREATE TABLE supervision_cards (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id          uuid NOT NULL REFERENCES cases(id),
  subject_type     text NOT NULL CHECK (subject_type IN ('case', 'task')),
  subject_id       uuid NOT NULL,
  rule_id          text NOT NULL,
  card             text NOT NULL CHECK (card IN ('yellow', 'red')),
  centre_id        uuid NOT NULL REFERENCES centres(id),
  department_id    uuid NOT NULL REFERENCES departments(id),
  office_id        uuid REFERENCES offices(id),
  clock_id         uuid REFERENCES clocks(id),
  rule_set_version integer NOT NULL,
  issued_at        timestamptz NOT NULL,
  UNIQUE (subject_type, subject_id, rule_id)
);
CREATE INDEX supervision_cards_case_idx ON supervision_cards (case_id);
COMMENT ON TABLE supervision_cards IS '黄牌/红牌: a rule of the rule set held for a case or a step (task). The unique key makes each card happen once per subject and rule, however many workers see the crossing; rule_set_version 0 = the built-in defaults.';

CREATE TABLE supervision_notices (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id             uuid NOT NULL REFERENCES cases(id),
  card_id             uuid UNIQUE REFERENCES supervision_cards(id),
  subject_type        text NOT NULL CHECK (subject_type IN ('case', 'task')),
  subject_id          uuid NOT NULL,
  rule_id             text,
  centre_id           uuid NOT NULL REFERENCES centres(id),
  level               text NOT NULL CHECK (level IN ('office', 'department', 'centre')),
  department_id       uuid REFERENCES departments(id),
  office_id           uuid REFERENCES offices(id),
  reason              text NOT NULL CHECK (length(reason) > 0),
  status              text NOT NULL CHECK (status IN ('open', 'replied', 'cancelled')),
  issued_at           timestamptz NOT NULL,
  issued_by           uuid REFERENCES staff(id),
  reply_due_at        timestamptz NOT NULL,
  escalations         integer NOT NULL DEFAULT 0,
  replied_at          timestamptz,
  replied_by          uuid REFERENCES staff(id),
  reply_reason        text,
  expected_completion date,
  replied_late        boolean,
  cancelled_at        timestamptz,
  cancelled_by        uuid REFERENCES staff(id),
  cancel_reason       text
);
CREATE INDEX supervision_notices_department_idx ON supervision_notices (department_id, status, issued_at);
CREATE INDEX supervision_notices_centre_idx ON supervision_notices (centre_id, status, issued_at);
CREATE INDEX supervision_notices_case_idx ON supervision_notices (case_id, issued_at);
COMMENT ON TABLE supervision_notices IS '督办单: addressed to the responsible unit (level office → department → centre); the unit replies with a reason and an expected completion date; an unanswered notice moves up one level at reply_due_at (timer supervision.notice_escalation). card_id is null for a notice a supervisor issued by hand.';

CREATE TABLE supervision_meetings (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  centre_id    uuid NOT NULL REFERENCES centres(id),
  meeting_date date NOT NULL,
  title        text NOT NULL,
  created_at   timestamptz NOT NULL,
  created_by   uuid REFERENCES staff(id)
);
CREATE INDEX supervision_meetings_centre_idx ON supervision_meetings (centre_id, meeting_date);
COMMENT ON TABLE supervision_meetings IS '会审会: joint-review meetings; 3 and 1 working days before, each office gets the list of its overdue and nearly-due cases (seed 000).';

CREATE TABLE notifications (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient_id uuid NOT NULL REFERENCES staff(id),
  channel      text NOT NULL CHECK (channel IN ('in_app', 'sms', 'email')),
  kind         text NOT NULL,
  title        text NOT NULL,
  body         text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}',
  dedupe_key   text NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text,
  created_at   timestamptz NOT NULL,
  delivered_at timestamptz,
  read_at      timestamptz,
  UNIQUE (recipient_id, channel, dedupe_key)
);
CREATE INDEX notifications_inbox_idx ON notifications (recipient_id, created_at DESC) WHERE channel = 'in_app';
CREATE INDEX notifications_pending_idx ON notifications (channel, created_at) WHERE status = 'pending';
COMMENT ON TABLE notifications IS 'Outbox of messages to staff: in_app rows are delivered on insert and read in the inbox; sms/email rows wait as pending for a sender. dedupe_key makes a reminder or notice message happen once per recipient and channel.';

-- The transaction id of each event, so that consumers can follow the history by a watermark without
-- skipping an event whose transaction committed after a later one (ids are allocated before commit).
ALTER TABLE case_events ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX case_events_tx_idx ON case_events (tx, id);
COMMENT ON COLUMN case_events.tx IS 'pg_current_xact_id() of the inserting transaction. A consumer reads events with (tx, id) above its watermark and tx below the oldest running transaction (pg_snapshot_xmin), so every event it passes over has committed (or rolled back).';

CREATE TABLE event_consumers (
  name       text PRIMARY KEY,
  tx         xid8 NOT NULL DEFAULT '0',
  event_id   bigint NOT NULL DEFAULT 0,
  processed  bigint NOT NULL DEFAULT 0,
  updated_at timestamptz
);
COMMENT ON TABLE event_consumers IS 'A job that follows case_events in order (stats, supervision facts): its watermark (tx, event_id) moves in the same transaction as its effects, so each event is applied once.';

CREATE INDEX IF NOT EXISTS clocks_subject_idx ON clocks (subject_type, subject_id);

-- Statistics: additive daily counters by centre, department, item, office and staff (all-zero uuid = none).
CREATE TABLE stats_daily (
  day           date NOT NULL,
  centre_id     uuid NOT NULL,
  department_id uuid NOT NULL,
  item_id       uuid NOT NULL,
  office_id     uuid NOT NULL,
  staff_id      uuid NOT NULL,
  received      integer NOT NULL DEFAULT 0,
  accepted      integer NOT NULL DEFAULT 0,
  refused       integer NOT NULL DEFAULT 0,
  corrected     integer NOT NULL DEFAULT 0,
  deferred      integer NOT NULL DEFAULT 0,
  terminated    integer NOT NULL DEFAULT 0,
  completed     integer NOT NULL DEFAULT 0,
  on_time       integer NOT NULL DEFAULT 0,
  early         integer NOT NULL DEFAULT 0,
  overdue       integer NOT NULL DEFAULT 0,
  work_days     bigint NOT NULL DEFAULT 0,
  visits        bigint NOT NULL DEFAULT 0,
  returns       integer NOT NULL DEFAULT 0,
  cards_yellow  integer NOT NULL DEFAULT 0,
  cards_red     integer NOT NULL DEFAULT 0,
  notices       integer NOT NULL DEFAULT 0,
  notices_late  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, centre_id, department_id, item_id, office_id, staff_id)
);
CREATE INDEX stats_daily_centre_idx ON stats_daily (centre_id, day);
CREATE INDEX stats_daily_department_idx ON stats_daily (department_id, day);
COMMENT ON TABLE stats_daily IS 'Daily counters derived from case_events by the stats consumer (definitions in docs/statistics.md); any period is a sum of days. Rebuilt from the history by `onewindow stats rebuild`.';

CREATE TABLE stats_durations (
  day           date NOT NULL,
  centre_id     uuid NOT NULL,
  department_id uuid NOT NULL,
  item_id       uuid NOT NULL,
  office_id     uuid NOT NULL,
  staff_id      uuid NOT NULL,
  working_days  integer NOT NULL,
  n             integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, centre_id, department_id, item_id, office_id, staff_id, working_days)
);
COMMENT ON TABLE stats_durations IS 'Histogram of completed cases by working days used (suspensions excluded), per day of completion and dimension: exact averages and percentiles for any period.';
