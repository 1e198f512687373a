-- The light-count upkeep of an UPDATE of clocks paired each clock's old and new row by joining the two
-- transition tables. PL/pgSQL plans such a statement once per session (it has no parameters), for the
-- transition tables' sizes at its first call — one row after an engine transition — so the join stayed a
-- nested loop for every later call: each new row compared with every old row. For the crossing sweep's 500
-- clocks that is 250,000 comparisons, twice (auto_explain: 23 + 17 ms of trigger time for 240 clocks). The
-- rows are now paired by grouping both tables on the clock's id, which costs the same per row whatever the
-- plan, and each clock's member row is looked up by its key in a subquery that cannot be turned into a
-- scan of all members. Same effect as migration 0015: a light-only change moves the clock's count from the
-- old light to the new one, anything else is recounted (the lights tests check rebuild = incremental).
CREATE OR REPLACE FUNCTION supervision_light_from_clocks() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  recount uuid[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM supervision_light_recount(ARRAY(SELECT id FROM old_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    WITH pairs AS MATERIALIZED (
      SELECT *,
             coalesce(light_now IS NOT NULL AND light_was IS NOT NULL AND same_subject
                      AND status_now = status_was AND status_now <> 'stopped', false) AS light_only
      FROM (
        SELECT id,
               min(light) FILTER (WHERE is_new) AS light_now,
               min(light) FILTER (WHERE NOT is_new) AS light_was,
               min(status) FILTER (WHERE is_new) AS status_now,
               min(status) FILTER (WHERE NOT is_new) AS status_was,
               min(subject_type || '/' || subject_id || '/' || purpose)
                 = max(subject_type || '/' || subject_id || '/' || purpose) AS same_subject
        FROM (SELECT true AS is_new, id, light, status, subject_type, subject_id, purpose FROM new_rows
              UNION ALL
              SELECT false, id, light, status, subject_type, subject_id, purpose FROM old_rows) sides
        GROUP BY id) g
    ), relit AS MATERIALIZED (
      SELECT m.clock_id, m.centre_id, m.subject, m.department_id, m.office_id, m.item_id,
             m.light AS was, p.light_now AS now
      FROM pairs p
      CROSS JOIN LATERAL (
        SELECT * FROM supervision_light_members m WHERE m.clock_id = p.id OFFSET 0) m
      WHERE p.light_only AND p.light_now <> p.light_was AND m.light <> p.light_now
    ), moved AS (
      UPDATE supervision_light_members m SET light = r.now FROM relit r WHERE m.clock_id = r.clock_id
    ), counted AS (
      INSERT INTO supervision_light_counts (centre_id, subject, department_id, office_id, item_id, light, n)
      SELECT centre_id, subject, department_id, office_id, item_id, light, sum(d)::int
      FROM (
        SELECT centre_id, subject, department_id, office_id, item_id, now AS light, 1 AS d FROM relit
        UNION ALL
        SELECT centre_id, subject, department_id, office_id, item_id, was, -1 FROM relit
      ) x
      GROUP BY 1, 2, 3, 4, 5, 6
      HAVING sum(d) <> 0
    )
    SELECT ARRAY(
      SELECT p.id FROM pairs p
      WHERE (p.light_now IS DISTINCT FROM p.light_was OR p.status_now IS DISTINCT FROM p.status_was)
        AND NOT p.light_only)
    INTO recount;
    PERFORM supervision_light_recount(recount);
  ELSE
    PERFORM supervision_light_recount(ARRAY(SELECT id FROM new_rows WHERE light IS NOT NULL));
  END IF;
  RETURN NULL;
END $$;
