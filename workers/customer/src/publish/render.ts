/**
 * Renders a page to one static HTML document: no JavaScript, one inline stylesheet whose hash
 * goes into the Content-Security-Policy, every user value escaped. The preview endpoint and
 * publishing use this same function, so the preview is exactly what gets published.
 */
import type { Link, Locale, Profile, Social, Theme } from "@smartpages/contracts";
import { stylesheet } from "./themes";

export interface RenderInput {
	lang: Locale;
	page: { title: string; description: string; theme: Theme };
	profile: Pick<
		Profile,
		"displayName" | "bio" | "socials" | "imprint" | "privacyUrl" | "handle"
	> & {
		/** Path of the avatar on the page's own host (/_assets/…), if any. */
		avatarPath?: string;
	};
	links: Pick<Link, "title" | "url" | "enabled">[];
	showBranding: boolean;
	/** Where the "Made with SmartPages" badge points. */
	brandingUrl: string;
}

export interface RenderedPage {
	html: string;
	/** CSP source for the inline stylesheet, e.g. "sha256-…". */
	styleHash: string;
}

export function escapeHtml(value: string): string {
	return value.replace(
		/[&<>"']/g,
		(ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
	);
}

const NETWORK_LABELS: Record<Social["network"], string> = {
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
	website: "Website",
	email: "E-mail",
};

const TEXT = {
	en: {
		links: "Links",
		social: "Social media",
		imprint: "Imprint",
		privacy: "Privacy policy",
		badge: "Made with SmartPages",
	},
	de: {
		links: "Links",
		social: "Soziale Medien",
		imprint: "Impressum",
		privacy: "Datenschutzerklärung",
		badge: "Erstellt mit SmartPages",
	},
};

async function cspHash(css: string): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css));
	return `sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
}

export async function renderPage(input: RenderInput): Promise<RenderedPage> {
	const { page, profile, lang } = input;
	const t = TEXT[lang];
	const css = stylesheet(page.theme);
	const name = profile.displayName || page.title;
	const description = page.description || profile.bio || `${name} on SmartPages`;
	const avatar = profile.avatarPath
		? `<img class="avatar" src="${escapeHtml(profile.avatarPath)}" alt="${escapeHtml(name)}" width="96" height="96">`
		: "";
	const links = input.links
		.filter((l) => l.enabled)
		.map((l) => `<li><a href="${escapeHtml(l.url)}" rel="noopener">${escapeHtml(l.title)}</a></li>`)
		.join("");
	const socials = profile.socials.length
		? `<ul class="socials" aria-label="${t.social}">${profile.socials
				.map(
					(s) =>
						`<li><a href="${escapeHtml(s.url)}" rel="noopener me">${NETWORK_LABELS[s.network]}</a></li>`,
				)
				.join("")}</ul>`
		: "";
	const imprint = profile.imprint
		? `<details><summary>${t.imprint}</summary><p class="imprint">${escapeHtml(profile.imprint)}</p></details>`
		: "";
	const privacy = profile.privacyUrl
		? `<p><a href="${escapeHtml(profile.privacyUrl)}" rel="noopener">${t.privacy}</a></p>`
		: "";
	const badge = input.showBranding
		? `<a class="badge" href="${escapeHtml(input.brandingUrl)}">${t.badge}</a>`
		: "";
	const footer = imprint || privacy || badge ? `<footer>${imprint}${privacy}${badge}</footer>` : "";
	const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(page.title)}</title><meta name="description" content="${escapeHtml(description)}"><meta property="og:title" content="${escapeHtml(page.title)}"><meta property="og:description" content="${escapeHtml(description)}"><meta property="og:type" content="profile"><link rel="icon" href="data:,"><style>${css}</style></head><body><main>${avatar}<h1>${escapeHtml(name)}</h1>${profile.bio ? `<p class="bio">${escapeHtml(profile.bio)}</p>` : ""}<nav aria-label="${t.links}"><ul class="links">${links}</ul></nav>${socials}${footer}</main></body></html>`;
	return { html, styleHash: await cspHash(css) };
}
