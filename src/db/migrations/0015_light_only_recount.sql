-- A crossing that only changes a clock's light (the scheduler's crossing sweep: a thousand at a time) no
-- longer recounts the clock from its case and step. A clock that is counted before and after such an update
-- — same subject, same status (not stopped), a light before and after — keeps its membership and its keys
-- (centre, department, office, item come from its case and step, which this statement did not change), so
-- its count moves from the light it was counted as to the new one, and its member row takes the new light.
-- Everything else (status changes, a light set or cleared) is recounted as before. The members are in step
-- with supervision_light_membership at the end of every statement (each change of clocks, cases and steps
-- recounts), which is what makes the shortcut exact; the lights tests check rebuild = incremental.
CREATE OR REPLACE FUNCTION supervision_light_from_clocks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM supervision_light_recount(ARRAY(SELECT id FROM old_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    WITH relit AS MATERIALIZED (
      SELECT m.clock_id, m.centre_id, m.subject, m.department_id, m.office_id, m.item_id,
             m.light AS was, n.light AS now
      FROM new_rows n
      JOIN old_rows o ON o.id = n.id
      JOIN supervision_light_members m ON m.clock_id = n.id
      WHERE n.light IS DISTINCT FROM o.light AND n.light IS NOT NULL AND o.light IS NOT NULL
        AND n.status = o.status AND n.status <> 'stopped'
        AND n.subject_type = o.subject_type AND n.subject_id = o.subject_id AND n.purpose = o.purpose
        AND m.light <> n.light
    ), moved AS (
      UPDATE supervision_light_members m SET light = r.now FROM relit r WHERE m.clock_id = r.clock_id
    )
    INSERT INTO supervision_light_counts (centre_id, subject, department_id, office_id, item_id, light, n)
    SELECT centre_id, subject, department_id, office_id, item_id, light, sum(d)::int
    FROM (
      SELECT centre_id, subject, department_id, office_id, item_id, now AS light, 1 AS d FROM relit
      UNION ALL
      SELECT centre_id, subject, department_id, office_id, item_id, was, -1 FROM relit
    ) x
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(d) <> 0;
    PERFORM supervision_light_recount(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.light IS DISTINCT FROM o.light OR n.status IS DISTINCT FROM o.status)
        AND NOT (n.light IS NOT NULL AND o.light IS NOT NULL
                 AND n.status = o.status AND n.status <> 'stopped'
                 AND n.subject_type = o.subject_type AND n.subject_id = o.subject_id AND n.purpose = o.purpose)));
  ELSE
    PERFORM supervision_light_recount(ARRAY(SELECT id FROM new_rows WHERE light IS NOT NULL));
  END IF;
  RETURN NULL;
END $$;
