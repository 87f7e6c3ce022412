-- Issue 21: personal access tokens for the public API. Only the SHA-256 of the secret is stored
-- (the secret is shown once, at creation); Core looks a bearer token up by that hash, so it is
-- unique and indexed. scopes is a JSON array of the scope names (api.md). expires_at is NULL for
-- a token that lives until revoked. last_used_at is written at most once a minute per token (a
-- conditional UPDATE in the same call as the look-up), so an API client's traffic does not turn
-- into a D1 write per request. Rows go with the account (ON DELETE CASCADE from users); a password
-- change leaves them alone. The limit of 10 per account is checked by the INSERT itself.
CREATE TABLE api_tokens (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL,
	scopes TEXT NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT,
	last_used_at TEXT
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at);
