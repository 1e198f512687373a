-- Hash-chain lanes for the action log (ADR 005). One head row serialised every writing transaction; now
-- the log is 32 independent chains ("lanes"). A transaction takes a free lane (FOR UPDATE SKIP LOCKED) on
-- its first append and keeps it until commit; each lane is a hash chain of its own with a head row that
-- holds its last lane_seq, seq and hash, so altered, removed and truncated entries are still detected.
-- The global seq comes from a sequence (gaps are allowed: a rolled-back transaction used a number) and
-- only orders the whole log. The existing single chain becomes lane 1's history, unchanged.

CREATE SEQUENCE action_log_seq AS bigint OWNED BY action_log.seq;
SELECT setval('action_log_seq', (SELECT coalesce(max(seq), 0) + 1 FROM action_log), false);

ALTER TABLE action_log ADD COLUMN lane smallint, ADD COLUMN lane_seq bigint;
UPDATE action_log SET lane = 1, lane_seq = seq;
ALTER TABLE action_log ALTER COLUMN lane SET NOT NULL, ALTER COLUMN lane_seq SET NOT NULL;
CREATE UNIQUE INDEX action_log_lane_idx ON action_log (lane, lane_seq);
COMMENT ON COLUMN action_log.seq IS 'Global order of the whole log (from action_log_seq; gaps are rolled-back transactions).';
COMMENT ON COLUMN action_log.lane IS 'The hash chain (lane) this entry belongs to; prev_hash links to the previous entry of the lane.';
COMMENT ON COLUMN action_log.lane_seq IS 'Position in the lane: 1, 2, 3 … without gaps.';

CREATE TABLE action_log_lanes (
  lane     smallint PRIMARY KEY CHECK (lane BETWEEN 1 AND 32),
  lane_seq bigint NOT NULL,
  seq      bigint NOT NULL,
  hash     text NOT NULL
);
INSERT INTO action_log_lanes (lane, lane_seq, seq, hash) SELECT 1, seq, seq, hash FROM action_log_head;
INSERT INTO action_log_lanes (lane, lane_seq, seq, hash) SELECT g, 0, 0, 'genesis' FROM generate_series(2, 32) g;
COMMENT ON TABLE action_log_lanes IS 'The head of each hash-chain lane of the action log: its last lane_seq, global seq and hash, so that removing the newest entries of a lane is detected. A writing transaction holds one lane row locked until it commits.';

DROP TABLE action_log_head;
CREATE VIEW action_log_head AS
  SELECT seq, hash FROM action_log_lanes ORDER BY seq DESC LIMIT 1;
COMMENT ON VIEW action_log_head IS 'The newest entry of the whole log (the lane head with the highest seq).';
