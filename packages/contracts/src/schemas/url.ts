/**
 * Link URLs. Only https:, http:, mailto: and tel: are allowed. The check runs on the URL as the
 * browser will see it (after WHATWG parsing), so case tricks, whitespace, control characters and
 * entity-looking text around "javascript:" or "data:" cannot slip through.
 */
import * as z from "zod";

export const LINK_SCHEMES = ["https:", "http:", "mailto:", "tel:"] as const;

// Characters that browsers strip or that hide what a URL really is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u00a0\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/;

/** Returns the normalised URL when it is safe to put in an href, else null. */
export function safeLinkUrl(
	input: string,
	schemes: readonly string[] = LINK_SCHEMES,
): string | null {
	const value = input.trim();
	if (value.length === 0 || value.length > 2048 || INVISIBLE.test(value)) return null;
	// An explicit scheme must be one of ours (this also rejects "&#106;avascript:" style text).
	const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
	if (!scheme || !schemes.includes(`${scheme}:`)) return null;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return null;
	}
	if (!schemes.includes(url.protocol)) return null;
	if ((url.protocol === "http:" || url.protocol === "https:") && !url.hostname) return null;
	if (url.username || url.password) return null;
	if (url.protocol === "mailto:" && !/^[^@\s]+@[^@\s]+$/.test(decodedPath(url))) return null;
	if (url.protocol === "tel:" && !/^\+?[0-9().\- ]{3,32}$/.test(decodedPath(url))) return null;
	return url.href;
}

/**
 * The percent-decoded path of a mailto:/tel: URL, or "" when its escapes are malformed
 * (`%E0`, a lone `%`): such an address can never be valid, and a throw here would be a 500.
 */
function decodedPath(url: URL): string {
	try {
		return decodeURIComponent(url.pathname);
	} catch {
		return "";
	}
}

export const linkUrlSchema = z.string({ error: "must be a string" }).transform((value, ctx) => {
	const safe = safeLinkUrl(value);
	if (!safe) {
		ctx.addIssue({ code: "custom", message: "must be an https:, http:, mailto: or tel: URL" });
		return z.NEVER;
	}
	return safe;
});

export const httpUrlSchema = z.string({ error: "must be a string" }).transform((value, ctx) => {
	const safe = safeLinkUrl(value, ["https:", "http:"]);
	if (!safe) {
		ctx.addIssue({ code: "custom", message: "must be an https: or http: URL" });
		return z.NEVER;
	}
	return safe;
});
