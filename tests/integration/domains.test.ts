/**
 * Custom domains over real HTTP: claim, DNS records in the stand-in, verification through
 * DNS-over-HTTPS and the Cloudflare for SaaS stand-in, delivery by the Domain Worker, takeover
 * attempts, competing claims (the first to prove the TXT record wins), DNS faults, removal and
 * plan loss.
 */
import { randomBytes } from "node:crypto";
import type { Domain } from "@smartpages/contracts/api";
import { tally } from "@smartpages/testing/security-meta";
import { describe, expect, it } from "vitest";
import { getWithHost, mailTo, stack, verifiedAccount } from "../support/api.ts";

type Api = Awaited<ReturnType<typeof verifiedAccount>>["api"];

const host = (tag = "shop") => `${tag}-${randomBytes(4).toString("hex")}.example.test`;
const serve = (hostname: string) => getWithHost(`http://${hostname}/`, stack.ports.domain);

async function dns(name: string, type: "TXT" | "CNAME", values: string[]) {
	await fetch(`${stack.urls.dns}/_dev/dns/${name}/${type}`, {
		method: "PUT",
		body: JSON.stringify({ values }),
	});
}

async function dnsFault(status: number | "servfail" | "hang", count = 1) {
	await fetch(`${stack.urls.dns}/_dev/faults`, {
		method: "POST",
		body: JSON.stringify({ status, count }),
	});
}

/** Subscribes to Pro through Checkout and waits for the webhook; returns the subscription id. */
async function subscribe(api: Api): Promise<string> {
	const checkout = await api.call("POST /billing/checkout", {
		body: {
			plan: "pro",
			interval: "month",
		},
	});
	const id = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(checkout.body.url)?.[1];
	const done = await fetch(`${stack.urls.stripe}/_dev/checkout/${id}/complete`, { method: "POST" });
	const { subscription } = (await done.json()) as { subscription: { id: string } };
	for (let i = 0; i < 300; i++) {
		const me = await api.call("GET /me");
		if (me.body.plan.id === "pro") break;
		await new Promise((r) => setTimeout(r, 200));
	}
	return subscription.id;
}

/** The custom hostnames the Cloudflare stand-in holds for `hostname`. */
async function registered(hostname: string): Promise<{ status: string }[]> {
	const res = await fetch(`${stack.urls.dns}/_dev/cloudflare/hostnames`);
	const { hostnames } = (await res.json()) as { hostnames: { hostname: string; status: string }[] };
	return hostnames.filter((h) => h.hostname === hostname);
}

async function proAccount() {
	const account = await verifiedAccount();
	const subscriptionId = await subscribe(account.api);
	const page = await account.api.call("POST /pages", { body: { title: "Shop front" } });
	await account.api.call("POST /pages/:id/links", {
		params: { id: page.body.page.id },
		body: {
			title: "Buy",
			url: "https://example.com/buy",
		},
	});
	await account.api.call("POST /pages/:id/publish", { params: { id: page.body.page.id } });
	return { ...account, subscriptionId, pageId: page.body.page.id };
}

async function claim(api: Api, hostname: string) {
	return api.call("POST /domains", { body: { hostname } });
}

async function activate(api: Api, domain: Domain) {
	await dns(domain.verification.name, "TXT", [domain.verification.value]);
	await dns(domain.hostname, "CNAME", [domain.target.value]);
	const res = await api.call("POST /domains/:id/verify", { params: { id: domain.id } });
	expect(res.body.domain.status).toBe("active");
	return res.body.domain;
}

