/**
 * Social links as people type them (issue 18.4): a URL, `@name`, `name`, a Mastodon
 * `@user@server`, an e-mail address or a phone number for WhatsApp — turned into the one URL that
 * is stored and rendered. It lives in contracts so the server (validation) and the dashboard (the
 * live "will be saved as …" line) run the very same code. Anything that is not recognisably an
 * address of the chosen network is refused with a reason, never guessed: an Instagram icon must
 * not lead to somebody else's site.
 */
import { safeLinkUrl } from "./url";

// Kept here (not imported from profile.ts) so that module can import this one without a cycle.
export const SOCIAL_NETWORK_IDS = [
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
type Network = (typeof SOCIAL_NETWORK_IDS)[number];

export type SocialNormalised = { ok: true; url: string } | { ok: false; error: string };

/** Longest input looked at; a URL longer than this is refused by safeLinkUrl anyway. */
const MAX_INPUT = 2048;

// Characters that hide what a value really is (also refused by safeLinkUrl for URLs).
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u00a0\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/;

interface UsernameRule {
	/** Hosts whose URLs are this network's (compared after WHATWG parsing, so punycode). */
	hosts: readonly string[];
	/** A username as the network allows it (without the leading "@"). */
	user: RegExp;
	/** The profile URL of a username. */
	profile: (name: string) => string;
	/** The username in a profile URL's path, to store its canonical form. */
	fromPath?: RegExp;
}

const www = (...hosts: string[]) => hosts.flatMap((h) => [h, `www.${h}`]);

const RULES: Partial<Record<Network, UsernameRule>> = {
	instagram: {
		hosts: [...www("instagram.com"), "instagr.am"],
		user: /^[a-z0-9._]{1,30}$/i,
		profile: (n) => `https://instagram.com/${n}`,
		fromPath: /^\/([a-z0-9._]{1,30})\/?$/i,
	},
	threads: {
		hosts: www("threads.net", "threads.com"),
		user: /^[a-z0-9._]{1,30}$/i,
		profile: (n) => `https://www.threads.net/@${n}`,
		fromPath: /^\/@([a-z0-9._]{1,30})\/?$/i,
	},
	tiktok: {
		hosts: [...www("tiktok.com"), "m.tiktok.com", "vm.tiktok.com"],
		user: /^[a-z0-9._]{2,24}$/i,
		profile: (n) => `https://www.tiktok.com/@${n}`,
		fromPath: /^\/@([a-z0-9._]{2,24})\/?$/i,
	},
	youtube: {
		hosts: [...www("youtube.com"), "m.youtube.com", "youtu.be"],
		user: /^[a-z0-9._-]{3,30}$/i,
		profile: (n) => `https://www.youtube.com/@${n}`,
		fromPath: /^\/@([a-z0-9._-]{3,30})\/?$/i,
	},
	x: {
		hosts: [...www("x.com", "twitter.com"), "mobile.twitter.com", "mobile.x.com"],
		user: /^[a-z0-9_]{1,15}$/i,
		profile: (n) => `https://x.com/${n}`,
		fromPath: /^\/([a-z0-9_]{1,15})\/?$/i,
	},
	facebook: {
		hosts: [...www("facebook.com", "fb.com"), "m.facebook.com", "fb.me"],
		user: /^[a-z0-9.]{5,50}$/i,
		profile: (n) => `https://www.facebook.com/${n}`,
		fromPath: /^\/([a-z0-9.]{5,50})\/?$/i,
	},
	linkedin: {
		hosts: [...www("linkedin.com"), "de.linkedin.com", "at.linkedin.com", "ch.linkedin.com"],
		user: /^[a-z0-9-]{3,100}$/i,
		profile: (n) => `https://www.linkedin.com/in/${n}`,
		fromPath: /^\/in\/([a-z0-9-]{3,100})\/?$/i,
	},
	github: {
		hosts: www("github.com"),
		user: /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/i,
		profile: (n) => `https://github.com/${n}`,
		fromPath: /^\/([a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38})\/?$/i,
	},
	pinterest: {
		hosts: [...www("pinterest.com", "pinterest.de", "pinterest.at", "pinterest.ch"), "pin.it"],
		user: /^[a-z0-9_]{3,30}$/i,
		profile: (n) => `https://www.pinterest.com/${n}`,
		fromPath: /^\/([a-z0-9_]{3,30})\/?$/i,
	},
	twitch: {
		hosts: [...www("twitch.tv"), "m.twitch.tv"],
		user: /^[a-z0-9_]{3,25}$/i,
		profile: (n) => `https://www.twitch.tv/${n}`,
		fromPath: /^\/([a-z0-9_]{3,25})\/?$/i,
	},
	spotify: {
		hosts: ["open.spotify.com", "spotify.com", "www.spotify.com", "spotify.link"],
		user: /^[a-z0-9._-]{1,64}$/i,
		profile: (n) => `https://open.spotify.com/user/${n}`,
	},
	soundcloud: {
		hosts: [...www("soundcloud.com"), "m.soundcloud.com", "on.soundcloud.com"],
		user: /^[a-z0-9_-]{3,25}$/i,
		profile: (n) => `https://soundcloud.com/${n.toLowerCase()}`,
		fromPath: /^\/([a-z0-9_-]{3,25})\/?$/i,
	},
	snapchat: {
		hosts: www("snapchat.com"),
		user: /^[a-z0-9._-]{3,15}$/i,
		profile: (n) => `https://www.snapchat.com/add/${n}`,
		fromPath: /^\/add\/([a-z0-9._-]{3,15})\/?$/i,
	},
	telegram: {
		hosts: [...www("t.me"), "telegram.me"],
		user: /^[a-z0-9_]{5,32}$/i,
		profile: (n) => `https://t.me/${n}`,
		fromPath: /^\/([a-z0-9_]{5,32})\/?$/i,
	},
	discord: {
		hosts: ["discord.gg", ...www("discord.com")],
		user: /^[a-z0-9-]{2,32}$/i,
		profile: (n) => `https://discord.gg/${n}`,
	},
	bluesky: {
		hosts: ["bsky.app"],
		// A Bluesky handle is a domain name; a bare name is one on bsky.social.
		user: /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i,
		profile: (n) =>
			`https://bsky.app/profile/${n.includes(".") ? n.toLowerCase() : `${n.toLowerCase()}.bsky.social`}`,
		fromPath: /^\/profile\/([a-z0-9.-]{1,253})\/?$/i,
	},
};

const fail = (error: string): SocialNormalised => ({ ok: false, error });

/**
 * The stored URL for what somebody typed into the field of `network`, or why it is refused.
 * Pure and synchronous: the dashboard calls it on every keystroke.
 */
export function normaliseSocial(network: Network, input: string): SocialNormalised {
	if (typeof input !== "string") return fail("must be a string");
	// Only ASCII white space is trimmed: String#trim would also drop a BOM or a no-break space,
	// which are refused below as things that hide what a value is.
	const value = input.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
	if (value.length === 0) return fail("must not be empty");
	if (value.length > MAX_INPUT) return fail(`must be at most ${MAX_INPUT} characters`);
	if (INVISIBLE.test(value)) return fail("must not contain invisible or control characters");
	switch (network) {
		case "email":
			return email(value);
		case "whatsapp":
			return whatsapp(value);
		case "mastodon":
			return mastodon(value);
		case "website":
			return website(value);
		default: {
			const rule = RULES[network];
			return rule ? username(rule, value) : fail("is not a supported network");
		}
	}
}

/** A parsed http(s) URL of `value`, adding "https://" to a bare "host/path"; null if none. */
function parseWeb(value: string): URL | null {
	if (value.startsWith("/") || value.startsWith("\\")) return null;
	const withScheme = HAS_SCHEME.test(value) ? value : `https://${value}`;
	const safe = safeLinkUrl(withScheme, ["https:", "http:"]);
	return safe ? new URL(safe) : null;
}

function username(rule: UsernameRule, value: string): SocialNormalised {
	const host = /^(?:https?:\/\/)?([^/?#\s]+)/i.exec(value)?.[1]?.toLowerCase() ?? "";
	if (HAS_SCHEME.test(value) || rule.hosts.includes(host)) {
		const url = parseWeb(value);
		if (!url || !rule.hosts.includes(url.hostname)) {
			return fail(`must be a ${rule.hosts[0]} address or a username`);
		}
		const name = rule.fromPath?.exec(url.pathname)?.[1];
		if (name && rule.user.test(name)) return { ok: true, url: rule.profile(name) };
		// Another page of the network (a channel, an artist): kept, over https.
		url.protocol = "https:";
		return { ok: true, url: url.href };
	}
	const name = value.startsWith("@") ? value.slice(1) : value;
	if (!rule.user.test(name)) return fail("is not a valid username for this network");
	return { ok: true, url: rule.profile(name) };
}

function email(value: string): SocialNormalised {
	const address = value.replace(/^mailto:/i, "");
	if (!isEmailAddress(address)) return fail("must be an e-mail address like name@example.org");
	const [local, domain] = address.split("@") as [string, string];
	return { ok: true, url: `mailto:${local}@${domain.toLowerCase()}` };
}

/**
 * A plain e-mail address (ASCII, no quoting, no comments): what an address field should hold.
 * `?`, `#`, `%` and `&` are refused in the local part although RFC 5322 allows them: in a
 * `mailto:` link they would start headers (`?cc=`) or escapes.
 */
export function isEmailAddress(value: string): boolean {
	if (value.length > 254) return false;
	const at = value.lastIndexOf("@");
	if (at < 1) return false;
	const local = value.slice(0, at);
	const domain = value.slice(at + 1).toLowerCase();
	return (
		local.length <= 64 &&
		/^[a-z0-9!$'*+/=^_`{|}~-]+(?:\.[a-z0-9!$'*+/=^_`{|}~-]+)*$/i.test(local) &&
		DOMAIN.test(domain)
	);
}

function whatsapp(value: string): SocialNormalised {
	let phone = value;
	const url = HAS_SCHEME.test(value) || /^(?:wa\.me|api\.whatsapp\.com)\//i.test(value);
	if (url) {
		const parsed = parseWeb(value);
		if (!parsed) return fail("must be a phone number like +49 151 23456789 or a wa.me link");
		if (parsed.hostname === "wa.me") phone = `+${parsed.pathname.replace(/^\/\+?|\/$/g, "")}`;
		else if (parsed.hostname === "api.whatsapp.com")
			phone = `+${parsed.searchParams.get("phone") ?? ""}`;
		else return fail("must be a phone number like +49 151 23456789 or a wa.me link");
	}
	const compact = phone.replace(/[\s()./-]/g, "").replace(/^00/, "+");
	if (!compact.startsWith("+")) {
		return fail("must be in international form, e.g. +49 151 23456789");
	}
	const digits = compact.slice(1);
	// E.164: at most 15 digits, no leading zero in the country code.
	if (!/^[1-9][0-9]{6,14}$/.test(digits)) {
		return fail("must be a phone number like +49 151 23456789");
	}
	return { ok: true, url: `https://wa.me/${digits}` };
}

function mastodon(value: string): SocialNormalised {
	const account = /^@?([a-z0-9_]{1,30})@([^@/\s]+)$/i.exec(value);
	if (account) {
		const [, user, server] = account as unknown as [string, string, string];
		const url = parseWeb(server);
		if (!url || url.host !== server.toLowerCase() || !DOMAIN.test(url.hostname)) {
			return fail("must name a server, like @name@mastodon.social");
		}
		return { ok: true, url: `https://${url.hostname}/@${user}` };
	}
	if (!HAS_SCHEME.test(value) && !/^[^\s/@]+\.[^\s/@]+\//.test(value)) {
		return fail("must be @name@server or the address of your profile");
	}
	const url = parseWeb(value);
	if (!url || !DOMAIN.test(url.hostname)) return fail("must be @name@server or a web address");
	const user = /^\/@([a-z0-9_]{1,30})\/?$/i.exec(url.pathname)?.[1];
	if (user) return { ok: true, url: `https://${url.hostname}/@${user}` };
	url.protocol = "https:";
	return { ok: true, url: url.href };
}

function website(value: string): SocialNormalised {
	const url = parseWeb(value);
	// A web site has a real domain name (or an explicit address someone typed with its scheme).
	if (!url || (!HAS_SCHEME.test(value) && !DOMAIN.test(url.hostname))) {
		return fail("must be a web address like example.org");
	}
	return { ok: true, url: url.href };
}
