/**
 * What changed in each published version (issue 19 item 8, review L6: the history showed only a
 * number and a date): the number of items it published, and the items added and removed since
 * the version before it, by item id, named by their titles then. Read from each version's stored
 * render input (`r2Keys.pageSource`); a version stored before issue 18 has none and gets no
 * summary, nor does the one after it (nothing to compare with), nor the oldest one kept.
 */
import type { PageVersion } from "@smartpages/contracts";
import { r2Keys } from "@smartpages/contracts/r2";

interface StoredItem {
	id: string;
	title: string;
}

/** The items of a stored render input, or null when there is none or it is unreadable. */
async function storedItems(bucket: R2Bucket, versionKey: string): Promise<StoredItem[] | null> {
	const object = await bucket.get(r2Keys.pageSource(versionKey));
	if (!object) return null;
	let value: unknown;
	try {
		value = JSON.parse(await object.text());
	} catch {
		return null;
	}
	if (typeof value !== "object" || value === null) return null;
	const links = (value as { links?: unknown }).links;
	if (!Array.isArray(links)) return null;
	const items: StoredItem[] = [];
	for (const item of links) {
		if (typeof item !== "object" || item === null) continue;
		const { id, title } = item as Record<string, unknown>;
		if (typeof id === "string" && typeof title === "string") items.push({ id, title });
	}
	return items;
}

/** The change from `before` to `after`: titles of added and of removed items, in page order. */
export function itemChanges(
	before: readonly StoredItem[],
	after: readonly StoredItem[],
): { added: string[]; removed: string[] } {
	const had = new Set(before.map((item) => item.id));
	const has = new Set(after.map((item) => item.id));
	return {
		added: after.filter((item) => !had.has(item.id)).map((item) => item.title),
		removed: before.filter((item) => !has.has(item.id)).map((item) => item.title),
	};
}

/** The versions (newest first, as listed) with their item count and changes where known. */
export async function withChanges(
	bucket: R2Bucket,
	versions: readonly (PageVersion & { key: string })[],
): Promise<PageVersion[]> {
	const items = await Promise.all(versions.map((v) => storedItems(bucket, v.key)));
	return versions.map(({ version, publishedAt }, i) => {
		const own = items[i];
		const previous = items[i + 1];
		return {
			version,
			publishedAt,
			...(own ? { items: own.length } : {}),
			...(own && previous ? { changes: itemChanges(previous, own) } : {}),
		};
	});
}
