-- Every step opened and every step closed writes an entry into each index of case_tasks (a close cannot be
-- a HOT update: it changes the status, which the open-work indexes filter on). case_tasks_open_idx
-- (department_id, status, created_at) served nothing any more, and was not partial, so it also held every
-- closed step: the work list reads each way a step can be someone's from its own partial index (office,
-- role, person, agency, claimer: migrations 0007, 0011, 0017), and the supervision views find a step's
-- department as coalesce(step's, case's), which this index cannot serve. One entry fewer per step opened
-- and per step closed.
DROP INDEX case_tasks_open_idx;
