/**
 * Hostile input, property-based (fast-check), over every Core route that takes a JSON body,
 * through the real app (Core → Customer/Billing/Mailer → D1/KV/R2), at least 10,000 inputs per
 * run. Every string field of every body (found by walking the route's schema, nested ones
 * included) gets percent-encoding (valid, malformed, overlong), unicode look-alikes (homoglyphs,
 * full-width forms, combining marks, bidi overrides, zero-width characters, BOM) and control
 * characters (C0, C1, DEL, NUL, lone surrogates) — URL fields as mailto:/tel:/https: addresses
 * with hostile tails, e-mail fields as addresses with hostile parts. Beside those: wrong types,
 * huge strings, deep nesting, prototype-pollution keys, broken JSON, invalid UTF-8 and wrong
 * content types.
 *
 * Never a 5xx; every refusal is the contract's error shape (a documented code with its status)
 * and leaves the account's stored data exactly as it was; every acceptance stores exactly what
 * the contract's schema makes of the input (read back from D1, so a value the database changes,
 * such as an unpaired surrogate turned into U+FFFD, is caught). The body schemas come from
 * `@smartpages/contracts` (the ones Core validates with), so a field added to a schema is
 * attacked without touching this file; a JSON route without an entry here fails the suite.
 *
 * Cost, to stay around a minute on two cores: requests go straight to the app in this isolate;
 * one request and one D1 read of the account per input (and an undo request for an accepted
 * creation). Routes that hash or verify a password get fewer runs, and most of their inputs carry
 * a second, invalid field so they are refused before the hash (the attacked field is still
 * validated). The auth routes are called without a session and with a fresh address per input,
 * and every request comes from its own client address, so the only 429s are the per-account
 * limits of the e-mail change and the password confirmation, after the body was validated.
 */
import { env } from "cloudflare:workers";
import {
	changeEmailBody,
	changePasswordBody,
	checkoutBody,
	createApiTokenBody,
	createDomainBody,
	createLinkBody,
	createPageBody,
	deleteAccountBody,
	disableTotpBody,
	ERROR_STATUS,
	enableTotpBody,
	forgotPasswordBody,
	importBody,
	loginBody,
	loginMfaCodeBody,
	loginMfaRecoveryBody,
	passkeySigninBody,
	patchLinkBody,
	patchMeBody,
	patchPageBody,
	patchProfileBody,
	recoveryCodesBody,
	registerPasskeyBody,
	renamePasskeyBody,
	reorderLinksBody,
	resetPasswordBody,
	signupBody,
	THEME_DESIGNS,
	verifyEmailBody,
} from "@smartpages/contracts";
import { tally as record } from "@smartpages/testing/security-meta";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as z from "zod";
import { createApp } from "../src/app";
import {
	call,
	type Endpoint,
	raw,
	resolve,
	account as signUp,
	withResources,
} from "./support/request";

const PASSWORD = "hostile passphrase 7";
const WRONG_PASSWORD = "not the password 1";

interface Account {
	cookie: string;
	userId: string;
	pageId: string;
	linkId: string;
}

type Body = Record<string, unknown>;
type Path = (string | number)[];

interface RouteSpec {
	schema: z.ZodObject;
	/** A valid body with every optional field that has a nested string filled in. */
	valid: (a: Account, unique: string) => Body;
	/** Inputs per run. */
	runs: number;
	/**
	 * Routes that hash or verify a password: a second field that fails validation, added to this
	 * share of the inputs (unless it is the attacked field) so most are refused before the hash.
	 */
	spoil?: { share: number; fields: Body };
	/**
	 * After an acceptance: the stored resource, from the account's D1 rows, with the body's field
	 * names. Only the `stores` fields are compared (a password is never read back).
	 */
	readBack?: (rows: Stored, response: unknown) => Body | Promise<Body>;
	stores?: string[];
	/** Undoes an accepted creation, so plan limits never turn later inputs into 402s. */
	cleanup?: (a: Account, response: unknown) => Promise<void>;
}

/** Hashing routes: 4 inputs in 5 carry a spoiled companion field. */
const MOSTLY_SPOILED = 0.8;

const idOf = (response: unknown, kind: "page" | "link" | "domain") =>
	(response as Record<string, { id?: string } | undefined>)[kind]?.id;

/**
 * Every route with a JSON body: its schema, a valid body and the inputs per run (the breakdown
 * is printed at the end; the cheap validation paths get the most). Valid bodies that would end
 * the session or the account carry a wrong password, so mutations of them are refused, not obeyed.
 */
