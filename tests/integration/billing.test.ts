/**
 * Plans, paywall and billing over real HTTP: Checkout through the Stripe stand-in, signed
 * webhooks to Core, order-proof idempotent plan state, downgrade without data loss.
 */
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BodyOf } from "@smartpages/contracts/api";
import { tally } from "@smartpages/testing/security-meta";
import { parse } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import {
	bareClient,
	getWithHost,
	mailTo,
	PASSWORD,
	signedUp,
	stack,
	until,
	verifiedAccount,
} from "../support/api.ts";
import { ROOT } from "../support/binding-table.ts";

type Api = Awaited<ReturnType<typeof verifiedAccount>>["api"];

const SECRET = (
	parse(readFileSync(join(ROOT, "workers/billing/wrangler.jsonc"), "utf8")) as {
		vars: Record<string, string>;
	}
).vars.LOCAL_STRIPE_WEBHOOK_SECRET as string;

function sign(payload: string, secret = SECRET, t = Math.floor(Date.now() / 1000)) {
	return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${payload}`).digest("hex")}`;
}

/** Stripe calling the webhook: no Origin, no session. */
const stripe = bareClient();

async function postEvent(event: object, signature?: string | null) {
	const payload = JSON.stringify(event);
	const headers: Record<string, string> = {};
	const sig = signature === undefined ? sign(payload) : signature;
	if (sig !== null) headers["Stripe-Signature"] = sig;
	return stripe.call("POST /webhooks/stripe", { body: payload, headers });
}

const subEvent = (type: string, subscriptionId: string, customer: string) => ({
	id: `evt_test_${randomBytes(8).toString("hex")}`,
	object: "event",
	type,
	created: Math.floor(Date.now() / 1000),
	data: { object: { id: subscriptionId, object: "subscription", customer } },
});

const me = (api: Api) => api.call("GET /me").then((r) => r.body);

/** Upgrades an account through Checkout on the stand-in; returns its subscription and customer. */
async function upgrade(api: Api) {
	const checkout = await api.call("POST /billing/checkout", {
		body: {
			plan: "pro",
			interval: "month",
		},
	});
	expect(checkout.status).toBe(200);
	const sessionId = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(checkout.body.url)?.[1];
	expect(sessionId).toBeDefined();
	const done = await fetch(`${stack.urls.stripe}/_dev/checkout/${sessionId}/complete`, {
		method: "POST",
	});
	const { subscription } = (await done.json()) as {
		subscription: { id: string; customer: string };
	};
	await until(
		() => me(api),
		(m) => m.plan.id === "pro",
		"pro plan",
	);
	return subscription;
}

