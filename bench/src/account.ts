/**
 * The bench account, made through the public API the way a customer would: sign up, verify the
 * address from the local inbox, upgrade to Pro through the Stripe stand-in (more than 15 links
 * per page need it), then a home page with 20 links and a second page with 100 links, both
 * published.
 */
import { randomBytes } from "node:crypto";
import { ApiClient, tokenFrom, waitForMail } from "../../tools/stack/src/index.ts";
import type { Stack } from "../../tools/stack/src/stack.ts";

export const HANDLE = "bench";
const PASSWORD = "bench passphrase for argon2id";

export interface BenchPage {
	id: string;
	url: string;
	links: number;
}

export interface BenchAccount {
	api: ApiClient;
	email: string;
	password: string;
	cookie: string;
	home: BenchPage;
	big: BenchPage;
}

/** A client address of its own, so the bench never shares rate-limit windows with a test. */
export function benchIp(): string {
	const b = randomBytes(3);
	return `10.${b[0]}.${b[1]}.${b[2]}`;
}

function expectStatus(what: string, res: { status: number; text: string }, status: number): void {
	if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (!(await probe())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

async function upgradeToPro(api: ApiClient, stripe: string): Promise<void> {
	const checkout = await api.call("POST /billing/checkout", {
		body: {
			plan: "pro",
			interval: "month",
		},
	});
	expectStatus("checkout", checkout, 200);
	const sessionId = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(checkout.body.url)?.[1];
	if (!sessionId) throw new Error(`no checkout session in ${checkout.body.url}`);
	const done = await fetch(`${stripe}/_dev/checkout/${sessionId}/complete`, { method: "POST" });
	if (!done.ok) throw new Error(`checkout completion: ${done.status}`);
	await until("the Pro plan", async () => {
		const me = await api.call("GET /me");
		return me.body.plan.id === "pro";
	});
}

async function pageWithLinks(
	api: ApiClient,
	body: { title: string; slug?: string },
	count: number,
): Promise<BenchPage> {
	const created = await api.call("POST /pages", { body });
	expectStatus("create page", created, 201);
	const id = created.body.page.id;
	await api.call("PATCH /pages/:id", {
		params: { id },
		body: {
			description: "Everything we make, in one place: projects, talks, shop and contact.",
		},
	});
	for (let i = 1; i <= count; i++) {
		const added = await api.call("POST /pages/:id/links", {
			params: { id },
			body: {
				title: `Link ${i}: our latest project, talk or article`,
				url: `https://example.com/projects/${i}`,
			},
		});
		expectStatus("add link", added, 201);
	}
	const published = await api.call("POST /pages/:id/publish", { params: { id } });
	expectStatus("publish", published, 200);
	return { id, url: published.body.url, links: count };
}

/** Creates the bench account with its two published pages. */
export async function createBenchAccount(stack: Stack): Promise<BenchAccount> {
	const api = new ApiClient({ core: stack.urls.core, origin: stack.urls.web, ip: benchIp() });
	const email = `bench-${randomBytes(6).toString("hex")}@example.com`;
	const signup = await api.call("POST /auth/signup", {
		body: { email, password: PASSWORD, locale: "en" },
	});
	expectStatus("sign-up", signup, 201);
	const mail = await waitForMail(stack.urls.mail, email, (m) => m.text.includes("#token="));
	expectStatus(
		"verify",
		await api.call("POST /auth/verify-email", { body: { token: tokenFrom(mail) } }),
		200,
	);
	await upgradeToPro(api, stack.urls.stripe);
	expectStatus(
		"profile",
		await api.call("PATCH /profile", {
			body: {
				handle: HANDLE,
				displayName: "SmartPages Bench",
				bio: "A typical page: a short bio, two social links and twenty links.",
				socials: [
					{ network: "github", url: "https://github.com/" },
					{ network: "website", url: "https://example.com/" },
				],
			},
		}),
		200,
	);
	const home = await pageWithLinks(api, { title: "Bench links" }, 20);
	const big = await pageWithLinks(api, { title: "Bench archive", slug: "archive" }, 100);
	if (!api.cookie) throw new Error("no session cookie after sign-up");
	return { api, email, password: PASSWORD, cookie: api.cookie, home, big };
}