const JSON_ROUTES: Record<string, RouteSpec> = {
	"POST /api/v1/auth/signup": {
		schema: signupBody,
		valid: (_a, unique) => ({
			email: `p-${unique}@example.com`,
			password: PASSWORD,
			locale: "en",
			plan: "pro",
			attribution: { utm_source: "news", utm_medium: "mail", utm_campaign: "spring" },
		}),
		runs: 400,
		spoil: { share: MOSTLY_SPOILED, fields: { password: "short", locale: "xx" } },
		readBack: async (_rows, response) => {
			const { user } = response as { user: { id: string; email: string } };
			// A decoy answer (the address was taken) has an id that is stored nowhere.
			const row = await env.TEST_DB.prepare(
				"SELECT email, locale FROM users WHERE id = ? OR email = ? ORDER BY id = ? DESC LIMIT 1",
			)
				.bind(user.id, user.email, user.id)
				.first<{ email: string; locale: string }>();
			return { email: row?.email, locale: row?.locale };
		},
		stores: ["email", "locale"],
	},
	"POST /api/v1/auth/verify-email": {
		schema: verifyEmailBody,
		valid: () => ({ token: "A".repeat(43) }),
		runs: 900,
	},
	"POST /api/v1/auth/login": {
		schema: loginBody,
		valid: (_a, unique) => ({ email: `nobody-${unique}@example.com`, password: PASSWORD }),
		runs: 500,
		spoil: { share: MOSTLY_SPOILED, fields: { password: "", email: "not an address" } },
	},
	"POST /api/v1/auth/password/forgot": {
		schema: forgotPasswordBody,
		valid: (_a, unique) => ({ email: `nobody-${unique}@example.com` }),
		runs: 700,
	},
	"POST /api/v1/auth/password/reset": {
		schema: resetPasswordBody,
		valid: () => ({ token: "A".repeat(43), password: PASSWORD }),
		runs: 650,
		// A well-formed body is hashed before the token is looked up (uniform timing).
		spoil: { share: MOSTLY_SPOILED, fields: { password: "short", token: "not a token" } },
	},
	"PATCH /api/v1/me": {
		schema: patchMeBody,
		valid: () => ({ locale: "de" }),
		runs: 350,
		readBack: (rows) => ({ locale: rows.user?.locale }),
		stores: ["locale"],
	},
	"POST /api/v1/me/password": {
		schema: changePasswordBody,
		valid: () => ({ currentPassword: WRONG_PASSWORD, newPassword: "another pass 22" }),
		runs: 250,
		spoil: { share: MOSTLY_SPOILED, fields: { newPassword: "short", currentPassword: "" } },
	},
	"POST /api/v1/me/email": {
		schema: changeEmailBody,
		valid: () => ({ newEmail: "moved@example.com", password: WRONG_PASSWORD }),
		runs: 400,
		spoil: { share: MOSTLY_SPOILED, fields: { password: "", newEmail: "not an address" } },
	},
	"DELETE /api/v1/me": {
		schema: deleteAccountBody,
		valid: () => ({ password: WRONG_PASSWORD }),
		runs: 200,
		// The only field is the attacked one: an unknown key makes the body invalid instead.
		spoil: { share: MOSTLY_SPOILED, fields: { unexpected: true } },
	},
	// Issue 20. Valid bodies are refused for what they name (a ticket, a challenge, a setup, a
	// passkey that is not there) or carry a wrong password, so nothing two-factor ever changes.
	"POST /api/v1/auth/login/mfa": {
		schema: loginMfaCodeBody,
		valid: () => ({ ticket: "A".repeat(43), code: "123456" }),
		runs: 250,
	},
	"POST /api/v1/auth/login/mfa (recovery code)": {
		schema: loginMfaRecoveryBody,
		valid: () => ({ ticket: "A".repeat(43), recoveryCode: "abcde-fghjk" }),
		runs: 200,
	},
	"POST /api/v1/auth/passkey": {
		schema: passkeySigninBody,
		valid: () => ({ response: webauthnJson("webauthn.get") }),
		runs: 300,
	},
	"POST /api/v1/me/passkeys": {
		schema: registerPasskeyBody,
		valid: () => ({ name: "Laptop", response: webauthnJson("webauthn.create") }),
		runs: 300,
	},
	"PATCH /api/v1/me/passkeys/:id": {
		schema: renamePasskeyBody,
		valid: () => ({ name: "Laptop" }),
		runs: 250,
	},
	"POST /api/v1/me/totp/enable": {
		schema: enableTotpBody,
		valid: () => ({ code: "123456", password: WRONG_PASSWORD }),
		runs: 200,
		spoil: { share: MOSTLY_SPOILED, fields: { code: "12345" } },
	},
	"POST /api/v1/me/totp/recovery-codes": {
		schema: recoveryCodesBody,
		valid: () => ({ password: WRONG_PASSWORD }),
		runs: 100,
		spoil: { share: MOSTLY_SPOILED, fields: { unexpected: true } },
	},
	"DELETE /api/v1/me/totp": {
		schema: disableTotpBody,
		valid: () => ({ password: WRONG_PASSWORD }),
		runs: 100,
		spoil: { share: MOSTLY_SPOILED, fields: { unexpected: true } },
	},
	// Issue 21: a token's name, scopes and expiry; the secret is made by Core, never sent.
	"POST /api/v1/me/tokens": {
		schema: createApiTokenBody,
		valid: () => ({
			name: "Shop sync",
			scopes: ["pages:read", "pages:write"],
			expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
		}),
		runs: 400,
		readBack: (rows, response) => {
			const id = (response as { token?: { id?: string } }).token?.id;
			const row = rows.apiTokens.find((t) => t.id === id) ?? {};
			return {
				name: row.name,
				scopes: JSON.parse(String(row.scopes ?? "null")),
				expiresAt: row.expires_at ?? undefined,
			};
		},
		stores: ["name", "scopes", "expiresAt"],
		cleanup: async (a, response) => {
			const res = await call("DELETE /me/tokens/:id", {
				params: { id: (response as { token?: { id?: string } }).token?.id ?? "" },
				as: a,
			});
			expect(res.status).toBe(204);
		},
	},
	"PATCH /api/v1/profile": {
		schema: patchProfileBody,
		valid: () => ({
			displayName: "Anna",
			bio: "Hello",
			theme: "light",
			socials: [{ network: "website", url: "https://example.com/" }],
			imprint: "Anna Beispiel, Straße 1, Berlin",
			privacyUrl: "https://example.com/privacy",
			socialsPlacement: "top",
			legal: {
				name: "Anna Beispiel",
				street: "Musterstraße 1",
				postalCode: "10115",
				city: "Berlin",
				country: "DE",
				email: "anna@example.org",
				phone: "+49 30 1234567",
				vatId: "DE123456789",
				register: "HRB 12345",
				registerCourt: "Amtsgericht Charlottenburg",
				responsible: "Anna Beispiel",
			},
		}),
		runs: 1300,
		readBack: ({ profile = {} }) => ({
			handle: profile.handle,
			displayName: profile.display_name,
			bio: profile.bio,
			theme: profile.theme,
			socials: JSON.parse(String(profile.socials ?? "null")),
			imprint: profile.imprint,
			privacyUrl: profile.privacy_url,
			socialsPlacement: profile.socials_placement,
			legal: JSON.parse(String(profile.legal ?? "null")),
		}),
		stores: [
			"handle",
			"displayName",
			"bio",
			"theme",
			"socials",
			"imprint",
			"privacyUrl",
			"socialsPlacement",
			"legal",
		],
	},
	"POST /api/v1/pages": {
		schema: createPageBody,
		valid: () => ({ title: "Another" }),
		runs: 550,
		readBack: (rows, response) => rows.pages.find((p) => p.id === idOf(response, "page")) ?? {},
		stores: ["title", "slug"],
		cleanup: async (a, response) => {
			const res = await call("DELETE /pages/:id", {
				params: { id: idOf(response, "page") ?? "" },
				as: a,
			});
			expect(res.status).toBe(204);
		},
	},
	"PATCH /api/v1/pages/:id": {
		schema: patchPageBody,
		// Issue 18: the design is a container of strings (colours), attacked inside a valid one.
		valid: () => ({ title: "Home", description: "d", theme: "light", design: THEME_DESIGNS.dark }),
		runs: 900,
		readBack: (rows) => rows.pages.find((p) => p.id === rows.account.pageId) ?? {},
		stores: ["title", "slug", "description", "theme"],
	},
	"POST /api/v1/pages/:id/links": {
		schema: createLinkBody,
		valid: () => ({ title: "New", url: "https://example.com/" }),
		runs: 650,
		readBack: (rows, response) => rows.links.find((l) => l.id === idOf(response, "link")) ?? {},
		stores: ["title", "url"],
		cleanup: async (a, response) => {
			const res = await call("DELETE /pages/:id/links/:linkId", {
				params: { id: a.pageId, linkId: idOf(response, "link") ?? "" },
				as: a,
			});
			expect(res.status).toBe(204);
		},
	},
	"PUT /api/v1/pages/:id/links/order": {
		schema: reorderLinksBody,
		valid: (a) => ({ ids: [a.linkId] }),
		runs: 400,
		readBack: (rows) => ({
			ids: rows.links
				.filter((l) => l.page_id === rows.account.pageId)
				.sort((x, y) => Number(x.position) - Number(y.position))
				.map((l) => l.id),
		}),
		stores: ["ids"],
	},
	"PATCH /api/v1/pages/:id/links/:linkId": {
		schema: patchLinkBody,
		valid: () => ({ title: "L", url: "https://example.com/", enabled: true }),
		runs: 1000,
		readBack: (rows) => rows.links.find((l) => l.id === rows.account.linkId) ?? {},
		stores: ["title", "url"],
	},
	"POST /api/v1/billing/checkout": {
		schema: checkoutBody,
		valid: () => ({ plan: "pro", interval: "month" }),
		runs: 500,
	},
	"POST /api/v1/domains": {
		schema: createDomainBody,
		valid: (_a, unique) => ({ hostname: `p-${unique.slice(0, 8)}.example.test` }),
		runs: 550,
		readBack: (rows, response) => rows.domains.find((d) => d.id === idOf(response, "domain")) ?? {},
		stores: ["hostname"],
		cleanup: async (a, response) => {
			const res = await call("DELETE /domains/:id", {
				params: { id: idOf(response, "domain") ?? "" },
				as: a,
			});
			expect(res.status).toBe(204);
		},
	},
	// Issue 21: the CSV form of the import body (the other forms share its strings' path:
	// the source's text); the file is parsed, its items checked by the link schemas.
	"POST /api/v1/import/preview": {
		schema: importBody.options[1],
		valid: () => ({ source: "csv", content: "title,url\nShop,https://example.com/\n", title: "L" }),
		runs: 300,
	},
	"POST /api/v1/import": {
		schema: importBody.options[1],
		valid: () => ({ source: "csv", content: "title,url\nShop,https://example.com/\n", title: "L" }),
		runs: 200,
		cleanup: async (a, response) => {
			for (const page of (response as { pages?: { id: string }[] }).pages ?? []) {
				const res = await call("DELETE /pages/:id", { params: { id: page.id }, as: a });
				expect(res.status).toBe(204);
			}
		},
	},
};

