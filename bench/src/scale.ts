/**
 * The scale data set, written straight into the local D1 database file while no worker has it
 * open (seeding five million links through the API would take days): accounts with a profile,
 * five pages each (the home page published), ten links per page, and two years of daily
 * statistics roll-ups for a thousand of the accounts, valid for the real schema (foreign keys
 * checked afterwards, unique e-mails, handles and slugs). Accounts and pages are inserted from
 * here in shuffled order; links and roll-ups by SQLite itself (INSERT … SELECT over a recursive
 * series, the links' secondary indexes dropped and rebuilt around it), in an order that spreads
 * a page's links over the table as years of edits would. Also seeds a year of roll-ups for the
 * bench account (on both databases alike) and prints EXPLAIN QUERY PLAN of every hot query.
 */
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { FULL_SCAN, HOT_QUERIES, INDEX_USE } from "../../workers/customer/test/hot-queries.ts";

export interface ScaleSize {
	accounts: number;
	pagesPerAccount: number;
	linksPerPage: number;
	/** Accounts with daily statistics roll-ups, and how many days back from yesterday. */
	statsAccounts: number;
	statsDays: number;
}

/** Issue 22.4: ten times issue 15's data set, plus two years of roll-ups for 1,000 accounts. */
export const SCALE: ScaleSize = {
	accounts: 100_000,
	pagesPerAccount: 5,
	linksPerPage: 10,
	statsAccounts: 1_000,
	statsDays: 730,
};

/**
 * The lines of one seeded account's day: views from three referrers, countries and devices and
 * a click (a real account of this size has a handful of combinations a day).
 */
const SEED_LINES = `VALUES ('view', '', '', 'DE', 'mobile'), ('view', '', 'instagram.com', 'AT', 'mobile'),
	('view', '', 'google.com', 'DE', 'desktop'), ('click', 'ln_seedclick', '', 'CH', 'tablet')`;

/**
 * The D1 database of a wrangler state directory: Miniflare keeps each D1 database as a Durable
 * Object SQLite file under v3/d1/miniflare-D1DatabaseObject/ (metadata.sqlite is its own index).
 */
export function d1File(stateDir: string): string {
	const dir = join(stateDir, "v3/d1/miniflare-D1DatabaseObject");
	const candidates = readdirSync(dir).filter(
		(f) => f.endsWith(".sqlite") && f !== "metadata.sqlite",
	);
	for (const file of candidates) {
		const db = new DatabaseSync(join(dir, file), { readOnly: true });
		try {
			const has = db
				.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'links'")
				.get();
			if (has) return join(dir, file);
		} finally {
			db.close();
		}
	}
	throw new Error(`no migrated D1 database under ${dir}`);
}

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** Ids shaped like the Customer Worker's (`usr_` + 20 random base32 characters). */
function idMaker(prefix: string): () => string {
	let pool = randomBytes(0);
	let at = 0;
	return () => {
		if (at + 20 > pool.length) {
			pool = randomBytes(20 * 4096);
			at = 0;
		}
		let out = `${prefix}_`;
		for (let i = 0; i < 20; i++) out += ALPHABET[(pool[at + i] ?? 0) & 31];
		at += 20;
		return out;
	};
}

function shuffled(n: number): Uint32Array {
	const a = new Uint32Array(n);
	for (let i = 0; i < n; i++) a[i] = i;
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		const t = a[i] ?? 0;
		a[i] = a[j] ?? 0;
		a[j] = t;
	}
	return a;
}

const SLUGS = ["links", "shop", "talks", "press", "archive"];

export interface SeedReport {
	users: number;
	pages: number;
	links: number;
	statsLines: number;
	statsDays: number;
	seconds: number;
	fileBytes: number;
}

