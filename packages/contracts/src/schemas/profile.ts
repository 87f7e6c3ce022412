/**
 * Profile schemas: the public face of an account on its pages.
 */
import * as z from "zod";
import { handleSchema } from "./handle";
import { legalSchema } from "./legal";
import { normaliseSocial, SOCIAL_NETWORK_IDS } from "./socials";
import { lineSchema, textSchema } from "./text";
import { httpUrlSchema } from "./url";

export const THEMES = ["light", "dark", "sunset", "forest", "ocean", "mono"] as const;
export type Theme = (typeof THEMES)[number];
export const themeSchema = z.enum(THEMES, { error: `must be one of ${THEMES.join(", ")}` });

export const SOCIAL_NETWORKS = SOCIAL_NETWORK_IDS;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

// The shapes the API returns are defined with the other resources (../api/resources).
export type { Profile, Social } from "../api/resources";

// The text rules live in ./text (the legal schema uses them too); re-exported for callers.
export { lineSchema, textSchema } from "./text";

/**
 * One social link: `url` is what the customer typed (a URL, `@name`, `name`, `@user@server`, an
 * address or a phone number, per network) and comes out as the normalised URL that is stored.
 */
export const socialSchema = z
	.strictObject({
		network: z.enum(SOCIAL_NETWORKS, { error: "is not a supported network" }),
		url: z.string({ error: "must be a string" }),
	})
	.transform((social, ctx) => {
		const result = normaliseSocial(social.network, social.url);
		if (!result.ok) {
			ctx.addIssue({ code: "custom", message: result.error, path: ["url"] });
			return z.NEVER;
		}
		return { network: social.network, url: result.url };
	});

/** Where the row of social icons sits on a page: above the links or below them (the default). */
export const SOCIALS_PLACEMENTS = ["top", "bottom"] as const;
export type SocialsPlacement = (typeof SOCIALS_PLACEMENTS)[number];

export const patchProfileBody = z.strictObject({
	handle: handleSchema.optional(),
	displayName: lineSchema(60).optional(),
	bio: textSchema(280).optional(),
	theme: themeSchema.optional(),
	socials: z
		.array(socialSchema, { error: "must be a list" })
		.max(20, { error: "at most 20" })
		.optional(),
	socialsPlacement: z
		.enum(SOCIALS_PLACEMENTS, { error: `must be one of ${SOCIALS_PLACEMENTS.join(", ")}` })
		.optional(),
	imprint: textSchema(2000).optional(),
	privacyUrl: z.union([z.literal(""), httpUrlSchema]).optional(),
	/** Structured Impressum (issue 18.5); null removes it. */
	legal: legalSchema.nullable().optional(),
});
export type PatchProfileBody = z.infer<typeof patchProfileBody>;

const BRAND_NAMES: Record<Exclude<SocialNetwork, "website" | "email">, string> = {
	instagram: "Instagram",
	tiktok: "TikTok",
	youtube: "YouTube",
	x: "X",
	facebook: "Facebook",
	linkedin: "LinkedIn",
	github: "GitHub",
	mastodon: "Mastodon",
	bluesky: "Bluesky",
	threads: "Threads",
	twitch: "Twitch",
	spotify: "Spotify",
	soundcloud: "SoundCloud",
	pinterest: "Pinterest",
	snapchat: "Snapchat",
	whatsapp: "WhatsApp",
	telegram: "Telegram",
	discord: "Discord",
};

/** How a social network is named on pages and in the dashboard (brand names, else translated). */
export function socialNetworkLabel(network: SocialNetwork, locale: "de" | "en"): string {
	if (network === "website") return locale === "de" ? "Webseite" : "Website";
	if (network === "email") return locale === "de" ? "E-Mail" : "E-mail";
	return BRAND_NAMES[network];
}

/** All network labels of one language, for pickers. */
export function socialNetworkLabels(locale: "de" | "en"): Record<SocialNetwork, string> {
	return Object.fromEntries(
		SOCIAL_NETWORKS.map((n) => [n, socialNetworkLabel(n, locale)]),
	) as Record<SocialNetwork, string>;
}
