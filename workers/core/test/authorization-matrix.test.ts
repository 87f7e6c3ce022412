/**
 * The authorization matrix: every route of Core's route table × {anonymous, unverified, free,
 * pro, another account} → the expected status, run through the real app (Core → Customer,
 * Billing, Mailer → D1, R2, stand-ins). A route without an entry here fails the suite, so a new
 * endpoint cannot ship without deciding who may call it.
 */

import { STATS_TIME_ZONE } from "@smartpages/contracts";
import { tally } from "@smartpages/testing/security-meta";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { dayOf } from "../src/stats/days";
import {
	call,
	type Endpoint,
	type Account as Person,
	type Resources,
	account as signUp,
	withResources,
} from "./support/request";

type Role = "anonymous" | "unverified" | "free" | "pro" | "other";
const ROLES: Role[] = ["anonymous", "unverified", "free", "pro", "other"];

type Account = Person & Resources;

const PASSWORD = "matrix passphrase 1";
const PNG = Uint8Array.from(
	atob(
		"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
	),
	(c) => c.charCodeAt(0),
);

/** A fresh account of a kind, with its own page (and link); pro accounts also get a domain. */
async function account(kind: Exclude<Role, "anonymous">): Promise<Account> {
	const owner = await signUp(kind, {
		email: `matrix-${kind}-${crypto.randomUUID()}@example.com`,
		password: PASSWORD,
	});
	return withResources(owner, {
		title: "Matrix",
		publish: kind !== "unverified",
		domain: kind === "pro" || kind === "other",
	});
}

const b64 = (text: string) =>
	btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
/** A well-formed WebAuthn assertion for a challenge this app never issued. */
const MADE_UP_ASSERTION = {
	id: "AAAAAAAAAAAAAAAAAAAAAA",
	rawId: "AAAAAAAAAAAAAAAAAAAAAA",
	type: "public-key",
	response: {
		clientDataJSON: b64(
			'{"type":"webauthn.get","challenge":"bWFkZS11cA","origin":"http://localhost:4321"}',
		),
		authenticatorData: "A".repeat(50),
		signature: "AAAA",
	},
	clientExtensionResults: {},
};
/** A well-formed WebAuthn registration that does not verify. */
const MADE_UP_REGISTRATION = {
	id: "AAAAAAAAAAAAAAAAAAAAAA",
	rawId: "AAAAAAAAAAAAAAAAAAAAAA",
	type: "public-key",
	response: {
		clientDataJSON: b64(
			'{"type":"webauthn.create","challenge":"bWFkZS11cA","origin":"http://localhost:4321"}',
		),
		attestationObject: "AAAA",
	},
	clientExtensionResults: {},
};
/** A small CSV import (issue 21): one link. */
const IMPORT_CSV = { source: "csv", content: "title,url\nShop,https://example.com/shop\n" };

type Expect = Record<Role, number>;
const all = (status: number): Expect => ({
	anonymous: status,
	unverified: status,
	free: status,
	pro: status,
	other: status,
});
const authed = (status: number): Expect => ({ ...all(status), anonymous: 401 });
/** Routes on the pro account's own resources: another account gets 404. */
const owned = (status: number, overrides: Partial<Expect> = {}): Expect => ({
	anonymous: 401,
	unverified: status,
	free: status,
	pro: status,
	other: 404,
	...overrides,
});

interface Case {
	expect: Expect;
	body?: (a: Account | null) => unknown;
	/** Query parameters, given the owner of the resources the route acts on. */
	query?: (owner: Account | null) => Record<string, string>;
	/** Needs an account of its own because it ends or changes the account. */
	fresh?: boolean;
}

