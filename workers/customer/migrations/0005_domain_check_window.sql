-- The start of a domain's current 72-hour verification window. A claim starts one; a customer's
-- "check now" on a failed domain starts a fresh one (NULL: the window began at created_at).
ALTER TABLE domains ADD COLUMN checks_started_at TEXT;
