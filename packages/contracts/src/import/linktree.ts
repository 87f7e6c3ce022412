/**
 * Linktree profile pages (`https://linktr.ee/{name}`): a Next.js page whose data sits as JSON in
 * `<script id="__NEXT_DATA__" type="application/json">`. The profile is `props.pageProps.account`
 * (`pageTitle` or `displayName`, `username`, `description`), its blocks `props.pageProps.links` (older pages:
 * `account.links`), each `{type, title, url, position}`: `HEADER` blocks become section headers,
 * every other block with an address a link; social icons (`socialLinks`) are listed as dropped —
 * they belong in the profile's social icons, not among the links. Nothing in the page is run.
 */
import { Collector, type ParsedImport } from "./candidate";

export class ImportFormatError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === "object" && value !== null && !Array.isArray(value);

const NEXT_DATA = /<script\b[^>]*\bid\s*=\s*["']?__NEXT_DATA__["']?[^>]*>([\s\S]*?)<\/script\s*>/i;

/** Reads a Linktree page; throws ImportFormatError when it carries no Linktree profile data. */
export function parseLinktree(html: string): ParsedImport {
	const json = NEXT_DATA.exec(html)?.[1];
	if (json === undefined) throw new ImportFormatError("this page has no Linktree profile data");
	let data: unknown;
	try {
		data = JSON.parse(json);
	} catch {
		throw new ImportFormatError("this page's Linktree data is not readable");
	}
	const props = isRecord(data) && isRecord(data.props) ? data.props : {};
	const pageProps = isRecord(props.pageProps) ? props.pageProps : {};
	const account = isRecord(pageProps.account) ? pageProps.account : {};
	const blocks = Array.isArray(pageProps.links)
		? pageProps.links
		: Array.isArray(account.links)
			? account.links
			: null;
	if (!blocks) throw new ImportFormatError("this page has no Linktree links");

	const collector = new Collector("linktree");
	const username = typeof account.username === "string" ? account.username : "";
	const page = collector.page({
		title: account.pageTitle || account.displayName || (username ? `@${username}` : "Linktree"),
		description: account.description,
	});
	if (!page) return collector.result();
	const ordered = blocks
		.filter(isRecord)
		.map((block, index) => ({ block, index }))
		.sort((a, b) => order(a.block, a.index) - order(b.block, b.index));
	for (const { block } of ordered) {
		const type = typeof block.type === "string" ? block.type.toUpperCase() : "CLASSIC";
		if (type === "HEADER") {
			collector.item(page, { kind: "header", title: block.title });
		} else if (typeof block.url === "string" && block.url.trim() !== "") {
			collector.item(page, { title: block.title, url: block.url });
		} else {
			collector.drop(
				typeof block.title === "string" ? block.title : type,
				undefined,
				`a Linktree ${type.toLowerCase()} block without an address`,
			);
		}
	}
	const socials = Array.isArray(pageProps.socialLinks)
		? pageProps.socialLinks
		: Array.isArray(account.socialLinks)
			? account.socialLinks
			: [];
	for (const social of socials.filter(isRecord)) {
		collector.drop(
			typeof social.type === "string" ? social.type.toLowerCase() : "social icon",
			typeof social.url === "string" ? social.url : undefined,
			"a social icon: add it under Profile → Social icons",
		);
	}
	return collector.result();
}

/** A block's place: its `position` when it has one, else its place in the list. */
function order(block: Record<string, unknown>, index: number): number {
	return typeof block.position === "number" && Number.isFinite(block.position)
		? block.position
		: index;
}
