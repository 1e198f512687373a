-- Supervision at province scale: counts of open cases and steps by light kept per centre, department,
-- office and item in the same transaction as every change of a cached light (so the dashboard reads a few
-- hundred rows, not the open work), and indexes for the work lists and the overdue summary.

-- Which open clock is counted where: the promised clock of an accepted case, and the step clock of an open
-- step, with the clock's cached light. The one definition that the incremental upkeep and the rebuild share.
CREATE VIEW supervision_light_membership AS
SELECT c.id AS clock_id, k.centre_id, 'case'::text AS subject, k.department_id, NULL::uuid AS office_id,
       k.item_id, c.light
FROM clocks c
JOIN cases k
  ON k.id = CASE WHEN c.subject_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                 THEN c.subject_id::uuid END
 AND k.promised_clock_id = c.id
WHERE c.subject_type = 'case' AND c.purpose = 'promised' AND c.status <> 'stopped' AND c.light IS NOT NULL
  AND k.status = 'accepted'
UNION ALL
SELECT c.id, k.centre_id, 'task'::text, coalesce(t.department_id, k.department_id), t.office_id, k.item_id, c.light
FROM clocks c
JOIN case_tasks t
  ON t.id = CASE WHEN c.subject_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                 THEN c.subject_id::uuid END
JOIN cases k ON k.id = t.case_id
WHERE c.subject_type = 'task' AND c.status <> 'stopped' AND c.light IS NOT NULL AND t.status IN ('open', 'claimed');
COMMENT ON VIEW supervision_light_membership IS 'The open clocks the light counts count, with their keys: the promised clock of an accepted case, the step clock of an open or claimed step.';

-- What each counted clock was counted as, so that a change takes back exactly what was added.
CREATE TABLE supervision_light_members (
  clock_id      uuid PRIMARY KEY,
  centre_id     uuid NOT NULL,
  subject       text NOT NULL,
  department_id uuid NOT NULL,
  office_id     uuid,
  item_id       uuid NOT NULL,
  light         text NOT NULL
);
COMMENT ON TABLE supervision_light_members IS 'The rows of supervision_light_membership as last counted; kept by supervision_light_recount, rebuilt by supervision_light_rebuild.';

-- The counts as an append-only ledger: every change inserts its signed differences (never an update of a
-- shared row, so concurrent transitions of the same centre take no common lock and cannot deadlock on
-- counters), readers add the rows of a key up, and supervision_light_compact() (a recurring scheduler job)
-- folds each key's rows back into one.
CREATE TABLE supervision_light_counts (
  id            bigserial PRIMARY KEY,
  centre_id     uuid NOT NULL,
  subject       text NOT NULL CHECK (subject IN ('case', 'task')),
  department_id uuid NOT NULL,
  office_id     uuid,
  item_id       uuid NOT NULL,
  light         text NOT NULL CHECK (light IN ('green', 'yellow', 'red', 'suspended')),
  n             integer NOT NULL
);
CREATE INDEX supervision_light_counts_centre_idx ON supervision_light_counts (centre_id, subject);
CREATE INDEX supervision_light_counts_department_idx ON supervision_light_counts (department_id, subject);
CREATE INDEX supervision_light_counts_office_idx ON supervision_light_counts (office_id, subject)
  WHERE office_id IS NOT NULL;
COMMENT ON TABLE supervision_light_counts IS 'Open cases (promised clock) and open steps (step clock) by cached light, per centre, department, office (steps) and item, as signed differences added up by readers: inserted in the transaction that changes a light or opens or closes a case or step; supervision_light_compact() folds them, supervision_light_rebuild() recomputes them.';

CREATE FUNCTION supervision_light_recount(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO supervision_light_counts (centre_id, subject, department_id, office_id, item_id, light, n)
  SELECT centre_id, subject, department_id, office_id, item_id, light, sum(d)::int
  FROM (
    SELECT centre_id, subject, department_id, office_id, item_id, light, 1 AS d
    FROM supervision_light_membership WHERE clock_id = ANY (ids)
    UNION ALL
    SELECT centre_id, subject, department_id, office_id, item_id, light, -1
    FROM supervision_light_members WHERE clock_id = ANY (ids)
  ) x
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d) <> 0;
  DELETE FROM supervision_light_members WHERE clock_id = ANY (ids);
  INSERT INTO supervision_light_members
  SELECT clock_id, centre_id, subject, department_id, office_id, item_id, light
  FROM supervision_light_membership WHERE clock_id = ANY (ids);
END $$;

CREATE FUNCTION supervision_light_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE supervision_light_members, supervision_light_counts IN EXCLUSIVE MODE;
  DELETE FROM supervision_light_members;
  DELETE FROM supervision_light_counts;
  INSERT INTO supervision_light_members
  SELECT clock_id, centre_id, subject, department_id, office_id, item_id, light FROM supervision_light_membership;
  INSERT INTO supervision_light_counts (centre_id, subject, department_id, office_id, item_id, light, n)
  SELECT centre_id, subject, department_id, office_id, item_id, light, count(*)::int
  FROM supervision_light_members GROUP BY 1, 2, 3, 4, 5, 6;
