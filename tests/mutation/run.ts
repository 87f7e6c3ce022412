/**
 * Mutation check of the security suite (`npm run test:mutation`): removes one security check at
 * a time (CSRF, the session check, session expiry, tenant scoping, the token binding, the
 * publish-time plan check, the host-mapping owner check, session revocation, the login budget,
 * the login's second factor, the passkey counter check, and the API tokens' default deny, scope
 * check and expiry) in a throw-away git worktree of HEAD,
 * runs the tests that guard it, and fails unless every mutant is killed (at least one test
 * fails). The working tree is never touched.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

interface Mutant {
	name: string;
	file: string;
	replace: [string, string][];
	/** Test files that must catch it, relative to `project`. */
	tests: string[];
	/** The worker whose test project runs them; Core unless said otherwise. */
	project?: string;
}

const MUTANTS: Mutant[] = [
	{
		name: "CSRF check removed",
		file: "workers/core/src/middleware/csrf.ts",
		replace: [["if (hasSessionCookie(c)) {", "if (false) {"]],
		tests: ["test/csrf.test.ts"],
	},
	{
		name: "session check removed (guard and accessor)",
		file: "workers/core/src/middleware/session.ts",
		replace: [
			['if (!c.get("session")) throw new ApiError("unauthenticated", "Please log in.");', ""],
			[
				'if (!session) throw new ApiError("unauthenticated", "Please log in.");\n\treturn session;',
				"return session as Session;",
			],
		],
		tests: ["test/authorization-matrix.test.ts"],
	},
	{
		name: "session expiry ignored",
		file: "workers/core/src/auth/sessions.ts",
		replace: [["if (isExpired(record, lastSeenAt, now)) {", "if (false) {"]],
		tests: ["test/sessions.test.ts"],
	},
	{
		name: "tenant scoping of pages removed",
		file: "workers/customer/src/pages/store.ts",
		replace: [
			[
				'.prepare("SELECT * FROM pages WHERE id = ? AND user_id = ?")',
				'.prepare("SELECT * FROM pages WHERE id = ? AND (user_id = ? OR 1)")',
			],
		],
		tests: ["test/authorization-matrix.test.ts"],
	},
	{
		name: "single-use tokens not bound to the credentials version (#14.3)",
		file: "workers/customer/src/users/tokens.ts",
		// biome-ignore lint/suspicious/noTemplateCurlyInString: the source line itself is a template.
		replace: [['`credentials_version = ${credentialsVersionOf("tokens.user_id")}`,', '"1 = 1",']],
		tests: [
			"test/routes/auth/password-reset.test.ts",
			"test/routes/auth/verify-email.test.ts",
			"test/routes/me/password.test.ts",
		],
	},
	{
		name: "publish-time plan check removed (#14.5)",
		file: "workers/customer/src/billing/limits.ts",
		replace: [["if (livePages >= entitlements.maxPages) {", "if (false) {"]],
		tests: ["test/routes/pages/publishing.test.ts"],
	},
	{
		name: "host-mapping owner check removed (#14.2)",
		file: "workers/customer/src/profile/subdomain.ts",
		replace: [
			['if (existing?.siteId !== owner || existing.kind !== "subdomain") {', "if (!existing) {"],
		],
		tests: ["test/publish.test.ts"],
		project: "workers/customer",
	},
	{
		name: "a revoked session brought back by the last-seen write (#14.1)",
		file: "workers/core/src/auth/sessions.ts",
		replace: [["if ((await kv.get(sessionKey(hash))) === null) {", "if (false) {"]],
		tests: ["test/sessions.test.ts"],
	},
	{
		name: "per-account login budget removed (#14.7)",
		file: "workers/core/src/auth/login-guard.ts",
		replace: [["await limitLoginBudget(c, email);", ""]],
		tests: ["test/routes/auth/login.test.ts"],
	},
	{
		name: "second factor skipped at login (#20)",
		file: "workers/core/src/routes/auth/login.ts",
		replace: [["if (credentials.totpEnabled) {", "if (false) {"]],
		tests: ["test/routes/auth/login-mfa.test.ts", "test/routes/me/totp.test.ts"],
	},
	{
		name: "passkey counter check removed (#20)",
		file: "workers/core/src/auth/webauthn.ts",
		replace: [
			[
				"if ((counter > 0 || passkey.signCount > 0) && counter <= passkey.signCount) {",
				"if (false) {",
			],
		],
		tests: ["test/routes/me/passkeys.test.ts"],
	},
	{
		// Default deny lives in the table's look-up: an unlisted route must not count as public.
		// (Removing only the `access === null` guard is still caught by the scope check.)
		name: "API tokens let onto routes the token table does not name (#21)",
		file: "packages/contracts/src/api/token-scopes.ts",
		replace: [
			[
				"return ENDPOINT_TOKEN_ACCESS[key] ?? null;",
				'return ENDPOINT_TOKEN_ACCESS[key] ?? "public";',
			],
		],
		tests: ["test/routes/me/tokens.test.ts"],
	},
	{
		name: "API token scope check removed (#21)",
		file: "workers/core/src/auth/api-tokens.ts",
		replace: [["if (!principal.scopes.includes(access)) {", "if (false) {"]],
		tests: ["test/routes/me/tokens.test.ts"],
	},
	{
		name: "API token expiry ignored (#21)",
		file: "workers/customer/src/api-tokens/api-tokens.ts",
		replace: [
			["if (row.expires_at !== null && Date.parse(row.expires_at) <= now) {", "if (false) {"],
		],
		tests: ["test/routes/me/tokens.test.ts"],
	},
];

