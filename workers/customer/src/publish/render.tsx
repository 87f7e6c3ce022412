/**
 * Renders a page to one static HTML document with Hono's JSX, which escapes every string by
 * construction: no JavaScript, one inline stylesheet (its hash goes into the CSP), landmarks,
 * one h1, Open Graph and Twitter tags. Preview and publish both call this, so the preview is
 * exactly what gets published. The SmartPages badge is added at delivery (see contracts/branding).
 * Links point to `/_l/{linkId}` on the page's own host (issue 17): the Domain Worker counts the
 * click and redirects to the URL in the version's link map, which this renderer returns with the
 * HTML so the two always name the same links. Social links stay direct (`rel="me"`), and so do
 * all links in the dashboard's preview (`linkHref: "direct"`), the one way it differs.
 */
/** @jsxImportSource hono/jsx */
import {
	type Design,
	type Locale,
	type Profile,
	type PublishedLinks,
	THEME_DESIGNS,
	type Theme,
} from "@smartpages/contracts";
import { monogramDataUrl } from "./favicon";
import { ItemList, itemsCss, publishedLinks, type RenderItem, shownItems } from "./items";
import { LegalLinks } from "./legal";
import { Socials } from "./socials";
import { stylesheet } from "./themes";

export interface RenderInput {
	lang: Locale;
	page: {
		title: string;
		description: string;
		theme: Theme;
		/** Issue 18: the page's design (its theme's preset when absent). */
		design?: Design;
		/** Issue 18: absolute URL of the background image on the account's subdomain, if any. */
		backgroundUrl?: string;
	};
	profile: Pick<Profile, "displayName" | "bio" | "socials" | "imprint" | "privacyUrl" | "handle"> &
		Partial<Pick<Profile, "socialsPlacement" | "legal">> & {
			/**
			 * Absolute URL of the avatar on the account's subdomain, if any: the same document is shown
			 * on the subdomain, on custom domains and as the dashboard's preview (another origin), and
			 * the image must load in each.
			 */
			avatarUrl?: string;
		};
	/** The page's items (issue 18: links and section headers, see items.tsx); a
	 * `thumbnailUrl`, when set, is absolute (on the account's subdomain, like the avatar). */
	links: RenderItem[];
	/** Canonical public URL of this page. */
	canonicalUrl: string;
	/**
	 * Where link hrefs point: "counted" (the default, what is published) is `/_l/{linkId}` on the
	 * page's host; "direct" is the link's URL, for the dashboard's preview, whose relative
	 * `/_l/` hrefs would resolve against the dashboard. Nothing else differs.
	 */
	linkHref?: "counted" | "direct";
}

export interface RenderedPage {
	html: string;
	/** CSP source for the inline stylesheet, e.g. "sha256-…". */
	styleHash: string;
	/** Link id → URL of every link the HTML shows: what `/_l/{linkId}` may redirect to. */
	links: PublishedLinks;
}

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

/** The avatar (loaded for the header anyway), else a monogram in the page's colours. */
function faviconHref(input: RenderInput, name: string): string {
	if (input.profile.avatarUrl) return input.profile.avatarUrl;
	const design = input.page.design ?? THEME_DESIGNS[input.page.theme];
	return monogramDataUrl(name, input.lang, { tile: design.text, letter: design.background });
}

export async function cspHash(css: string): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css));
	return `sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
}

function Document({ input, css, now }: { input: RenderInput; css: string; now: number }) {
	const { page, profile, lang } = input;
	const t = TEXT[lang];
	const name = profile.displayName || page.title;
	const description = page.description || profile.bio || `${name} · SmartPages`;
	const links = shownItems(input.links, now);
	// A structured Impressum (issue 18.5) replaces the free-text one and the privacy URL.
	const hasFooter = profile.legal || profile.imprint || profile.privacyUrl;
	const placement = profile.socialsPlacement ?? "bottom";
	const socials = <Socials profile={profile} lang={lang} label={t.social} placement={placement} />;
	return (
		<html lang={lang}>
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width,initial-scale=1" />
				<title>{page.title}</title>
				<meta name="description" content={description} />
				<link rel="canonical" href={input.canonicalUrl} />
				<meta property="og:type" content="profile" />
				<meta property="og:title" content={page.title} />
				<meta property="og:description" content={description} />
				<meta property="og:url" content={input.canonicalUrl} />
				{profile.avatarUrl ? <meta property="og:image" content={profile.avatarUrl} /> : null}
				{profile.avatarUrl ? <meta property="og:image:alt" content={name} /> : null}
				<meta name="twitter:card" content="summary" />
				<meta name="twitter:title" content={page.title} />
				<meta name="twitter:description" content={description} />
				<link rel="icon" href={faviconHref(input, name)} />
				{/* Our own stylesheet, never user input; its hash is pinned in the CSP. */}
				<style dangerouslySetInnerHTML={{ __html: css }} />
			</head>
			<body>
				<main>
					<header>
						{profile.avatarUrl ? (
							<img class="avatar" src={profile.avatarUrl} alt={name} width="96" height="96" />
						) : null}
						<h1>{name}</h1>
						{profile.bio ? <p class="bio">{profile.bio}</p> : null}
					</header>
					{placement === "top" ? socials : null}
					<nav aria-label={t.links}>
						<ItemList items={links} direct={input.linkHref === "direct"} />
					</nav>
					{placement === "bottom" ? socials : null}
				</main>
				{hasFooter ? (
					<footer>
						{profile.legal ? <LegalLinks lang={lang} /> : null}
						{profile.imprint && !profile.legal ? (
							<details>
								<summary>{t.imprint}</summary>
								<p class="imprint">{profile.imprint}</p>
							</details>
						) : null}
						{profile.privacyUrl && !profile.legal ? (
							<p>
								<a href={profile.privacyUrl} rel="noopener noreferrer">
									{t.privacy}
								</a>
							</p>
						) : null}
					</footer>
				) : null}
			</body>
		</html>
	);
}

/** Renders the page as a visitor sees it at `now` (the schedule windows of its items). */
export async function renderPage(
	input: RenderInput,
	now: number = Date.now(),
): Promise<RenderedPage> {
	const css =
		stylesheet(input.page.theme, {
			design: input.page.design,
			backgroundUrl: input.page.backgroundUrl,
		}) + itemsCss(shownItems(input.links, now));
	const body = await (<Document input={input} css={css} now={now} />).toString();
	const links = publishedLinks(input.links, now);
	return { html: `<!doctype html>${body}`, styleHash: await cspHash(css), links };
}