describe("upgrade, cancel, downgrade journey", () => {
	it("free → 402 → checkout → pro → second page → cancel → period end → free, nothing deleted", async () => {
		const { api, email } = await verifiedAccount();
		const first = (await api.call("POST /pages", { body: { title: "Home" } })).body.page;
		await api.call("POST /pages/:id/links", {
			params: { id: first.id },
			body: { title: "A link", url: "https://example.com/" },
		});
		const firstUrl = (await api.call("POST /pages/:id/publish", { params: { id: first.id } })).body
			.url;
		const refused = await api.call("POST /pages", { body: { title: "Shop" } });
		expect(refused.status).toBe(402);

		const freePage = await getWithHost(firstUrl, stack.ports.domain);
		expect(await freePage.text()).toContain("Made with SmartPages");

		const sub = await upgrade(api);
		await mailTo(email, /Pro/);
		const second = await api.call("POST /pages", { body: { title: "Shop" } });
		expect(second.status).toBe(201);
		const secondUrl = (
			await api.call("POST /pages/:id/publish", { params: { id: second.body.page.id } })
		).body.url;
		expect((await getWithHost(secondUrl, stack.ports.domain)).status).toBe(200);
		const proPage = await getWithHost(firstUrl, stack.ports.domain);
		expect(await proPage.text()).not.toContain("Made with SmartPages");

		const portal = await api.call("POST /billing/portal");
		expect(portal.status).toBe(200);
		expect(portal.body.url).toMatch(/\/portal\/bps_/);
		await fetch(`${stack.urls.stripe}/_dev/subscriptions/${sub.id}/cancel`, { method: "POST" });
		await until(
			() => me(api),
			(m) => m.plan.cancelAtPeriodEnd === true,
			"cancel at period end",
		);
		await mailTo(email, /ending/i);

		await fetch(`${stack.urls.stripe}/_dev/subscriptions/${sub.id}/advance`, { method: "POST" });
		await until(
			() => me(api),
			(m) => m.plan.id === "free",
			"free plan",
		);
		await mailTo(email, /ended/i);
		await until(
			() => getWithHost(secondUrl, stack.ports.domain).then((r) => r.status),
			(status) => status === 404,
			"second page taken offline",
		);

		const pages = (await api.call("GET /pages")).body.pages;
		expect(pages.map((p) => [p.id, p.status])).toEqual([
			[first.id, "published"],
			[second.body.page.id, "draft"],
		]);
		expect((await getWithHost(firstUrl, stack.ports.domain)).status).toBe(200);
		expect(await (await getWithHost(firstUrl, stack.ports.domain)).text()).toContain(
			"Made with SmartPages",
		);
		expect((await getWithHost(secondUrl, stack.ports.domain)).status).toBe(404);

		// Re-upgrading brings the second page back online, unchanged.
		await upgrade(api);
		// The webhook flips the plan first and then the content; wait for what visitors see.
		await until(
			() => getWithHost(secondUrl, stack.ports.domain).then((r) => r.status),
			(status) => status === 200,
			"second page back online",
		);
		const back = (await api.call("GET /pages")).body.pages;
		expect(back.every((p) => p.status === "published")).toBe(true);
	}, 180_000); // A harness guard for a journey of seven asynchronous waits, each with its own.

	it("lists invoices after a payment", async () => {
		const { api } = await verifiedAccount();
		await upgrade(api);
		const billing = await api.call("GET /billing");
		expect(billing.body.plan.id).toBe("pro");
		expect(billing.body.invoices[0]).toMatchObject({ status: "paid", amountPaid: 900 });
	});

	it("a failed renewal keeps Pro (past due) and mails the customer", async () => {
		const { api, email } = await verifiedAccount();
		const sub = await upgrade(api);
		await fetch(`${stack.urls.stripe}/_dev/customers/${sub.customer}/fail-next-invoice`, {
			method: "POST",
		});
		await fetch(`${stack.urls.stripe}/_dev/subscriptions/${sub.id}/advance`, { method: "POST" });
		const m = await until(
			() => me(api),
			(x) => x.plan.status === "past_due",
			"past due",
		);
		expect(m.plan.id).toBe("pro");
		await mailTo(email, /payment failed/i);
	});
});

describe("checkout page of the stand-in", () => {
	it("succeeds with 4242 4242 4242 4242 and declines 4000 0000 0000 0002", async () => {
		const { api } = await verifiedAccount();
		const { url } = (
			await api.call("POST /billing/checkout", { body: { plan: "pro", interval: "year" } })
		).body;
		const declined = await fetch(url, {
			method: "POST",
			body: new URLSearchParams({ card: "4000 0000 0000 0002" }),
			redirect: "manual",
		});
		expect(declined.status).toBe(402);
		const paid = await fetch(url, {
			method: "POST",
			body: new URLSearchParams({ card: "4242 4242 4242 4242" }),
			redirect: "manual",
		});
		expect(paid.status).toBe(303);
		// #15.5: Stripe fills the session's id into the success URL's {CHECKOUT_SESSION_ID}.
		const sessionId = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(url)?.[1];
		expect(paid.headers.get("Location")).toBe(
			`${stack.urls.web}/billing?checkout=success&session_id=${sessionId}`,
		);
		await until(
			() => me(api),
			(m) => m.plan.id === "pro",
			"pro plan",
		);
	});

	it("an unreachable Stripe answers checkout with 503 and a clear message", async ({ task }) => {
		tally(task, { faults: 1 });
		const { api } = await verifiedAccount();
		await fetch(`${stack.urls.stripe}/_dev/faults`, {
			method: "POST",
			body: JSON.stringify({ count: 4 }),
		});
		const res = await api.call("POST /billing/checkout", {
			body: {
				plan: "pro",
				interval: "month",
			},
		});
		expect(res.status).toBe(503);
		expect(res.error.code).toBe("unavailable");
		expect(res.error.message).toMatch(/try again/i);
		await fetch(`${stack.urls.stripe}/_dev/faults`, {
			method: "POST",
			body: JSON.stringify({ count: 0 }),
		});
	});
});