/** Routes whose body is not JSON at all (binary upload, Stripe's signed payload) or that take none. */
const NOT_JSON = new Set([
	"PUT /api/v1/profile/avatar",
	"PUT /api/v1/pages/:id/links/:linkId/thumbnail",
	"DELETE /api/v1/pages/:id/links/:linkId/thumbnail",
	"PUT /api/v1/pages/:id/background",
	"DELETE /api/v1/pages/:id/background",
	"POST /api/v1/webhooks/stripe",
	"POST /api/v1/auth/resend-verification",
	"POST /api/v1/auth/logout",
	"POST /api/v1/billing/portal",
	"POST /api/v1/pages/:id/publish",
	"POST /api/v1/pages/:id/unpublish",
	"POST /api/v1/pages/:id/versions/:version/restore",
	"POST /api/v1/domains/:id/verify",
	"POST /api/v1/auth/passkey/options",
	"POST /api/v1/me/passkeys/options",
	"POST /api/v1/me/totp/setup",
]);

/** A WebAuthn response in its JSON form with every field filled; it verifies nowhere. */
function webauthnJson(type: "webauthn.get" | "webauthn.create"): Body {
	const clientDataJSON = btoa(
		JSON.stringify({ type, challenge: "bWFkZS11cA", origin: "http://localhost:4321" }),
	)
		.replaceAll("+", "-")
		.replaceAll("/", "_")
		.replace(/=+$/, "");
	const inner =
		type === "webauthn.get"
			? { clientDataJSON, authenticatorData: "A".repeat(50), signature: "AAAA", userHandle: "dXNy" }
			: {
					clientDataJSON,
					attestationObject: "AAAA",
					authenticatorData: "AAAA",
					transports: ["internal"],
					publicKey: "AAAA",
				};
	return {
		id: "AAAAAAAAAAAAAAAAAAAAAA",
		rawId: "AAAAAAAAAAAAAAAAAAAAAA",
		type: "public-key",
		response: inner,
		clientExtensionResults: {},
	};
}

