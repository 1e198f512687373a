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
-- The steps' trigger found a step's clock by joining the transition table to clocks, planned (once per
-- session) for the sizes the tables had then: on a young database it kept scanning every step clock
-- (auto_explain in bench:engine: 448 rows read for one). Each clock, step or member is now looked up in
-- a subquery per row (LATERAL … OFFSET 0, EXISTS … OFFSET 0) that cannot become a scan of the table or a
-- hash of it, whatever the sizes at planning.
CREATE FUNCTION supervision_light_from_new_clocks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM supervision_light_recount(ARRAY(
    SELECT n.id FROM new_rows n
    CROSS JOIN LATERAL (
      SELECT CASE WHEN n.subject_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                  THEN n.subject_id::uuid END AS id) subject
    WHERE n.light IS NOT NULL AND n.status <> 'stopped'
      AND CASE n.subject_type
            WHEN 'task' THEN EXISTS (SELECT 1 FROM case_tasks t WHERE t.id = subject.id OFFSET 0)
            WHEN 'case' THEN n.purpose = 'promised'
                             AND EXISTS (SELECT 1 FROM cases k WHERE k.id = subject.id AND k.promised_clock_id = n.id
                                         OFFSET 0)
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
      CROSS JOIN LATERAL (
        SELECT id, status FROM clocks c WHERE c.subject_type = 'task' AND c.subject_id = n.id::text OFFSET 0) c
      WHERE ((n.status IN ('open', 'claimed')) IS DISTINCT FROM (o.status IN ('open', 'claimed'))
             OR n.office_id IS DISTINCT FROM o.office_id OR n.department_id IS DISTINCT FROM o.department_id)
        AND (c.status <> 'stopped'
             OR EXISTS (SELECT 1 FROM supervision_light_members m WHERE m.clock_id = c.id OFFSET 0))));
  ELSE
    PERFORM supervision_light_recount(ARRAY(
      SELECT c.id FROM new_rows n
      CROSS JOIN LATERAL (
        SELECT id FROM clocks c WHERE c.subject_type = 'task' AND c.subject_id = n.id::text OFFSET 0) c));
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

-- The recount itself read its clocks with `id = ANY (ids)`, and its generic plan (migration 0012) was
-- made, once per session, for the table as it was then: a young database's sessions kept scanning the
-- whole clocks table for one id (0.1 ms at a few thousand clocks, growing with it until an ANALYZE
-- replanned). The clocks are now read one primary-key lookup per id. Otherwise as in migration 0012.
CREATE OR REPLACE FUNCTION supervision_light_recount(ids uuid[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  WITH c AS MATERIALIZED (
    SELECT k.id, k.subject_type, k.subject_id, k.purpose, k.light,
           CASE WHEN k.subject_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                THEN k.subject_id::uuid END AS subject_uuid
    FROM unnest(ids) AS x(id)
    CROSS JOIN LATERAL (SELECT * FROM clocks WHERE clocks.id = x.id OFFSET 0) k
    WHERE k.status <> 'stopped' AND k.light IS NOT NULL
  ), cur AS MATERIALIZED (
    SELECT c.id AS clock_id, k.centre_id, 'case'::text AS subject, k.department_id, NULL::uuid AS office_id,
           k.item_id, c.light
    FROM c JOIN cases k ON k.id = c.subject_uuid AND k.promised_clock_id = c.id
    WHERE c.subject_type = 'case' AND c.purpose = 'promised' AND k.status = 'accepted'
    UNION ALL
    SELECT c.id, k.centre_id, 'task'::text, coalesce(t.department_id, k.department_id), t.office_id, k.item_id, c.light
    FROM c JOIN case_tasks t ON t.id = c.subject_uuid JOIN cases k ON k.id = t.case_id
    WHERE c.subject_type = 'task' AND t.status IN ('open', 'claimed')
  ), prev AS MATERIALIZED (
    SELECT clock_id, centre_id, subject, department_id, office_id, item_id, light
    FROM supervision_light_members WHERE clock_id = ANY (ids)
  ), gone AS (
    DELETE FROM supervision_light_members m
    WHERE m.clock_id = ANY (ids) AND m.clock_id NOT IN (SELECT clock_id FROM cur)
  ), kept AS (
    INSERT INTO supervision_light_members AS m
    SELECT clock_id, centre_id, subject, department_id, office_id, item_id, light FROM cur
    ON CONFLICT (clock_id) DO UPDATE SET centre_id = excluded.centre_id, subject = excluded.subject,
      department_id = excluded.department_id, office_id = excluded.office_id, item_id = excluded.item_id,
      light = excluded.light
    WHERE (m.centre_id, m.subject, m.department_id, m.office_id, m.item_id, m.light)
      IS DISTINCT FROM (excluded.centre_id, excluded.subject, excluded.department_id, excluded.office_id,
                        excluded.item_id, excluded.light)
  )
  INSERT INTO supervision_light_counts (centre_id, subject, department_id, office_id, item_id, light, n)
  SELECT centre_id, subject, department_id, office_id, item_id, light, sum(d)::int
  FROM (
    SELECT centre_id, subject, department_id, office_id, item_id, light, 1 AS d FROM cur
    UNION ALL
    SELECT centre_id, subject, department_id, office_id, item_id, light, -1 FROM prev
  ) x
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d) <> 0;
END $$;
