-- Lights cached on clocks for supervision queries, and the instant of the next threshold crossing.

ALTER TABLE clocks ADD COLUMN light text CHECK (light IN ('green', 'yellow', 'red', 'suspended'));
ALTER TABLE clocks ADD COLUMN next_crossing_at timestamptz;
CREATE INDEX clocks_centre_light_idx ON clocks (centre_id, light) WHERE status <> 'stopped';
COMMENT ON COLUMN clocks.light IS 'Cache of lightFor(computeClock(...)) as of the last change or threshold crossing; the truth is always recomputable from the clock''s history. The scheduler refreshes it at next_crossing_at (timer kind clock.crossing).';
