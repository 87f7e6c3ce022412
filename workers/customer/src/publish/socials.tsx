/**
 * The row of social icons on a published page (issue 18.4): one inline SVG per network, drawn in
 * `currentColor` with the even-odd fill rule, so there is no icon font, no image request and no
 * script; each link is named by its network ("Instagram", "E-Mail") in visually hidden text (read
 * by screen readers and kept by translation tools), the icon itself is hidden from them. Links go straight to the network (`rel="me"`), not via `/_l/`.
 *
 * The glyphs are simplified single-path drawings on a 24×24 grid, written for this file and kept
 * short (the whole page, icons included, must stay within 14 KB gzip). The X and Twitch paths are
 * taken from Simple Icons (https://simpleicons.org), which is CC0 1.0 (public domain); brand marks
 * stay their owners' trademarks and are used only to point at the customer's profile there.
 */
/** @jsxImportSource hono/jsx */
import {
	type Locale,
	type Profile,
	type SocialNetwork,
	socialNetworkLabel,
} from "@smartpages/contracts";

const CIRCLE = "M12 2a10 10 0 1 0 0 20a10 10 0 0 0 0-20z";

export const ICONS: Record<SocialNetwork, string> = {
	instagram:
		"M7.5 2h9A5.5 5.5 0 0 1 22 7.5v9a5.5 5.5 0 0 1-5.5 5.5h-9A5.5 5.5 0 0 1 2 16.5v-9A5.5 5.5 0 0 1 7.5 2zm0 2A3.5 3.5 0 0 0 4 7.5v9A3.5 3.5 0 0 0 7.5 20h9a3.5 3.5 0 0 0 3.5-3.5v-9A3.5 3.5 0 0 0 16.5 4zM12 7a5 5 0 1 1 0 10a5 5 0 0 1 0-10zm0 2a3 3 0 1 0 0 6a3 3 0 0 0 0-6zm5.3-3.5a1.2 1.2 0 1 1 0 2.4a1.2 1.2 0 0 1 0-2.4z",
	tiktok:
		"M13 2h3c.2 2.3 1.7 4 4 4.2v3c-1.5 0-2.9-.5-4-1.3V15a6 6 0 1 1-6-6h.5v3.1H10a3 3 0 1 0 3 3z",
	youtube:
		"M21.6 7.2a2.5 2.5 0 0 0-1.8-1.8C18.2 5 12 5 12 5s-6.2 0-7.8.4a2.5 2.5 0 0 0-1.8 1.8C2 8.8 2 12 2 12s0 3.2.4 4.8a2.5 2.5 0 0 0 1.8 1.8c1.6.4 7.8.4 7.8.4s6.2 0 7.8-.4a2.5 2.5 0 0 0 1.8-1.8c.4-1.6.4-4.8.4-4.8s0-3.2-.4-4.8zM10 15V9l5.2 3z",
	// Simple Icons "X" (CC0).
	x: "M18.901 1.153h3.68l-8.04 9.19L24 22.846h-7.406l-5.8-7.584-6.638 7.584H.474l8.6-9.83L0 1.154h7.594l5.243 6.932zM17.61 20.644h2.039L6.486 3.24H4.298z",
	facebook: `${CIRCLE}M13.5 22v-7h2.3l.4-3h-2.7v-1.8c0-.9.3-1.5 1.5-1.5h1.4V6.1c-.3 0-1.1-.1-2-.1-2 0-3.4 1.2-3.4 3.5V12H8.7v3H11v7z`,
	linkedin:
		"M4 2h16a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm3 3.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 0 0 0-3zM5.7 10v8h2.6v-8zm4.6 0v8h2.6v-4c0-1 .3-2 1.5-2s1.3 1.2 1.3 2.1V18h2.6v-4.3c0-2.2-.5-3.9-3.1-3.9-1.3 0-2.2.6-2.6 1.3V10z",
	github:
		"M12 2a10 10 0 0 0-3.2 19.5c.5.1.7-.2.7-.5v-1.7c-2.8.6-3.4-1.3-3.4-1.3-.5-1.2-1.1-1.5-1.1-1.5-.9-.6.1-.6.1-.6 1 .1 1.5 1 1.5 1 .9 1.5 2.3 1.1 2.9.8.1-.6.3-1.1.6-1.3-2.2-.3-4.6-1.1-4.6-5 0-1.1.4-2 1-2.7-.1-.3-.4-1.3.1-2.7 0 0 .8-.3 2.7 1a9.4 9.4 0 0 1 5 0c1.9-1.3 2.7-1 2.7-1 .5 1.4.2 2.4.1 2.7.6.7 1 1.6 1 2.7 0 3.9-2.3 4.7-4.6 4.9.4.3.7.9.7 1.9V21c0 .3.2.6.7.5A10 10 0 0 0 12 2z",
	mastodon:
		"M12 2C7 2 3 3.5 3 8.5v4c0 4.5 2.5 7 8 7.3 1.5.1 3-.1 4.5-.6v-1.8c-1.5.4-3 .5-4.3.4-2.3-.2-3.2-1-3.3-2.4 2.5.6 5 .6 7.6.3 2.3-.3 4.5-1.8 4.5-4.2V8.5C21 3.5 17 2 12 2zm5 10.5h-2.2V8.8c0-.9-.4-1.3-1.1-1.3-.8 0-1.2.5-1.2 1.5v2.2h-2V9c0-1-.4-1.5-1.2-1.5-.7 0-1.1.4-1.1 1.3v3.7H5.9V8.7c0-1.9 1-3 2.6-3 1.1 0 1.8.4 2.4 1.3l.6.9.6-.9c.5-.9 1.3-1.3 2.4-1.3 1.6 0 2.6 1.1 2.6 3z",
	bluesky:
		"M12 11C10.6 8.3 7 3.5 4.5 2.5 2.3 1.7 2 3 2 4.5c0 1 .5 6 1 7 1 2.6 4 3 6.5 2.5-3.6.7-5 2.8-3 5 3.5 3.3 5 .5 5.5-1.5.5 2 2 4.8 5.5 1.5 2-2.2.6-4.3-3-5 2.5.5 5.5.1 6.5-2.5.5-1 1-6 1-7 0-1.5-.3-2.8-2.5-2-2.5 1-6.1 5.8-7.5 8.5z",
	threads:
		"M12 2a10 10 0 1 0 5 18.7l-1-1.7A8 8 0 1 1 20 12v1a2 2 0 0 1-4 0V8h-2v1a5 5 0 1 0 .6 6.7A4 4 0 0 0 22 13v-1A10 10 0 0 0 12 2zm0 7a3 3 0 1 1 0 6a3 3 0 0 1 0-6z",
	// Simple Icons "Twitch" (CC0).
	twitch:
		"M11.571 4.714h1.715v5.143H11.57zm4.715 0H18v5.143h-1.714zM6 0L1.714 4.286v15.428h5.143V24l4.286-4.286h3.428L22.286 12V0zm14.571 11.143l-3.428 3.428h-3.429l-3 3v-3H6.857V1.714h13.714z",
	spotify: `${CIRCLE}m4.6 14.4a.6.6 0 0 1-.9.2c-2.4-1.5-5.4-1.8-8.9-1a.6.6 0 1 1-.3-1.2c3.9-.9 7.2-.5 9.9 1.1.3.2.4.6.2.9zm1.2-2.7a.8.8 0 0 1-1.1.3c-2.7-1.7-6.9-2.2-10.2-1.2a.8.8 0 1 1-.4-1.5c3.7-1.1 8.3-.6 11.4 1.3.4.2.5.7.3 1.1zm.1-2.8C14.7 9 9.3 8.8 6.2 9.7a.9.9 0 1 1-.5-1.8c3.6-1.1 9.5-.9 13.2 1.3a.9.9 0 1 1-.9 1.6z`,
	soundcloud:
		"M10 8v9h9a3.5 3.5 0 0 0 .5-7A5 5 0 0 0 10 8zM2 13h1v4H2zm2-2h1v6H4zm2-1h1v7H6zm2-1h1v8H8z",
	pinterest: `${CIRCLE}M10 18V7h3.5a3.5 3.5 0 0 1 0 7H12v4zm2-9v3h1.5a1.5 1.5 0 0 0 0-3z`,
	snapchat:
		"M12 2.5c3 0 5.5 2.2 5.5 5.5v2.3l1.6-.5c.5 0 .8.5.4.9-.5.4-1.8.7-1.9 1.2.3 1.4 1.7 3 3.4 3.6.4.2.3.7-.2.9-.8.3-1.6.3-1.8.6l-.3 1c-.9 0-1.8-.3-3 .4-.9.6-1.8 1.6-3.7 1.6s-2.8-1-3.7-1.6c-1.2-.7-2.1-.4-3-.4l-.3-1c-.2-.3-1-.3-1.8-.6-.5-.2-.6-.7-.2-.9 1.7-.6 3.1-2.2 3.4-3.6-.1-.5-1.4-.8-1.9-1.2-.4-.4-.1-.9.4-.9l1.6.5V8c0-3.3 2.5-5.5 5.5-5.5z",
	whatsapp:
		"M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2zm0 1.8a8.2 8.2 0 1 1-4.2 15.3l-.3-.2-3 .8.8-2.9-.2-.3A8.2 8.2 0 0 1 12 3.8zM8.6 7.3c-.2 0-.5 0-.8.4-.3.3-1 1-1 2.4s1 2.8 1.2 3c.1.2 2 3.2 5 4.4 2.5 1 3 .8 3.5.7.6 0 1.8-.7 2-1.4.3-.7.3-1.3.2-1.4l-.5-.3-1.8-.9c-.3-.1-.5-.1-.7.2l-.8 1c-.2.2-.3.2-.6.1s-1.2-.5-2.2-1.4c-.8-.7-1.4-1.6-1.5-1.9-.2-.3 0-.4.1-.6l.4-.5.3-.5v-.5l-.8-2c-.2-.5-.4-.5-.6-.5z",
	telegram: `${CIRCLE}m4.6 6.8-1.6 7.7c-.1.6-.5.7-1 .4l-2.6-1.9-1.3 1.2c-.1.1-.3.3-.6.3l.2-2.7 4.8-4.4c.2-.2 0-.3-.3-.1l-6 3.8-2.6-.8c-.6-.2-.6-.6.1-.8l10.1-3.9c.5-.2.9.1.8 1.2z`,
	discord:
		"M19.6 5.2A16.5 16.5 0 0 0 15.5 4l-.5 1a15.3 15.3 0 0 0-6 0l-.5-1a16.5 16.5 0 0 0-4.1 1.2C1.8 9.1 1.1 12.9 1.4 16.7a16.6 16.6 0 0 0 5.1 2.6l1-1.7a10.7 10.7 0 0 1-1.7-.8l.4-.3a11.8 11.8 0 0 0 11.6 0l.4.3-1.7.8 1 1.7a16.6 16.6 0 0 0 5.1-2.6c.4-4.4-.7-8.2-3-11.5zM8.5 14.4c-1 0-1.8-.9-1.8-2s.8-2.1 1.8-2.1 1.8.9 1.8 2.1-.8 2-1.8 2zm7 0c-1 0-1.8-.9-1.8-2s.8-2.1 1.8-2.1 1.8.9 1.8 2.1-.8 2-1.8 2z",
	website: `${CIRCLE}m6.9 9h-3a15 15 0 0 0-1.3-6 8 8 0 0 1 4.3 6zM12 4c.9 1.2 1.8 3.6 2 7h-4c.2-3.4 1.1-5.8 2-7zM9.4 5a15 15 0 0 0-1.3 6h-3a8 8 0 0 1 4.3-6zm-4.3 8h3a15 15 0 0 0 1.3 6 8 8 0 0 1-4.3-6zm6.9 7c-.9-1.2-1.8-3.6-2-7h4c-.2 3.4-1.1 5.8-2 7zm2.6-1a15 15 0 0 0 1.3-6h3a8 8 0 0 1-4.3 6z`,
	email:
		"M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2.4V17h16V7.4l-8 5.3zM5.5 7l6.5 4.3L18.5 7z",
};

