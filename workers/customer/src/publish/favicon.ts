/**
 * The published page's favicon when the profile has no avatar: a monogram, the first letter of
 * the name in the page's colours, as an inline SVG data URL. Inline, so the icon costs no request
 * and needs no stored asset; with an avatar the page uses the avatar's own URL instead (already
 * loaded for the header image, so that costs no request either).
 */

/** The colours of the monogram: the page's text colour as the tile, its background as the letter. */
export interface MonogramColours {
	tile: string;
	letter: string;
}

const HEX_COLOUR = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i;

function xmlText(value: string): string {
	return value
		.replaceAll("&", "&amp;")
		.replaceAll("<", "&lt;")
		.replaceAll(">", "&gt;")
		.replaceAll('"', "&quot;")
		.replaceAll("'", "&apos;");
}

/** The first character a reader would call the name's first letter, upper-cased; "?" if none. */
export function monogramLetter(name: string, lang: string): string {
	// By grapheme, so an emoji or a letter with a combining accent stays whole.
	const segments = new Intl.Segmenter(lang, { granularity: "grapheme" }).segment(name.trim());
	for (const { segment } of segments) return segment.toLocaleUpperCase(lang);
	return "?";
}

/**
 * `data:image/svg+xml,…` of a rounded tile with the letter centred. Colours that are not plain
 * hex fall back to black on white: they come from our themes, but the URL must never carry
 * anything else into the attribute.
 */
export function monogramDataUrl(name: string, lang: string, colours: MonogramColours): string {
	const tile = HEX_COLOUR.test(colours.tile) ? colours.tile : "#000000";
	const letter = HEX_COLOUR.test(colours.letter) ? colours.letter : "#ffffff";
	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
		`<rect width="64" height="64" rx="14" fill="${tile}"/>` +
		`<text x="32" y="44" font-size="36" font-weight="700" text-anchor="middle" fill="${letter}" font-family="system-ui,sans-serif">${xmlText(monogramLetter(name, lang))}</text>` +
		"</svg>";
	return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
