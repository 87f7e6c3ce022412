/**
 * The hot queries of the Customer Worker with sample parameters: checked for index use by
 * query-plans.test.ts (inside workerd) and printed with their plans by `npm run bench` on a
 * database of realistic size.
 */
export const HOT_QUERIES: [name: string, sql: string, params: unknown[]][] = [
	["user by e-mail (login)", "SELECT * FROM users WHERE email = ?", ["a@b.co"]],
	["user by id", "SELECT * FROM users WHERE id = ?", ["usr_x"]],
	// Issue 21: every bearer request looks its token up by the hash of the secret.
	[
		"API token by hash (bearer request)",
		"SELECT id, user_id, name, scopes, created_at, expires_at, last_used_at FROM api_tokens WHERE token_hash = ?",
		["h"],
	],
	["profile by user", "SELECT * FROM profiles WHERE user_id = ?", ["usr_x"]],
	["profile by handle", "SELECT user_id FROM profiles WHERE handle = ?", ["anna"]],
	["pages of a user", "SELECT * FROM pages WHERE user_id = ? ORDER BY created_at, id", ["usr_x"]],
	["page by id and user", "SELECT * FROM pages WHERE id = ? AND user_id = ?", ["pg_x", "usr_x"]],
	["page count of a user", "SELECT COUNT(*) FROM pages WHERE user_id = ?", ["usr_x"]],
	[
		"links of a page",
		"SELECT * FROM links WHERE page_id = ? AND user_id = ? ORDER BY position, id",
		["pg_x", "usr_x"],
	],
	["link count of a page", "SELECT COUNT(*) FROM links WHERE page_id = ?", ["pg_x"]],
	["next link position", "SELECT MAX(position) + 1 FROM links WHERE page_id = ?", ["pg_x"]],
	[
		"token use",
		`UPDATE tokens SET used_at = ? WHERE token_hash = ? AND purpose IN (?) AND used_at IS NULL AND expires_at > ?
		 AND credentials_version = (SELECT users.credentials_version FROM users WHERE users.id = tokens.user_id)
		 RETURNING user_id`,
		["t", "h", "verify_email", "t"],
	],
	[
		"end the tokens of a user",
		"UPDATE tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
		["t", "u"],
	],
	[
		"tokens of a user",
		"UPDATE tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL",
		["t", "u", "p"],
	],
	[
		"site manifest",
		`SELECT p.id FROM pages p JOIN page_versions v ON v.page_id = p.id AND v.version = p.published_version
		 WHERE p.user_id = ? AND p.status = 'published'`,
		["usr_x"],
	],
	[
		"page patch (only the fields sent)",
		`UPDATE pages SET title = ?, revision = revision + 1, updated_at = ?
		 WHERE id = ? AND user_id = ? AND (title IS NOT ?) RETURNING *`,
		["t", "t", "pg_x", "usr_x", "t"],
	],
	[
		"link patch (only the fields sent)",
		`UPDATE links SET title = ?, updated_at = ?
		 WHERE id = ? AND page_id = ? AND user_id = ? RETURNING *`,
		["t", "t", "ln_x", "pg_x", "usr_x"],
	],
	[
		"next home page after deleting the home page",
		`UPDATE pages SET is_home = 1, revision = revision + 1
		 WHERE id = (SELECT id FROM pages WHERE user_id = ?1 ORDER BY created_at, id LIMIT 1)
		   AND user_id = ?1
		   AND NOT EXISTS (SELECT 1 FROM pages WHERE user_id = ?1 AND is_home = 1)`,
		["usr_x"],
	],
	[
		"avatar compare-and-set",
		"UPDATE profiles SET avatar_key = ?, updated_at = ? WHERE user_id = ? AND avatar_key IS ? RETURNING *",
		["a.png", "t", "usr_x", null],
	],
	[
		"record the avatar that won",
		`INSERT OR IGNORE INTO assets (user_id, name, content_type, size, created_at)
		 SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM profiles WHERE user_id = ?1 AND avatar_key = ?2)`,
		["usr_x", "a.png", "image/png", 1, "t"],
	],
	[
		"forget an asset no longer named",
		`DELETE FROM assets WHERE user_id = ?1 AND name = ?2
		 AND NOT EXISTS (SELECT 1 FROM profiles WHERE user_id = ?1 AND avatar_key = ?2)`,
		["usr_x", "a.png"],
	],
	[
		"domain suspension",
		"UPDATE domains SET suspended = 1, cf_hostname_id = NULL WHERE id = ? AND user_id = ?",
		["dom_x", "usr_x"],
	],
	[
		"domain resumption",
		`UPDATE domains SET suspended = 0,
		 checks_started_at = CASE WHEN status IN ('verifying', 'active') THEN ?1 ELSE checks_started_at END,
		 error = CASE WHEN status IN ('verifying', 'active') THEN ?2 ELSE error END,
		 status = CASE WHEN status IN ('verifying', 'active') THEN 'verifying' ELSE status END
		 WHERE id = ?3 AND user_id = ?4 AND suspended = 1 RETURNING *`,
		["t", "e", "dom_x", "usr_x"],
	],
	[
		"versions of a page",
		"SELECT version FROM page_versions WHERE page_id = ? AND user_id = ? ORDER BY version DESC",
		["pg_x", "usr_x"],
	],
	[
		"statistics roll-ups of a range (GET /stats)",
		"SELECT day, page_id, event, link_id, referrer_host, country, device, count FROM stats_daily WHERE user_id = ? AND day >= ? AND day <= ? AND page_id = ? ORDER BY day",
		["usr_x", "2026-01-01", "2026-12-31", "pg_x"],
	],
	[
		"statistics roll-ups of a range, whole account (GET /stats)",
		"SELECT day, page_id, event, link_id, referrer_host, country, device, count FROM stats_daily WHERE user_id = ? AND day >= ? AND day <= ? ORDER BY day",
		["usr_x", "2026-01-01", "2026-12-31"],
	],
	[
		"rolled-up days of a range",
		"SELECT day FROM stats_rollups WHERE user_id = ? AND day >= ? AND day <= ? ORDER BY day",
		["usr_x", "2026-01-01", "2026-12-31"],
	],
	[
		"links of a user (statistics titles)",
		"SELECT id, title FROM links WHERE user_id = ?",
		["usr_x"],
	],
	[
		"published pages with a schedule boundary due (cron, every minute)",
		`SELECT user_id, page_id, version, r2_key, etag, next_boundary_at FROM page_versions
		 WHERE next_boundary_at IS NOT NULL AND next_boundary_at <= ?
		 ORDER BY next_boundary_at LIMIT ?`,
		["2026-12-03T12:00:00.000Z", 100],
	],
	[
		"passed boundaries of versions no longer published (cron, every minute)",
		`UPDATE page_versions SET next_boundary_at = NULL
		 WHERE next_boundary_at IS NOT NULL AND next_boundary_at <= ? AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.id = page_versions.page_id
		 AND p.published_version = page_versions.version AND p.status = 'published')`,
		["2026-12-03T12:00:00.000Z"],
	],
];

/** A plan step that reads a whole table (a SCAN not through an index). */
export const FULL_SCAN = /\bSCAN (?!.*USING (COVERING )?INDEX)/;
/** A plan that is served by an index or a primary key. */
export const INDEX_USE = /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|PRIMARY KEY/;
