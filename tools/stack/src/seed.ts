/**
 * The demo account, created through the public API exactly as a customer would: sign up, open
 * the verification mail from the local inbox, shape the profile, add links, publish.
 * Idempotent: a second run logs in and only publishes again when something changed.
 *
 * Issue 19: the demo is a page worth looking at — a musician built from the "musician" starter
 * template (the one new accounts get), with a generated record-sleeve avatar, socials, a section
 * header, a highlighted link and an Impressum. A demo seeded before (developer notes as links) is
 * brought up to date once.
 */
// The starters module alone: it has no runtime imports, so plain Node loads it (contracts.ts).
import { STARTERS } from "@smartpages/contracts/starters";
import { ApiClient, tokenFrom, waitForMail } from "./api-client.ts";
import { demoAvatarPng } from "./demo-avatar.ts";

export const DEMO = {
	email: "demo@smartpages.localhost",
	password: "smartpages-demo-2026",
	handle: "demo",
};

const STARTER = STARTERS.musician;

/** The demo's items: the starter's header and links, in English (the demo account's language). */
const ITEMS = [
	{ kind: "header" as const, title: STARTER.header.en },
	...STARTER.links.map((link) => ({
		title: link.title.en,
		url: link.url,
		...(link.highlight ? { highlight: true } : {}),
	})),
];

/** A link title only the old developer-notes demo had: its page is re-filled once. */
const OLD_DEMO_LINK = "Read the SmartPages docs";

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
			displayName: "Lena Vogt",
			bio: STARTER.bio.en,
			theme: STARTER.theme,
			socials: [
				{ network: "instagram", url: "https://instagram.com/lenavogtmusic" },
				{ network: "spotify", url: "https://open.spotify.com/artist/lenavogt" },
				{ network: "youtube", url: "https://youtube.com/@lenavogt" },
				{ network: "email", url: "mailto:booking@example.com" },
			],
			// A made-up Impressum, so the demo shows the generated legal pages (issue 18.5).
			legal: {
				name: "Lena Vogt",
				street: "Musterstraße 1",
				postalCode: "50667",
				city: "Köln",
				country: "DE",
				email: DEMO.email,
			},
		},
	});
	if (profile.status !== 200) throw new Error(`demo profile failed: ${profile.text}`);
	if (!profile.body.profile.avatarUrl) {
		const avatar = await api.call("PUT /profile/avatar", {
			body: demoAvatarPng(),
			contentType: "image/png",
		});
		if (avatar.status !== 200) throw new Error(`demo avatar failed: ${avatar.text}`);
	}

	const list = await api.call("GET /pages");
	let page = list.body.pages[0];
	if (!page) {
		const created = await api.call("POST /pages", {
			body: { title: "Lena Vogt", slug: "links" },
		});
		if (created.status !== 201) throw new Error(`demo page failed: ${created.text}`);
		page = created.body.page;
	}
	const current = await api.call("GET /pages/:id", { params: { id: page.id } });
	const links = current.body.links;
	if (links.length === 0 || links.some((l) => l.title === OLD_DEMO_LINK)) {
		for (const link of links) {
			await api.call("DELETE /pages/:id/links/:linkId", {
				params: { id: page.id, linkId: link.id },
			});
		}
		await api.call("PATCH /pages/:id", {
			params: { id: page.id },
			body: { title: "Lena Vogt", theme: STARTER.theme },
		});
		for (const item of ITEMS) {
			const added = await api.call("POST /pages/:id/links", {
				params: { id: page.id },
				body: item,
			});
			if (added.status !== 201) throw new Error(`demo link failed: ${added.text}`);
		}
	}
	page = (await api.call("GET /pages/:id", { params: { id: page.id } })).body.page;
	if (page.status !== "published" || page.hasUnpublishedChanges) {
		const published = await api.call("POST /pages/:id/publish", { params: { id: page.id } });
		if (published.status !== 200) throw new Error(`demo publish failed: ${published.text}`);
		return { email: DEMO.email, password: DEMO.password, url: published.body.url };
	}
	return { email: DEMO.email, password: DEMO.password, url: page.publishedUrl ?? "" };
}
