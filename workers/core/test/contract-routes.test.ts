/**
 * Core and its contract (@smartpages/contracts/api) agree: the app serves exactly the routes of
 * the endpoint table, mounted from exactly the groups of ROUTES, and every route, called through
 * the typed client with `validate: true`, answers with the table's status and a body its response
 * schema accepts (strict: a field Core leaks or renames fails). One account's whole life runs
 * through the real app (Core → Customer, Billing, Mailer → D1, R2, the Stripe and mail stand-ins).
 */
import { env, exports } from "cloudflare:workers";
import {
	base32Decode,
	STATS_TIME_ZONE,
	THEME_DESIGNS,
	totpCode,
	totpStep,
} from "@smartpages/contracts";
import {
	type ApiCaller,
	type ApiResult,
	apiClient,
	ENDPOINTS,
	type EndpointKey,
	type Transport,
} from "@smartpages/contracts/api";
import { SoftAuthenticator } from "@smartpages/testing/soft-authenticator";
import { stripeSignature } from "@smartpages/testing/stripe-signature";
import { describe, expect, it } from "vitest";
import { tokenFrom, waitForMail } from "../../../tools/stack/src/api-client.ts";
import { createApp, ROUTES } from "../src/app";
import { dayOf } from "../src/stats/days";

const PREFIX = "/api/v1";
const ORIGIN = "http://localhost:4321";
/** Billing's local webhook secret (workers/billing/wrangler.jsonc), shared with the stand-in. */
const WEBHOOK_SECRET = "whsec_local_development_only";
const [FIRST, SECOND, THIRD] = ["contract pass 1", "contract pass 2", "contract pass 3"] as const;
const PNG = Uint8Array.from(
	atob(
		"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
	),
	(c) => c.charCodeAt(0),
);

/** "METHOD /path" under /api/v1 of a list of Hono routes, middleware left out. */
function served(routes: readonly { method: string; path: string }[], prefix = ""): string[] {
	const keys = routes
		.filter((r) => r.method !== "ALL")
		.map((r) => `${r.method} ${`${prefix}${r.path}`.replace(PREFIX, "")}`);
	return [...new Set(keys)].sort();
}

describe("Core serves its contract", () => {
	const app = createApp();

	it("serves exactly the routes of the endpoint table: none without an entry, no entry without a route", () => {
		expect(served(app.routes)).toEqual(Object.keys(ENDPOINTS).sort());
	});

	it("mounts exactly the route groups listed in ROUTES", () => {
		const listed = served(ROUTES.flatMap((group) => group.routes));
		expect(served(app.routes)).toEqual(listed);
	});
});

/** A browser of the app: the app's Origin, its own session cookie, a fresh client address per call. */
function browser(): Transport {
	let cookie = "";
	return async ({ method, path, headers, body }) => {
		const res = await exports.default.fetch(
			new Request(`https://api.test${path}`, {
				method,
				headers: {
					Origin: ORIGIN,
					"CF-Connecting-IP": crypto.randomUUID(),
					...(cookie ? { Cookie: cookie } : {}),
					...headers,
				},
				...(body === undefined ? {} : { body }),
			}),
		);
		const set = res.headers.get("Set-Cookie");
		if (set?.startsWith("__Host-sp_session=")) cookie = set.split(";")[0] ?? "";
		return res;
	};
}

/** Stripe: no cookie, no Origin. */
const stripe: Transport = ({ method, path, headers, body }) =>
	exports.default.fetch(
		new Request(`https://api.test${path}`, { method, headers, ...(body ? { body } : {}) }),
	);

function data<T>(result: ApiResult<T>): T {
	if (!result.ok) {
		throw new Error(`expected a success, got ${result.status} ${result.code}: ${result.message}`);
	}
	return result.data;
}

