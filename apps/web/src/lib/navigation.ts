/**
 * Moving between screens: to a screen in a language, to the login page with a way back, and back
 * from it. "next" values come from the address bar, so only paths on this origin are followed:
 * `safeNext` accepts a plain path only, and `go` checks the address it resolved against this
 * origin right before navigating, whatever it was given.
 */
import { type Locale, localePath, screenPath } from "../i18n";

/**
 * `target` resolved against `here` (an absolute URL) when it stays on `here`'s origin, else null.
 * A path whose normalised form starts with "//" would be read as another host when used as a
 * link again, so it is refused as well.
 */
export function sameOriginUrl(target: string, here: string): string | null {
	try {
		const base = new URL(here);
		const url = new URL(target, base);
		if (url.origin !== base.origin || url.pathname.startsWith("//")) return null;
		return url.href;
	} catch {
		return null;
	}
}

/**
 * Opens a screen (path without language prefix, may carry a query) in a language. An address that
 * would leave this origin opens the dashboard's home instead.
 */
export function go(locale: Locale, path: string): void {
	const { href } = window.location;
	const target =
		sameOriginUrl(localePath(locale, path), href) ??
		sameOriginUrl(localePath(locale, "/"), href) ??
		"/";
	window.location.assign(target);
}

/**
 * Backslashes (read as "/"), whitespace and control characters (dropped or trimmed by the URL
 * parser, so "/\t/host" becomes "//host") never occur in a path of ours.
 */
function hasUnsafeCharacter(value: string): boolean {
	for (const char of value) {
		const code = char.charCodeAt(0);
		if (code <= 0x20 || code === 0x7f || char === "\\" || /\s/.test(char)) return true;
	}
	return false;
}

/**
 * Returns `value` when it is a path on this origin ("/pages/edit?id=…"), else null: no scheme,
 * no "//host", no backslash, whitespace or control character, and none of these after the URL
 * parser has normalised it ("/.//host" and "/de//host" become "//host").
 */
export function safeNext(value: string | null): string | null {
	if (!value?.startsWith("/") || value.startsWith("//") || hasUnsafeCharacter(value)) {
		return null;
	}
	const base = "http://app.invalid/";
	const resolved = sameOriginUrl(value, base);
	if (!resolved) return null;
	const url = new URL(resolved);
	const path = `${screenPath(url.pathname)}${url.search}`;
	if (!path.startsWith("/") || path.startsWith("//") || !sameOriginUrl(path, base)) return null;
	return path;
}

/** Sends a visitor without a session to the login page, remembering where they wanted to go. */
export function goToLogin(locale: Locale): void {
	const { pathname, search } = window.location;
	const here = `${screenPath(pathname)}${search}`;
	const next = here === "/" ? "" : `?next=${encodeURIComponent(here)}`;
	window.location.replace(`${localePath(locale, "/login")}${next}`);
}
