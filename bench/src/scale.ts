/**
 * The scale data set, written straight into the local D1 database file while no worker has it
 * open (seeding 500,000 links through the API would take hours): accounts with a profile, five
 * pages each (the home page published) and ten links per page, valid for the real schema
 * (foreign keys checked afterwards, unique e-mails, handles and slugs). Rows are inserted in
 * shuffled order so that a page's links are spread over the table as they would be after years
 * of edits. Also prints EXPLAIN QUERY PLAN of every hot query on that database.
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
}

export const SCALE: ScaleSize = { accounts: 10_000, pagesPerAccount: 5, linksPerPage: 10 };

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
	seconds: number;
	fileBytes: number;
}

/** Inserts the data set in one transaction; the file must not be open in a running worker. */
export function seedScale(file: string, size: ScaleSize = SCALE): SeedReport {
	const started = performance.now();
	const db = new DatabaseSync(file);
	try {
		db.exec("PRAGMA foreign_keys = ON");
		// One transaction of ~170 MB: keep it in memory until the commit instead of spilling pages
		// to the WAL again and again (the default cache is 2 MB). A crash leaves a throw-away file.
		db.exec("PRAGMA cache_size = -400000");
		db.exec("PRAGMA synchronous = OFF");
		db.exec("PRAGMA temp_store = MEMORY");
		const userId = idMaker("usr");
		const pageId = idMaker("pg");
		const linkId = idMaker("ln");
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
		const insertLink = db.prepare(
			`INSERT INTO links (id, page_id, user_id, title, url, enabled, position, created_at, updated_at)
			 VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
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
		const linkCount = pageCount * size.linksPerPage;
		for (const l of shuffled(linkCount)) {
			const page = pages[Math.floor(l / size.linksPerPage)];
			if (!page) continue;
			const position = l % size.linksPerPage;
			const at = iso(page.at + position * 60_000);
			insertLink.run(
				linkId(),
				page.id,
				page.user,
				`Seeded link ${position + 1}`,
				`https://example.com/${page.id}/${position}`,
				position,
				at,
				at,
			);
		}
		db.exec("COMMIT");
		const broken = db.prepare("PRAGMA foreign_key_check").all();
		if (broken.length > 0) throw new Error(`seed broke ${broken.length} foreign keys`);
		db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
		const count = (table: string) =>
			Number((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
		const pageSize = db.prepare("PRAGMA page_size").get() as { page_size: number };
		const pageTotal = db.prepare("PRAGMA page_count").get() as { page_count: number };
		return {
			users: count("users"),
			pages: count("pages"),
			links: count("links"),
			seconds: (performance.now() - started) / 1000,
			fileBytes: pageSize.page_size * pageTotal.page_count,
		};
	} finally {
		db.close();
	}
}

/** Queries of the publish and billing paths that the workerd test list does not cover. */
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
