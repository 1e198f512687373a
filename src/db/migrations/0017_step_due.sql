-- Each step carries its clock's due instant, so that a work list reads an office's open steps in due order
-- from an index of their own and stops after its page. It walked all open step clocks in due order and kept
-- the office's (clocks_open_step_due_idx), which costs what comes before the office's last step of the
-- page: little when the office's steps are spread through the due order, nearly all open steps when they
-- all fall due later than the others' (an office with long limits, or one whose work started recently).
--
-- case_tasks.due_at is a copy kept by the database, never written by the application: a step takes it from
-- its clock when it is inserted, and a clock whose due instant changes (suspension, resumption, extension,
-- a recomputation) passes it on to its step. A step clock always names its step (subject_id) and the step
-- its clock (clock_id); either may be written first.
ALTER TABLE case_tasks ADD COLUMN due_at timestamptz;
COMMENT ON COLUMN case_tasks.due_at IS 'Due instant of the step''s clock (clock_id), copied by triggers from clocks: the work list''s order. Null when the step has no clock or its clock no due instant.';

CREATE FUNCTION case_tasks_due_from_clock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.clock_id IS NULL THEN
    NEW.due_at := NULL;
  ELSE
    NEW.due_at := (SELECT due_at FROM clocks WHERE id = NEW.clock_id);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER case_tasks_due_insert BEFORE INSERT ON case_tasks
  FOR EACH ROW EXECUTE FUNCTION case_tasks_due_from_clock();
CREATE TRIGGER case_tasks_due_clock_change BEFORE UPDATE OF clock_id ON case_tasks
  FOR EACH ROW WHEN (NEW.clock_id IS DISTINCT FROM OLD.clock_id) EXECUTE FUNCTION case_tasks_due_from_clock();

CREATE FUNCTION clocks_due_to_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.subject_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN
    UPDATE case_tasks SET due_at = NEW.due_at
    WHERE id = NEW.subject_id::uuid AND clock_id = NEW.id AND due_at IS DISTINCT FROM NEW.due_at;
  END IF;
  RETURN NULL;
END $$;
-- A clock is usually written before its step (the step names it), but a step inserted first gets its due
-- instant when its clock arrives.
CREATE TRIGGER clocks_due_to_step_insert AFTER INSERT ON clocks
  FOR EACH ROW WHEN (NEW.subject_type = 'task' AND NEW.due_at IS NOT NULL) EXECUTE FUNCTION clocks_due_to_step();
-- Only a changed due instant fires it: the crossing sweep's light-only updates pass the same value.
CREATE TRIGGER clocks_due_to_step_update AFTER UPDATE OF due_at ON clocks
  FOR EACH ROW WHEN (NEW.subject_type = 'task' AND NEW.due_at IS DISTINCT FROM OLD.due_at)
  EXECUTE FUNCTION clocks_due_to_step();

-- The backfill changes no status, office or department: the light-count upkeep has nothing to do.
ALTER TABLE case_tasks DISABLE TRIGGER supervision_light_tasks_update;
UPDATE case_tasks t SET due_at = c.due_at
FROM clocks c
WHERE c.id = t.clock_id AND c.due_at IS NOT NULL;
ALTER TABLE case_tasks ENABLE TRIGGER supervision_light_tasks_update;

-- An office's open steps in due order; steps due at the same instant (a deadline is usually the close of a
-- working day, so many are) in the order they were opened. It replaces the index on (office_id, status) for
-- the same open steps: equality on the office and the same predicate still use it.
DROP INDEX IF EXISTS case_tasks_office_open_idx;
CREATE INDEX case_tasks_office_due_idx ON case_tasks (office_id, due_at, created_at)
  WHERE status IN ('open', 'claimed');
-- A role's pool (steps addressed to a role in a department, or centre-wide with no department: the window
-- clerks'), in due order the same way. It replaces the one by opening time, which the work list had to sort
-- whole.
DROP INDEX IF EXISTS case_tasks_role_open_idx;
CREATE INDEX case_tasks_role_due_idx ON case_tasks (role, department_id, due_at, created_at)
  WHERE status IN ('open', 'claimed') AND office_id IS NULL AND assignee_staff_id IS NULL;
-- No query walks all open step clocks in due order any more.
DROP INDEX IF EXISTS clocks_open_step_due_idx;