// ---------------------------------------------------------------------------------------------
// The hostile text: fragments that are mixed into and around plausible values.

/** Percent-encoding: valid escapes, malformed ones, overlong and surrogate UTF-8, double encoding. */
const PERCENT = [
	"%",
	"%%",
	"%%%",
	"%%41",
	"%E0",
	"%E0%A4",
	"%E0%A4%A",
	"%C0%AF",
	"%C0%80",
	"%C1%BF",
	"%E0%80%AF",
	"%F0%80%80%AF",
	"%F8%88%80%80%80",
	"%ED%A0%80",
	"%ED%BF%BF",
	"%F4%90%80%80",
	"%FF",
	"%FE%FF",
	"%EF%BB%BF",
	"%80",
	"%00",
	"%0A",
	"%0D%0A",
	"%09",
	"%7F",
	"%C2%85",
	"%20",
	"%2F",
	"%5C",
	"%2e%2e%2f",
	"%2E%2E/",
	"%40",
	"%3A",
	"%23",
	"%3F",
	"%25",
	"%2525",
	"%252F",
	"%41",
	"%e2%80%ae",
	"%E2%80%8B",
	"%u0041",
	"%uD800",
	"%G0",
	"%0G",
	"%1",
	"%-1",
	"%+1",
	"% 1",
];

/** Look-alikes: Cyrillic/Greek homoglyphs, full-width forms, combining marks, invisible and bidi. */
const LOOKALIKES = [
	"а",
	"е",
	"о",
	"р",
	"с",
	"х",
	"у",
	"і",
	"ј",
	"ѕ",
	"ԁ",
	"ο",
	"α",
	"ν",
	"ρ",
	"Α",
	"Ι",
	"ｅ",
	"Ａ",
	"ａ",
	"＠",
	"．",
	"／",
	"：",
	"＜",
	"＞",
	"e\u0301",
	"\u0301",
	"\u0338",
	"\u20dd",
	"\u036f\u036f\u036f\u036f\u036f\u036f",
	"\u202e",
	"\u202d",
	"\u202a",
	"\u2067",
	"\u2066",
	"\u2069",
	"\u200f",
	"\u200d",
	"\u200c",
	"\u200b",
	"\u2060",
	"\ufeff",
	"\u00ad",
	"\u00a0",
	"\u3000",
	"\u2028",
	"\u2029",
	"\u180e",
	"\u115f",
	"\u3164",
	"\ufe0f",
	"ı",
	"İ",
	"\u212a",
	"ﬁ",
	"𝐚",
	"ß",
	"ǅ",
	"⁄",
	"∕",
	"👩‍💻",
	"🏳️‍🌈",
	"xn--80ak6aa92e",
];

/** Control characters: all of C0, DEL, all of C1, lone and reversed surrogates, non-characters. */
const CONTROLS = [
	...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
	"\u007f",
	...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)),
	"\ud800",
	"\udbff",
	"\udc00",
	"\udfff",
	"\udc00\ud800",
	"\ufffe",
	"\uffff",
	"\ufffd",
];

/** Strings that have broken other products: markup, script URLs, injections, traversal. */
const HOSTILE = [
	"<script>alert(1)</script>",
	'"><img src=x onerror=alert(1)>',
	"javascript:alert(1)",
	" JaVaScRiPt:alert(1)",
	"java\tscript:alert(1)",
	"&#106;avascript:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"../../etc/passwd",
	"{{7*7}}",
	// biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literally.
	"${7*7}",
	"' OR 1=1 --",
	"\r\nSet-Cookie: x=1",
	"\\",
	'"',
	"@",
	":",
	"//",
	"?#",
];

const MARKUP = [
	"<script>alert(1)</script>",
	'"><img src=x onerror=alert(1)>',
	"{{7*7}}",
	"' OR 1=1 --",
	"Grüße ✓ <b>&amp;</b>",
];

/** A random escape: "%" and up to two characters, hex or not, or UTF-8-shaped byte runs. */
const percent = fc.oneof(
	{ arbitrary: fc.constantFrom(...PERCENT), weight: 3 },
	fc
		.array(fc.constantFrom(..."0123456789abcdefABCDEFgGzZ%"), { maxLength: 2 })
		.map((cs) => `%${cs.join("")}`),
	fc
		.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 })
		.map((bytes) => bytes.map((b) => `%${b.toString(16).padStart(2, "0").toUpperCase()}`).join("")),
);

const lookalike = fc.constantFrom(...LOOKALIKES);
const control = fc.constantFrom(...CONTROLS);
const plain = fc.stringMatching(/^[a-zA-Z0-9.+-]{1,8}$/);

const fragment = fc.oneof(
	{ arbitrary: percent, weight: 4 },
	{ arbitrary: lookalike, weight: 3 },
	{ arbitrary: control, weight: 3 },
	{ arbitrary: plain, weight: 2 },
	{ arbitrary: fc.constantFrom(...HOSTILE), weight: 1 },
);

/** A string made only of hostile fragments. */
const hostileText = fc.array(fragment, { minLength: 1, maxLength: 8 }).map((f) => f.join(""));

/** Hostile fragments inserted at random places of a plausible value (it stays almost valid). */
function embedded(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
	return fc
		.tuple(
			base,
			fc.array(fc.tuple(fc.nat(), fragment), { minLength: 1, maxLength: 3 }),
			fc.constantFrom("", " ", "  ", "\t"),
		)
		.map(([text, inserts, pad]) => {
			let out = text;
			for (const [at, piece] of inserts) {
				const i = at % (out.length + 1);
				out = out.slice(0, i) + piece + out.slice(i);
			}
			return pad + out + pad;
		});
}

