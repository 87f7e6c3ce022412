/**
 * Published pages are valid HTML (issue #4): what a visitor gets from the Domain Worker — every
 * theme, with a full profile (bio, socials, imprint, privacy link, hostile-looking text), the
 * badge added at delivery — and the 404 page pass html-validate's standard rules (the HTML
 * specification's content models, attributes and nesting, without style opinions).
 */
import { HtmlValidate } from "html-validate";
import { describe, expect, it } from "vitest";
import { SOCIAL_NETWORKS, THEMES } from "../../packages/contracts/src/schemas/profile.ts";
import { getWithHost, stack, verifiedAccount } from "../support/api.ts";

const validator = new HtmlValidate({ extends: ["html-validate:standard"] });

/** The validator's findings as readable lines (empty when the document is valid). */
async function problems(html: string): Promise<string[]> {
	const report = await validator.validateString(html);
	return report.results.flatMap((r) =>
		r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
	);
}

describe("published pages are valid HTML", () => {
	it("in every theme, with a full profile and the delivery badge", async () => {
		const { api } = await verifiedAccount();
		const profile = await api.call("PATCH /profile", {
			body: {
				displayName: `Anna <b>"Ä"</b> & Co`,
				bio: "Fotografie & Design — <script>alert(1)</script>\nZweite Zeile.",
				socials: [
					{ network: "instagram", url: "https://instagram.com/anna" },
					{ network: "github", url: "https://github.com/anna" },
				],
				imprint: "Anna Beispiel\nMusterstraße 1\n12345 Berlin",
				privacyUrl: "https://example.com/privacy",
			},
		});
		expect(profile.status).toBe(200);
		const created = await api.call("POST /pages", { body: { title: "Links & more" } });
		const pageId = created.body.page.id;
		await api.call("PATCH /pages/:id", {
			params: { id: pageId },
			body: { description: `A "quoted" <description>` },
		});
		for (let i = 0; i < 15; i++) {
			await api.call("POST /pages/:id/links", {
				params: { id: pageId },
				body: {
					title: i % 2 ? `Link ${i} <i>` : `Link ${i}`,
					url: i === 3 ? "mailto:anna@example.com" : `https://example.com/${i}?a=1&b=2`,
					enabled: i !== 5,
				},
			});
		}
		for (const theme of THEMES) {
			expect(
				(await api.call("PATCH /pages/:id", { params: { id: pageId }, body: { theme } })).status,
			).toBe(200);
			const published = await api.call("POST /pages/:id/publish", { params: { id: pageId } });
			expect(published.status).toBe(200);
			const res = await getWithHost(published.body.url, stack.ports.domain);
			expect(res.status).toBe(200);
			const html = await res.text();
			expect(html).toContain("Made with SmartPages");
			expect(await problems(html), theme).toEqual([]);
		}
	});

	it("with every social icon above the links and the legal pages (issue 18.4, 18.5)", async () => {
		const { api } = await verifiedAccount();
		const socials = SOCIAL_NETWORKS.map((network) => ({
			network,
			url:
				network === "email"
					? "anna@example.org"
					: network === "whatsapp"
						? "+49 151 23456789"
						: network === "mastodon"
							? "@anna@mastodon.social"
							: network === "website"
								? "example.org"
								: network === "bluesky"
									? "anna.bsky.social"
									: "annakmusic",
		}));
		const profile = await api.call("PATCH /profile", {
			body: {
				socials,
				socialsPlacement: "top",
				legal: {
					name: `Anna <b>"Ä"</b> & Co`,
					street: "Musterstraße 1",
					postalCode: "10115",
					city: "Berlin",
					country: "DE",
					email: "anna@example.org",
					phone: "+49 30 1234567",
					vatId: "DE123456789",
					register: "HRB 12345",
					registerCourt: "Amtsgericht Charlottenburg",
					responsible: "Anna <i>Beispiel</i>",
				},
			},
		});
		expect(profile.status, profile.text).toBe(200);
		const created = await api.call("POST /pages", { body: { title: "Links" } });
		await api.call("POST /pages/:id/links", {
			params: { id: created.body.page.id },
			body: { title: "One", url: "https://example.com/" },
		});
		const published = await api.call("POST /pages/:id/publish", {
			params: { id: created.body.page.id },
		});
		expect(published.status).toBe(200);
		for (const path of ["", "impressum", "datenschutz", "imprint", "privacy"]) {
			const res = await getWithHost(`${published.body.url}${path}`, stack.ports.domain);
			expect(res.status, path).toBe(200);
			expect(await problems(await res.text()), path || "home").toEqual([]);
		}
	});

	it("the 404 page too", async () => {
		const res = await getWithHost("http://no-such-handle-404.localhost/", stack.ports.domain);
		expect(res.status).toBe(404);
		expect(await problems(await res.text())).toEqual([]);
	});
});
