/**
 * Issue 18.4 and 18.5 over real HTTP against the running stack: socials typed as people type
 * them (`@name`, `name`, a full URL, `@user@mastodon.social`, an e-mail address) are stored
 * normalised and published as icons with accessible names; with `legal` set, /impressum,
 * /datenschutz, /imprint and /privacy answer 200 on the subdomain and on an active custom domain,
 * in the home page's design, and every page links them; removing `legal` takes them offline.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getWithHost, stack, verifiedAccount } from "../support/api.ts";

type Api = Awaited<ReturnType<typeof verifiedAccount>>["api"];

const LEGAL_PATHS = ["impressum", "datenschutz", "imprint", "privacy"];
const LEGAL = {
	name: "Anna Beispiel",
	street: "Musterstraße 1",
	postalCode: "10115",
	city: "Berlin",
	country: "DE",
	email: "anna@example.org",
	vatId: "DE123456789",
};

const served = (host: string, path = "/") =>
	getWithHost(`http://${host}${path}`, stack.ports.domain);

/** A verified Pro account with a published home page (sunset theme) and a second published page. */
async function publishedSite() {
	const account = await verifiedAccount();
	const { api } = account;
	await subscribe(api);
	const ids: string[] = [];
	for (const title of ["Home", "Shop"]) {
		const page = await api.call("POST /pages", { body: { title } });
		ids.push(page.body.page.id);
		await api.call("POST /pages/:id/links", {
			params: { id: page.body.page.id },
			body: { title: `${title} link`, url: "https://example.com/" },
		});
	}
	await api.call("PATCH /pages/:id", { params: { id: ids[0] ?? "" }, body: { theme: "sunset" } });
	for (const id of ids) {
		const res = await api.call("POST /pages/:id/publish", { params: { id } });
		expect(res.status, res.text).toBe(200);
	}
	const profile = (await api.call("GET /profile")).body.profile;
	return { ...account, handle: profile.handle, host: `${profile.handle}.localhost` };
}

describe("social icons", () => {
	it("stores what people type normalised and publishes it as named icons", async () => {
		const { api, host } = await publishedSite();
		const res = await api.call("PATCH /profile", {
			body: {
				socials: [
					{ network: "instagram", url: "@anna_k" },
					{ network: "github", url: "octocat" },
					{ network: "youtube", url: "https://www.youtube.com/@AnnaKocht?si=x" },
					{ network: "mastodon", url: "@anna@mastodon.social" },
					{ network: "email", url: "Anna@Example.org" },
				],
			},
		});
		expect(res.status, res.text).toBe(200);
		const urls = [
			"https://instagram.com/anna_k",
			"https://github.com/octocat",
			"https://www.youtube.com/@AnnaKocht",
			"https://mastodon.social/@anna",
			"mailto:Anna@example.org",
		];
		expect((await api.call("GET /profile")).body.profile.socials.map((s) => s.url)).toEqual(urls);

		const pages = (await api.call("GET /pages")).body.pages;
		for (const page of pages)
			await api.call("POST /pages/:id/publish", { params: { id: page.id } });
		const html = await (await served(host)).text();
		for (const [i, name] of ["Instagram", "GitHub", "YouTube", "Mastodon", "E-mail"].entries()) {
			expect(html).toContain(
				`<a href="${urls[i]}" rel="me noopener noreferrer"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="`,
			);
			expect(html).toContain(`<span>${name}</span></a>`);
		}
		expect(html).not.toMatch(/<script|@font-face|<link rel="stylesheet"/);
	});

	it("refuses garbage with 400 naming the field and keeps what was stored", async () => {
		const { api } = await verifiedAccount();
		await api.call("PATCH /profile", { body: { socials: [{ network: "x", url: "anna" }] } });
		const res = await api.call("PATCH /profile", {
			body: {
				socials: [
					{ network: "x", url: "anna" },
					{ network: "instagram", url: "javascript:alert(1)" },
				],
			},
		});
		expect(res.status).toBe(400);
		expect(res.error?.fields).toHaveProperty(["socials.1.url"]);
		expect((await api.call("GET /profile")).body.profile.socials).toEqual([
			{ network: "x", url: "https://x.com/anna" },
		]);
	});
});

