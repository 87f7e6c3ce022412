/**
 * Hostile input, property-based (fast-check), over every Core route that takes a JSON body,
 * through the real app (Core → Customer → D1/R2): random JSON, valid bodies with one field
 * replaced by a wrong type, a huge or hostile string, deep nesting, prototype-pollution keys,
 * broken JSON and wrong content types. Never a 5xx; every refusal is the contract's error shape
 * and leaves the account's stored data exactly as it was. The body schemas come from
 * `@smartpages/contracts` (the same ones Core validates with), so a field added to a schema is
 * attacked without touching this file; a JSON route without an entry here fails the suite.
 */
import { env, exports } from "cloudflare:workers";
import {
	changeEmailBody,
	changePasswordBody,
	checkoutBody,
	createDomainBody,
	createLinkBody,
	createPageBody,
	deleteAccountBody,
	forgotPasswordBody,
	loginBody,
	patchLinkBody,
	patchMeBody,
	patchPageBody,
	patchProfileBody,
	reorderLinksBody,
	resetPasswordBody,
	signupBody,
	verifyEmailBody,
} from "@smartpages/contracts";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { tally as record } from "../../../tests/support/security-meta";
import { createApp } from "../src/app";

const ORIGIN = "http://localhost:4321";
const PASSWORD = "hostile passphrase 7";
const RUNS = 30;

interface Account {
	cookie: string;
	userId: string;
	pageId: string;
	linkId: string;
}

/**
 * Every route with a JSON body: its schema and one valid body. Valid bodies that would end the
 * session or the account carry a wrong password, so mutations of them are refused, not obeyed.
 */
const JSON_ROUTES: Record<
	string,
	{ schema: z.ZodObject; valid: (a: Account) => Record<string, unknown> }
> = {
	"POST /api/v1/auth/signup": {
		schema: signupBody,
		valid: () => ({ email: `p-${crypto.randomUUID()}@example.com`, password: PASSWORD }),
	},
	"POST /api/v1/auth/verify-email": {
		schema: verifyEmailBody,
		valid: () => ({ token: "A".repeat(43) }),
	},
	"POST /api/v1/auth/login": {
		schema: loginBody,
		valid: () => ({ email: "nobody@example.com", password: PASSWORD }),
	},
	"POST /api/v1/auth/password/forgot": {
		schema: forgotPasswordBody,
		valid: () => ({ email: "nobody@example.com" }),
	},
	"POST /api/v1/auth/password/reset": {
		schema: resetPasswordBody,
		valid: () => ({ token: "A".repeat(43), password: PASSWORD }),
	},
	"PATCH /api/v1/me": { schema: patchMeBody, valid: () => ({ locale: "de" }) },
	"POST /api/v1/me/password": {
		schema: changePasswordBody,
		valid: () => ({ currentPassword: "not the password 1", newPassword: "another pass 22" }),
	},
	"POST /api/v1/me/email": {
		schema: changeEmailBody,
		valid: () => ({ newEmail: "moved@example.com", password: "not the password 1" }),
	},
	"DELETE /api/v1/me": {
		schema: deleteAccountBody,
		valid: () => ({ password: "not the password 1" }),
	},
	"PATCH /api/v1/profile": {
		schema: patchProfileBody,
		valid: () => ({ displayName: "Anna", bio: "Hello" }),
	},
	"POST /api/v1/pages": { schema: createPageBody, valid: () => ({ title: "Another" }) },
	"PATCH /api/v1/pages/:id": {
		schema: patchPageBody,
		valid: () => ({ title: "Home", description: "d" }),
	},
	"POST /api/v1/pages/:id/links": {
		schema: createLinkBody,
		valid: () => ({ title: "New", url: "https://example.com/" }),
	},
	"PUT /api/v1/pages/:id/links/order": {
		schema: reorderLinksBody,
		valid: (a) => ({ ids: [a.linkId] }),
	},
	"PATCH /api/v1/pages/:id/links/:linkId": {
		schema: patchLinkBody,
		valid: () => ({ enabled: true }),
	},
	"POST /api/v1/billing/checkout": {
		schema: checkoutBody,
		valid: () => ({ plan: "pro", interval: "month" }),
	},
	"POST /api/v1/domains": {
		schema: createDomainBody,
		valid: () => ({ hostname: `p-${crypto.randomUUID().slice(0, 8)}.example.test` }),
	},
};

/** Routes whose body is not JSON at all (binary upload, Stripe's signed payload) or that take none. */
const NOT_JSON = new Set([
	"PUT /api/v1/profile/avatar",
	"POST /api/v1/webhooks/stripe",
	"POST /api/v1/auth/resend-verification",
	"POST /api/v1/auth/logout",
	"POST /api/v1/billing/portal",
	"POST /api/v1/pages/:id/publish",
	"POST /api/v1/pages/:id/unpublish",
	"POST /api/v1/pages/:id/versions/:version/restore",
	"POST /api/v1/domains/:id/verify",
]);

