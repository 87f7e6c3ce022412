/**
 * Text found in someone else's page or file, made fit for a SmartPages field: HTML entities
 * decoded, tags and invisible characters removed, whitespace collapsed, and cut to a field's
 * length. Pure string work, no DOM: the importers run in Core (workerd) and in tests under Node.
 */

const NAMED: Record<string, string> = {
	amp: "&",
	lt: "<",
	gt: ">",
	quot: '"',
	apos: "'",
	nbsp: " ",
	ndash: "–",
	mdash: "—",
	hellip: "…",
	euro: "€",
	copy: "©",
	reg: "®",
	auml: "ä",
	ouml: "ö",
	uuml: "ü",
	Auml: "Ä",
	Ouml: "Ö",
	Uuml: "Ü",
	szlig: "ß",
};

/** Decodes the entities a page may use in text and attributes (unknown ones stay as written). */
export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
		if (name.startsWith("#")) {
			const code =
				name[1] === "x" || name[1] === "X"
					? Number.parseInt(name.slice(2), 16)
					: Number.parseInt(name.slice(1), 10);
			// Surrogates and out-of-range numbers are not characters: dropped, never thrown on.
			if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
				return "";
			return String.fromCodePoint(code);
		}
		return NAMED[name] ?? whole;
	});
}

// Control characters, bidirectional overrides and isolates, zero-width characters and the BOM:
// nothing a title needs, and the field schemas refuse most of them.
const INVISIBLE =
	// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
	/[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/** One line of plain text: invisible characters removed, whitespace collapsed, trimmed. */
export function cleanLine(text: string): string {
	return text.replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
}

/** Text content of an HTML fragment: tags removed, entities decoded, one clean line. */
export function textOf(html: string): string {
	return cleanLine(decodeEntities(html.replace(/<[^>]*>/g, " ")));
}

/** At most `max` code points; longer text ends in "…" within the limit. */
export function shorten(text: string, max: number): { text: string; shortened: boolean } {
	const points = [...text];
	if (points.length <= max) return { text, shortened: false };
	return {
		text: `${points
			.slice(0, max - 1)
			.join("")
			.trimEnd()}…`,
		shortened: true,
	};
}
