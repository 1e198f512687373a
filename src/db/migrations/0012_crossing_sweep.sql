-- Threshold crossings are found through the clocks themselves: the scheduler's crossing sweep takes the
-- clocks whose next_crossing_at has come (a partial index), so a crossing no longer writes, claims and
-- completes a timer row of its own. The light-count upkeep reads the membership view once per change.

CREATE INDEX clocks_next_crossing_idx ON clocks (next_crossing_at) WHERE next_crossing_at IS NOT NULL;
-- Two indexes every clock write paid for and no query needs: the unique key (subject_type, subject_id,
-- purpose) already serves lookups by subject, and the counts by light come from supervision_light_counts.
DROP INDEX clocks_subject_idx;
DROP INDEX clocks_centre_light_idx;
COMMENT ON COLUMN clocks.next_crossing_at IS 'The next instant the cached light (or a rule''s overdue count) can change; the scheduler''s crossing sweep refreshes the clock then. NULL when stopped or when nothing lies ahead.';

-- A pending crossing timer that was due earlier than the clock's next crossing (a rule-set change makes
-- every clock of the centre due at once) carries over; then the crossing timers go.
UPDATE clocks c SET next_crossing_at = t.due_at
FROM timers t
WHERE t.kind = 'clock.crossing' AND t.done_at IS NULL AND t.key = c.id::text
  AND (c.next_crossing_at IS NULL OR t.due_at < c.next_crossing_at) AND c.status <> 'stopped';
DELETE FROM timers WHERE kind = 'clock.crossing';

-- The same upkeep as before (what the clocks of `ids` count as now, minus what they were counted as), driven
-- from the ids: the clocks by primary key first, then their case or step by primary key (the same
-- membership as the view supervision_light_membership, which the rebuild still uses — the lights tests
-- check rebuild = incremental), the members kept by upsert. Planned once per session (generic plan):
-- planning this statement took ~2 ms, four times its execution for the one or two clocks a transition
-- changes; driven by primary keys, the generic plan stays linear for a thousand ids (a sweep) or twenty
-- thousand (a bulk load).
CREATE OR REPLACE FUNCTION supervision_light_recount(ids uuid[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  WITH c AS MATERIALIZED (
    SELECT id, subject_type, subject_id, purpose, light,
           CASE WHEN subject_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                THEN subject_id::uuid END AS subject_uuid
    FROM clocks WHERE id = ANY (ids) AND status <> 'stopped' AND light IS NOT NULL
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
