/**
 * What an import brings, whatever its source: pages with their items, checked by the very schemas
 * the pages and links routes validate with (`createLinkBody`, `patchPageBody`), plus an account of
 * what was left out and why. Each parser (./linktree, ./littlelink, ./csv, ./smartpages) feeds raw
 * values into a `Collector`; `fitToPlan` then cuts the result to what the account's plan still
 * allows. Refusing one bad item never refuses the whole import: it is dropped with its reason.
 */
import { type DesignInput, designSchema } from "../design";
import type { PlanId } from "../plans";
import { slugSchema } from "../schemas/handle";
import { createLinkBody, type LinkKind } from "../schemas/pages";
import { type Theme, themeSchema } from "../schemas/profile";
import { textSchema } from "../schemas/text";
import { cleanLine, shorten } from "./text";

export const IMPORT_SOURCES = ["linktree", "littlelink", "csv", "smartpages"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** Items read from one page of a source; beyond it they are counted, not kept (10,000 links). */
export const IMPORT_MAX_ITEMS = 1000;
/** Pages read from one SmartPages export. */
export const IMPORT_MAX_PAGES = 100;
/** Dropped items listed one by one; `droppedTotal` counts them all. */
export const IMPORT_MAX_DROPPED_LISTED = 50;
/** A page's or file's size Core reads at most (fetched HTML, pasted CSV or export text). */
export const IMPORT_MAX_BYTES = 1024 * 1024;

const TITLE_MAX = 100;
const DESCRIPTION_MAX = 300;

/** One item to be created, exactly as `POST /pages/:id/links` would store it. */
export interface ImportItem {
	kind: LinkKind;
	title: string;
	url?: string;
	enabled: boolean;
	highlight: boolean;
	startsAt: string | null;
	endsAt: string | null;
}

/** One page to be created as a draft. */
export interface ImportPage {
	title: string;
	description: string;
	/** Kept from a SmartPages export when still free in the account; else made from the title. */
	slug?: string;
	theme?: Theme;
	design?: Omit<DesignInput, "backgroundImage">;
	links: ImportItem[];
}

/** Something of the source that is not imported, and why (in English, like every API message). */
export interface DroppedItem {
	title: string;
	url?: string;
	reason: string;
}

export interface ParsedImport {
	source: ImportSource;
	pages: ImportPage[];
	dropped: DroppedItem[];
	droppedTotal: number;
	/** Titles and descriptions cut to their field's length. */
	shortened: number;
	/** Beyond the importer's own caps (IMPORT_MAX_ITEMS a page, IMPORT_MAX_PAGES). */
	overflow: { pages: number; links: number };
}

/** Raw values of one item as a source has them; anything may be missing or hostile. */
export interface RawItem {
	kind?: unknown;
	title?: unknown;
	url?: unknown;
	enabled?: unknown;
	highlight?: unknown;
	startsAt?: unknown;
	endsAt?: unknown;
}

/** Raw values of one page. */
export interface RawPage {
	title?: unknown;
	description?: unknown;
	slug?: unknown;
	theme?: unknown;
	design?: unknown;
}

const str = (value: unknown): string => (typeof value === "string" ? value : "");

/** The host of an address, as a title for a link that has none. */
function hostOf(url: string): string {
	try {
		return new URL(url).hostname.replace(/^www\./, "") || url;
	} catch {
		return url;
	}
}

/** A short form of a value for the dropped list (hostile strings can be huge). */
function brief(value: string): string {
	return shorten(cleanLine(value), 120).text;
}

/** Collects the pages of one source, and what was dropped, shortened or over the caps. */
export class Collector {
	readonly pages: ImportPage[] = [];
	readonly dropped: DroppedItem[] = [];
	droppedTotal = 0;
	shortened = 0;
	overflow = { pages: 0, links: 0 };

	readonly source: ImportSource;

	constructor(source: ImportSource) {
		this.source = source;
	}

	drop(title: string, url: string | undefined, reason: string): void {
		this.droppedTotal++;
		if (this.dropped.length >= IMPORT_MAX_DROPPED_LISTED) return;
		this.dropped.push({ title: brief(title), ...(url ? { url: brief(url) } : {}), reason });
	}

	#line(value: unknown, max: number): string {
		const { text, shortened } = shorten(cleanLine(str(value)), max);
		if (shortened) this.shortened++;
		return text;
	}

	/** Adds a page (over IMPORT_MAX_PAGES it is counted, not kept); null when not kept. */
	page(raw: RawPage): ImportPage | null {
		if (this.pages.length >= IMPORT_MAX_PAGES) {
			this.overflow.pages++;
			return null;
		}
		const title = this.#line(raw.title, TITLE_MAX) || "Imported links";
		const description = textSchema(DESCRIPTION_MAX).safeParse(
			this.#line(raw.description, DESCRIPTION_MAX),
		);
		const page: ImportPage = {
			title,
			description: description.success ? description.data : "",
			links: [],
		};
		const slug = slugSchema.safeParse(raw.slug);
		if (slug.success) page.slug = slug.data;
		const theme = themeSchema.safeParse(raw.theme);
		if (theme.success) page.theme = theme.data;
		if (raw.design !== undefined && raw.design !== null) {
			const design = designSchema.safeParse(raw.design);
			if (design.success) {
				const { backgroundImage: _uploadedSeparately, ...rest } = design.data;
				page.design = rest;
			} else {
				this.drop(
					`${title}: design`,
					undefined,
					`the page's design is not valid (${firstIssue(design.error)}); the theme's colours are used`,
				);
			}
		}
		this.pages.push(page);
		return page;
	}

	/** Adds an item to `page` if the link routes would accept it; else records why not. */
	item(page: ImportPage, raw: RawItem): void {
		if (page.links.length >= IMPORT_MAX_ITEMS) {
			this.overflow.links++;
			return;
		}
		const kind: LinkKind = raw.kind === "header" ? "header" : "link";
		const url = kind === "link" ? str(raw.url).trim() : undefined;
		let title = this.#line(raw.title, TITLE_MAX);
		if (!title && url) title = this.#line(hostOf(url), TITLE_MAX);
		if (!title) {
			this.drop(
				"(no title)",
				url,
				kind === "header" ? "a heading without text" : "a link without a title or address",
			);
			return;
		}
		const parsed = createLinkBody.safeParse({
			kind,
			title,
			...(kind === "link" ? { url } : {}),
			enabled: raw.enabled !== false,
			highlight: raw.highlight === true && kind === "link",
			startsAt: typeof raw.startsAt === "string" ? raw.startsAt : null,
			endsAt: typeof raw.endsAt === "string" ? raw.endsAt : null,
		});
		if (!parsed.success) {
			this.drop(title, url, firstIssue(parsed.error));
			return;
		}
		const item = parsed.data;
		// One highlighted item a page (as the links routes keep it): the first one keeps it.
		const highlight = item.highlight === true && !page.links.some((l) => l.highlight);
		page.links.push({
			kind: item.kind ?? "link",
			title: item.title,
			...(item.url !== undefined ? { url: item.url } : {}),
			enabled: item.enabled !== false,
			highlight,
			startsAt: item.startsAt ?? null,
			endsAt: item.endsAt ?? null,
		});
	}

	result(): ParsedImport {
		return {
			source: this.source,
			pages: this.pages,
			dropped: this.dropped,
			droppedTotal: this.droppedTotal,
			shortened: this.shortened,
			overflow: this.overflow,
		};
	}
}

