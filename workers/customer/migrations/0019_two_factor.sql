-- Issue 20: passkeys and two-factor sign-in. Every row belongs to an account and goes with it
-- (ON DELETE CASCADE from users, as the other tenant tables): account deletion removes passkeys,
-- TOTP secrets and recovery codes in the same statement that removes the user.

-- One authenticator-app secret per account. The secret is AES-GCM ciphertext under the Customer
-- Worker's TOTP_ENCRYPTION_KEY (never plain text in D1). enabled_at is NULL while the setup waits
-- for its first code. last_step is the latest 30-second step a code was accepted for: a code is
-- accepted only for a later step, by one conditional UPDATE, so a code works once (replay).
CREATE TABLE totp_secrets (
	user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	secret_ciphertext TEXT NOT NULL,
	enabled_at TEXT,
	last_step INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL
);

-- Single-use recovery codes, stored as SHA-256 hashes (salted with the user id). A new set
-- replaces the old one; use is one conditional UPDATE.
CREATE TABLE recovery_codes (
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	code_hash TEXT NOT NULL,
	used_at TEXT,
	created_at TEXT NOT NULL,
	PRIMARY KEY (user_id, code_hash)
);

-- WebAuthn credentials (passkeys). credential_id is the authenticator's id (base64url), unique
-- across accounts; public_key the COSE key (base64url). sign_count must grow with every use when
-- the authenticator counts (a counter that goes backwards means a cloned authenticator);
-- backed_up / device_type are the backup flags of the latest use. last_challenge is the SHA-256
-- of the challenge of the latest sign-in: a sign-in is recorded only with another challenge, so
-- one assertion signs in once even where KV still shows its challenge (and the counter is 0).
CREATE TABLE passkeys (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	credential_id TEXT NOT NULL,
	public_key TEXT NOT NULL,
	sign_count INTEGER NOT NULL DEFAULT 0,
	transports TEXT NOT NULL DEFAULT '[]',
	device_type TEXT NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
	backed_up INTEGER NOT NULL DEFAULT 0,
	name TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_used_at TEXT,
	last_challenge TEXT
);
CREATE UNIQUE INDEX passkeys_credential ON passkeys (credential_id);
CREATE INDEX passkeys_user ON passkeys (user_id, created_at);