/** Strings that have broken other products: markup, script URLs, unicode tricks, control bytes. */
const HOSTILE = [
	"<script>alert(1)</script>",
	'"><img src=x onerror=alert(1)>',
	"javascript:alert(1)",
	" JaVaScRiPt:alert(1)",
	"java\tscript:alert(1)",
	"&#106;avascript:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"\u202egnp.exe",
	"a\u200bdmin",
	"аdmin",
	"\u0000",
	"\ud800",
	"../../etc/passwd",
	"%2e%2e%2f",
	"{{7*7}}",
	// biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literally.
	"${7*7}",
	"' OR 1=1 --",
	"\r\nSet-Cookie: x=1",
];

const MARKUP = [
	"<script>alert(1)</script>",
	'"><img src=x onerror=alert(1)>',
	"{{7*7}}",
	"' OR 1=1 --",
	"Grüße ✓ <b>&amp;</b>",
];

const POLLUTION_KEYS = ["__proto__", "constructor", "prototype"];

const hostileValue = fc.oneof(
	fc.constantFrom(...HOSTILE),
	fc.string({ maxLength: 40 }),
	fc.string({ unit: "binary", maxLength: 40 }),
	fc.constant("x".repeat(70_000)),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
	fc.dictionary(fc.constantFrom(...POLLUTION_KEYS, "a"), fc.jsonValue({ maxDepth: 1 })),
	fc.integer({ min: 50, max: 400 }).map((n) => nested(n)),
);

function nested(depth: number): unknown {
	let value: unknown = "deep";
	for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
	return value;
}

interface Attempt {
	text: string;
	contentType: string;
}

/** Bodies for one route: mutations of its valid body, random JSON and raw text. */
function attempts(schema: z.ZodObject, valid: Record<string, unknown>): fc.Arbitrary<Attempt> {
	const keys = Object.keys(schema.shape);
	const json = (value: unknown): Attempt => ({
		text: JSON.stringify(value),
		contentType: "application/json",
	});
	const textKeys = Object.keys(valid).filter((k) => typeof valid[k] === "string");
	const markup = textKeys.length
		? [
				// Markup in a text field is valid text: stored as typed, escaped wherever it is shown.
				fc
					.record({ key: fc.constantFrom(...textKeys), value: fc.constantFrom(...MARKUP) })
					.map(({ key, value }) => json({ ...valid, [key]: value })),
			]
		: [];
	return fc.oneof(
		...markup,
		// One field of a valid body replaced (or added: an unknown or prototype key).
		fc
			.record({
				key: fc.constantFrom(...keys, ...POLLUTION_KEYS, "unexpected"),
				value: hostileValue,
			})
			.map(({ key, value }) => json({ ...valid, [key]: value })),
		// A raw prototype-pollution payload, which object spread could not express.
		fc.constantFrom(...POLLUTION_KEYS).map((key) => ({
			text: `{"${key}":{"isAdmin":true,"plan":"pro"},${JSON.stringify(valid).slice(1)}`,
			contentType: "application/json",
		})),
		// Any JSON value at all, of any shape.
		fc.jsonValue({ maxDepth: 4 }).map(json),
		// Not JSON, or not declared as JSON.
		fc.string({ maxLength: 200 }).map((text) => ({ text, contentType: "application/json" })),
		fc
			.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "")
			.map((contentType) => ({ text: JSON.stringify(valid), contentType })),
		// Deep nesting as text and a body over the JSON limit.
		fc
			.integer({ min: 1_000, max: 20_000 })
			.map((n) => ({ text: `${"[".repeat(n)}${"]".repeat(n)}`, contentType: "application/json" })),
		fc.constant({
			text: JSON.stringify({ ...valid, pad: "x".repeat(70 * 1024) }),
			contentType: "application/json",
		}),
	);
}

async function call(method: string, path: string, cookie: string | undefined, attempt?: Attempt) {
	const headers: Record<string, string> = {
		Origin: ORIGIN,
		"CF-Connecting-IP": crypto.randomUUID(),
	};
	if (cookie) headers.Cookie = cookie;
	if (attempt?.contentType) headers["Content-Type"] = attempt.contentType;
	return exports.default.fetch(
		new Request(`https://api.test/api/v1${path}`, { method, headers, body: attempt?.text }),
	);
}