describe("legal pages", () => {
	it("serve on the subdomain in the site's design, every page links them, and they go with legal: null", async () => {
		const { api, host } = await publishedSite();
		for (const path of LEGAL_PATHS) expect((await served(host, `/${path}`)).status).toBe(404);

		const set = await api.call("PATCH /profile", { body: { legal: LEGAL } });
		expect(set.status, set.text).toBe(200);
		for (const path of LEGAL_PATHS) {
			const res = await served(host, `/${path}`);
			expect(res.status, path).toBe(200);
			const html = await res.text();
			// The home page's design (sunset) and the site's footer links.
			expect(html).toContain("--bg:#fff1e6");
			expect(html).toMatch(/href="\/(impressum|imprint)"/);
			expect(res.headers.get("content-security-policy")).toMatch(/style-src 'sha256-/);
		}
		expect(await (await served(host, "/impressum")).text()).toContain("DE123456789");
		expect(await (await served(host, "/datenschutz")).text()).toContain("keine Cookies");
		// Both published pages were republished with the footer links (the account writes English).
		for (const path of ["/", "/shop"]) {
			const html = await (await served(host, path)).text();
			expect(html, path).toContain('<a href="/imprint">Imprint</a>');
			expect(html, path).toContain('<a href="/privacy">Privacy policy</a>');
		}

		expect((await api.call("PATCH /profile", { body: { legal: null } })).status).toBe(200);
		for (const path of LEGAL_PATHS) expect((await served(host, `/${path}`)).status).toBe(404);
		expect(await (await served(host, "/")).text()).not.toContain('href="/imprint"');
	});

	it("are part of the seeded demo (npm run dev)", async () => {
		for (const path of LEGAL_PATHS)
			expect((await served("demo.localhost", `/${path}`)).status).toBe(200);
		expect(await (await served("demo.localhost")).text()).toMatch(/href="\/(imprint|impressum)"/);
	});

	it("serve on an active custom domain too", async () => {
		const site = await publishedSite();
		const hostname = `legal-${randomBytes(4).toString("hex")}.example.test`;
		const claimed = await site.api.call("POST /domains", { body: { hostname } });
		expect(claimed.status, claimed.text).toBe(201);
		const domain = claimed.body.domain;
		await dns(domain.verification.name, "TXT", [domain.verification.value]);
		await dns(hostname, "CNAME", [domain.target.value]);
		const verified = await site.api.call("POST /domains/:id/verify", { params: { id: domain.id } });
		expect(verified.body.domain.status).toBe("active");
		// The activation marks the pages changed (their canonical URL moves): publish them, as the
		// dashboard asks; a legal change republishes only pages without unpublished changes.
		for (const page of (await site.api.call("GET /pages")).body.pages)
			await site.api.call("POST /pages/:id/publish", { params: { id: page.id } });

		expect((await site.api.call("PATCH /profile", { body: { legal: LEGAL } })).status).toBe(200);
		for (const path of LEGAL_PATHS)
			expect((await served(hostname, `/${path}`)).status, path).toBe(200);
		expect(await (await served(hostname, "/")).text()).toContain('href="/imprint"');
	});
});

// The custom-domain steps as tests/integration/domains.test.ts takes them (DNS and Stripe stand-ins).
async function dns(name: string, type: "TXT" | "CNAME", values: string[]) {
	await fetch(`${stack.urls.dns}/_dev/dns/${name}/${type}`, {
		method: "PUT",
		body: JSON.stringify({ values }),
	});
}

async function subscribe(api: Api): Promise<void> {
	const checkout = await api.call("POST /billing/checkout", {
		body: { plan: "pro", interval: "month" },
	});
	const id = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(checkout.body.url)?.[1];
	await fetch(`${stack.urls.stripe}/_dev/checkout/${id}/complete`, { method: "POST" });
	for (let i = 0; i < 300; i++) {
		if ((await api.call("GET /me")).body.plan.id === "pro") return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error("the subscription never arrived");
}
