/**
 * The "Made with SmartPages" badge. It is not baked into published HTML: the site manifest says
 * whether the plan shows it and the Domain Worker adds it when serving (the preview adds it the
 * same way), so a change of plan is one manifest write instead of re-rendering every page.
 */
import { escapeHtml } from "./html";
import type { Locale } from "./schemas/account";

export interface Branding {
	url: string;
	lang: Locale;
}

const LABEL: Record<Locale, string> = { en: "Made with SmartPages", de: "Erstellt mit SmartPages" };

/** Inserts the badge right before `</body>`. */
export function injectBranding(html: string, branding: Branding): string {
	const badge = `<p class="branding"><a class="badge" href="${escapeHtml(branding.url)}">${LABEL[branding.lang]}</a></p>`;
	const at = html.lastIndexOf("</body>");
	return at === -1 ? html + badge : html.slice(0, at) + badge + html.slice(at);
}