/** `YYYY-MM-DD` of `today` minus `n` days (UTC calendar arithmetic). */
export function daysBefore(today: string, n: number): string {
	return new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Inserts the data set in one transaction; the file must not be open in a running worker.
 * `today` is the bench's `YYYY-MM-DD`: roll-ups cover the `statsDays` days before it.
 */
export function seedScale(
	file: string,
	size: ScaleSize,
	today: string,
	progress: (line: string) => void = () => {},
): SeedReport {
	const started = performance.now();
	const phase = (what: string) =>
		progress(`  ${what} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
	const db = new DatabaseSync(file);
	try {
		db.exec("PRAGMA foreign_keys = ON");
		// About 2.4 GB written in one go: straight into the file, without a journal (the WAL would
		// write every page twice; a crash leaves a throw-away copy), and as much as possible kept
		// in memory until the commit (the default cache is 2 MB). WAL is restored afterwards, as
		// the runtime keeps D1's file.
		db.exec("PRAGMA journal_mode = OFF");
		db.exec("PRAGMA cache_size = -1500000");
		db.exec("PRAGMA synchronous = OFF");
		db.exec("PRAGMA temp_store = MEMORY");
		const userId = idMaker("usr");
		const pageId = idMaker("pg");
		const day = 86_400_000;
		const since = Date.now() - 365 * day;
		const iso = (t: number) => new Date(t).toISOString();
		const users: string[] = [];
		const insertUser = db.prepare(
			`INSERT INTO users (id, email, email_verified_at, locale, password_hash, plan_id, plan_status,
			 created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pro', 'active', ?, ?)`,
		);
		const insertProfile = db.prepare(
			`INSERT INTO profiles (user_id, handle, display_name, bio, theme, socials, updated_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?)`,
		);
		const insertPage = db.prepare(
			`INSERT INTO pages (id, user_id, slug, title, description, theme, is_home, status,
			 published_version, revision, published_revision, created_at, updated_at)
			 VALUES (?, ?, ?, ?, ?, 'light', ?, ?, ?, 1, ?, ?, ?)`,
		);
		const insertVersion = db.prepare(
			`INSERT INTO page_versions (page_id, version, user_id, r2_key, etag, style_hash, published_at)
			 VALUES (?, 1, ?, ?, ?, 'sha256-seed', ?)`,
		);
		// Not a verifiable hash: nobody logs in to seeded accounts, the column only needs its shape.
		const phc =
			"$argon2id$v=19$m=19456,t=2,p=1$c2VlZHNlZWRzZWVkc2VlZA$c2VlZHNlZWRzZWVkc2VlZHNlZWRzZWVkc2VlZHNlZWQ";

		db.exec("BEGIN");
		for (let u = 0; u < size.accounts; u++) {
			const id = userId();
			const created = iso(since + ((u * 997) % 365) * day);
			users.push(id);
			insertUser.run(
				id,
				`seed-${u}@bench.invalid`,
				created,
				u % 3 ? "en" : "de",
				phc,
				created,
				created,
			);
			insertProfile.run(
				id,
				`seed-${u}`,
				`Seed account ${u}`,
				"Seeded by npm run bench.",
				u % 2 ? "light" : "dark",
				"[]",
				created,
			);
		}
		const pageCount = size.accounts * size.pagesPerAccount;
		const pages: { id: string; user: string; at: number }[] = new Array(pageCount);
		for (const p of shuffled(pageCount)) {
			const u = Math.floor(p / size.pagesPerAccount);
			const n = p % size.pagesPerAccount;
			const user = users[u] ?? "";
			const id = pageId();
			const at = since + (u % 365) * day + n * 3_600_000;
			const home = n === 0;
			pages[p] = { id, user, at };
			insertPage.run(
				id,
				user,
				SLUGS[n] ?? `page-${n}`,
				`Page ${n} of seed account ${u}`,
				"A seeded page.",
				home ? 1 : 0,
				home ? "published" : "draft",
				home ? 1 : null,
				home ? 1 : null,
				iso(at),
				iso(at),
			);
			if (home) {
				insertVersion.run(
					id,
					user,
					`sites/${user}/pages/${id}/v1.html`,
					randomBytes(16).toString("hex"),
					iso(at),
				);
			}
		}
		phase("accounts and pages");
		seedLinks(db, size.linksPerPage);
		phase("links");
		seedStats(db, size, today);
		phase("statistics");
		db.exec("COMMIT");
		phase("commit");
		// Links and roll-ups are selected from the pages just written, so they hold by construction.
		const broken = ["users", "profiles", "pages", "page_versions"].flatMap((table) =>
			db.prepare(`PRAGMA foreign_key_check("${table}")`).all(),
		);
		phase("foreign key check");
		if (broken.length > 0) throw new Error(`seed broke ${broken.length} foreign keys`);
		db.exec("PRAGMA journal_mode = WAL");
		const count = (table: string) =>
			Number((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
		const pageSize = db.prepare("PRAGMA page_size").get() as { page_size: number };
		const pageTotal = db.prepare("PRAGMA page_count").get() as { page_count: number };
		return {
			users: count("users"),
			pages: count("pages"),
			links: count("links"),
			statsLines: count("stats_daily"),
			statsDays: count("stats_rollups"),
			seconds: (performance.now() - started) / 1000,
			fileBytes: pageSize.page_size * pageTotal.page_count,
		};
	} finally {
		db.close();
	}
}

/**
 * Links of every seeded page, by SQLite: position-major (every page's first link, then every
 * page's second…), so a page's links lie far apart in the table, as after years of edits. The
 * secondary indexes are dropped first and rebuilt after (a sort instead of five million random
 * B-tree inserts). Ids are `ln_` and 20 digits (a subset of the real alphabet), ascending in
 * insertion order so that the primary-key index is appended to rather than split at random: a
 * denser tree of the same depth, found by the same lookups, for a third of the CPU.
 */
function seedLinks(db: DatabaseSync, perPage: number): void {
	const indexes = db
		.prepare(
			"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'links' AND sql IS NOT NULL",
		)
		.all() as { name: string; sql: string }[];
	for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
	db.prepare(
		`INSERT INTO links (id, page_id, user_id, title, url, enabled, position, created_at, updated_at)
		 WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
		 SELECT 'ln_' || printf('%020d', n.i * 100000000 + p.rowid), p.id, p.user_id, 'Seeded link ' || (n.i + 1),
		        'https://example.com/' || p.id || '/' || n.i, 1, n.i, p.created_at, p.created_at
		 FROM n CROSS JOIN pages p WHERE p.description = 'A seeded page.'`,
	).run(perPage);
	for (const { sql } of indexes) db.exec(sql);
}

/**
 * Two years of daily roll-ups (lines and the day's marker) for `statsAccounts` seeded accounts,
 * on their home page, in primary-key order (account, then day).
 */
function seedStats(db: DatabaseSync, size: ScaleSize, today: string): void {
	const series = `WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < ${Math.trunc(size.statsDays)}),
		lines(event, link, ref, country, device) AS (${SEED_LINES}),
		accounts(user_id, page_id) AS (
			SELECT user_id, id FROM pages WHERE is_home = 1 AND description = 'A seeded page.'
			ORDER BY user_id LIMIT ${Math.trunc(size.statsAccounts)})`;
	db.prepare(
		`INSERT INTO stats_daily (user_id, day, page_id, event, link_id, referrer_host, country, device, count)
		 ${series}
		 SELECT a.user_id, date(?, '-' || d.i || ' days'), a.page_id, l.event, l.link, l.ref, l.country,
		        l.device, 1 + abs(random() % 40)
		 FROM accounts a CROSS JOIN d CROSS JOIN lines l`,
	).run(today);
	db.prepare(
		`INSERT INTO stats_rollups (user_id, day, rolled_up_at)
		 ${series}
		 SELECT a.user_id, date(?, '-' || d.i || ' days'), ? FROM accounts a CROSS JOIN d`,
	).run(today, new Date().toISOString());
}

/**
 * A year of roll-ups for one account (the bench account, on both databases alike, so the
 * statistics figure compares the same answer): every day before `today` rolled up, with views of
 * each of its pages from a few referrers, countries and devices and clicks on its first links.
 * Returns the lines written.
 */
export function seedAccountStats(file: string, email: string, today: string, days: number): number {
	const db = new DatabaseSync(file);
	try {
		const user = db.prepare("SELECT id FROM users WHERE email = ?").get(email) as
			| { id: string }
			| undefined;
		if (!user) throw new Error(`no user ${email} in ${file}`);
		const pages = db.prepare("SELECT id FROM pages WHERE user_id = ?").all(user.id) as {
			id: string;
		}[];
		const links = db
			.prepare("SELECT id, page_id FROM links WHERE user_id = ? ORDER BY page_id, position LIMIT 6")
			.all(user.id) as { id: string; page_id: string }[];
		const line = db.prepare(
			`INSERT INTO stats_daily (user_id, day, page_id, event, link_id, referrer_host, country, device, count)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		);
		const marker = db.prepare(
			"INSERT INTO stats_rollups (user_id, day, rolled_up_at) VALUES (?, ?, ?)",
		);
		const now = new Date().toISOString();
		let written = 0;
		db.exec("BEGIN");
		for (let n = 1; n <= days; n++) {
			const day = daysBefore(today, n);
			for (const page of pages) {
				for (const [ref, country, device] of [
					["", "DE", "mobile"],
					["instagram.com", "DE", "mobile"],
					["google.com", "AT", "desktop"],
					["", "CH", "tablet"],
					["t.co", "US", "mobile"],
					["", "FR", "desktop"],
				] as const) {
					line.run(user.id, day, page.id, "view", "", ref, country, device, 1 + ((n * 7) % 50));
					written++;
				}
			}
			for (const link of links) {
				line.run(user.id, day, link.page_id, "click", link.id, "", "DE", "mobile", 1 + (n % 9));
				written++;
			}
			marker.run(user.id, day, now);
		}
		db.exec("COMMIT");
		db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
		return written;
	} finally {
		db.close();
	}
}

/** Queries of the publish, billing and statistics paths that the workerd test list does not cover. */
const MORE_QUERIES: [string, string, unknown[]][] = [
	[
		"latest version of a page (publish)",
		"SELECT MAX(version) AS v FROM page_versions WHERE page_id = ? AND user_id = ?",
		["pg_x", "usr_x"],
	],
	[
		"canonical custom domain (publish)",
		"SELECT hostname FROM domains WHERE user_id = ? AND status = 'active' AND suspended = 0 ORDER BY created_at LIMIT 1",
		["usr_x"],
	],
	[
		"mark page published (publish)",
		`UPDATE pages SET status = 'published', published_version = ?, published_revision = ?
		 WHERE id = ? AND user_id = ? RETURNING *`,
		[2, 2, "pg_x", "usr_x"],
	],
	[
		"versions to prune (publish)",
		`SELECT v.version, v.r2_key FROM page_versions v JOIN pages p ON p.id = v.page_id
		 WHERE v.page_id = ? AND v.user_id = ? AND v.version <> p.published_version
		 ORDER BY v.version DESC LIMIT -1 OFFSET ?`,
		["pg_x", "usr_x", 9],
	],
	[
		"user by Stripe customer (webhook)",
		"SELECT * FROM users WHERE stripe_customer_id = ?",
		["cus_x"],
	],
	[
		"domains to verify (cron)",
		"SELECT * FROM domains WHERE status IN ('pending', 'verifying') ORDER BY last_checked_at LIMIT ?",
		[50],
	],
	[
		"accounts with a day to roll up (statistics cron)",
		`SELECT id FROM users WHERE created_at < ? AND id > ? AND NOT EXISTS (SELECT 1 FROM stats_rollups
		 WHERE stats_rollups.user_id = users.id AND stats_rollups.day = ?) ORDER BY id LIMIT ?`,
		["2026-12-03T00:00:00.000Z", "", "2026-12-02", 50],
	],
	[
		"statistics export (GET /stats/export)",
		`SELECT day, page_id, event, link_id, referrer_host, country, device, count FROM stats_daily
		 WHERE user_id = ? ORDER BY day, page_id, event, link_id, referrer_host, country, device`,
		["usr_x"],
	],
	[
		"active domains to recheck (cron)",
		"SELECT * FROM domains WHERE status = 'active' AND (last_checked_at IS NULL OR last_checked_at < ?) LIMIT ?",
		["2026-01-01T00:00:00.000Z", 50],
	],
];

export interface QueryPlan {
	name: string;
	sql: string;
	plan: string;
	indexed: boolean;
}

/** EXPLAIN QUERY PLAN of every hot query on the given database file (read only). */
export function explainHotQueries(file: string): QueryPlan[] {
	const db = new DatabaseSync(file, { readOnly: true });
	try {
		return [...HOT_QUERIES, ...MORE_QUERIES].map(([name, sql, params]) => {
			const rows = db
				.prepare(`EXPLAIN QUERY PLAN ${sql}`)
				.all(...(params as (string | number)[])) as { detail: string }[];
			const plan = rows.map((r) => r.detail).join(" | ");
			return {
				name,
				sql: sql.replace(/\s+/g, " ").trim(),
				plan,
				indexed: !FULL_SCAN.test(plan) && INDEX_USE.test(plan),
			};
		});
	} finally {
		db.close();
	}
}

/** The PHC string stored for an account (to time the same hash outside the runtime). */
export function storedPasswordHash(file: string, email: string): string {
	const db = new DatabaseSync(file, { readOnly: true });
	try {
		const row = db.prepare("SELECT password_hash FROM users WHERE email = ?").get(email) as
			| { password_hash: string }
			| undefined;
		if (!row) throw new Error(`no user ${email} in ${file}`);
		return row.password_hash;
	} finally {
		db.close();
	}
}