const MATRIX: Record<string, Case> = {
	"GET /api/v1/health": { expect: all(200) },
	"POST /api/v1/auth/signup": {
		expect: all(201),
		// A sign-up replaces the caller's session (as a login does), so no shared account either.
		fresh: true,
		body: () => ({ email: `new-${crypto.randomUUID()}@example.com`, password: PASSWORD }),
	},
	"POST /api/v1/auth/verify-email": { expect: all(400), body: () => ({ token: "A".repeat(43) }) },
	"POST /api/v1/auth/resend-verification": { expect: authed(202) },
	"POST /api/v1/auth/login": {
		expect: authed(200),
		// A login replaces the caller's session, so it must not use a shared account.
		fresh: true,
		body: (a) => ({ email: a?.email ?? "nobody@example.com", password: PASSWORD }),
	},
	// Issue 20: the second step needs a live ticket (only a right password gives one), a passkey
	// sign-in a challenge this app issued; a made-up one is refused for everybody alike.
	"POST /api/v1/auth/login/mfa": {
		expect: all(401),
		body: () => ({ ticket: "A".repeat(43), code: "123456" }),
	},
	"POST /api/v1/auth/passkey/options": { expect: all(200) },
	"POST /api/v1/auth/passkey": { expect: all(401), body: () => ({ response: MADE_UP_ASSERTION }) },
	"POST /api/v1/auth/logout": { expect: all(204), fresh: true },
	"POST /api/v1/auth/password/forgot": {
		expect: all(202),
		body: (a) => ({ email: a?.email ?? "nobody@example.com" }),
	},
	"POST /api/v1/auth/password/reset": {
		expect: all(400),
		body: () => ({ token: "A".repeat(43), password: PASSWORD }),
	},
	"GET /api/v1/me": { expect: authed(200) },
	"PATCH /api/v1/me": { expect: authed(200), body: () => ({ locale: "de" }) },
	"POST /api/v1/me/password": {
		expect: authed(204),
		fresh: true,
		body: () => ({ currentPassword: PASSWORD, newPassword: "another matrix pass 2" }),
	},
	"POST /api/v1/me/email": {
		// Only from a confirmed address (issue 14.3/14.8).
		expect: { ...authed(202), unverified: 403 },
		body: () => ({ newEmail: `moved-${crypto.randomUUID()}@example.com`, password: PASSWORD }),
	},
	"GET /api/v1/me/sessions": { expect: authed(200) },
	"DELETE /api/v1/me/sessions/:id": { expect: authed(404) },
	"GET /api/v1/me/export": { expect: authed(200) },
	// Issue 20: an account's own passkeys and two-factor settings. An id that is not one of the
	// caller's passkeys is not found (routes/me/passkeys.test.ts has another account's real one).
	"POST /api/v1/me/passkeys/options": { expect: authed(200) },
	"POST /api/v1/me/passkeys": {
		expect: authed(400),
		body: () => ({ name: "Matrix", response: MADE_UP_REGISTRATION }),
	},
	"GET /api/v1/me/passkeys": { expect: authed(200) },
	"PATCH /api/v1/me/passkeys/:id": { expect: authed(404), body: () => ({ name: "Renamed" }) },
	"DELETE /api/v1/me/passkeys/:id": { expect: authed(404) },
	"GET /api/v1/me/totp": { expect: authed(200) },
	"POST /api/v1/me/totp/setup": { expect: authed(200) },
	// A fresh account has no setup waiting: 409 (routes/me/totp.test.ts turns it on); "other"
	// uses its shared account, whose setup (the row above) waits for a right code: 400.
	"POST /api/v1/me/totp/enable": {
		expect: { ...authed(409), other: 400 },
		fresh: true,
		body: () => ({ code: "123456", password: PASSWORD }),
	},
	"POST /api/v1/me/totp/recovery-codes": {
		expect: authed(409),
		body: () => ({ password: PASSWORD }),
	},
	"DELETE /api/v1/me/totp": { expect: authed(204), body: () => ({ password: PASSWORD }) },
	"DELETE /api/v1/me": { expect: authed(204), fresh: true, body: () => ({ password: PASSWORD }) },
	// Issue 21: an account's own API tokens (cookie only; tokens/token-matrix.test.ts has the
	// bearer side). The path's id is a page's, so no caller finds a token by it.
	"POST /api/v1/me/tokens": {
		expect: authed(201),
		body: () => ({ name: "Matrix", scopes: ["pages:read"] }),
	},
	"GET /api/v1/me/tokens": { expect: authed(200) },
	"DELETE /api/v1/me/tokens/:id": { expect: authed(404) },
	"GET /api/v1/openapi.json": { expect: all(200) },
	"GET /api/v1/profile": { expect: authed(200) },
	"PATCH /api/v1/profile": { expect: authed(200), body: () => ({ displayName: "Matrix" }) },
	"PUT /api/v1/profile/avatar": { expect: { ...authed(200), unverified: 403 }, body: () => PNG },
	"DELETE /api/v1/profile/avatar": { expect: authed(204) },
	"GET /api/v1/pages": { expect: authed(200) },
	"POST /api/v1/pages": {
		expect: { anonymous: 401, unverified: 402, free: 402, pro: 201, other: 201 },
		body: () => ({ title: "Another" }),
	},
	"GET /api/v1/pages/:id": { expect: owned(200) },
	"PATCH /api/v1/pages/:id": { expect: owned(200), body: () => ({ description: "changed" }) },
	"DELETE /api/v1/pages/:id": { expect: owned(204), fresh: true },
	"GET /api/v1/pages/:id/preview": { expect: owned(200) },
	"POST /api/v1/pages/:id/publish": { expect: owned(200, { unverified: 403 }) },
	"POST /api/v1/pages/:id/unpublish": { expect: owned(200) },
	"GET /api/v1/pages/:id/versions": { expect: owned(200) },
	// The unverified and the Free accounts' pages have no published version 1 (404 either way).
	"GET /api/v1/pages/:id/versions/:version/preview": {
		expect: owned(200, { unverified: 404, free: 404 }),
	},
	"POST /api/v1/pages/:id/versions/:version/restore": {
		expect: owned(200, { unverified: 402, free: 402 }),
	},
	"GET /api/v1/pages/:id/links": { expect: owned(200) },
	"POST /api/v1/pages/:id/links": {
		expect: owned(201),
		body: () => ({ title: "New", url: "https://example.com/new" }),
	},
	"PUT /api/v1/pages/:id/links/order": {
		expect: owned(200),
		fresh: true,
		body: (a) => ({ ids: [a?.linkId] }),
	},
	"PATCH /api/v1/pages/:id/links/:linkId": { expect: owned(200), body: () => ({ enabled: false }) },
	"DELETE /api/v1/pages/:id/links/:linkId": { expect: owned(204), fresh: true },
	// Issue 18: uploads need a confirmed address (as the avatar); another account's ids are 404.
	"PUT /api/v1/pages/:id/links/:linkId/thumbnail": {
		expect: owned(200, { unverified: 403 }),
		body: () => PNG,
	},
	"DELETE /api/v1/pages/:id/links/:linkId/thumbnail": { expect: owned(204) },
	"PUT /api/v1/pages/:id/background": { expect: owned(200, { unverified: 403 }), body: () => PNG },
	"DELETE /api/v1/pages/:id/background": { expect: owned(204) },
	// Issue 21: every account may import; each role already has a page, so Free (one page) can
	// preview but not create, and another account's import never touches the owner's pages.
	"POST /api/v1/import/preview": { expect: authed(200), body: () => IMPORT_CSV },
	"POST /api/v1/import": {
		expect: { anonymous: 401, unverified: 402, free: 402, pro: 201, other: 201 },
		body: () => IMPORT_CSV,
	},
	"GET /api/v1/billing": { expect: authed(200) },
	// Issue 19: prices are public (the plan page and a marketing page show them).
	"GET /api/v1/billing/prices": { expect: all(200) },
	"POST /api/v1/billing/checkout": {
		// #14.4 (review SP-22): a Stripe customer only for a confirmed address.
		expect: { anonymous: 401, unverified: 403, free: 200, pro: 409, other: 409 },
		body: () => ({ plan: "pro", interval: "month" }),
	},
	"POST /api/v1/billing/portal": { expect: { ...authed(200), unverified: 403 } },
	// #15.5: only the caller's own sessions are found (routes/billing/billing.test.ts has one of each).
	"GET /api/v1/billing/checkout/:sessionId": { expect: authed(404) },
	"POST /api/v1/webhooks/stripe": {
		expect: all(400),
		body: () => ({ id: "evt_x", type: "invoice.paid" }),
	},
	"GET /api/v1/domains": { expect: authed(200) },
	"POST /api/v1/domains": {
		expect: { anonymous: 401, unverified: 402, free: 402, pro: 201, other: 201 },
		body: () => ({ hostname: `n-${crypto.randomUUID().slice(0, 8)}.example.test` }),
	},
	"POST /api/v1/domains/:id/verify": { expect: owned(200, { unverified: 404, free: 404 }) },
	"DELETE /api/v1/domains/:id": { expect: owned(204, { unverified: 404, free: 404 }), fresh: true },
	// Issue 17: one page's statistics are its owner's only; the export is Pro's.
	"GET /api/v1/stats": {
		expect: owned(200),
		query: (owner) => ({
			pageId: owner?.pageId ?? "pg_aaaaaaaaaaaaaaaaaaaa",
			from: today(),
			to: today(),
		}),
	},
	"GET /api/v1/stats/export": {
		expect: { anonymous: 401, unverified: 402, free: 402, pro: 200, other: 200 },
		query: () => ({ from: today(), to: today() }),
	},
};

