-- Steps are read by key and by their partial indexes a page at a time (the work list, the sweep, the
-- overdue summary), never in bulk: no plan gains from a parallel worker on case_tasks, and starting one
-- costs more than the page. At 10M cases (bench:supervision) the planner, costing a page of 500 of an
-- office of 100,000 open steps, chose a parallel walk of case_tasks_office_due_idx whose worker took
-- ~45 ms to start, in a 50 ms statement that takes ~20 ms without it, on a 2-core server.
ALTER TABLE case_tasks SET (parallel_workers = 0);