function worktree(): string {
	const dir = mkdtempSync(join(tmpdir(), "smartpages-mutation-"));
	execFileSync("git", ["worktree", "add", "--detach", dir, "HEAD"], { cwd: ROOT, stdio: "ignore" });
	// Reuse the installed dependencies: every node_modules of the workspace, linked.
	for (const nm of [
		"node_modules",
		...["core", "customer", "domain", "mailer", "billing"].map((w) => `workers/${w}/node_modules`),
		"apps/web/node_modules",
	]) {
		if (existsSync(join(ROOT, nm))) symlinkSync(join(ROOT, nm), join(dir, nm));
	}
	return dir;
}

function main(): number {
	const dir = worktree();
	const results: { name: string; killed: boolean; detail: string }[] = [];
	try {
		for (const mutant of MUTANTS) {
			const path = join(dir, mutant.file);
			const original = readFileSync(path, "utf8");
			let mutated = original;
			for (const [from, to] of mutant.replace) {
				if (!mutated.includes(from))
					throw new Error(`${mutant.name}: "${from}" not found in ${mutant.file}`);
				mutated = mutated.replace(from, to);
			}
			writeFileSync(path, mutated);
			console.log(`mutation: ${mutant.name} …`);
			const run = spawnSync(
				join(ROOT, "node_modules/.bin/vitest"),
				["run", "--reporter=dot", ...mutant.tests],
				{
					cwd: join(dir, mutant.project ?? "workers/core"),
					encoding: "utf8",
					env: { ...process.env, NO_COLOR: "1" },
				},
			);
			writeFileSync(path, original);
			const failed = /Tests\s+(\d+) failed/.exec(run.stdout)?.[1];
			results.push({
				name: mutant.name,
				killed: run.status !== 0 && failed !== undefined,
				detail: failed ? `${failed} failing tests` : `exit ${run.status}, no failing test`,
			});
		}
	} finally {
		execFileSync("git", ["worktree", "remove", "--force", dir], { cwd: ROOT, stdio: "ignore" });
		rmSync(dir, { recursive: true, force: true });
	}
	console.log("\nMutation check (each security check removed in turn)");
	for (const r of results)
		console.log(`  ${r.killed ? "killed  " : "SURVIVED"}  ${r.name}: ${r.detail}`);
	return results.every((r) => r.killed) ? 0 : 1;
}

process.exitCode = main();
