-- Durable timers: every deadline-driven job lives in the database, so that several stateless server
-- instances (and `onewindow worker` processes) can share the work without losing or repeating it.

CREATE TABLE timers (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind         text NOT NULL,
  key          text NOT NULL,
  due_at       timestamptz NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}',
  locked_until timestamptz,
  locked_by    text,
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text,
  done_at      timestamptz,
  created_at   timestamptz NOT NULL,
  UNIQUE (kind, key)
);
CREATE INDEX timers_due_idx ON timers (due_at) WHERE done_at IS NULL;
COMMENT ON TABLE timers IS 'A job due at an instant (a threshold crossing, a reminder, a 容缺 make-up deadline). Workers claim due rows with FOR UPDATE SKIP LOCKED and a lease; the handler and the done mark commit in one transaction, so each timer takes effect once. (kind, key) makes scheduling idempotent: rescheduling moves the existing row.';