describe("every route answers as the contract says", () => {
	const called = new Set<EndpointKey>();
	/** The typed client with `validate: true`, noting which routes were called. */
	function client(transport: Transport): ApiCaller {
		const call = apiClient(transport, { validate: true });
		return (key, ...args) => {
			called.add(key);
			return call(key, ...args);
		};
	}
	const mailBase = () => `http://127.0.0.1:${env.TEST_CLOUD.mail}`;
	const stripeBase = () => `http://127.0.0.1:${env.TEST_CLOUD.stripe}`;

	it("in one account's life, through the typed client with validate: true", async () => {
		const api = client(browser());
		const webhook = client(stripe);
		const email = `contract-${crypto.randomUUID()}@example.com`;

		expect(data(await api("GET /health")).status).toBe("ok");

		// ── sign-up, confirmation, sign-in ──────────────────────────────────────────────────
		const { user } = data(
			await api("POST /auth/signup", {
				body: { email, password: FIRST, locale: "en", plan: "pro" },
			}),
		);
		// The same address again: the decoy answer has the same shape.
		data(
			await client(browser())("POST /auth/signup", { body: { email, password: "x".repeat(9) } }),
		);
		const confirm = await waitForMail(mailBase(), email, (m) => /confirm/i.test(m.subject));
		const verified = data(
			await api("POST /auth/verify-email", { body: { token: tokenFrom(confirm) } }),
		);
		expect(verified).toMatchObject({
			user: { id: user.id, emailVerified: true },
			nextStep: "checkout",
		});
		expect(data(await api("POST /auth/resend-verification"))).toBeNull();
		data(await api("POST /auth/login", { body: { email, password: FIRST } }));

		// ── account ────────────────────────────────────────────────────────────────────────────
		expect(data(await api("GET /me")).entitlements.maxPages).toBe(1);
		expect(data(await api("PATCH /me", { body: { locale: "de" } })).user.locale).toBe("de");
		data(await api("PATCH /me", { body: { locale: "en" } }));

		// ── billing: upgrade through Checkout, confirmed by Stripe's webhooks ───────────────────
		const checkout = data(
			await api("POST /billing/checkout", { body: { plan: "pro", interval: "month" } }),
		);
		const sessionId = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(checkout.url)?.[1] ?? "";
		const done = (await (
			await fetch(`${stripeBase()}/_dev/checkout/${sessionId}/complete`, { method: "POST" })
		).json()) as { subscription: { customer: string } };
		const events = (await (
			await fetch(`${stripeBase()}/_dev/events?customer=${done.subscription.customer}`)
		).json()) as { events: unknown[] };
		for (const event of events.events) {
			const payload = JSON.stringify(event);
			data(
				await webhook("POST /webhooks/stripe", {
					body: payload,
					headers: { "Stripe-Signature": await stripeSignature(payload, WEBHOOK_SECRET) },
				}),
			);
		}
		expect(
			data(await api("GET /billing/checkout/:sessionId", { params: { sessionId } })).status,
		).toBe("complete");
		const billing = data(await api("GET /billing"));
		expect(billing.plan).toMatchObject({ id: "pro", status: "active" });
		expect(billing.invoices.length).toBeGreaterThan(0);
		data(await api("POST /billing/portal"));
		// Issue 19: Pro's prices from the stand-in's Price objects.
		expect(data(await api("GET /billing/prices")).month.interval).toBe("month");

		// ── profile ────────────────────────────────────────────────────────────────────────────
		data(await api("GET /profile"));
		data(
			await api("PATCH /profile", {
				body: {
					displayName: "Contract",
					socials: [{ network: "github", url: "https://github.com/contract" }],
				},
			}),
		);
		const withAvatar = data(
			await api("PUT /profile/avatar", { body: PNG, contentType: "image/png" }),
		);
		expect(withAvatar.profile.avatarUrl).toBeTypeOf("string");
		expect(data(await api("DELETE /profile/avatar"))).toBeNull();

		// ── pages, links, publishing ───────────────────────────────────────────────────────────
		const { page } = data(await api("POST /pages", { body: { title: "Home" } }));
		const id = page.id;
		const { link } = data(
			await api("POST /pages/:id/links", {
				params: { id },
				body: { title: "One", url: "https://example.com/1" },
			}),
		);
		const second = data(
			await api("POST /pages/:id/links", {
				params: { id },
				body: { title: "Two", url: "https://example.com/2", enabled: false },
			}),
		).link;
		data(
			await api("PATCH /pages/:id/links/:linkId", {
				params: { id, linkId: link.id },
				body: { title: "First" },
			}),
		);
		data(
			await api("PUT /pages/:id/links/order", {
				params: { id },
				body: { ids: [second.id, link.id] },
			}),
		);
		expect(data(await api("GET /pages/:id/links", { params: { id } })).links).toHaveLength(2);
		data(await api("PATCH /pages/:id", { params: { id }, body: { description: "About me" } }));
		// Issue 18: a design, a thumbnail and a background image.
		const designed = data(
			await api("PATCH /pages/:id", {
				params: { id },
				body: { design: { ...THEME_DESIGNS.forest, buttonShape: "pill" } },
			}),
		);
		expect(designed.page.design.buttonShape).toBe("pill");
		const thumbnail = data(
			await api("PUT /pages/:id/links/:linkId/thumbnail", {
				params: { id, linkId: link.id },
				body: PNG,
				contentType: "image/png",
			}),
		);
		expect(thumbnail.link.thumbnailUrl).toMatch(/^\/_assets\//);
		data(
			await api("DELETE /pages/:id/links/:linkId/thumbnail", { params: { id, linkId: link.id } }),
		);
		const background = data(
			await api("PUT /pages/:id/background", {
				params: { id },
				body: PNG,
				contentType: "image/png",
			}),
		);
		expect(background.page.design.backgroundImage).toBe(true);
		data(await api("DELETE /pages/:id/background", { params: { id } }));
		expect(data(await api("GET /pages/:id/preview", { params: { id } }))).toContain("First");
		const first = data(await api("POST /pages/:id/publish", { params: { id } }));
		expect(first.page.publishedUrl).toBe(first.url);
		data(await api("POST /pages/:id/publish", { params: { id } }));
		expect(data(await api("GET /pages/:id/versions", { params: { id } })).versions).toHaveLength(2);
		expect(
			data(await api("GET /pages/:id/versions/:version/preview", { params: { id, version: 1 } })),
		).toContain("First");
		data(
			await api("POST /pages/:id/versions/:version/restore", {
				params: { id, version: first.version },
			}),
		);
		expect(data(await api("GET /pages")).pages[0]?.status).toBe("published");
		expect(data(await api("GET /pages/:id", { params: { id } })).links).toHaveLength(2);
		data(await api("POST /pages/:id/unpublish", { params: { id } }));
		data(await api("DELETE /pages/:id/links/:linkId", { params: { id, linkId: second.id } }));
		const other = data(await api("POST /pages", { body: { title: "Other" } })).page;
		data(await api("DELETE /pages/:id", { params: { id: other.id } }));

		// ── custom domains ─────────────────────────────────────────────────────────────────────
		const hostname = `c-${crypto.randomUUID().slice(0, 8)}.example.test`;
		const { domain } = data(await api("POST /domains", { body: { hostname } }));
		data(await api("POST /domains/:id/verify", { params: { id: domain.id } }));
		expect(data(await api("GET /domains")).domains).toHaveLength(1);
		data(await api("DELETE /domains/:id", { params: { id: domain.id } }));

		// ── statistics ─────────────────────────────────────────────────────────────────────────
		const day = dayOf(Date.now(), STATS_TIME_ZONE);
		const report = data(await api("GET /stats", { query: { pageId: id, from: day, to: day } }));
		expect(report.days).toEqual([{ date: day, views: 0, clicks: 0 }]);
		expect(data(await api("GET /stats/export", { query: { from: day, to: day } }))).toMatch(
			/^date,page_id,event,/,
		);

		// ── API tokens and the OpenAPI document (issue 21) ─────────────────────────────────────
		const created = data(
			await api("POST /me/tokens", { body: { name: "Contract", scopes: ["pages:read"] } }),
		);
		expect(data(await api("GET /me/tokens")).tokens).toEqual([created.token]);
		data(await api("DELETE /me/tokens/:id", { params: { id: created.token.id } }));
		expect(data(await api("GET /openapi.json")).openapi).toBe("3.1.0");

		// ── sessions, export ───────────────────────────────────────────────────────────────────
		const laptop = client(browser());
		data(await laptop("POST /auth/login", { body: { email, password: FIRST } }));
		const { sessions } = data(await api("GET /me/sessions"));
		const elsewhere = sessions.find((s) => !s.current);
		expect(elsewhere).toBeDefined();
		data(await api("DELETE /me/sessions/:id", { params: { id: elsewhere?.id ?? "" } }));
		const exported = data(await api("GET /me/export"));
		expect(exported.sessions).toHaveLength(1);

		// ── import (issue 21): the export read back, as another instance would ──────────────────
		const file = { source: "smartpages" as const, content: JSON.stringify(exported) };
		const preview = data(await api("POST /import/preview", { body: file }));
		const imported = data(await api("POST /import", { body: file }));
		expect(imported.pages).toHaveLength(preview.pages.length);

		// ── address and passwords ──────────────────────────────────────────────────────────────
		const moved = `moved-${crypto.randomUUID()}@example.com`;
		data(await api("POST /me/email", { body: { newEmail: moved, password: FIRST } }));
		data(
			await api("POST /me/password", {
				body: { currentPassword: FIRST, newPassword: SECOND },
			}),
		);
		data(await api("POST /auth/password/forgot", { body: { email } }));
		const reset = await waitForMail(mailBase(), email, (m) => /reset/i.test(m.subject));
		data(
			await api("POST /auth/password/reset", {
				body: { token: tokenFrom(reset), password: THIRD },
			}),
		);

		// ── two-factor and passkeys (issue 20) ─────────────────────────────────────────────────
		// A second account: re-entering the password is limited to 5 a minute per account.
		const owner2 = client(browser());
		const secondEmail = `contract-2fa-${crypto.randomUUID()}@example.com`;
		data(await owner2("POST /auth/signup", { body: { email: secondEmail, password: FIRST } }));
		expect(data(await owner2("GET /me/totp"))).toEqual({ enabled: false, recoveryCodesLeft: 0 });
		const { secret } = data(await owner2("POST /me/totp/setup"));
		const code = async (delta: number) => {
			const bytes = base32Decode(secret);
			if (!bytes) throw new Error("not base32");
			return totpCode(bytes, totpStep(Date.now()) + delta);
		};
		data(await owner2("POST /me/totp/enable", { body: { code: await code(-1), password: FIRST } }));
		data(await owner2("POST /me/totp/recovery-codes", { body: { password: FIRST } }));
		data(await owner2("POST /auth/logout"));
		const step = data(
			await owner2("POST /auth/login", { body: { email: secondEmail, password: FIRST } }),
		);
		if (!("ticket" in step)) throw new Error("no second step");
		data(
			await owner2("POST /auth/login/mfa", { body: { ticket: step.ticket, code: await code(0) } }),
		);
		const device = await SoftAuthenticator.create(ORIGIN);
		const creation = data(await owner2("POST /me/passkeys/options")).options;
		const { passkey } = data(
			await owner2("POST /me/passkeys", {
				body: {
					name: "Contract key",
					response: await device.register(creation as { challenge: string; user: { id: string } }),
				},
			}),
		);
		data(await owner2("GET /me/passkeys"));
		data(
			await owner2("PATCH /me/passkeys/:id", { params: { id: passkey.id }, body: { name: "Key" } }),
		);
		const request = data(await owner2("POST /auth/passkey/options")).options;
		data(await owner2("POST /auth/passkey", { body: { response: await device.assert(request) } }));
		data(await owner2("DELETE /me/passkeys/:id", { params: { id: passkey.id } }));
		data(await owner2("DELETE /me/totp", { body: { password: FIRST } }));

		// ── the end ────────────────────────────────────────────────────────────────────────────
		data(await api("POST /auth/login", { body: { email, password: THIRD } }));
		data(await api("POST /auth/logout"));
		data(await api("POST /auth/login", { body: { email, password: THIRD } }));
		data(await api("DELETE /me", { body: { password: THIRD } }));

		// A new route must be walked here too.
		expect([...called].sort()).toEqual(Object.keys(ENDPOINTS).sort());
	}, 120_000);
});
