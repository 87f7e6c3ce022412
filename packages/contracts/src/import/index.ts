/**
 * Import from other link-in-bio services and from SmartPages' own export (issue 21): pure parsers
 * over text (no I/O), the address allow-list Core checks before it fetches, and the cut to the
 * plan. Core does the fetching (it is the gateway; the Customer Worker has no outbound need) and
 * hands the Customer Worker only checked pages and items.
 */
import type { ParsedImport } from "./candidate";
import { parseCsv } from "./csv";
import { parseLinktree } from "./linktree";
import { parseLittleLink } from "./littlelink";
import { parseSmartPagesExport } from "./smartpages";

export * from "./candidate";
export { csvRows, parseCsv } from "./csv";
export * from "./document";
export * from "./hosts";
export { ImportFormatError, parseLinktree } from "./linktree";
export { parseLittleLink } from "./littlelink";
export { parseSmartPagesExport } from "./smartpages";
export { cleanLine, decodeEntities, shorten, textOf } from "./text";

/** A fetched profile page, read by the parser its host needs. */
export function parseProfilePage(
	parser: "linktree" | "littlelink",
	html: string,
	pageUrl: string,
): ParsedImport {
	return parser === "linktree" ? parseLinktree(html) : parseLittleLink(html, pageUrl);
}

/** An uploaded or pasted file. */
export function parseImportFile(
	source: "csv" | "smartpages",
	content: string,
	title?: string,
): ParsedImport {
	return source === "csv" ? parseCsv(content, title) : parseSmartPagesExport(content);
}