describe("webhook endpoint", () => {
	it.each([
		["a bad signature", sign("{}", "whsec_wrong")],
		["a missing Stripe-Signature header", null],
		["a stale timestamp", sign("x", SECRET, Math.floor(Date.now() / 1000) - 3600)],
		["garbage", "t=1,v1=zzz"],
	])("refuses %s with 400 and changes nothing", async (_name, signature) => {
		const res = await postEvent(
			subEvent("customer.subscription.updated", "sub_x", "cus_x"),
			signature,
		);
		expect(res.status).toBe(400);
	});

	it("the stale-timestamp case really is only about time (a fresh signature of the same body passes)", async () => {
		const event = subEvent("customer.subscription.updated", "sub_unknown", "cus_unknown");
		const payload = JSON.stringify(event);
		// Both sent as Stripe's own requests are: the signed text, no Content-Type.
		const stale = await stripe.raw("POST", "/webhooks/stripe", {
			headers: { "Stripe-Signature": sign(payload, SECRET, Math.floor(Date.now() / 1000) - 3600) },
			body: payload,
		});
		expect(stale.status).toBe(400);
		const fresh = await stripe.raw("POST", "/webhooks/stripe", {
			headers: { "Stripe-Signature": sign(payload) },
			body: payload,
		});
		expect(fresh.status).toBe(503); // valid signature; the stand-in knows no sub_unknown (Stripe 404)
	});

	it("answers a duplicate event 200 and changes nothing", async () => {
		const { api } = await verifiedAccount();
		const sub = await upgrade(api);
		const event = subEvent("customer.subscription.updated", sub.id, sub.customer);
		const first = await postEvent(event);
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ duplicate: false });
		const again = await postEvent(event);
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ duplicate: true });
	});

	it("acknowledges an event for an unknown customer and changes no account", async () => {
		const { api } = await verifiedAccount();
		const sub = await upgrade(api);
		// Stripe knows the subscription, but it names a customer that no account has.
		const res = await postEvent(subEvent("customer.subscription.updated", sub.id, "cus_nobody"));
		expect(res.status).toBe(200);
		expect((await me(api)).plan.id).toBe("pro");
	});

	const ORDERS = [
		["created", "updated", "deleted"],
		["created", "deleted", "updated"],
		["updated", "created", "deleted"],
		["updated", "deleted", "created"],
		["deleted", "created", "updated"],
		["deleted", "updated", "created"],
	];
	it.each(ORDERS)("converges on Stripe's state for the order %s, %s, %s", async (...order) => {
		const { api } = await verifiedAccount();
		const sub = await upgrade(api);
		await fetch(`${stack.urls.stripe}/_dev/subscriptions/${sub.id}/cancel`, { method: "POST" });
		await fetch(`${stack.urls.stripe}/_dev/subscriptions/${sub.id}/advance`, { method: "POST" });
		await until(
			() => me(api),
			(m) => m.plan.id === "free",
			"free plan",
		);
		for (const kind of order) {
			expect(
				(await postEvent(subEvent(`customer.subscription.${kind}`, sub.id, sub.customer))).status,
			).toBe(200);
		}
		const final = await me(api);
		expect(final.plan).toMatchObject({ id: "free", status: "canceled" });
	});
});

describe("paywall per gated action and plan", () => {
	it("Pro allows more pages and links, version restore; Free gets 402 for each", async () => {
		const free = await verifiedAccount();
		const pro = await verifiedAccount();
		await upgrade(pro.api);
		for (const { api, plan } of [
			{ api: free.api, plan: "free" },
			{ api: pro.api, plan: "pro" },
		]) {
			const page = (await api.call("POST /pages", { body: { title: "One" } })).body.page;
			const second = await api.call("POST /pages", { body: { title: "Two" } });
			expect(second.status, `${plan} second page`).toBe(plan === "pro" ? 201 : 402);
			for (let i = 0; i < 15; i++)
				await api.call("POST /pages/:id/links", {
					params: { id: page.id },
					body: { title: `L${i}`, url: "https://example.com/" },
				});
			const sixteenth = await api.call("POST /pages/:id/links", {
				params: { id: page.id },
				body: {
					title: "L15",
					url: "https://example.com/",
				},
			});
			expect(sixteenth.status, `${plan} 16th link`).toBe(plan === "pro" ? 201 : 402);
			await api.call("POST /pages/:id/publish", { params: { id: page.id } });
			await api.call("POST /pages/:id/publish", { params: { id: page.id } });
			const restore = await api.call("POST /pages/:id/versions/:version/restore", {
				params: { id: page.id, version: "1" },
			});
			expect(restore.status, `${plan} restore`).toBe(plan === "pro" ? 200 : 402);
		}
	});
});