/**
 * The icons' rules, part of the page's one stylesheet: 24 px glyphs in 40 px targets (WCAG 2.2
 * target size), in the theme's accent colour; `.top` when the row sits above the links.
 */
export const SOCIALS_CSS =
	".socials{list-style:none;padding:0;margin:1.75rem 0 0;display:flex;flex-wrap:wrap;justify-content:center;gap:.25rem .5rem}.socials.top{margin:0 0 1.75rem}.socials a{display:flex;padding:.5rem;border-radius:50%}.socials a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}.socials svg{width:24px;height:24px;fill:currentColor;fill-rule:evenodd}.socials span{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}";

/** The row of social icons, or nothing when the profile has none. */
export function Socials({
	profile,
	lang,
	label,
	placement,
}: {
	profile: Pick<Profile, "socials">;
	lang: Locale;
	/** The list's accessible name ("Social media" / "Soziale Medien"). */
	label: string;
	placement: "top" | "bottom";
}) {
	if (profile.socials.length === 0) return null;
	return (
		<ul class={placement === "top" ? "socials top" : "socials"} aria-label={label}>
			{profile.socials.map((s) => (
				<li>
					<a href={s.url} rel="me noopener noreferrer">
						<svg viewBox="0 0 24 24" aria-hidden="true">
							<path d={ICONS[s.network]} />
						</svg>
						<span>{socialNetworkLabel(s.network, lang)}</span>
					</a>
				</li>
			))}
		</ul>
	);
}
