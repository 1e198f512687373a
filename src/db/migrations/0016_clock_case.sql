-- Each clock names the case it belongs to: the case itself for a case's clocks, the step's case for a step
-- clock. The crossing sweep groups and locks due clocks by case; it found the case of a step clock through
-- the step row, a random read per clock of every tick that the sweep otherwise never needs. Set once when
-- the clock starts (never changes). No foreign key: a case's clocks are written before the case row that
-- refers to them (cases.promised_clock_id). Rows written without it (by an older server during an upgrade)
-- are still resolved through their subject.
ALTER TABLE clocks ADD COLUMN case_id uuid;
COMMENT ON COLUMN clocks.case_id IS 'The case the clock belongs to (the case for subject_type case, the step''s case for subject_type task); set when the clock starts.';

-- The backfill changes no light or status: the light-count upkeep has nothing to do, so it is not run.
ALTER TABLE clocks DISABLE TRIGGER supervision_light_clocks_update;
UPDATE clocks SET case_id = subject_id::uuid
WHERE subject_type = 'case'
  AND subject_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
UPDATE clocks c SET case_id = t.case_id
FROM case_tasks t
WHERE c.subject_type = 'task'
  AND c.subject_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
  AND t.id = c.subject_id::uuid;
ALTER TABLE clocks ENABLE TRIGGER supervision_light_clocks_update;
