-- A random token on the calendar revision row, replaced by every calendar change. Server processes cache
-- calendars by token: a token is never reused (not across databases, not after a rolled-back change), so a
-- cache hit is always right and costs one indexed read, also inside a transaction.

ALTER TABLE calendar_revision ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
COMMENT ON COLUMN calendar_revision.token IS 'Replaced with a new random value by every calendar change; keys in-process calendar caches.';
