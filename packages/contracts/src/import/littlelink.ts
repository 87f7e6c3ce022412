/**
 * LittleLink and LinkStack-style pages: plain HTML where every link is an `<a>` with the class
 * `button` (`class="button button-github"`), the name in `<h1>` and the bio in the first `<p>`.
 * Read with patterns, not a DOM (Core has none, and nothing here may run): scripts, styles,
 * templates and comments are removed first, so an anchor inside them is never taken for a link.
 * LinkStack's own redirects (`/going/{id}?{target}`) are unwrapped to their target when it is
 * an address.
 */
import { Collector, type ParsedImport } from "./candidate";
import { ImportFormatError } from "./linktree";
import { decodeEntities, textOf } from "./text";

const INERT = /<!--[\s\S]*?-->|<(script|style|template|noscript|iframe|svg)\b[\s\S]*?<\/\1\s*>/gi;
const ANCHOR = /<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi;

/** An attribute's decoded value from a tag's attribute text, or undefined. */
function attribute(attributes: string, name: string): string | undefined {
	const match = new RegExp(
		`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`,
		"i",
	).exec(attributes);
	if (!match) return undefined;
	return decodeEntities(match[1] ?? match[2] ?? match[3] ?? "");
}

/** LinkStack's `…/going/{id}?{target}`: the target, when it is an address. */
function unwrapRedirect(href: string): string {
	const match = /^https:\/\/[^/]+\/going\/\d+\?(.+)$/.exec(href);
	if (!match?.[1]) return href;
	let target = match[1];
	try {
		target = decodeURIComponent(target);
	} catch {
		return href;
	}
	return /^https?:\/\//i.test(target) ? target : href;
}

/** Reads a LittleLink-style page; throws ImportFormatError when it has no button links. */
export function parseLittleLink(html: string, base: string): ParsedImport {
	const body = html.replace(INERT, " ");
	const collector = new Collector("littlelink");
	const name = /<h1\b[^>]*>([\s\S]*?)<\/h1\s*>/i.exec(body)?.[1];
	const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(body)?.[1];
	const bio = /<p\b[^>]*>([\s\S]*?)<\/p\s*>/i.exec(body)?.[1];
	const page = collector.page({
		title: textOf(name ?? title ?? ""),
		description: bio !== undefined ? textOf(bio) : "",
	});
	if (!page) return collector.result();
	let buttons = 0;
	for (const match of body.matchAll(ANCHOR)) {
		const attributes = match[1] ?? "";
		const classes = (attribute(attributes, "class") ?? "").toLowerCase().split(/\s+/);
		if (!classes.includes("button")) continue;
		buttons++;
		const text =
			textOf(match[2] ?? "") ||
			(attribute(attributes, "aria-label") ?? attribute(attributes, "title") ?? "");
		const href = (attribute(attributes, "href") ?? "").trim();
		if (href === "" || href.startsWith("#")) {
			collector.drop(text || "(no title)", undefined, "a button that leads nowhere");
			continue;
		}
		// Relative addresses belong to the page's own site.
		let url = href;
		if (href && !/^[a-z][a-z0-9+.-]*:/i.test(href)) {
			try {
				url = new URL(href, base).href;
			} catch {
				url = href;
			}
		}
		collector.item(page, { title: text, url: unwrapRedirect(url) });
	}
	if (buttons === 0) throw new ImportFormatError("this page has no LittleLink-style button links");
	return collector.result();
}