async function account(): Promise<Account> {
	const email = `hostile-${crypto.randomUUID()}@example.com`;
	const signup = await call("POST", "/auth/signup", undefined, {
		text: JSON.stringify({ email, password: PASSWORD }),
		contentType: "application/json",
	});
	const cookie = (signup.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
	const { user } = (await signup.json()) as { user: { id: string } };
	await env.TEST_DB.prepare(
		"UPDATE users SET email_verified_at = ?, plan_id = 'pro', plan_status = 'active' WHERE id = ?",
	)
		.bind(new Date().toISOString(), user.id)
		.run();
	const body = (value: unknown): Attempt => ({
		text: JSON.stringify(value),
		contentType: "application/json",
	});
	const page = (await (await call("POST", "/pages", cookie, body({ title: "Home" }))).json()) as {
		page: { id: string };
	};
	const link = (await (
		await call(
			"POST",
			`/pages/${page.page.id}/links`,
			cookie,
			body({ title: "L", url: "https://example.com/" }),
		)
	).json()) as { link: { id: string } };
	return { cookie, userId: user.id, pageId: page.page.id, linkId: link.link.id };
}

/** Everything stored for an account (failed-login bookkeeping aside), as one comparable value. */
async function stored(userId: string): Promise<string> {
	const db = env.TEST_DB;
	const rows = await db.batch([
		db
			.prepare(
				"SELECT id, email, email_verified_at, locale, password_hash, credentials_version, plan_id, plan_status, updated_at FROM users WHERE id = ?",
			)
			.bind(userId),
		db.prepare("SELECT * FROM profiles WHERE user_id = ?").bind(userId),
		db.prepare("SELECT * FROM pages WHERE user_id = ? ORDER BY id").bind(userId),
		db
			.prepare(
				"SELECT l.* FROM links l JOIN pages p ON p.id = l.page_id WHERE p.user_id = ? ORDER BY l.id",
			)
			.bind(userId),
		db.prepare("SELECT * FROM domains WHERE user_id = ? ORDER BY id").bind(userId),
	]);
	return JSON.stringify(rows.map((r) => r.results));
}

function pathFor(route: string, a: Account): string {
	return (route.split(" ")[1] ?? "")
		.replace("/api/v1", "")
		.replace(":id/links/:linkId", `${a.pageId}/links/${a.linkId}`)
		.replace("/pages/:id", `/pages/${a.pageId}`);
}

const tally = { routes: 0, inputs: 0, refused: 0, accepted: 0 };

describe("hostile JSON bodies (fast-check)", () => {
	it("every route with a body is either attacked here or declared not to take JSON", ({ task }) => {
		const bodyRoutes = createApp()
			.routes.filter((r) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method))
			.map((r) => `${r.method} ${r.path}`)
			.filter((r) => !/^DELETE .*\/:[a-zA-Z]+$|DELETE \/api\/v1\/profile\/avatar$/.test(r));
		const covered = [...Object.keys(JSON_ROUTES), ...NOT_JSON];
		expect([...new Set(bodyRoutes)].sort()).toEqual(covered.sort());
		record(task, { jsonRoutes: Object.keys(JSON_ROUTES).length });
	});

	let owner: Account;
	let other: Account;
	beforeAll(async () => {
		owner = await account();
		other = await account();
	});
	afterAll(() => {
		// Not vacuous: the well-formed hostile text got through to storage on some routes.
		expect(tally.accepted).toBeGreaterThan(0);
		console.log(
			`hostile input: ${tally.routes} JSON routes, ${tally.inputs} inputs (${tally.refused} refused, ${tally.accepted} accepted), 0 server errors`,
		);
	});

	it.for(Object.entries(JSON_ROUTES))("%s", async ([route, spec], { task }) => {
		const [method = "POST"] = route.split(" ");
		tally.routes += 1;
		await fc.assert(
			fc.asyncProperty(attempts(spec.schema, spec.valid(owner)), async (attempt) => {
				tally.inputs += 1;
				const before = await stored(owner.userId);
				const otherBefore = await stored(other.userId);
				const res = await call(method, pathFor(route, owner), owner.cookie, attempt);
				const text = await res.text();
				expect(res.status, text.slice(0, 300)).toBeLessThan(500);
				// Nothing the owner sends ever touches another account.
				expect(await stored(other.userId)).toBe(otherBefore);
				if (res.status < 400) {
					tally.accepted += 1;
					return;
				}
				tally.refused += 1;
				const error = (JSON.parse(text) as { error: { code: string; message: string } }).error;
				expect(typeof error.code).toBe("string");
				expect(typeof error.message).toBe("string");
				expect(await stored(owner.userId)).toBe(before);
			}),
			{ numRuns: RUNS },
		);
		record(task, { inputs: RUNS });
		// The session survived every attempt (no body may end it).
		expect((await call("GET", "/me", owner.cookie)).status).toBe(200);
	});

	it("another account's ids with valid bodies are 404 and change nothing", async () => {
		for (const [route, spec] of Object.entries(JSON_ROUTES)) {
			if (!route.includes(":id")) continue;
			const [method = "POST"] = route.split(" ");
			const before = await stored(owner.userId);
			const res = await call(method, pathFor(route, owner), other.cookie, {
				text: JSON.stringify(spec.valid(owner)),
				contentType: "application/json",
			});
			expect(res.status, route).toBe(404);
			expect(await stored(owner.userId)).toBe(before);
		}
	});
});