const EMAILS = ["anna@example.com", "a.b+tag@sub.example.co", "x@y.zz", "o'hara@example.org"];
const HOSTS = ["shop.example.com", "p.example.test", "exаmple.com", "xn--80ak6aa92e.com", "a.bc"];
const URLS = [
	"mailto:anna@example.com",
	"mailto:anna@example.com?subject=hi",
	"MAILTO:x@y.zz",
	"tel:+4930123456",
	"tel:+1 (555) 010-0100",
	"Tel:030.123",
	"https://example.com/",
	"https://example.com/a/b?c=d#e",
	"http://example.com",
	"https://exаmple.com/",
	"https://xn--80ak6aa92e.com/",
];
/** Scheme prefixes for hostile tails: ours (in any case), near misses and foreign schemes. */
const URL_PREFIXES = [
	"mailto:",
	"tel:",
	"MAILTO:",
	"TeL:",
	" mailto:",
	"mailto:anna",
	"mailto:anna@",
	"mailto:?to=",
	"mailto:a@b.cc?subject=",
	"tel:+",
	"tel:+49",
	"https://",
	"https://example.com/",
	"https://example.com/?q=",
	"https://example.com/#",
	"http://",
	"https:",
	"https:/",
	"javascript:",
	"data:text/html,",
	"//",
	"",
];

/** E-mail-shaped text: hostile local part, "@" or a look-alike of it, hostile domain. */
const emailLike = fc.oneof(
	{ arbitrary: embedded(fc.constantFrom(...EMAILS)), weight: 3 },
	fc
		.tuple(
			fc.oneof(fc.constantFrom("anna", "a.b", "x+y"), hostileText),
			fc.constantFrom("@", "@", "＠", "%40", "@@", "", "\u200b@"),
			fc.oneof(fc.constantFrom(...HOSTS), embedded(fc.constantFrom(...HOSTS)), hostileText),
		)
		.map(([local, at, domain]) => local + at + domain),
);

/** URL-shaped text: a scheme with a hostile tail, or a hostile plausible URL. */
const urlLike = fc.oneof(
	{
		arbitrary: fc
			.tuple(fc.constantFrom(...URL_PREFIXES), fc.oneof(hostileText, emailLike))
			.map(([prefix, tail]) => prefix + tail),
		weight: 3,
	},
	// Only escapes and plain text after mailto:/tel:, which pass the invisible-character check.
	{
		arbitrary: fc
			.tuple(
				fc.constantFrom("mailto:", "tel:", "mailto:anna@", "tel:+49"),
				fc.array(fc.oneof(percent, plain), { minLength: 1, maxLength: 4 }),
			)
			.map(([prefix, parts]) => prefix + parts.join("")),
		weight: 2,
	},
	{ arbitrary: embedded(fc.constantFrom(...URLS)), weight: 2 },
);

const hostLike = fc.oneof(
	{ arbitrary: embedded(fc.constantFrom(...HOSTS)), weight: 2 },
	fc
		.tuple(hostileText, fc.constantFrom(".com", ".example.test", ".xn--p1ai", ""))
		.map(([a, b]) => a + b),
);

/** Hostile text for one string field, shaped like what the field expects. */
function hostileFor(path: Path, valid: unknown): fc.Arbitrary<string> {
	const name = String(path.filter((p) => typeof p === "string").at(-1) ?? "");
	const around =
		typeof valid === "string" && valid.length > 0 ? [embedded(fc.constant(valid))] : [];
	const generic = fc.oneof(hostileText, ...around);
	if (/url$/i.test(name)) return fc.oneof({ arbitrary: urlLike, weight: 4 }, generic);
	if (/email$/i.test(name)) return fc.oneof({ arbitrary: emailLike, weight: 4 }, generic);
	if (/hostname$/i.test(name)) return fc.oneof({ arbitrary: hostLike, weight: 4 }, generic);
	return fc.oneof(
		{ arbitrary: generic, weight: 4 },
		{ arbitrary: urlLike, weight: 1 },
		{ arbitrary: emailLike, weight: 1 },
	);
}

// ---------------------------------------------------------------------------------------------
// Bodies: every string field of a schema, and the attempts built from it.

/** The zod definition fields this walk reads (zod 4's `_zod.def`). */
interface Def {
	type: string;
	innerType?: z.ZodType;
	in?: z.ZodType;
	element?: z.ZodType;
	options?: readonly z.ZodType[];
	shape?: Record<string, z.ZodType>;
	values?: readonly unknown[];
}

function defOf(schema: z.ZodType): Def {
	return schema._zod.def as unknown as Def;
}

/** Whether a schema (a leaf) accepts some string. */
function takesString(schema: z.ZodType): boolean {
	const def = defOf(schema);
	switch (def.type) {
		case "string":
		case "enum":
			return true;
		case "literal":
			return (def.values ?? []).some((v) => typeof v === "string");
		case "optional":
		case "nullable":
		case "default":
			return def.innerType ? takesString(def.innerType) : false;
		case "pipe":
			return def.in ? takesString(def.in) : false;
		case "union":
			return (def.options ?? []).some(takesString);
		default:
			return false;
	}
}

/** The paths of every string field of a schema, into nested objects and arrays (index 0). */
function stringPaths(schema: z.ZodType, prefix: Path = []): Path[] {
	if (takesString(schema)) return [prefix];
	const def = defOf(schema);
	if ((def.type === "optional" || def.type === "nullable") && def.innerType)
		return stringPaths(def.innerType, prefix);
	// A transformed object (a social link, normalised): its fields are the input's.
	if (def.type === "pipe" && def.in) return stringPaths(def.in, prefix);
	if (def.type === "array" && def.element) return stringPaths(def.element, [...prefix, 0]);
	if (def.type === "object" && def.shape)
		return Object.entries(def.shape).flatMap(([key, s]) => stringPaths(s, [...prefix, key]));
	return [];
}

function getPath(value: unknown, path: Path): unknown {
	let current = value;
	for (const key of path) {
		if (current === null || typeof current !== "object") return undefined;
		current = (current as Record<string | number, unknown>)[key];
	}
	return current;
}

