-- A clock's coming light changes, computed when the clock is (src/core/supervision.ts crossingPlan): while
-- its inputs stay as they were, the crossing sweep applies a crossing that only moves the light with one
-- statement from these columns, without reading the clock's history or recomputing it. A plan is trusted
-- only under the calendar token it was computed with and before its first card; every write that changes
-- what it was computed from writes a new plan or none (NULL: the sweep recomputes, as before).
ALTER TABLE clocks
  ADD COLUMN plan_at timestamptz[],
  ADD COLUMN plan_light text[],
  ADD COLUMN plan_cards_at timestamptz,
  ADD COLUMN plan_token uuid;
COMMENT ON COLUMN clocks.plan_at IS 'Coming crossing instants, ascending; plan_light[i] is the light from plan_at[i] on (NULL: recompute there).';
COMMENT ON COLUMN clocks.plan_cards_at IS 'The first plan instant at which a card rule holds; from it on the sweep recomputes the clock.';
COMMENT ON COLUMN clocks.plan_token IS 'The calendar token (calendar_revision.token) the plan was computed under; another token voids the plan.';
