/**
 * Moving between screens: to a screen in a language, to the login page with a way back, and back
 * from it. "next" values come from the address bar, so only paths on this origin are followed.
 */
import { type Locale, localePath, screenPath } from "../i18n";

/** Opens a screen (path without language prefix, may carry a query) in a language. */
export function go(locale: Locale, path: string): void {
	window.location.assign(localePath(locale, path));
}

/**
 * Returns `value` when it is a path on this origin ("/pages/edit?id=…"), else null: no scheme,
 * no "//host", no backslashes a browser might read as a slash.
 */
export function safeNext(value: string | null): string | null {
	if (!value?.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
		return null;
	}
	try {
		const url = new URL(value, "http://app.invalid");
		if (url.origin !== "http://app.invalid") return null;
		return `${screenPath(url.pathname)}${url.search}`;
	} catch {
		return null;
	}
}

/** Sends a visitor without a session to the login page, remembering where they wanted to go. */
export function goToLogin(locale: Locale): void {
	const { pathname, search } = window.location;
	const here = `${screenPath(pathname)}${search}`;
	const next = here === "/" ? "" : `?next=${encodeURIComponent(here)}`;
	window.location.replace(`${localePath(locale, "/login")}${next}`);
}