/** A copy of `body` with `value` at `path` (containers on the way copied, created when missing). */
function withPath(body: unknown, path: Path, value: unknown): unknown {
	const [key, ...rest] = path;
	if (key === undefined) return value;
	if (typeof key === "number") {
		const list = Array.isArray(body) ? [...body] : [];
		list[key] = withPath(list[key], rest, value);
		return list;
	}
	const object = body !== null && typeof body === "object" && !Array.isArray(body) ? body : {};
	return { ...object, [key]: withPath((object as Body)[key], rest, value) };
}

const POLLUTION_KEYS = ["__proto__", "constructor", "prototype"];

const wrongValue = fc.oneof(
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
	/** What kind of input this is, for the breakdown and failure messages. */
	family: string;
	body: string | Uint8Array;
	contentType: string;
	/** The JSON value sent, when the body is one (an acceptance is checked against it). */
	sent?: unknown;
}

const encoder = new TextEncoder();

function json(family: string, value: unknown): Attempt {
	return { family, body: JSON.stringify(value), contentType: "application/json", sent: value };
}

/**
 * Inputs for one route: a hostile string in one of its string fields (most of them), then wrong
 * types, pollution keys, random JSON, raw control characters and invalid UTF-8 in the JSON text,
 * text that is not JSON, other content types, deep nesting and an oversized body.
 */
function attempts(spec: RouteSpec, a: Account): fc.Arbitrary<Attempt> {
	const keys = Object.keys(spec.schema.shape);
	const paths = stringPaths(spec.schema);
	const base = fc.uuid().map((unique) => spec.valid(a, unique));
	const spoiled = (body: Body, path: Path, spoil: boolean): Body => {
		if (!spoil || !spec.spoil) return body;
		// The first spoiler that is not the attacked field itself.
		const spoiler = Object.entries(spec.spoil.fields).find(([k]) => k !== String(path[0]));
		return spoiler ? { ...body, [spoiler[0]]: spoiler[1] } : body;
	};
	const spoilShare = spec.spoil?.share ?? 0;
	const spoilFlag = fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < spoilShare);

	// A hostile string in one string field: the bulk of the inputs.
	const inField = fc
		.constantFrom(...paths)
		.chain((path) =>
			fc
				.tuple(base, spoilFlag)
				.chain(([body, spoil]) =>
					hostileFor(path, getPath(body, path)).map((value) =>
						json(
							`string field ${path.join(".")}`,
							withPath(spoiled(body, path, spoil), path, value),
						),
					),
				),
		);
	// The same text written raw into the JSON (control characters unescaped, bytes not UTF-8).
	const rawInField = fc
		.tuple(
			fc.constantFrom(...paths),
			base,
			hostileText,
			fc.uint8Array({ minLength: 1, maxLength: 6 }),
		)
		.map(([path, body, text, bytes]): Attempt => {
			const marker = "\u0001MARK\u0001";
			const [before = "", after = ""] = JSON.stringify(withPath(body, path, marker)).split(
				JSON.stringify(marker),
			);
			const raw = text.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
			const parts = [encoder.encode(`${before}"${raw}`), bytes, encoder.encode(`"${after}`)];
			const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
			let offset = 0;
			for (const p of parts) {
				out.set(p, offset);
				offset += p.byteLength;
			}
			return { family: "raw bytes in the JSON text", body: out, contentType: "application/json" };
		});
	return fc.oneof(
		{ arbitrary: inField, weight: 14 },
		{ arbitrary: rawInField, weight: 1 },
		// Markup in a text field is valid text: stored as typed, escaped wherever it is shown.
		fc
			.tuple(base, fc.constantFrom(...paths), fc.constantFrom(...MARKUP))
			.map(([body, path, value]) =>
				json("markup", withPath(spoiled(body, path, true), path, value)),
			),
		// One field replaced by a wrong type (or added: an unknown or prototype key).
		fc
			.tuple(base, fc.constantFrom(...keys, ...POLLUTION_KEYS, "unexpected"), wrongValue)
			.map(([body, key, value]) => json("wrong type or key", { ...body, [key]: value })),
		// A raw prototype-pollution payload, which object spread could not express.
		fc.tuple(base, fc.constantFrom(...POLLUTION_KEYS)).map(([body, key]) => ({
			family: "prototype pollution",
			body: `{"${key}":{"isAdmin":true,"plan":"pro"},${JSON.stringify(body).slice(1)}`,
			contentType: "application/json",
		})),
		// Any JSON value at all, of any shape.
		fc.jsonValue({ maxDepth: 4 }).map((v) => json("random JSON", v)),
		// Not JSON, or not declared as JSON.
		fc.string({ maxLength: 200 }).map((text) => ({
			family: "not JSON",
			body: text,
			contentType: "application/json",
		})),
		fc
			.tuple(
				base,
				fc.constantFrom(
					"text/plain",
					"application/x-www-form-urlencoded",
					"multipart/form-data",
					"",
				),
			)
			.map(([body, contentType]) => ({
				family: "wrong content type",
				body: JSON.stringify(body),
				contentType,
			})),
		// Deep nesting as text and a body over the JSON limit.
		fc.integer({ min: 1_000, max: 20_000 }).map((n) => ({
			family: "deep nesting",
			body: `${"[".repeat(n)}${"]".repeat(n)}`,
			contentType: "application/json",
		})),
		base.map((body) => ({
			family: "oversized",
			body: JSON.stringify({ ...body, pad: "x".repeat(70 * 1024) }),
			contentType: "application/json",
		})),
	);
}

// ---------------------------------------------------------------------------------------------
// Requests and stored state.

/** A verified Pro account with a page and a link, signed in. */
async function account(): Promise<Account> {
	const owner = await signUp("pro", {
		email: `hostile-${crypto.randomUUID()}@example.com`,
		password: PASSWORD,
	});
	return withResources(owner, { title: "Home" });
}