describe("custom domain journey", () => {
	it("claim → records → verify → active → served like the subdomain → delete → 404", async () => {
		const { api, email } = await proAccount();
		const hostname = host();
		const claimed = await claim(api, hostname);
		expect(claimed.status).toBe(201);
		const domain = claimed.body.domain;
		expect(domain).toMatchObject({
			hostname,
			status: "pending",
			verification: { type: "TXT", name: `_smartpages-challenge.${hostname}` },
			target: { type: "CNAME", name: hostname },
		});
		expect(domain.verification.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect((await api.call("GET /domains")).body.domains.map((d) => d.id)).toEqual([domain.id]);

		const early = await api.call("POST /domains/:id/verify", { params: { id: domain.id } });
		expect(early.body.domain.status).toBe("pending");
		expect(early.body.domain.error).toMatch(/No TXT record/);
		expect((await serve(hostname)).status).toBe(404);

		await dns(domain.verification.name, "TXT", [domain.verification.value]);
		const verifying = await api.call("POST /domains/:id/verify", { params: { id: domain.id } });
		expect(verifying.body.domain.status).toBe("verifying");
		expect((await serve(hostname)).status).toBe(404);

		await dns(hostname, "CNAME", [domain.target.value]);
		const active = await api.call("POST /domains/:id/verify", { params: { id: domain.id } });
		expect(active.body.domain.status).toBe("active");
		await mailTo(email, /is live/);

		const res = await serve(hostname);
		expect(res.status).toBe(200);
		const body = await res.text();
		expect(body).toContain("Shop front");
		expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
		expect((await serve(hostname.toUpperCase())).status).toBe(200);

		expect((await api.call("DELETE /domains/:id", { params: { id: domain.id } })).status).toBe(204);
		expect((await serve(hostname)).status).toBe(404);
		expect((await api.call("GET /domains")).body.domains).toEqual([]);
	});

	it("a republished page names the custom domain as its canonical URL", async () => {
		const { api, pageId } = await proAccount();
		// The subdomain, before a custom domain takes over the pages' public address (issue 19).
		const subdomain = (await api.call("GET /pages")).body.pages[0]?.publishedUrl ?? "";
		const domain = (await claim(api, host("canon"))).body.domain;
		await activate(api, domain);
		const published = await api.call("POST /pages/:id/publish", { params: { id: pageId } });
		// #19.7 the address the dashboard shows, copies and encodes is now the custom domain.
		expect(published.body.url).toBe(`https://${domain.hostname}/`);
		expect((await api.call("GET /pages")).body.pages[0]?.publishedUrl).toBe(
			`https://${domain.hostname}/`,
		);
		const body = await (await serve(domain.hostname)).text();
		expect(body).toContain(`<link rel="canonical" href="https://${domain.hostname}/"`);
		expect(body).toContain(`<meta property="og:url" content="https://${domain.hostname}/"`);
		// #18.6 robots.txt and the sitemap name the custom domain on both of the site's hosts.
		for (const origin of [`http://${domain.hostname}`, new URL(subdomain).origin]) {
			const robots = await getWithHost(`${origin}/robots.txt`, stack.ports.domain);
			expect(robots.status, origin).toBe(200);
			expect(await robots.text()).toContain(`Sitemap: https://${domain.hostname}/sitemap.xml`);
			const sitemap = await getWithHost(`${origin}/sitemap.xml`, stack.ports.domain);
			expect(sitemap.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
			const locs = [...(await sitemap.text()).matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
			expect(locs).toEqual([`https://${domain.hostname}/`]);
		}
		const unknown = await getWithHost(`http://${host("nobody")}/robots.txt`, stack.ports.domain);
		expect(unknown.status).toBe(404);
	});
});

describe("takeover and validation", () => {
	it("another account cannot claim an active hostname or a case variant of it (409)", async () => {
		const owner = await proAccount();
		const other = await proAccount();
		const activeHost = (await claim(owner.api, host("active"))).body.domain;
		await activate(owner.api, activeHost);
		for (const variant of [
			activeHost.hostname,
			activeHost.hostname.toUpperCase(),
			`${activeHost.hostname}.`,
		]) {
			const taken = await claim(other.api, variant);
			expect(taken.status).toBe(409);
			expect(taken.error.code).toBe("domain_taken");
		}
		// The owner's second claim of the same hostname is refused as well.
		expect((await claim(owner.api, activeHost.hostname)).status).toBe(409);
	});

	it("#14.13 an unverified claim blocks nobody: the real owner claims, proves the TXT record and wins", async () => {
		const squatter = await proAccount();
		const owner = await proAccount();
		const hostname = host("brand");
		const squat = (await claim(squatter.api, hostname)).body.domain;
		const claimed = await claim(owner.api, hostname);
		expect(claimed.status).toBe(201);
		expect(claimed.body.domain.verification.value).not.toBe(squat.verification.value);

		// The squatter's own record is there too, but the owner checks first.
		await dns(squat.verification.name, "TXT", [
			claimed.body.domain.verification.value,
			squat.verification.value,
		]);
		const active = await activate(owner.api, claimed.body.domain);
		expect((await serve(hostname)).status).toBe(200);

		const [lost] = (await squatter.api.call("GET /domains")).body.domains;
		expect(lost).toMatchObject({ id: squat.id, status: "failed" });
		expect(lost?.error).toMatch(/another SmartPages account/);
		const retry = await squatter.api.call("POST /domains/:id/verify", { params: { id: squat.id } });
		expect(retry.status).toBe(200);
		expect(retry.body.domain.status).toBe("failed");
		// Deleting the losing claim does not take the owner's site offline.
		expect(
			(await squatter.api.call("DELETE /domains/:id", { params: { id: squat.id } })).status,
		).toBe(204);
		expect((await serve(hostname)).status).toBe(200);
		expect((await owner.api.call("GET /domains")).body.domains).toMatchObject([
			{ id: active.id, status: "active" },
		]);
	});

	it("#14.13 two accounts verify at once with valid TXT records: exactly one wins", async () => {
		const first = await proAccount();
		const second = await proAccount();
		const hostname = host("race");
		const a = (await claim(first.api, hostname)).body.domain;
		const b = (await claim(second.api, hostname)).body.domain;
		await dns(a.verification.name, "TXT", [a.verification.value, b.verification.value]);
		await dns(hostname, "CNAME", [a.target.value]);
		const results = await Promise.all([
			first.api.call("POST /domains/:id/verify", { params: { id: a.id } }),
			second.api.call("POST /domains/:id/verify", { params: { id: b.id } }),
		]);
		expect(results.map((r) => r.status)).toEqual([200, 200]);
		expect(results.map((r) => r.body.domain.status).sort()).toEqual(["active", "failed"]);
		expect((await serve(hostname)).status).toBe(200);
	});

	it("never serves a look-alike of an active host", async () => {
		const { api } = await proAccount();
		const domain = (await claim(api, host("shop"))).body.domain;
		await activate(api, domain);
		const lookalike = domain.hostname.replace("shop", "ѕhop"); // Cyrillic ѕ
		const res = await getWithHost(
			`http://${new URL(`http://${lookalike}`).hostname}/`,
			stack.ports.domain,
		);
		expect(res.status).toBe(404);
	});

	it("another account's domain id is 404 for verify and delete", async () => {
		const owner = await proAccount();
		const other = await proAccount();
		const domain = (await claim(owner.api, host())).body.domain;
		expect(
			(await other.api.call("POST /domains/:id/verify", { params: { id: domain.id } })).status,
		).toBe(404);
		expect(
			(await other.api.call("DELETE /domains/:id", { params: { id: domain.id } })).status,
		).toBe(404);
		expect((await owner.api.call("GET /domains")).body.domains).toHaveLength(1);
	});

	it("a free account cannot claim (402 plan_required)", async () => {
		const { api } = await verifiedAccount();
		const res = await claim(api, host());
		expect(res.status).toBe(402);
		expect(res.error.code).toBe("plan_required");
	});

	it("Pro allows three domains (402 plan_limit_reached for the fourth)", async () => {
		const { api } = await proAccount();
		for (let i = 0; i < 3; i++) expect((await claim(api, host(`d${i}`))).status).toBe(201);
		const fourth = await claim(api, host("d3"));
		expect(fourth.status).toBe(402);
		expect(fourth.error.code).toBe("plan_limit_reached");
	});

	it.each([
		["an IP address", "203.0.113.7"],
		["a port", "shop.example.test:8080"],
		["a path", "shop.example.test/admin"],
		["a single label", "localhost"],
		["the pages domain", "anna.localhost"],
		["the edge target", "edge.smartpages.localhost"],
		["a URL", "https://shop.example.test"],
		["too long", `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.test`],
		["an underscore label", "_dmarc.example.test"],
		["a leading dash", "-shop.example.test"],
	])("refuses %s (400)", async (_name, hostname) => {
		const { api } = await proAccount();
		const res = await claim(api, hostname);
		expect(res.status).toBe(400);
		expect((await api.call("GET /domains")).body.domains).toEqual([]);
	});

	it("stores internationalised names as punycode", async () => {
		const { api } = await proAccount();
		const res = await claim(api, `bücher-${randomBytes(3).toString("hex")}.example.test`);
		expect(res.status).toBe(201);
		expect(res.body.domain.hostname).toMatch(/^xn--/);
	});
});

describe("DNS faults leave the domain pending with a readable error", () => {
	it.for([
		["SERVFAIL", "servfail", /SERVFAIL/],
		["an HTTP 502 from the resolver", 502, /HTTP 502/],
		["a timeout", "hang", /timed out/],
	] as const)("%s", async ([, fault, message], { task }) => {
		tally(task, { faults: 1 });
		const { api } = await proAccount();
		const domain = (await claim(api, host())).body.domain;
		await dns(domain.verification.name, "TXT", [domain.verification.value]);
		await dnsFault(fault);
		const res = await api.call("POST /domains/:id/verify", { params: { id: domain.id } });
		expect(res.status).toBe(200);
		expect(res.body.domain.status).toBe("pending");
		expect(res.body.domain.error).toMatch(message);
		expect((await serve(domain.hostname)).status).toBe(404);
	});

	it("a wrong token", async () => {
		const { api } = await proAccount();
		const domain = (await claim(api, host())).body.domain;
		await dns(domain.verification.name, "TXT", ["somebody-elses-token"]);
		await dns(domain.hostname, "CNAME", [domain.target.value]);
		const res = await api.call("POST /domains/:id/verify", { params: { id: domain.id } });
		expect(res.body.domain.status).toBe("pending");
		expect(res.body.domain.error).toMatch(/different value/);
		expect((await serve(domain.hostname)).status).toBe(404);
	});
});

describe("plan loss", () => {
	it("takes the domain offline and releases its Cloudflare hostname but keeps the claim; re-upgrading registers and serves it again", async () => {
		const { api, subscriptionId } = await proAccount();
		const domain = (await claim(api, host())).body.domain;
		await activate(api, domain);
		expect((await serve(domain.hostname)).status).toBe(200);
		await fetch(`${stack.urls.stripe}/_dev/subscriptions/${subscriptionId}/cancel`, {
			method: "POST",
		});
		await fetch(`${stack.urls.stripe}/_dev/subscriptions/${subscriptionId}/advance`, {
			method: "POST",
		});
		for (let i = 0; i < 300 && (await serve(domain.hostname)).status !== 404; i++) {
			await new Promise((r) => setTimeout(r, 200));
		}
		expect((await serve(domain.hostname)).status).toBe(404);
		const kept = (await api.call("GET /domains")).body.domains;
		expect(kept).toMatchObject([{ hostname: domain.hostname, status: "active", suspended: true }]);
		for (let i = 0; i < 50 && (await registered(domain.hostname)).length > 0; i++) {
			await new Promise((r) => setTimeout(r, 200));
		}
		expect(await registered(domain.hostname)).toEqual([]);
		expect((await claim((await proAccount()).api, domain.hostname)).status).toBe(409);

		// Back on Pro: registered with Cloudflare again (the CNAME is in place, so it validates).
		await subscribe(api);
		for (let i = 0; i < 300 && (await serve(domain.hostname)).status !== 200; i++) {
			await new Promise((r) => setTimeout(r, 200));
		}
		expect((await serve(domain.hostname)).status).toBe(200);
		expect(await registered(domain.hostname)).toMatchObject([{ status: "active" }]);
		const back = (await api.call("GET /domains")).body.domains;
		expect(back).toMatchObject([{ hostname: domain.hostname, status: "active" }]);
		expect(back[0]?.suspended).toBeUndefined();
	});
});
