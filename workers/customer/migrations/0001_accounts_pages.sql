-- Accounts, credentials and single-use tokens; profiles, pages, links, published versions, assets.
-- Every tenant table carries user_id so each query can be scoped by the authenticated account
-- and served by an index that starts with user_id.

CREATE TABLE users (
	id TEXT PRIMARY KEY,
	email TEXT NOT NULL,
	email_verified_at TEXT,
	locale TEXT NOT NULL DEFAULT 'en' CHECK (locale IN ('de', 'en')),
	password_hash TEXT NOT NULL,
	-- Bumped by every password change/reset; tokens and sessions bound to an older value die.
	credentials_version INTEGER NOT NULL DEFAULT 1,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	last_failed_login_at TEXT,
	attribution TEXT,
	-- Plan state, written only from verified Stripe events (billing issue).
	plan_id TEXT NOT NULL DEFAULT 'free' CHECK (plan_id IN ('free', 'pro')),
	plan_status TEXT NOT NULL DEFAULT 'none',
	current_period_end TEXT,
	cancel_at_period_end INTEGER NOT NULL DEFAULT 0,
	stripe_customer_id TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE UNIQUE INDEX users_stripe_customer ON users (stripe_customer_id) WHERE stripe_customer_id IS NOT NULL;

-- Single-use tokens (verification, password reset, e-mail change). Only a SHA-256 of the token
-- is stored; used_at is set by a conditional UPDATE so two concurrent uses cannot both win.
CREATE TABLE tokens (
	token_hash TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'password_reset', 'email_change')),
	payload TEXT,
	expires_at TEXT NOT NULL,
	used_at TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX tokens_user_purpose ON tokens (user_id, purpose);

CREATE TABLE profiles (
	user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	handle TEXT NOT NULL,
	display_name TEXT NOT NULL DEFAULT '',
	bio TEXT NOT NULL DEFAULT '',
	avatar_key TEXT,
	theme TEXT NOT NULL DEFAULT 'light',
	socials TEXT NOT NULL DEFAULT '[]',
	imprint TEXT NOT NULL DEFAULT '',
	privacy_url TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX profiles_handle ON profiles (handle);

CREATE TABLE pages (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	slug TEXT NOT NULL,
	title TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	theme TEXT NOT NULL DEFAULT 'light',
	is_home INTEGER NOT NULL DEFAULT 0,
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
	published_version INTEGER,
	-- Bumped on every change that affects the rendered page; compared with published_revision.
	revision INTEGER NOT NULL DEFAULT 1,
	published_revision INTEGER,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX pages_user_slug ON pages (user_id, slug);
CREATE INDEX pages_user_created ON pages (user_id, created_at);

CREATE TABLE links (
	id TEXT PRIMARY KEY,
	page_id TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	url TEXT NOT NULL,
	enabled INTEGER NOT NULL DEFAULT 1,
	position INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX links_page_position ON links (page_id, position);
CREATE INDEX links_user ON links (user_id);

CREATE TABLE page_versions (
	page_id TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	version INTEGER NOT NULL,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	r2_key TEXT NOT NULL,
	etag TEXT NOT NULL,
	style_hash TEXT NOT NULL,
	published_at TEXT NOT NULL,
	PRIMARY KEY (page_id, version)
);
CREATE INDEX page_versions_user ON page_versions (user_id);

CREATE TABLE assets (
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (user_id, name)
);