/** The first issue of a refusal, as "field: reason" in the words the routes use. */
function firstIssue(error: {
	issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): string {
	const issue = error.issues[0];
	if (!issue) return "is not valid";
	const field = issue.path.map(String).join(".");
	if (field === "url") return `the address ${issue.message}`;
	return field ? `${field} ${issue.message}` : issue.message;
}

// ── the plan ──────────────────────────────────────────────────────────────────────────────────

export interface ImportLimits {
	plan: PlanId;
	maxPages: number;
	maxLinksPerPage: number;
	/** Pages the account has now. */
	existingPages: number;
}

/** What the plan cut off: pages not created, items not added (the importer's own caps included). */
export interface ImportTrimmed {
	pages: number;
	links: number;
	plan: PlanId;
	maxPages: number;
	maxLinksPerPage: number;
}

/**
 * The import cut to the plan: as many pages as the account may still create, each with as many
 * items as a page may have, in the source's order; everything cut is counted in `trimmed`.
 */
export function fitToPlan(
	parsed: ParsedImport,
	limits: ImportLimits,
): { pages: ImportPage[]; trimmed: ImportTrimmed } {
	const room = Math.max(0, limits.maxPages - limits.existingPages);
	const kept = parsed.pages.slice(0, room);
	let links = parsed.overflow.links;
	for (const page of parsed.pages.slice(room)) links += page.links.length;
	const pages = kept.map((page) => {
		links += Math.max(0, page.links.length - limits.maxLinksPerPage);
		return { ...page, links: page.links.slice(0, limits.maxLinksPerPage) };
	});
	return {
		pages,
		trimmed: {
			pages: parsed.pages.length - kept.length + parsed.overflow.pages,
			links,
			plan: limits.plan,
			maxPages: limits.maxPages,
			maxLinksPerPage: limits.maxLinksPerPage,
		},
	};
}
