/**
 * Social input normalisation (issue 18.4): for every network, what people type — a URL, `@name`,
 * `name`, `@user@server`, an address, a phone number — becomes one stored URL; garbage and
 * hostile strings are refused with a reason (never thrown), and the profile schema names the field.
 */
import { describe, expect, it } from "vitest";
import { patchProfileBody, SOCIAL_NETWORKS, type SocialNetwork } from "../src/schemas/profile";
import { normaliseSocial } from "../src/schemas/socials";

const GOOD: Record<SocialNetwork, [input: string, stored: string][]> = {
	instagram: [
		["@anna.k", "https://instagram.com/anna.k"],
		["anna_k", "https://instagram.com/anna_k"],
		["https://www.instagram.com/anna_k/?hl=de", "https://instagram.com/anna_k"],
		["instagram.com/anna_k", "https://instagram.com/anna_k"],
		["http://instagram.com/p/abc123/", "https://instagram.com/p/abc123/"],
	],
	tiktok: [
		["@anna", "https://www.tiktok.com/@anna"],
		["anna.k", "https://www.tiktok.com/@anna.k"],
		["https://www.tiktok.com/@anna.k?lang=de", "https://www.tiktok.com/@anna.k"],
	],
	youtube: [
		["@AnnaKocht", "https://www.youtube.com/@AnnaKocht"],
		["AnnaKocht", "https://www.youtube.com/@AnnaKocht"],
		["https://youtube.com/channel/UC123", "https://youtube.com/channel/UC123"],
		["youtube.com/@AnnaKocht", "https://www.youtube.com/@AnnaKocht"],
	],
	x: [
		["@anna_k", "https://x.com/anna_k"],
		["anna_k", "https://x.com/anna_k"],
		["https://twitter.com/anna_k", "https://x.com/anna_k"],
	],
	facebook: [
		["anna.kocht", "https://www.facebook.com/anna.kocht"],
		["https://m.facebook.com/anna.kocht/", "https://www.facebook.com/anna.kocht"],
	],
	linkedin: [
		["anna-k", "https://www.linkedin.com/in/anna-k"],
		["https://de.linkedin.com/in/anna-k/", "https://www.linkedin.com/in/anna-k"],
		["https://www.linkedin.com/company/acme", "https://www.linkedin.com/company/acme"],
	],
	github: [
		["@octo-cat", "https://github.com/octo-cat"],
		["https://github.com/octo-cat", "https://github.com/octo-cat"],
	],
	mastodon: [
		["@anna@mastodon.social", "https://mastodon.social/@anna"],
		["anna@chaos.social", "https://chaos.social/@anna"],
		["https://mastodon.social/@anna", "https://mastodon.social/@anna"],
		["mastodon.social/@anna", "https://mastodon.social/@anna"],
	],
	bluesky: [
		["@anna.bsky.social", "https://bsky.app/profile/anna.bsky.social"],
		["anna", "https://bsky.app/profile/anna.bsky.social"],
		["anna.example.org", "https://bsky.app/profile/anna.example.org"],
		["https://bsky.app/profile/anna.example.org", "https://bsky.app/profile/anna.example.org"],
	],
	threads: [
		["@anna.k", "https://www.threads.net/@anna.k"],
		["https://www.threads.com/@anna.k", "https://www.threads.net/@anna.k"],
	],
	twitch: [
		["anna_live", "https://www.twitch.tv/anna_live"],
		["https://twitch.tv/anna_live", "https://www.twitch.tv/anna_live"],
	],
	spotify: [
		["anna", "https://open.spotify.com/user/anna"],
		["https://open.spotify.com/artist/0abc", "https://open.spotify.com/artist/0abc"],
	],
	soundcloud: [
		["@Anna-Beats", "https://soundcloud.com/anna-beats"],
		["https://soundcloud.com/anna-beats", "https://soundcloud.com/anna-beats"],
	],
	pinterest: [
		["anna_k", "https://www.pinterest.com/anna_k"],
		["https://www.pinterest.de/anna_k/", "https://www.pinterest.com/anna_k"],
	],
	snapchat: [["anna.k", "https://www.snapchat.com/add/anna.k"]],
	whatsapp: [
		["+49 151 2345 6789", "https://wa.me/4915123456789"],
		["0049 (151) 2345-6789", "https://wa.me/4915123456789"],
		["https://wa.me/4915123456789", "https://wa.me/4915123456789"],
		["wa.me/+4915123456789", "https://wa.me/4915123456789"],
		["https://api.whatsapp.com/send?phone=4915123456789", "https://wa.me/4915123456789"],
	],
	telegram: [
		["@anna_k_bot", "https://t.me/anna_k_bot"],
		["t.me/anna_k_bot", "https://t.me/anna_k_bot"],
	],
	discord: [
		["abc-Def", "https://discord.gg/abc-Def"],
		["https://discord.gg/abcDef", "https://discord.gg/abcDef"],
	],
	website: [
		["example.org", "https://example.org/"],
		["www.example.org/shop?x=1", "https://www.example.org/shop?x=1"],
		["https://example.org/a", "https://example.org/a"],
		["http://example.org/", "http://example.org/"],
	],
	email: [
		["anna@Example.ORG", "mailto:anna@example.org"],
		["mailto:anna.k+news@example.org", "mailto:anna.k+news@example.org"],
	],
};

