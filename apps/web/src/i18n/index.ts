/**
 * Languages of the dashboard. English lives at the plain paths (/login), German under /de
 * (/de/login); every screen is built once per language. Which one a visitor sees: the account's
 * language when signed in, otherwise the /de prefix, otherwise the stored choice, otherwise the
 * browser's languages (see the inline script in Shell.astro, which mirrors `preferredLocale`).
 */
import type { Locale } from "@smartpages/contracts";
import { de } from "./de";
import { type Dictionary, en } from "./en";

export { formatDate, formatDateTime } from "./dates";
export type { Dictionary, Locale };

export const LOCALES: readonly Locale[] = ["en", "de"];

const DICTIONARIES: Record<Locale, Dictionary> = { en, de };

/** localStorage key of the visitor's language choice (also read by the inline head script). */
export const LOCALE_STORAGE_KEY = "sp.locale";

export function dictionary(locale: Locale): Dictionary {
	return DICTIONARIES[locale];
}

export function isLocale(value: unknown): value is Locale {
	return value === "en" || value === "de";
}

/** The path of a screen in a language: `localePath("de", "/login")` → `/de/login`. */
export function localePath(locale: Locale, path: string): string {
	const clean = path.startsWith("/") ? path : `/${path}`;
	if (locale === "en") return clean;
	return clean === "/" ? "/de/" : `/de${clean}`;
}

/** The screen path without its language prefix: `/de/pages/edit` → `/pages/edit`. */
export function screenPath(pathname: string): string {
	if (pathname === "/de") return "/";
	return pathname.startsWith("/de/") ? pathname.slice(3) : pathname;
}

/** Remembers a language choice for visits without a /de prefix or an account. */
export function rememberLocale(locale: Locale): void {
	try {
		localStorage.setItem(LOCALE_STORAGE_KEY, locale);
	} catch {
		// Storage can be disabled; the choice then lasts for this page only.
	}
}

/**
 * Sends the browser to the same screen (query and fragment kept) in another language, unless it
 * is already there. Returns whether a navigation was started.
 */
export function switchLocation(locale: Locale, current: Locale): boolean {
	if (locale === current) return false;
	const { pathname, search, hash } = window.location;
	window.location.replace(`${localePath(locale, screenPath(pathname))}${search}${hash}`);
	return true;
}

/** Static paths for a screen in every language (Astro `getStaticPaths`). */
export function localeStaticPaths() {
	return LOCALES.map((locale) => ({
		params: { lang: locale === "en" ? undefined : locale },
		props: { locale },
	}));
}

const TAGS: Record<Locale, string> = { en: "en-GB", de: "de-DE" };

/** An amount in minor units (cents) of a currency, e.g. 900 "eur" → "9,00 €" in German. */
export function formatMoney(locale: Locale, minor: number, currency: string): string {
	try {
		return new Intl.NumberFormat(TAGS[locale], {
			style: "currency",
			currency: currency.toUpperCase(),
		}).format(minor / 100);
	} catch {
		return `${(minor / 100).toFixed(2)} ${currency.toUpperCase()}`;
	}
}