END $$;

-- Folds the rows of every key that has more than one into a single row (dropping keys that add up to 0).
-- Only other compactions could touch the same rows (writers only insert), so one runs at a time; a
-- second caller returns 0 at once. Returns the number of rows folded.
CREATE FUNCTION supervision_light_compact() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  folded integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('supervision_light_compact')) THEN
    RETURN 0;
  END IF;
  WITH many AS (
    SELECT centre_id, subject, department_id, office_id, item_id, light
    FROM supervision_light_counts
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING count(*) > 1
  ), gone AS (
    DELETE FROM supervision_light_counts s USING many m
    WHERE s.centre_id = m.centre_id AND s.subject = m.subject AND s.department_id = m.department_id
      AND s.office_id IS NOT DISTINCT FROM m.office_id AND s.item_id = m.item_id AND s.light = m.light
    RETURNING s.centre_id, s.subject, s.department_id, s.office_id, s.item_id, s.light, s.n
  ), kept AS (
    INSERT INTO supervision_light_counts (centre_id, subject, department_id, office_id, item_id, light, n)
    SELECT centre_id, subject, department_id, office_id, item_id, light, sum(n)::int
    FROM gone GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0
    RETURNING 1
  )
  SELECT count(*)::int INTO folded FROM gone;
  RETURN folded;
END $$;

-- The changes that can move a clock in or out of the counts, or change its light or keys.
CREATE FUNCTION supervision_light_from_clocks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM supervision_light_recount(ARRAY(SELECT id FROM old_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM supervision_light_recount(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.light IS DISTINCT FROM o.light OR n.status IS DISTINCT FROM o.status));
  ELSE
    PERFORM supervision_light_recount(ARRAY(SELECT id FROM new_rows WHERE light IS NOT NULL));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supervision_light_clocks_insert AFTER INSERT ON clocks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_light_from_clocks();
CREATE TRIGGER supervision_light_clocks_update AFTER UPDATE ON clocks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_light_from_clocks();
CREATE TRIGGER supervision_light_clocks_delete AFTER DELETE ON clocks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_light_from_clocks();

CREATE FUNCTION supervision_light_from_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM supervision_light_recount(ARRAY(
      SELECT x FROM (
        SELECT n.promised_clock_id AS x FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.status IS DISTINCT FROM o.status OR n.promised_clock_id IS DISTINCT FROM o.promised_clock_id
           OR n.department_id IS DISTINCT FROM o.department_id OR n.item_id IS DISTINCT FROM o.item_id
        UNION
        SELECT o.promised_clock_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.promised_clock_id IS DISTINCT FROM o.promised_clock_id) ids
      WHERE x IS NOT NULL));
  ELSE
    PERFORM supervision_light_recount(ARRAY(
      SELECT promised_clock_id FROM new_rows WHERE promised_clock_id IS NOT NULL AND status = 'accepted'));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supervision_light_cases_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_light_from_cases();
CREATE TRIGGER supervision_light_cases_update AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_light_from_cases();

CREATE FUNCTION supervision_light_from_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM supervision_light_recount(ARRAY(
      SELECT c.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN clocks c ON c.subject_type = 'task' AND c.subject_id = n.id::text
      WHERE n.status IS DISTINCT FROM o.status OR n.office_id IS DISTINCT FROM o.office_id
         OR n.department_id IS DISTINCT FROM o.department_id));
  ELSE
    PERFORM supervision_light_recount(ARRAY(
      SELECT c.id FROM new_rows n JOIN clocks c ON c.subject_type = 'task' AND c.subject_id = n.id::text));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER supervision_light_tasks_insert AFTER INSERT ON case_tasks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_light_from_tasks();
CREATE TRIGGER supervision_light_tasks_update AFTER UPDATE ON case_tasks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION supervision_light_from_tasks();

SELECT supervision_light_rebuild();

-- Work lists: the open step clocks in due order (walked until enough belong to the office), and the open
-- steps by who claimed them and by role where nobody is assigned (the branches of "my tasks").
CREATE INDEX clocks_open_step_due_idx ON clocks (due_at) WHERE subject_type = 'task' AND status <> 'stopped';
CREATE INDEX case_tasks_claimed_open_idx ON case_tasks (claimed_by, created_at) WHERE status IN ('open', 'claimed');
CREATE INDEX case_tasks_role_open_idx ON case_tasks (role, department_id, created_at)
  WHERE status IN ('open', 'claimed') AND office_id IS NULL AND assignee_staff_id IS NULL;
-- The overdue summary: red open clocks of a centre, most overdue first.
CREATE INDEX clocks_red_due_idx ON clocks (centre_id, due_at, id) WHERE light = 'red' AND status <> 'stopped';
