-- Custom domains. A hostname can be claimed by one account at a time (unique), whatever its
-- status, so a pending claim cannot be taken over either.

CREATE TABLE domains (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	hostname TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verifying', 'active', 'failed')),
	txt_token TEXT NOT NULL,
	cf_hostname_id TEXT,
	-- Active but not covered by the plan any more (downgrade): kept, not served.
	suspended INTEGER NOT NULL DEFAULT 0,
	-- When the TXT record of an active domain was first found missing (grace period).
	txt_missing_since TEXT,
	error TEXT,
	created_at TEXT NOT NULL,
	activated_at TEXT,
	last_checked_at TEXT
);
CREATE UNIQUE INDEX domains_hostname ON domains (hostname);
CREATE INDEX domains_user ON domains (user_id, created_at);
CREATE INDEX domains_status ON domains (status, last_checked_at);