describe("marketing deep link", () => {
	it("a sign-up with plan pro and UTM values continues into checkout after verification, attribution stored", async () => {
		const { client, uniqueEmail, PASSWORD, tokenFrom } = await import("../support/api.ts");
		const api = client();
		const email = uniqueEmail("promo");
		const signup = await api.call("POST /auth/signup", {
			body: {
				email,
				password: PASSWORD,
				plan: "pro",
				attribution: { utm_source: "newsletter", utm_medium: "email", utm_campaign: "launch" },
			},
		});
		expect(signup.status).toBe(201);
		const verified = await api.call("POST /auth/verify-email", {
			body: {
				token: tokenFrom(await mailTo(email, /confirm/i)),
			},
		});
		expect(verified.body.nextStep).toBe("checkout");
		const exported = await api.call("GET /me/export");
		expect(exported.body.user.attribution).toEqual({
			utm_source: "newsletter",
			utm_medium: "email",
			utm_campaign: "launch",
			plan: "pro",
		});
	});
});

/** Calls the Stripe stand-in's API directly (what Stripe knows, behind the Billing Worker). */
async function stripeApi<T = Record<string, unknown>>(
	method: string,
	path: string,
	form?: Record<string, string>,
): Promise<T> {
	const res = await fetch(`${stack.urls.stripe}/v1${path}`, {
		method,
		headers: {
			Authorization: "Bearer sk_test_local",
			"Content-Type": "application/x-www-form-urlencoded",
		},
		body: form ? new URLSearchParams(form) : undefined,
	});
	return (await res.json()) as T;
}

const sessionIdOf = (url: string) => /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(url)?.[1] ?? "";

async function pay(sessionId: string) {
	const done = await fetch(`${stack.urls.stripe}/_dev/checkout/${sessionId}/complete`, {
		method: "POST",
	});
	expect(done.status).toBe(200);
	return ((await done.json()) as { subscription: { id: string; customer: string } }).subscription;
}

