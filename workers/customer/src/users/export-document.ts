/**
 * The account export as a document for people (issue 19, review L15; shape in docs/export.md):
 * the stored rows turned readable — camelCase field names, JSON columns as nested JSON (never a
 * JSON string inside JSON), SQLite's 0/1 flags as true/false, and every stored image beside its
 * key as the public address it is served at. Generic over the columns, so a table's new column
 * appears in the export without a change here (camelCased; listed below if it is JSON, a flag or
 * an image).
 */

/** Columns that hold JSON text (profiles.socials and legal, pages.design, users.attribution). */
const JSON_COLUMNS = new Set(["socials", "legal", "design", "attribution"]);

/** Columns that hold SQLite booleans. */
const FLAG_COLUMNS = new Set([
	"is_home",
	"enabled",
	"highlight",
	"suspended",
	"cancel_at_period_end",
]);

/** Columns naming an image of the site (an asset key), and the field its address goes into. */
const ASSET_COLUMNS: Record<string, string> = {
	avatar_key: "avatarUrl",
	background_key: "backgroundUrl",
	thumbnail_key: "thumbnailUrl",
};

/** `snake_case` → `camelCase`. */
export function camelCase(name: string): string {
	return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function parsedJson(value: unknown): unknown {
	if (typeof value !== "string") return value;
	try {
		return JSON.parse(value);
	} catch {
		// Not JSON after all (never written so): kept as the text it is.
		return value;
	}
}

/**
 * One stored row, readable. `assetUrl` turns an asset key into its public address (the site's
 * `/_assets/{key}`); without a site (no profile) images keep their key only.
 */
export function readableRow(
	row: Record<string, unknown>,
	assetUrl: ((key: string) => string) | null,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [column, value] of Object.entries(row)) {
		const field = camelCase(column);
		if (JSON_COLUMNS.has(column)) out[field] = parsedJson(value);
		else if (FLAG_COLUMNS.has(column) && (value === 0 || value === 1)) out[field] = value === 1;
		else out[field] = value;
		const urlField = ASSET_COLUMNS[column];
		if (urlField && assetUrl && typeof value === "string" && value !== "") {
			out[urlField] = assetUrl(value);
		}
	}
	return out;
}

/** Every row of a result, readable. */
export function readableRows(
	rows: readonly Record<string, unknown>[],
	assetUrl: ((key: string) => string) | null,
): Record<string, unknown>[] {
	return rows.map((row) => readableRow(row, assetUrl));
}
