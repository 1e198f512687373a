-- The event consumers no longer wait for transactions of other databases on the same server
-- (src/modules/stats/event-consumer.ts): the column's description follows.
COMMENT ON COLUMN case_events.tx IS 'pg_current_xact_id() of the inserting transaction. A consumer reads events with (tx, id) above its watermark and tx below the oldest transaction still running in this database (by the statement''s snapshot, leaving out those pg_stat_activity shows in another database), so every event it passes over has committed (or rolled back).';