describe("#14.4 paid but still Free: one Stripe customer per account", () => {
	it("#14.4 two checkouts at once get one Stripe customer, and paying the other tab's session grants Pro", async () => {
		const { api } = await verifiedAccount();
		const body: BodyOf<"POST /billing/checkout"> = { plan: "pro", interval: "month" };
		const [a, b] = await Promise.all([
			api.call("POST /billing/checkout", { body }),
			api.call("POST /billing/checkout", { body }),
		]);
		expect([a.status, b.status]).toEqual([200, 200]);
		// The second tab chose yearly billing: another session, the same customer.
		const c = await api.call("POST /billing/checkout", { body: { ...body, interval: "year" } });
		const sessions = await Promise.all(
			[a, b, c].map((r) =>
				stripeApi<{ customer: string }>("GET", `/checkout/sessions/${sessionIdOf(r.body.url)}`),
			),
		);
		expect(new Set(sessions.map((s) => s.customer)).size).toBe(1);

		await pay(sessionIdOf(c.body.url));
		await until(
			() => me(api),
			(m) => m.plan.id === "pro",
			"pro plan after paying the other tab's session",
		);
		const billing = await api.call("GET /billing");
		expect(billing.body.invoices.map((i) => i.status)).toEqual(["paid"]);
	});

	it("#14.4 a second customer's subscription naming the account grants Pro, and deletion cancels every subscription", async () => {
		const { api, email, userId } = await verifiedAccount();
		const first = await api.call("POST /billing/checkout", {
			body: {
				plan: "pro",
				interval: "month",
			},
		});
		// A second customer of the account, as two racing checkouts created before the fix.
		const second = await stripeApi<{ id: string }>("POST", "/customers", {
			email,
			"metadata[userId]": userId,
		});
		const legacy = await stripeApi<{ id: string }>("POST", "/checkout/sessions", {
			mode: "subscription",
			customer: second.id,
			client_reference_id: userId,
			"line_items[0][price]": "price_pro_month",
			"line_items[0][quantity]": "1",
			"subscription_data[metadata][userId]": userId,
		});
		const legacySub = await pay(legacy.id);
		await until(
			() => me(api),
			(m) => m.plan.id === "pro",
			"pro plan from the second customer's subscription",
		);
		// The first tab is paid too, and a third session is left open.
		const firstSub = await pay(sessionIdOf(first.body.url));
		const open = await stripeApi<{ id: string; url: string }>("POST", "/checkout/sessions", {
			mode: "subscription",
			customer: firstSub.customer,
			"line_items[0][price]": "price_pro_year",
			"line_items[0][quantity]": "1",
			"subscription_data[metadata][userId]": userId,
		});

		const deleted = await api.call("DELETE /me", { body: { password: PASSWORD } });
		expect(deleted.status).toBe(204);
		for (const sub of [firstSub, legacySub]) {
			const now = await stripeApi<{ status: string }>("GET", `/subscriptions/${sub.id}`);
			expect(now.status, sub.id).toBe("canceled");
		}
		const session = await stripeApi<{ status: string }>("GET", `/checkout/sessions/${open.id}`);
		expect(session.status).toBe("expired");
		expect((await fetch(open.url)).status).toBe(410);
	});

	it("#14.4 a signed event naming the victim's client_reference_id with a foreign or unknown subscription does not upgrade the victim", async () => {
		const attacker = await verifiedAccount();
		const sub = await upgrade(attacker.api);
		const victim = await verifiedAccount();
		for (const subscription of [sub.id, "sub_unknown"]) {
			await postEvent({
				id: `evt_test_${randomBytes(8).toString("hex")}`,
				object: "event",
				type: "checkout.session.completed",
				created: Math.floor(Date.now() / 1000),
				data: {
					object: {
						id: "cs_test_forged",
						object: "checkout.session",
						client_reference_id: victim.userId,
						customer: sub.customer,
						subscription,
					},
				},
			});
		}
		expect((await me(victim.api)).plan.id).toBe("free");
		expect((await me(attacker.api)).plan.id).toBe("pro");
	});

	it("#14.4 checkout needs a confirmed address: 403 email_not_verified, no Stripe customer", async () => {
		const { api, userId } = await signedUp();
		const res = await api.call("POST /billing/checkout", {
			body: {
				plan: "pro",
				interval: "month",
			},
		});
		expect(res.status).toBe(403);
		expect(res.error.code).toBe("email_not_verified");
		const exported = await api.call("GET /me/export");
		expect(exported.body.user.id).toBe(userId);
	});
});

describe("#14.5 paywall after a downgrade", () => {
	it("#14.5 pages suspended at the downgrade cannot be published again, and no page keeps more links than Free allows", async () => {
		const { api } = await verifiedAccount();
		const sub = await upgrade(api);
		const pages: { id: string; url: string }[] = [];
		for (const [title, links] of [
			["Home", 30],
			["Second", 1],
			["Third", 1],
			["Fourth", 1],
		] as const) {
			const page = (await api.call("POST /pages", { body: { title } })).body.page;
			for (let i = 0; i < links; i++) {
				const added = await api.call("POST /pages/:id/links", {
					params: { id: page.id },
					body: {
						title: `Link ${i}`,
						url: `https://example.com/sp03/${title}/${i}`,
					},
				});
				expect(added.status).toBe(201);
			}
			const published = await api.call("POST /pages/:id/publish", { params: { id: page.id } });
			expect(published.status).toBe(200);
			pages.push({ id: page.id, url: published.body.url });
		}
		const [home, second, third, fourth] = pages as [
			(typeof pages)[0],
			(typeof pages)[0],
			(typeof pages)[0],
			(typeof pages)[0],
		];

		await fetch(`${stack.urls.stripe}/_dev/subscriptions/${sub.id}/cancel`, { method: "POST" });
		await fetch(`${stack.urls.stripe}/_dev/subscriptions/${sub.id}/advance`, { method: "POST" });
		await until(
			() => me(api),
			(m) => m.plan.id === "free",
			"free plan",
		);
		const status = (url: string) => getWithHost(url, stack.ports.domain).then((r) => r.status);
		// Free keeps one page online that fits its link limit; the home page has 30 links.
		await until(
			() => Promise.all(pages.map((p) => status(p.url))),
			(s) => s.join() === "404,200,404,404",
			"only the second page online",
		);

		for (const page of [home, third, fourth]) {
			const again = await api.call("POST /pages/:id/publish", { params: { id: page.id } });
			expect(again.status).toBe(402);
			expect(again.error).toMatchObject({
				code: "plan_limit_reached",
				limit: { name: "maxPages", max: 1, plan: "free" },
			});
		}
		expect((await api.call("POST /pages/:id/publish", { params: { id: second.id } })).status).toBe(
			200,
		);

		// With the slot free, the home page is still refused for its links until 15 are left.
		expect(
			(await api.call("POST /pages/:id/unpublish", { params: { id: second.id } })).status,
		).toBe(200);
		const tooMany = await api.call("POST /pages/:id/publish", { params: { id: home.id } });
		expect(tooMany.status).toBe(402);
		expect(tooMany.error.limit).toEqual({ name: "maxLinksPerPage", max: 15, plan: "free" });
		const links = (await api.call("GET /pages/:id/links", { params: { id: home.id } })).body.links;
		for (const link of links.slice(15)) {
			await api.call("PATCH /pages/:id/links/:linkId", {
				params: { id: home.id, linkId: link.id },
				body: { enabled: false },
			});
		}
		expect((await api.call("POST /pages/:id/publish", { params: { id: home.id } })).status).toBe(
			200,
		);
		// Published links are click redirects (/_l/{id}, issue 17): exactly the 15 still enabled.
		const kept = links.slice(0, 15).map((link) => link.id);
		const served = await until(
			() => getWithHost(home.url, stack.ports.domain).then((r) => r.text()),
			(html) => html.includes(`href="/_l/${kept[0]}"`),
			"the home page online again",
		);
		const hrefs = [...served.matchAll(/href="\/_l\/([^"]+)"/g)].map((m) => m[1]);
		expect(hrefs).toHaveLength(15);
		expect(new Set(hrefs)).toEqual(new Set(kept));
		expect(await Promise.all([second, third, fourth].map((p) => status(p.url)))).toEqual([
			404, 404, 404,
		]);
	}, 120_000);
});