/** Everything stored for an account (failed-login bookkeeping aside): its rows, and as text. */
interface Stored {
	account: Account;
	text: string;
	user?: Body;
	profile?: Body;
	pages: Body[];
	links: Body[];
	domains: Body[];
	apiTokens: Body[];
}

async function stored(account: Account): Promise<Stored> {
	const db = env.TEST_DB;
	const id = account.userId;
	const [users, profiles, pages, links, domains, passkeys, totp, codes, apiTokens] = (
		await db.batch<Body>([
			db
				.prepare(
					"SELECT id, email, email_verified_at, locale, password_hash, credentials_version, plan_id, plan_status, updated_at FROM users WHERE id = ?",
				)
				.bind(id),
			db.prepare("SELECT * FROM profiles WHERE user_id = ?").bind(id),
			db.prepare("SELECT * FROM pages WHERE user_id = ? ORDER BY id").bind(id),
			db
				.prepare(
					"SELECT l.* FROM links l JOIN pages p ON p.id = l.page_id WHERE p.user_id = ? ORDER BY l.id",
				)
				.bind(id),
			db.prepare("SELECT * FROM domains WHERE user_id = ? ORDER BY id").bind(id),
			db.prepare("SELECT * FROM passkeys WHERE user_id = ? ORDER BY id").bind(id),
			db.prepare("SELECT * FROM totp_secrets WHERE user_id = ?").bind(id),
			db.prepare("SELECT * FROM recovery_codes WHERE user_id = ? ORDER BY code_hash").bind(id),
			db.prepare("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY id").bind(id),
		])
	).map((r) => r.results);
	return {
		account,
		text: printable(
			JSON.stringify([users, profiles, pages, links, domains, passkeys, totp, codes, apiTokens]),
		),
		user: users?.[0],
		profile: profiles?.[0],
		pages: pages ?? [],
		links: links ?? [],
		domains: domains ?? [],
		apiTokens: apiTokens ?? [],
	};
}

/** A route of the table as the harness names it, and its ids as the account's own. */
/** A route of JSON_ROUTES without its variant's note ("… (recovery code)"). */
const baseRoute = (route: string) => route.replace(/ \(.*\)$/, "");

function endpointOf(route: string): Endpoint {
	return baseRoute(route).replace("/api/v1", "") as Endpoint;
}
const idsOf = (a: Account) => ({ id: a.pageId, linkId: a.linkId });

/** The contract's error body: a documented code whose status is the response's status. */
function expectErrorShape(status: number, text: string, context: string): void {
	const { error } = JSON.parse(text) as {
		error: { code: string; message: unknown; requestId: unknown; fields?: unknown };
	};
	expect(Object.hasOwn(ERROR_STATUS, error.code), context).toBe(true);
	expect(ERROR_STATUS[error.code as keyof typeof ERROR_STATUS], context).toBe(status);
	expect(typeof error.message, context).toBe("string");
	expect(typeof error.requestId, context).toBe("string");
	if (error.fields !== undefined) {
		for (const reason of Object.values(error.fields as Record<string, unknown>))
			expect(typeof reason, context).toBe("string");
	}
}

/**
 * Text with everything outside printable ASCII escaped: failure messages travel to the test
 * runner as UTF-8, which a lone surrogate would break.
 */
function printable(text: string): string {
	return text.replace(
		/[^\x20-\x7e]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
	);
}