const BAD: Record<SocialNetwork, string[]> = {
	instagram: ["anna k", "https://evil.example/anna", "ann@a", "a".repeat(31)],
	tiktok: ["a", "https://example.org/@anna"],
	youtube: ["ab", "https://youtube.com.evil.example/@anna"],
	x: ["anna-k", "toolongusername1", "https://x.co/anna"],
	facebook: ["ann", "anna_k"],
	linkedin: ["an", "https://linkedin.example/in/anna"],
	github: ["-octo", "octo--", "https://gitlab.com/octo"],
	mastodon: ["anna", "@anna", "@anna@", "@anna@localhost", "@an na@mastodon.social"],
	bluesky: ["-anna", "anna..k", "https://bsky.example/profile/anna"],
	threads: ["anna k", "https://threads.example/@anna"],
	twitch: ["ab", "https://twitch.example/anna"],
	spotify: ["an na", "https://spotify.example/artist/1"],
	soundcloud: ["ab", "https://soundcloud.example/anna"],
	pinterest: ["ab", "https://pinterest.example/anna"],
	snapchat: ["ab", "https://snapchat.example/add/anna"],
	whatsapp: [
		"0151 23456789",
		"+49",
		"+0 151 23456789",
		"https://example.org/4915123456789",
		"anna",
	],
	telegram: ["abc", "https://telegram.example/anna_k"],
	discord: ["a", "https://discord.example/abc"],
	website: ["anna", "example", "ftp://example.org/", "https://", "//example.org"],
	email: ["anna", "anna@", "@example.org", "anna@localhost", "an na@example.org", "mailto:"],
};

// Refused on every network, whatever the network would otherwise accept.
const HOSTILE = [
	"",
	"   ",
	"javascript:alert(1)",
	"JaVaScRiPt:alert(1)",
	" javascript:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"vbscript:msgbox(1)",
	"https://exa\u200bmple.org/",
	"anna\u202eknil",
	"anna\u0000",
	"\ufeffanna",
	"https://exa\nmple.org/",
	"https://example.org/\u00a0",
	"<script>alert(1)</script>",
	`https://example.org/${"a".repeat(10_000)}`,
	"a".repeat(10_000),
];

describe("normaliseSocial", () => {
	it("covers every network in both tables", () => {
		expect(Object.keys(GOOD).sort()).toEqual([...SOCIAL_NETWORKS].sort());
		expect(Object.keys(BAD).sort()).toEqual([...SOCIAL_NETWORKS].sort());
	});

	for (const network of SOCIAL_NETWORKS) {
		describe(network, () => {
			it.each(GOOD[network])("stores %j as %j", (input, stored) => {
				expect(normaliseSocial(network, input)).toEqual({ ok: true, url: stored });
				// Normalising twice changes nothing: the stored URL is accepted as it is.
				expect(normaliseSocial(network, stored)).toEqual({ ok: true, url: stored });
			});
			it.each(BAD[network])("refuses %j", (input) => {
				const result = normaliseSocial(network, input);
				expect(result.ok).toBe(false);
			});
			it.each(HOSTILE)("refuses hostile %j", (input) => {
				const result = normaliseSocial(network, input);
				expect(result.ok).toBe(false);
			});
		});
	}

	it("a homograph host is not the network's", () => {
		// Cyrillic "і" in "іnstagram.com": parsed to punycode, so not the real host.
		expect(normaliseSocial("instagram", "https://\u0456nstagram.com/anna").ok).toBe(false);
		expect(normaliseSocial("instagram", "@\u0430nna").ok).toBe(false);
	});
});

describe("the profile schema", () => {
	it("stores normalised URLs", () => {
		const parsed = patchProfileBody.parse({
			socials: [
				{ network: "instagram", url: "@anna" },
				{ network: "mastodon", url: "@anna@mastodon.social" },
				{ network: "email", url: "anna@example.org" },
			],
		});
		expect(parsed.socials).toEqual([
			{ network: "instagram", url: "https://instagram.com/anna" },
			{ network: "mastodon", url: "https://mastodon.social/@anna" },
			{ network: "email", url: "mailto:anna@example.org" },
		]);
	});

	it("names the refused field by its index", () => {
		const result = patchProfileBody.safeParse({
			socials: [
				{ network: "x", url: "anna" },
				{ network: "x", url: "anna" },
				{ network: "instagram", url: "javascript:alert(1)" },
			],
		});
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["socials.2.url"]);
	});

	it.each([
		[{ socials: [{ network: "myspace", url: "anna" }] }, "socials.0.network"],
		[{ socials: [{ network: "x", url: 42 }] }, "socials.0.url"],
		[{ socials: [{ network: "x" }] }, "socials.0.url"],
		[{ socials: "anna" }, "socials"],
		[{ socialsPlacement: "left" }, "socialsPlacement"],
	])("refuses %j at %s", (body, path) => {
		const result = patchProfileBody.safeParse(body);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.path.join(".")).toBe(path);
	});
});
