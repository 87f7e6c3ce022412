-- When an account's deletion began (NULL = never, or long enough ago not to count). The deletion
-- cancels the account's subscriptions before the account is gone, and Stripe's webhooks for that
-- can arrive in between: plan changes are still stored, but no plan notice is mailed beside the
-- "account deleted" one (issue 15.4). Read only within a short window, so a deletion that failed
-- (Stripe unreachable, 503) silences nothing later.
ALTER TABLE users ADD COLUMN deletion_started_at TEXT;
