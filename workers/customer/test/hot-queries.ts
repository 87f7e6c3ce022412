/**
 * The hot queries of the Customer Worker with sample parameters: checked for index use by
 * query-plans.test.ts (inside workerd) and printed with their plans by `npm run bench` on a
 * database of realistic size.
 */
export const HOT_QUERIES: [name: string, sql: string, params: unknown[]][] = [
	["user by e-mail (login)", "SELECT * FROM users WHERE email = ?", ["a@b.co"]],
	["user by id", "SELECT * FROM users WHERE id = ?", ["usr_x"]],
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
		"versions of a page",
		"SELECT version FROM page_versions WHERE page_id = ? AND user_id = ? ORDER BY version DESC",
		["pg_x", "usr_x"],
	],
];

/** A plan step that reads a whole table (a SCAN not through an index). */
export const FULL_SCAN = /\bSCAN (?!.*USING (COVERING )?INDEX)/;
/** A plan that is served by an index or a primary key. */
export const INDEX_USE = /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|PRIMARY KEY/;