/** Today where statistics count days. */
function today(): string {
	return dayOf(Date.now(), STATS_TIME_ZONE);
}

const routeTable = createApp()
	.routes.filter((r) => r.method !== "ALL")
	.map((r) => `${r.method} ${r.path}`);

describe("authorization matrix", () => {
	it("has an entry for every route in Core's route table, and no stale entries", ({ task }) => {
		expect([...new Set(routeTable)].sort()).toEqual(Object.keys(MATRIX).sort());
		tally(task, { routes: new Set(routeTable).size });
	});

	const shared: Partial<Record<Exclude<Role, "anonymous">, Account>> = {};
	beforeAll(async () => {
		for (const role of ["unverified", "free", "pro", "other"] as const)
			shared[role] = await account(role);
	});

	/** The path's ids: the owner's resources, or well-formed ids of none. */
	function paramsFor(route: string, owner: Account | null): Record<string, string | number> {
		const id = route.includes("/domains/:id")
			? (owner?.domainId ?? "dom_aaaaaaaaaaaaaaaaaaaa")
			: route.includes("/sessions/:id")
				? "AAAAAAAAAAAAAAAA"
				: (owner?.pageId ?? "pg_aaaaaaaaaaaaaaaaaaaa");
		return {
			id,
			linkId: owner?.linkId ?? "lnk_aaaaaaaaaaaaaaaaaaaa",
			sessionId: "cs_test_000000000000000000000000",
			version: 1,
		};
	}

	const cases = Object.entries(MATRIX).flatMap(([route, spec]) =>
		ROLES.map((role) => [route, role, spec] as const),
	);
	it.for(cases)("%s as %s", async ([route, role, spec], { task }) => {
		// "other" acts on pro's resources (and gets 404, so nothing of pro's changes); it needs an
		// account of its own only when the route ends or replaces the caller's own session.
		const endsSession =
			/\/auth\/(login|logout|signup)$|\/me\/password$|^DELETE \/api\/v1\/me$/.test(route);
		let caller: Account | null = null;
		let owner: Account | null = shared.pro ?? null;
		if (role === "other") {
			caller = endsSession ? await account("other") : (shared.other ?? null);
		} else if (role !== "anonymous") {
			caller = spec.fresh ? await account(role) : (shared[role] ?? null);
			// Their own resources, except domains, which only pro accounts have.
			owner = route.includes("/domains/:id") && role !== "pro" ? (shared.pro ?? null) : caller;
		}
		const body = spec.body?.(caller);
		const res = await call(route.replace("/api/v1", "") as Endpoint, {
			params: paramsFor(route, owner),
			query: spec.query?.(owner),
			body,
			headers: body instanceof Uint8Array ? { "Content-Type": "image/png" } : {},
			as: caller,
		});
		expect(res.status, res.text).toBe(spec.expect[role]);
		tally(task, { matrixCases: 1 });
	});
});
