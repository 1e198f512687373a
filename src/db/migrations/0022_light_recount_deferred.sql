-- The light counts are kept by the triggers of clocks, steps and cases, each statement recounting the clocks
-- it touched (supervision_light_recount). An engine transition touches the same two clocks in several
-- statements: the completed step's clock is stopped (a recount takes it out: a member row deleted, a −1
-- row added to the counts), then the next step's clock is started and its step inserted (a recount puts it
-- in: a member row, a +1 row). When both are in the same office and light, as a step returned or passed
-- within an office is, the two count rows cancel out; bench:engine measured the light upkeep at about a
-- third of the server's time per transition (its triggers dropped: 2.45 → 1.60 ms of CPU, 6.4 → 5.1 KB of
-- WAL).
--
-- A transaction may now defer its recounts to its end: after
--   SELECT set_config('onewindow.light_defer', 'on', true)
-- supervision_light_recount only notes the clocks asked for (in the transaction-local setting
-- onewindow.light_dirty), and supervision_light_flush() recounts them all at once and ends the deferral.
-- The recount compares each clock with its member row, so one recount at the end gives the same counts as
-- one per statement; opposite changes in the same bucket add no count row at all. A transaction that defers
-- must flush before it commits (the engine sends the flush with its last statements; nothing else defers):
-- what it noted and did not flush would be missing from the counts until supervision_light_rebuild().
-- Both settings are local to the transaction: a rollback, or the commit, clears them.

-- The recount itself, unchanged (migration 0021), under a name of its own: the triggers' entry point below
-- has no SET clause, which would cost each of their calls a settings save and restore.
ALTER FUNCTION supervision_light_recount(uuid[]) RENAME TO supervision_light_recount_now;

-- What the light triggers call: a recount now, or, while the transaction defers, a note of the clocks.
CREATE FUNCTION supervision_light_recount(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  IF current_setting('onewindow.light_defer', true) = 'on' THEN
    PERFORM set_config('onewindow.light_dirty',
      (coalesce(nullif(current_setting('onewindow.light_dirty', true), ''), '{}')::uuid[] || ids)::text, true);
  ELSE
    PERFORM supervision_light_recount_now(ids);
  END IF;
END $$;

CREATE FUNCTION supervision_light_flush() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[] := ARRAY(SELECT DISTINCT unnest(
    coalesce(nullif(current_setting('onewindow.light_dirty', true), ''), '{}')::uuid[]));
BEGIN
  PERFORM set_config('onewindow.light_defer', 'off', true);
  PERFORM set_config('onewindow.light_dirty', '', true);
  PERFORM supervision_light_recount_now(ids);
END $$;
