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

-- The same upkeep as before (what the clocks of `ids` count as now, minus what they were counted as), with
-- the membership view read once and the members kept by upsert instead of delete-and-insert. Planned
-- generically: with a thousand ids spelled out, the planner chose bitmap and hash plans over the whole
-- open work (210 ms for 1,000 clocks at 1M cases); the generic plan walks the keys (39 ms).
CREATE OR REPLACE FUNCTION supervision_light_recount(ids uuid[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  WITH cur AS MATERIALIZED (
    SELECT clock_id, centre_id, subject, department_id, office_id, item_id, light
    FROM supervision_light_membership WHERE clock_id = ANY (ids)
  ), prev AS MATERIALIZED (
    SELECT clock_id, centre_id, subject, department_id, office_id, item_id, light
    FROM supervision_light_members WHERE clock_id = ANY (ids)
  ), gone AS (
    DELETE FROM supervision_light_members m
    WHERE m.clock_id = ANY (ids) AND NOT EXISTS (SELECT 1 FROM cur WHERE cur.clock_id = m.clock_id)
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
