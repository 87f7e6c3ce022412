/**
 * Profile schemas: the public face of an account on its pages.
 */
import { z } from "zod";
import { handleSchema } from "./handle";
import { httpUrlSchema } from "./url";

export const THEMES = ["light", "dark", "sunset", "forest", "ocean", "mono"] as const;
export type Theme = (typeof THEMES)[number];
export const themeSchema = z.enum(THEMES, { error: `must be one of ${THEMES.join(", ")}` });

export const SOCIAL_NETWORKS = [
	"instagram",
	"tiktok",
	"youtube",
	"x",
	"facebook",
	"linkedin",
	"github",
	"mastodon",
	"bluesky",
	"threads",
	"twitch",
	"spotify",
	"soundcloud",
	"pinterest",
	"snapchat",
	"whatsapp",
	"telegram",
	"discord",
	"website",
	"email",
] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

// The shapes the API returns are defined with the other resources (../api/resources).
export type { Profile, Social } from "../api/resources";

/** Single-line text: no control characters, trimmed, at most `max` characters (code points). */
export function lineSchema(max: number) {
	return (
		z
			.string({ error: "must be a string" })
			.trim()
			// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
			.refine((s) => !/[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(s), {
				error: "must not contain control or bidirectional override characters",
			})
			.refine((s) => [...s].length <= max, { error: `must be at most ${max} characters` })
	);
}

/** Multi-line text: like lineSchema but line breaks are allowed. */
export function textSchema(max: number) {
	return (
		z
			.string({ error: "must be a string" })
			.trim()
			// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
			.refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(s), {
				error: "must not contain control or bidirectional override characters",
			})
			.refine((s) => [...s].length <= max, { error: `must be at most ${max} characters` })
	);
}

export const socialSchema = z.strictObject({
	network: z.enum(SOCIAL_NETWORKS, { error: "is not a supported network" }),
	url: httpUrlSchema,
});

export const patchProfileBody = z.strictObject({
	handle: handleSchema.optional(),
	displayName: lineSchema(60).optional(),
	bio: textSchema(280).optional(),
	theme: themeSchema.optional(),
	socials: z
		.array(socialSchema, { error: "must be a list" })
		.max(20, { error: "at most 20" })
		.optional(),
	imprint: textSchema(2000).optional(),
	privacyUrl: z.union([z.literal(""), httpUrlSchema]).optional(),
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
