-- Issue 15.2 and 15.3: nothing the domain cron owes is lost to a failure.
--
-- hostname_tombstones: a Cloudflare custom hostname we no longer want (domain removed or failed,
-- account deleted, registration replaced). It is written in the same batch that detaches the
-- hostname from its domain row, before the DELETE at Cloudflare is tried, and removed only once
-- Cloudflare confirms; the cron retries the rest. No user_id: it outlives the account.
CREATE TABLE hostname_tombstones (
	cf_hostname_id TEXT PRIMARY KEY,
	hostname TEXT NOT NULL,
	created_at TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	last_attempt_at TEXT,
	last_error TEXT
);
CREATE INDEX hostname_tombstones_due ON hostname_tombstones (last_attempt_at);

-- domain_notices: the outbox of "domain active" / "domain failed" mails. A notice is written
-- with the status change it reports (same batch) and deleted once the Mailer accepted it, so a
-- refused or failed send is retried by the next cron run. Gone with the account.
CREATE TABLE domain_notices (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	template TEXT NOT NULL CHECK (template IN ('domain_active', 'domain_failed')),
	hostname TEXT NOT NULL,
	reason TEXT,
	created_at TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX domain_notices_created ON domain_notices (created_at);
CREATE INDEX domain_notices_user ON domain_notices (user_id);
