-- Every subdomain host mapping (R2 `hosts/{handle}.{PAGES_DOMAIN}`) an account has written, by
-- handle. D1 is the source of truth: the R2 object is derived from profiles.handle and rewritten
-- from it; this record lets a handle change, a later sync and the account's deletion find every
-- mapping the account may still own in R2, so none outlives its handle (SP-01). One row per
-- handle: when another account gets the handle, the row moves to it.
CREATE TABLE host_mappings (
	handle TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at TEXT NOT NULL
);
CREATE INDEX host_mappings_user ON host_mappings (user_id);

-- Mappings written before this record existed: at most the current handle's.
INSERT INTO host_mappings (handle, user_id, created_at)
SELECT handle, user_id, updated_at FROM profiles;
