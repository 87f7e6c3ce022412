/**
 * CSV files of links: `title,url` with a header row (a file without one is read as title, url),
 * quoted fields with "" escapes and line breaks, a UTF-8 byte order mark, and `;` or tab as the
 * separator (what spreadsheet programs in German write). Columns are found by their header names
 * (title/name/titel, url/link/href/adresse/address) in any order; other columns are ignored.
 */
import { Collector, type ParsedImport } from "./candidate";

/** The rows of a CSV text (RFC 4180, tolerant: a stray quote inside a field is kept as text). */
export function csvRows(text: string, separator: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = "";
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else field += ch;
		} else if (ch === '"' && field.trim() === "") {
			field = "";
			quoted = true;
		} else if (ch === separator) {
			row.push(field);
			field = "";
		} else if (ch === "\n" || ch === "\r") {
			if (ch === "\r" && text[i + 1] === "\n") i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = "";
		} else field += ch;
	}
	if (field !== "" || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

/** The separator of the first line: the most frequent of `,`, `;` and tab outside quotes. */
function separatorOf(text: string): string {
	const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
	const unquoted = firstLine.replace(/"[^"]*"/g, "");
	const counts = [",", ";", "\t"].map((s) => [s, unquoted.split(s).length - 1] as const);
	const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
	return best[1] > 0 ? best[0] : ",";
}

const TITLE_NAMES = new Set(["title", "name", "titel", "label", "text", "bezeichnung"]);
const URL_NAMES = new Set(["url", "link", "href", "adresse", "address", "ziel"]);

/** Reads a CSV file of links into one page named `pageTitle`. */
export function parseCsv(text: string, pageTitle = "Imported links"): ParsedImport {
	const collector = new Collector("csv");
	const body = text.replace(/^\ufeff/, "");
	const rows = csvRows(body, separatorOf(body));
	const page = collector.page({ title: pageTitle });
	if (!page) return collector.result();
	let titleAt = 0;
	let urlAt = 1;
	const header = rows[0]?.map((f) => f.trim().toLowerCase());
	if (header?.some((f) => TITLE_NAMES.has(f) || URL_NAMES.has(f))) {
		rows.shift();
		titleAt = header.findIndex((f) => TITLE_NAMES.has(f));
		urlAt = header.findIndex((f) => URL_NAMES.has(f));
	}
	for (const row of rows) {
		const url = urlAt >= 0 ? (row[urlAt] ?? "") : "";
		const title = titleAt >= 0 ? (row[titleAt] ?? "") : "";
		// A one-column file of addresses: the column is the address.
		if (row.length === 1 && /^[a-z][a-z0-9+.-]*:/i.test(title.trim())) {
			collector.item(page, { title: "", url: title });
		} else collector.item(page, { title, url });
	}
	return collector.result();
}
