-- The light-count upkeep recounted clocks whose count could not change. An engine transition recounted four
-- times, two of them for nothing: the next step's clock is inserted before its step row (no membership yet:
-- the step's insert counts it), and the completed step's clock is stopped before the step is closed (the
-- stop takes it out of the counts: the close finds nothing left to take). Each recount of one clock cost
-- ~0.3–0.8 ms of the server's time (pg_stat_statements, bench:engine), about a third of its time per
-- transition. Now a recount is asked only where it can change something; the recount itself, and so the
-- counts, are unchanged (the lights tests check rebuild = incremental):
-- * a new clock is recounted only when the case or step it would count for already exists (the promised
--   clock of its case, or its step) — a new clock is never among the counted members, so without that row
--   there is nothing to add or take back;
-- * a step's change recounts its clock only when it moves the step in or out of the open work (open or
--   claimed; claiming an open step does not) or changes its office or department, and only when the clock
--   is running or still counted (a stopped clock not counted stays not counted);
-- * a statement that changed no step does nothing. A new step clock passes its due instant on to its step
--   (migration 0017) with an UPDATE that, the step not inserted yet, changed no row but still fired the
--   steps' statement trigger; it is now issued only when there is a step to change.
CREATE FUNCTION supervision_light_from_new_clocks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM supervision_light_recount(ARRAY(
    SELECT n.id FROM (
      SELECT id, subject_type, purpose, light, status,
             CASE WHEN subject_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                  THEN subject_id::uuid END AS subject_uuid
      FROM new_rows) n
    WHERE n.light IS NOT NULL AND n.status <> 'stopped'
      AND CASE n.subject_type
            WHEN 'task' THEN EXISTS (SELECT 1 FROM case_tasks t WHERE t.id = n.subject_uuid)
            WHEN 'case' THEN n.purpose = 'promised'
                             AND EXISTS (SELECT 1 FROM cases k WHERE k.id = n.subject_uuid AND k.promised_clock_id = n.id)
            ELSE false
          END));
  RETURN NULL;
END $$;

DROP TRIGGER supervision_light_clocks_insert ON clocks;
CREATE TRIGGER supervision_light_clocks_insert AFTER INSERT ON clocks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_light_from_new_clocks();

CREATE OR REPLACE FUNCTION supervision_light_from_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM supervision_light_recount(ARRAY(
      SELECT c.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN clocks c ON c.subject_type = 'task' AND c.subject_id = n.id::text
      WHERE ((n.status IN ('open', 'claimed')) IS DISTINCT FROM (o.status IN ('open', 'claimed'))
             OR n.office_id IS DISTINCT FROM o.office_id OR n.department_id IS DISTINCT FROM o.department_id)
        AND (c.status <> 'stopped' OR EXISTS (SELECT 1 FROM supervision_light_members m WHERE m.clock_id = c.id))));
  ELSE
    PERFORM supervision_light_recount(ARRAY(
      SELECT c.id FROM new_rows n JOIN clocks c ON c.subject_type = 'task' AND c.subject_id = n.id::text));
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION clocks_due_to_step() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  step uuid;
BEGIN
  IF NEW.subject_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN
    step := NEW.subject_id::uuid;
    IF EXISTS (SELECT 1 FROM case_tasks
               WHERE id = step AND clock_id = NEW.id AND due_at IS DISTINCT FROM NEW.due_at) THEN
      UPDATE case_tasks SET due_at = NEW.due_at
      WHERE id = step AND clock_id = NEW.id AND due_at IS DISTINCT FROM NEW.due_at;
    END IF;
  END IF;
  RETURN NULL;
END $$;
