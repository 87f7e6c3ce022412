/**
 * One owner per D1 table (issue 16): in the Customer Worker's source, the SQL that names a table
 * (FROM, INTO, UPDATE, JOIN or TABLE followed by its name) lives in exactly one module, the
 * table's store. Other modules call store functions; a statement that must check another table
 * atomically gets that condition from the other table's store (`SqlCondition`). The tables come
 * from the migrations, so a new table must be given an owner here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const CUSTOMER = join(import.meta.dirname, "../../workers/customer");
const SOURCE = join(CUSTOMER, "src");

/** The module that owns each table's SQL (paths relative to workers/customer/src). */
const OWNERS: Record<string, string> = {
	users: "users/store.ts",
	tokens: "users/tokens.ts",
	profiles: "profile/store.ts",
	host_mappings: "profile/store.ts",
	assets: "profile/store.ts",
	pages: "pages/store.ts",
	page_versions: "pages/store.ts",
	links: "links/store.ts",
	domains: "domains/store.ts",
	hostname_tombstones: "domains/store.ts",
	domain_notices: "domains/store.ts",
	stripe_customers: "billing/store.ts",
	stripe_events: "billing/store.ts",
	stats_daily: "stats/store.ts",
	stats_rollups: "stats/store.ts",
	totp_secrets: "two-factor/store.ts",
	recovery_codes: "two-factor/store.ts",
	passkeys: "passkeys/store.ts",
	api_tokens: "api-tokens/store.ts",
};

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.tsx?$/.test(entry.name) ? [path] : [];
	});
}

/** The file without its comments (a comment may say "from users" in prose). */
function code(text: string): string {
	return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
}

function tablesOfMigrations(): string[] {
	const dir = join(CUSTOMER, "migrations");
	const names = readdirSync(dir)
		.filter((f) => f.endsWith(".sql"))
		.flatMap((f) =>
			[...readFileSync(join(dir, f), "utf8").matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1]),
		);
	return [...new Set(names)].filter((n): n is string => n !== undefined).sort();
}

const MODULES = sourceFiles(SOURCE).map((path) => ({
	module: relative(SOURCE, path),
	text: readFileSync(path, "utf8"),
}));

const naming = (table: string) => new RegExp(`\\b(FROM|INTO|UPDATE|JOIN|TABLE)\\s+${table}\\b`);

describe("one owner per D1 table (workers/customer/src)", () => {
	const tables = tablesOfMigrations();

	it("every table of the migrations has an owner, and every owner a table", () => {
		expect(Object.keys(OWNERS).sort()).toEqual(tables);
	});

	it.each(tables)("SQL naming %s is in one module, its store", (table) => {
		const modules = MODULES.filter((m) => naming(table).test(code(m.text))).map((m) => m.module);
		// No exceptions: a condition on another table comes from that table's store (SqlCondition).
		expect(modules).toEqual([OWNERS[table]]);
	});

	it("the entry has no SQL at all", () => {
		const entry = code(MODULES.find((m) => m.module === "index.ts")?.text ?? "");
		expect(entry).not.toMatch(/\.prepare\(|\bSELECT\b|\bINSERT\b|\bUPDATE\b|\bDELETE\b/);
	});

	it("unique violations are recognised by lib/sql.ts only, never by matching message text", () => {
		const matching = MODULES.filter(
			(m) =>
				m.module !== "lib/sql.ts" && /UNIQUE constraint|\.includes\("\w+\.\w+/.test(code(m.text)),
		).map((m) => m.module);
		expect(matching).toEqual([]);
	});
});
