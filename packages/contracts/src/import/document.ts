/**
 * The SmartPages export format (docs/export.md) as far as an import reads it: the document's
 * `format` and `version`, and the fields of its `pages` and `links` rows that make a page. One
 * definition for both directions: the export's contract (`accountExportResource`) types its rows
 * with these schemas, and the SmartPages importer (./smartpages) reads files with them. Rows are
 * loose objects: the export carries every stored column and grows with the tables.
 */
import * as z from "zod";

/** What `format` says in every export; a file without it is read as version 1 (issue 19's). */
export const EXPORT_FORMAT = "smartpages-export";
/**
 * The version of the document's shape. Raised when a field an import reads changes meaning;
 * added fields do not raise it. An import refuses versions newer than it knows.
 */
export const EXPORT_VERSION = 1;

/** A page row of the export (the `pages` table, camelCase, JSON nested, flags as booleans). */
export const exportPageRow = z.looseObject({
	id: z.string(),
	slug: z.string(),
	title: z.string(),
	description: z.string(),
	theme: z.string(),
	/** The page's own design (without `backgroundImage`), or null for its theme's preset. */
	design: z.unknown(),
	isHome: z.boolean(),
	status: z.string(),
});
export type ExportPageRow = z.infer<typeof exportPageRow>;

/** A link row of the export (the `links` table): an item of the page `pageId`. */
export const exportLinkRow = z.looseObject({
	id: z.string(),
	pageId: z.string(),
	kind: z.string(),
	title: z.string(),
	/** "" for a header. */
	url: z.string(),
	enabled: z.boolean(),
	highlight: z.boolean(),
	position: z.number(),
	startsAt: z.string().nullable(),
	endsAt: z.string().nullable(),
});
export type ExportLinkRow = z.infer<typeof exportLinkRow>;

/**
 * What an import needs of a file: the format marker and version (optional: issue 19's exports
 * had neither), and the pages and links as rows whose fields are checked one by one later (a bad
 * row is dropped with its reason, not the whole file refused).
 */
export const importDocumentSchema = z.looseObject({
	format: z.literal(EXPORT_FORMAT, { error: `must be "${EXPORT_FORMAT}"` }).optional(),
	version: z.number({ error: "must be a number" }).int().positive().optional(),
	pages: z.array(z.record(z.string(), z.unknown()), { error: "must be a list of pages" }),
	links: z.array(z.record(z.string(), z.unknown()), { error: "must be a list of links" }),
});
