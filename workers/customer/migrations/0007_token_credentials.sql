-- Binds every single-use token to the account's credentials version at the time it was issued.
-- Consuming a token requires the version to be unchanged, so any password or e-mail event (which
-- bumps users.credentials_version) ends every reset and e-mail-change link sent before it.
--
-- Tokens issued before this migration cannot say which version they belong to. Reset and
-- e-mail-change tokens get 0, which no account has, so they die (a pending change could be an
-- attacker's); sign-up verification tokens only confirm the current address, so they keep working.
ALTER TABLE tokens ADD COLUMN credentials_version INTEGER NOT NULL DEFAULT 0;
UPDATE tokens SET credentials_version = (
	SELECT users.credentials_version FROM users WHERE users.id = tokens.user_id
) WHERE purpose = 'verify_email' AND used_at IS NULL;
