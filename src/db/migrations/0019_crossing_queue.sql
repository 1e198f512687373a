-- A threshold crossing rewrites only what no index of clocks names, so PostgreSQL can keep the new row
-- version on the same page without touching an index (a HOT update). Before, each crossing changed two
-- indexed columns — next_crossing_at (the sweep's index) and light (in the predicate of the red-clock
-- index) — so every one of the thousand rows a sweep tick rewrites also added an entry to each of the five
-- clock indexes, two of them keyed by random ids (bench:supervision: a part's UPDATE of 500 clocks took
-- 33–50 ms at 1M cases, 16–18 ms as HOT updates plus 4–5 ms for the narrow queue below).
--
-- 1. The next crossing instant moves to a narrow table of its own, the sweep's queue: one row per clock that
--    has a crossing ahead, written in the same statement as the clock (clock.service store/startClocks,
--    the sweep), deleted when nothing lies ahead. It names the clock's case so the sweep's due read needs
--    nothing else.
CREATE TABLE clock_crossings (
  clock_id    uuid PRIMARY KEY REFERENCES clocks(id) ON DELETE CASCADE,
  case_id     uuid,
  crossing_at timestamptz NOT NULL
);
COMMENT ON TABLE clock_crossings IS 'The next instant each clock''s cached light (or a rule''s overdue count) can change; the scheduler''s crossing sweep refreshes the clock then. No row when the clock is stopped or nothing lies ahead.';
COMMENT ON COLUMN clock_crossings.case_id IS 'The clock''s case (clocks.case_id), so the sweep groups and locks by case without reading the clock.';
CREATE INDEX clock_crossings_at_idx ON clock_crossings (crossing_at);
-- (a clock whose case_id an older server left empty names its case through its subject)
INSERT INTO clock_crossings (clock_id, case_id, crossing_at)
  SELECT c.id, coalesce(c.case_id, CASE
           WHEN c.subject_id !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN NULL
           WHEN c.subject_type = 'case' THEN c.subject_id::uuid
           WHEN c.subject_type = 'task' THEN (SELECT t.case_id FROM case_tasks t WHERE t.id = c.subject_id::uuid)
         END), c.next_crossing_at
  FROM clocks c WHERE c.next_crossing_at IS NOT NULL;
DROP INDEX IF EXISTS clocks_next_crossing_idx;
ALTER TABLE clocks DROP COLUMN next_crossing_at;

-- 2. The overdue summary's index no longer names the light: it holds every open clock of a centre in due
--    order, and the summary walks it up to the present instant (a red clock is overdue, so its due instant
--    has passed), keeping the red ones.
DROP INDEX IF EXISTS clocks_red_due_idx;
CREATE INDEX clocks_centre_open_due_idx ON clocks (centre_id, due_at, id) WHERE status <> 'stopped';

-- 3. Room on each page for the new versions: a clock is rewritten a few times in its life (each crossing,
--    a suspension, its stop). Applies to pages written from now on.
ALTER TABLE clocks SET (fillfactor = 85);
COMMENT ON COLUMN clocks.light IS 'Cache of lightFor(computeClock(...)) as of the last change or threshold crossing; the truth is always recomputable from the clock''s history. The scheduler refreshes it at clock_crossings.crossing_at.';
