/**
 * The demo account, created through the public API exactly as a customer would: sign up, open
 * the verification mail from the local inbox, shape the profile, add links, publish.
 * Idempotent: a second run logs in and only publishes again when something changed.
 */
import { ApiClient, tokenFrom, waitForMail } from "./api-client.ts";

export const DEMO = {
	email: "demo@smartpages.localhost",
	password: "smartpages-demo-2026",
	handle: "demo",
};

const LINKS = [
	{ title: "Read the SmartPages docs", url: "https://developers.cloudflare.com/workers/" },
	{ title: "Listen to our podcast", url: "https://example.com/podcast" },
	{ title: "Shop our merch", url: "https://example.com/shop" },
	{ title: "Write us an e-mail", url: "mailto:hello@example.com" },
];

interface Urls {
	core: string;
	web: string;
	mail: string;
}

export async function seedDemo(
	urls: Urls,
): Promise<{ email: string; password: string; url: string }> {
	const api = new ApiClient({ core: urls.core, origin: urls.web, ip: "127.0.0.1" });
	let login = await api.call("POST /auth/login", {
		body: { email: DEMO.email, password: DEMO.password },
	});
	if (login.status === 401) {
		const signup = await api.call("POST /auth/signup", {
			body: { email: DEMO.email, password: DEMO.password, locale: "en" },
		});
		if (signup.status !== 201)
			throw new Error(`demo sign-up failed: ${signup.status} ${signup.text}`);
		login = await api.call("POST /auth/login", {
			body: { email: DEMO.email, password: DEMO.password },
		});
	}
	if (login.status !== 200) throw new Error(`demo login failed: ${login.status} ${login.text}`);
	// The demo account never turns two-factor sign-in on; if someone did, the seed cannot go on.
	if (!("user" in login.body)) throw new Error("the demo account asks for a second factor");
	if (!login.body.user.emailVerified) {
		const mail = await waitForMail(urls.mail, DEMO.email, (m) => m.text.includes("#token="));
		const verified = await api.call("POST /auth/verify-email", {
			body: { token: tokenFrom(mail) },
		});
		if (verified.status !== 200) throw new Error(`demo verification failed: ${verified.text}`);
	}

	const profile = await api.call("PATCH /profile", {
		body: {
			handle: DEMO.handle,
			displayName: "SmartPages Demo",
			bio: "This page was published by `npm run dev` through the real API, D1, R2 and the Domain Worker.",
			socials: [
				{ network: "github", url: "https://github.com/" },
				{ network: "website", url: "https://example.com/" },
			],
		},
	});
	if (profile.status !== 200) throw new Error(`demo profile failed: ${profile.text}`);

	const list = await api.call("GET /pages");
	let page = list.body.pages[0];
	if (!page) {
		const created = await api.call("POST /pages", {
			body: { title: "SmartPages Demo", slug: "links" },
		});
		if (created.status !== 201) throw new Error(`demo page failed: ${created.text}`);
		page = created.body.page;
		for (const link of LINKS) {
			const added = await api.call("POST /pages/:id/links", {
				params: { id: page.id },
				body: link,
			});
			if (added.status !== 201) throw new Error(`demo link failed: ${added.text}`);
		}
		const refreshed = await api.call("GET /pages/:id", { params: { id: page.id } });
		page = refreshed.body.page;
	}
	if (page.status !== "published" || page.hasUnpublishedChanges) {
		const published = await api.call("POST /pages/:id/publish", { params: { id: page.id } });
		if (published.status !== 200) throw new Error(`demo publish failed: ${published.text}`);
		return { email: DEMO.email, password: DEMO.password, url: published.body.url };
	}
	return { email: DEMO.email, password: DEMO.password, url: page.publishedUrl ?? "" };
}