describe("#15.5 Stripe as EU customers need it", () => {
	it("#15.5 a renewal needing authentication: mail with the hosted invoice page, shown on GET /billing, cleared once paid there", async () => {
		const { api, email } = await verifiedAccount();
		const sub = await upgrade(api);
		const required = await fetch(
			`${stack.urls.stripe}/_dev/subscriptions/${sub.id}/require-action`,
			{ method: "POST" },
		);
		const { invoice } = (await required.json()) as {
			invoice: { id: string; hosted_invoice_url: string };
		};
		const shown = await until(
			() => api.call("GET /billing").then((r) => r.body),
			(b) => b.actionRequired !== null,
			"the payment to confirm on GET /billing",
		);
		expect(shown).toMatchObject({
			plan: { status: "past_due" },
			actionRequired: { invoiceUrl: invoice.hosted_invoice_url },
		});
		const mail = await mailTo(email, /confirm your SmartPages payment/i);
		expect(mail.text).toContain(invoice.hosted_invoice_url);

		// The customer confirms on Stripe's hosted invoice page (the stand-in's).
		const page = await fetch(invoice.hosted_invoice_url);
		expect(await page.text()).toContain("Confirm payment");
		const confirmed = await fetch(invoice.hosted_invoice_url, {
			method: "POST",
			redirect: "manual",
		});
		expect(confirmed.status).toBe(303);
		const cleared = await until(
			() => api.call("GET /billing").then((r) => r.body),
			(b) => b.actionRequired === null && b.plan.status === "active",
			"the notice cleared by invoice.paid",
		);
		expect(cleared.actionRequired).toBeNull();
	});

	it("#15.5 the return page's session id is confirmed for its own account only", async () => {
		const { api } = await verifiedAccount();
		const { url } = (
			await api.call("POST /billing/checkout", { body: { plan: "pro", interval: "month" } })
		).body;
		const paid = await fetch(url, {
			method: "POST",
			body: new URLSearchParams({ card: "4242 4242 4242 4242" }),
			redirect: "manual",
		});
		const back = new URL(paid.headers.get("Location") ?? "");
		const sessionId = back.searchParams.get("session_id");
		expect(sessionId).toMatch(/^cs_test_/);
		const own = await api.call("GET /billing/checkout/:sessionId", {
			params: { sessionId: String(sessionId) },
		});
		expect(own.status).toBe(200);
		expect(own.body.status).toBe("complete");
		const stranger = (await verifiedAccount()).api;
		expect(
			(
				await stranger.call("GET /billing/checkout/:sessionId", {
					params: { sessionId: String(sessionId) },
				})
			).status,
		).toBe(404);
	});
});
