-- Every write of a clock's next crossing or due instant is a new row version with an entry in each of the
-- clocks' indexes (next_crossing_at is indexed, so no such update is HOT). clocks_open_due_idx (all open
-- clocks by due instant) serves no query: the work list walks clocks_open_step_due_idx, the overdue
-- summary clocks_red_due_idx, and a case's clocks are found through the case. Dropping it takes one index
-- entry off each clock write — each crossing of the scheduler's sweep and each step a transition opens or
-- closes.
DROP INDEX IF EXISTS clocks_open_due_idx;
