-- Billing: processed Stripe events (the uniqueness constraint makes webhooks idempotent) and
-- what a downgrade took offline, so a re-upgrade can bring it back unchanged.

CREATE TABLE stripe_events (
	id TEXT PRIMARY KEY,
	type TEXT NOT NULL,
	user_id TEXT,
	processed_at TEXT NOT NULL
);

-- The version a page had published when a downgrade took it offline (NULL = not suspended).
ALTER TABLE pages ADD COLUMN suspended_version INTEGER;
