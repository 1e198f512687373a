-- The light counts are kept by the triggers of clocks, steps and cases, each statement recounting the clocks
-- it touched (supervision_light_recount). An engine transition touches the same two clocks in several
-- statements: the completed step's clock is stopped (a recount takes it out: a member row deleted, a −1
-- row added to the counts), then the next step's clock is started and its step inserted (a recount puts it
-- in: a member row, a +1 row). When both are in the same office and light, as a step returned or passed
-- within an office is, the two count rows cancel out; bench:engine measured the light upkeep at about a
-- third of the server's time per transition (its triggers dropped: 2.45 → 1.60 ms of CPU, 6.4 → 5.1 KB of
-- WAL).
--
-- A transaction may now defer its recounts to its end: after
--   SELECT set_config('onewindow.light_defer', 'on', true)
-- supervision_light_recount only notes the clocks asked for (in the transaction-local setting
-- onewindow.light_dirty), and supervision_light_flush() recounts them all at once and ends the deferral.
-- The recount compares each clock with its member row, so one recount at the end gives the same counts as
-- one per statement; opposite changes in the same bucket add no count row at all. A transaction that defers
-- must flush before it commits (the engine sends the flush with its last statements; nothing else defers):
-- what it noted and did not flush would be missing from the counts until supervision_light_rebuild().
-- Both settings are local to the transaction: a rollback, or the commit, clears them.

-- The recount itself, unchanged (migration 0021), under a name of its own: the triggers' entry point below
-- has no SET clause, which would cost each of their calls a settings save and restore.
CREATE FUNCTION supervision_light_recount_now(ids uuid[]) RETURNS void LANGUAGE plpgsql
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

-- What the light triggers call: a recount now, or, while the transaction defers, a note of the clocks.
CREATE OR REPLACE FUNCTION supervision_light_recount(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  IF current_setting('onewindow.light_defer', true) = 'on' THEN
    PERFORM set_config('onewindow.light_dirty',
      (coalesce(nullif(current_setting('onewindow.light_dirty', true), ''), '{}')::uuid[] || ids)::text, true);
  ELSE
    PERFORM supervision_light_recount_now(ids);
  END IF;
END $$;

CREATE FUNCTION supervision_light_flush() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := ARRAY(SELECT DISTINCT unnest(
    coalesce(nullif(current_setting('onewindow.light_dirty', true), ''), '{}')::uuid[]));
BEGIN
  PERFORM set_config('onewindow.light_defer', 'off', true);
  PERFORM set_config('onewindow.light_dirty', '', true);
  PERFORM supervision_light_recount_now(ids);
END $$;
