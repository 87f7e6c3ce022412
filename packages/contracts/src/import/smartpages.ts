/**
 * SmartPages' own export files (`GET /me/export`, docs/export.md) as an import: every page of the
 * file becomes a draft page with its items (title, description, theme, design, slug; each item's
 * kind, title, address, enabled, highlight and schedule), the home page first so that it stays
 * the home page of an empty account. Not imported: images (their bytes are not in the file),
 * statistics, domains, the profile and the account itself.
 */
import { Collector, type ParsedImport } from "./candidate";
import { EXPORT_VERSION, importDocumentSchema } from "./document";
import { ImportFormatError } from "./linktree";

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** Reads an export file's text; throws ImportFormatError when it is no SmartPages export. */
export function parseSmartPagesExport(content: string): ParsedImport {
	let value: unknown;
	try {
		value = JSON.parse(content.replace(/^\ufeff/, ""));
	} catch {
		throw new ImportFormatError("is not a SmartPages export (not JSON)");
	}
	const doc = importDocumentSchema.safeParse(value);
	if (!doc.success) {
		const issue = doc.error.issues[0];
		const where = issue?.path.map(String).join(".") || "the file";
		throw new ImportFormatError(
			`is not a SmartPages export (${where} ${issue?.message ?? "is not valid"})`,
		);
	}
	const version = doc.data.version ?? 1;
	if (version > EXPORT_VERSION) {
		throw new ImportFormatError(
			`was written by a newer SmartPages (format version ${version}); this one reads version ${EXPORT_VERSION}`,
		);
	}
	const collector = new Collector("smartpages");
	// The home page first: in an empty account the first page created becomes the home page.
	const rows = doc.data.pages
		.map((row, index) => ({ row, index }))
		.sort(
			(a, b) => Number(b.row.isHome === true) - Number(a.row.isHome === true) || a.index - b.index,
		);
	const itemsOf = new Map<string, Record<string, unknown>[]>();
	for (const link of doc.data.links) {
		const pageId = text(link.pageId);
		const list = itemsOf.get(pageId) ?? [];
		list.push(link);
		itemsOf.set(pageId, list);
	}
	for (const { row } of rows) {
		const page = collector.page({
			title: row.title,
			description: row.description,
			slug: row.slug,
			theme: row.theme,
			design: row.design,
		});
		if (!page) continue;
		const items = (itemsOf.get(text(row.id)) ?? [])
			.map((item, index) => ({ item, index }))
			.sort((a, b) => position(a.item, a.index) - position(b.item, b.index));
		for (const { item } of items) {
			if (typeof item.thumbnailKey === "string" && item.thumbnailKey !== "") {
				collector.drop(
					text(item.title),
					undefined,
					"its thumbnail is not imported (upload it again)",
				);
			}
			collector.item(page, {
				kind: item.kind === "header" ? "header" : "link",
				title: item.title,
				url: item.url,
				enabled: item.enabled,
				highlight: item.highlight,
				startsAt: item.startsAt,
				endsAt: item.endsAt,
			});
		}
		if (typeof row.backgroundKey === "string" && row.backgroundKey !== "") {
			collector.drop(
				`${page.title}: background image`,
				undefined,
				"images are not imported (upload it again)",
			);
		}
	}
	const known = new Set(doc.data.pages.map((row) => text(row.id)));
	for (const [pageId, items] of itemsOf) {
		if (known.has(pageId)) continue;
		for (const item of items)
			collector.drop(
				text(item.title),
				text(item.url) || undefined,
				"belongs to no page of the file",
			);
	}
	return collector.result();
}

function position(item: Record<string, unknown>, index: number): number {
	return typeof item.position === "number" && Number.isFinite(item.position)
		? item.position
		: index;
}