function describeAttempt(route: string, attempt: Attempt): string {
	const body =
		typeof attempt.body === "string"
			? printable(attempt.body.slice(0, 300))
			: `bytes ${[...attempt.body.slice(0, 200)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
	return `${route} (${attempt.family}, ${attempt.contentType || "no content type"}): ${body}`;
}

const totals = { routes: 0, inputs: 0, refused: 0, accepted: 0, roundTrips: 0 };
const breakdown: string[] = [];
/** Inputs per kind ("string field" for hostile text in a field, whichever field it was). */
const families = new Map<string, number>();

describe("hostile JSON bodies (fast-check)", () => {
	it("every route with a body is either attacked here or declared not to take JSON", ({ task }) => {
		const bodyRoutes = createApp()
			.routes.filter((r) => ["POST", "PUT", "PATCH", "DELETE"].includes(r.method))
			.map((r) => `${r.method} ${r.path}`)
			.filter((r) => !/^DELETE .*\/:[a-zA-Z]+$|DELETE \/api\/v1\/profile\/avatar$/.test(r));
		const covered = [...new Set([...Object.keys(JSON_ROUTES).map(baseRoute), ...NOT_JSON])];
		expect([...new Set(bodyRoutes)].sort()).toEqual(covered.sort());
		record(task, { jsonRoutes: Object.keys(JSON_ROUTES).length });
	});

	it("every string field of every body is attacked, nested ones inside a valid container", () => {
		const a: Account = { cookie: "", userId: "u", pageId: "p", linkId: "l" };
		for (const [route, spec] of Object.entries(JSON_ROUTES)) {
			const paths = stringPaths(spec.schema);
			expect(paths.length, route).toBeGreaterThan(0);
			const valid = spec.valid(a, crypto.randomUUID());
			for (const path of paths.filter((p) => p.length > 1)) {
				// Without a valid container the field is refused for its siblings, never stored.
				expect(getPath(valid, path.slice(0, -1)), `${route} ${path.join(".")}`).toBeTypeOf(
					"object",
				);
			}
			// The valid body is valid, so one hostile field decides whether an input is refused.
			expect(spec.schema.safeParse(valid).success, route).toBe(true);
		}
		const total = Object.values(JSON_ROUTES).reduce((n, s) => n + s.runs, 0);
		expect(total).toBeGreaterThanOrEqual(10_000);
	});

	let owner: Account;
	let other: Account;
	let otherInitially: string;
	beforeAll(async () => {
		owner = await account();
		other = await account();
		otherInitially = (await stored(other)).text;
		// Core's access log is one info line per request: 10,000 of them would bury the run's
		// output. Warnings and errors (a 5xx logs its stack) still print.
		const log = console.log.bind(console);
		vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
			if (typeof args[0] === "string" && args[0].startsWith('{"level":"info"')) return;
			log(...args);
		});
	});
	afterAll(() => {
		vi.restoreAllMocks();
		// Not vacuous: the well-formed hostile text got through to storage on some routes.
		expect(totals.accepted).toBeGreaterThan(0);
		console.log(
			[
				`hostile input: ${totals.routes} JSON routes, ${totals.inputs} inputs (${totals.refused} refused, ${totals.accepted} accepted, ${totals.roundTrips} read back), 0 server errors`,
				`  by kind: ${[...families].map(([f, n]) => `${f} ${n}`).join(", ")}`,
				...breakdown,
			].join("\n"),
		);
	});

	// The timeout is a harness guard for a loaded machine, never a speed assertion.
	it.for(Object.entries(JSON_ROUTES))(
		"%s",
		{ timeout: 600_000 },
		async ([route, spec], { task }) => {
			const { method, path } = resolve(endpointOf(route), idsOf(owner));
			const started = performance.now();
			const counts = { inputs: 0, refused: 0, accepted: 0 };
			const statuses = new Map<number, number>();
			// The auth routes are anonymous (a new sign-up replaces the caller's session, as it should).
			const as = route.includes("/auth/") ? null : owner;
			let snapshot = (await stored(owner)).text;
			await fc.assert(
				fc.asyncProperty(attempts(spec, owner), async (attempt) => {
					counts.inputs += 1;
					const family = attempt.family.startsWith("string field")
						? "string field"
						: attempt.family;
					families.set(family, (families.get(family) ?? 0) + 1);
					const context = describeAttempt(route, attempt);
					const { status, text } = await raw(method, path, {
						as,
						body: attempt.body,
						headers: attempt.contentType ? { "Content-Type": attempt.contentType } : {},
					});
					statuses.set(status, (statuses.get(status) ?? 0) + 1);
					expect(status, `${context}\n→ ${status} ${printable(text.slice(0, 300))}`).toBeLessThan(
						500,
					);
					if (status >= 400) {
						counts.refused += 1;
						expectErrorShape(status, text, context);
						// A refusal changes nothing.
						expect((await stored(owner)).text, context).toBe(snapshot);
						return;
					}
					counts.accepted += 1;
					const response: unknown = text ? JSON.parse(text) : null;
					let rows = await stored(owner);
					const back = await spec.readBack?.(rows, response);
					// Undo and re-read first, so a failed check below leaves the next input a true
					// picture of the stored state.
					if (spec.cleanup) {
						await spec.cleanup(owner, response);
						rows = await stored(owner);
					}
					snapshot = rows.text;
					if (back === undefined || attempt.sent === undefined) return;
					// What was stored is exactly what the contract's schema makes of the input.
					const parsed = spec.schema.safeParse(attempt.sent);
					expect(parsed.success, `accepted but invalid: ${context}`).toBe(true);
					for (const path of stringPaths(spec.schema)) {
						const expected = getPath(parsed.data, path);
						if (expected === undefined || !spec.stores?.includes(String(path[0]))) continue;
						expect(
							printable(JSON.stringify(getPath(back, path))),
							`${path.join(".")} read back: ${context}`,
						).toBe(printable(JSON.stringify(expected)));
						totals.roundTrips += 1;
					}
				}),
				// Each input changes the server's state, so a re-run is not the same experiment:
				// report the first failing input as it was, without shrinking.
				{ numRuns: spec.runs, endOnFailure: true },
			);
			totals.routes += 1;
			totals.inputs += counts.inputs;
			totals.refused += counts.refused;
			totals.accepted += counts.accepted;
			record(task, { inputs: counts.inputs });
			const seconds = ((performance.now() - started) / 1000).toFixed(1);
			const byStatus = [...statuses].sort(([x], [y]) => x - y).map(([s, n]) => `${s}×${n}`);
			breakdown.push(
				`  ${route}: ${counts.inputs} inputs in ${seconds} s (${byStatus.join(", ")})`,
			);
			// Nothing the owner sends ever touches another account.
			expect((await stored(other)).text).toBe(otherInitially);
			// The session survived every attempt (no body may end it).
			expect((await call("GET /me", { as: owner })).status).toBe(200);
		},
	);

	it("unpaired surrogates in any string field are refused, not stored as U+FFFD", async () => {
		// Found by this suite: D1 keeps "\ud800" as three U+FFFD, so the value accepted was not
		// the value stored. Every string field, nested ones too, of every route is refused alike.
		for (const [route, spec] of Object.entries(JSON_ROUTES)) {
			const as = route.includes("/auth/") ? null : owner;
			for (const path of stringPaths(spec.schema)) {
				const before = (await stored(owner)).text;
				const body = withPath(spec.valid(owner, crypto.randomUUID()), path, "Anna\ud800");
				const res = await call(endpointOf(route), {
					params: idsOf(owner),
					body,
					as,
				});
				const what = `${route} ${path.join(".")}`;
				expect(res.status, what).toBe(400);
				const { error } = res;
				expect(error.code, what).toBe("validation_failed");
				expect(error.fields?.[path.join(".")], what).toBe("must not contain unpaired surrogates");
				expect((await stored(owner)).text, what).toBe(before);
			}
		}
	});

	it("another account's ids with valid bodies are 404 and change nothing", async () => {
		for (const [route, spec] of Object.entries(JSON_ROUTES)) {
			if (!route.includes(":id")) continue;
			const before = (await stored(owner)).text;
			const res = await call(endpointOf(route), {
				params: idsOf(owner),
				body: spec.valid(owner, crypto.randomUUID()),
				as: other,
			});
			expect(res.status, route).toBe(404);
			expect((await stored(owner)).text).toBe(before);
		}
	});
});
