/**
 * The visitors' 404 page in the site's language (issue 19, review L16: it was English only). A
 * known site answers in its account's language (the manifest's `locale`); an unknown host, or a
 * site whose manifest predates the field, in the visitor's preferred one of German and English
 * (Accept-Language); with neither, in both, German first. One inline stylesheet for every
 * variant, so one CSP hash allows it.
 */
import type { Locale } from "@smartpages/contracts";

const STYLE =
	"body{font:16px/1.5 system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;color:#222;background:#fafafa}main{text-align:center;padding:2rem}p.brand{margin-top:2rem;color:#4338ca;font-weight:700}@media (prefers-color-scheme:dark){body{color:#eee;background:#111}p.brand{color:#a5b4fc}}";

/** CSP hash of STYLE; a unit test recomputes it. */
export const NOT_FOUND_STYLE_HASH = "sha256-ip72lN7h/KrqrrBZ0jZXgFIcoKBXffM33OAnA0EwCx0=";

const TEXT: Record<Locale, { title: string; text: string }> = {
	de: {
		title: "Seite nicht gefunden",
		text: "Unter dieser Adresse ist keine Seite veröffentlicht.",
	},
	en: { title: "Page not found", text: "There is no published page at this address." },
};

function page(lang: Locale, title: string, body: string): string {
	return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body><main>${body}<p class="brand">SmartPages</p></main></body></html>`;
}

/** The 404 page in `locale`, or in both languages for null. */
export function notFoundHtml(locale: Locale | null): string {
	if (locale) {
		const { title, text } = TEXT[locale];
		return page(locale, title, `<h1>${title}</h1><p>${text}</p>`);
	}
	return page(
		"de",
		`${TEXT.de.title} · ${TEXT.en.title}`,
		`<h1>${TEXT.de.title}</h1><p>${TEXT.de.text}</p><div lang="en"><h2>${TEXT.en.title}</h2><p>${TEXT.en.text}</p></div>`,
	);
}

/** The 404 page when no language is known: both. */
export const NOT_FOUND_HTML = notFoundHtml(null);

/**
 * The first of German and English in an Accept-Language header by preference (q values, then
 * order), or null when it names neither.
 */
export function preferredLocale(header: string | null): Locale | null {
	if (!header) return null;
	let best: { locale: Locale; q: number } | null = null;
	for (const part of header.split(",").slice(0, 20)) {
		const [range = "", ...params] = part.trim().toLowerCase().split(";");
		const primary = range.split("-")[0];
		if (primary !== "de" && primary !== "en") continue;
		const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
		const q = qParam ? Number.parseFloat(qParam.slice(2)) : 1;
		if (!Number.isFinite(q) || q <= 0) continue;
		if (!best || q > best.q) best = { locale: primary, q };
	}
	return best?.locale ?? null;
}
