/**
 * What people type into address fields, completed the way they mean it before the shared schemas
 * check it: `example.com/shop` is a web address, `https://Shop.Example.com/` in a domain field is
 * the hostname `shop.example.com`. The API stays strict; this only saves the user a retry.
 */

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// A host name with at least one dot, optionally followed by a path, query or fragment.
const LOOKS_LIKE_HOST = /^(?:[\p{L}\p{N}-]+\.)+[\p{L}\p{N}-]{2,}(?::\d+)?(?:[/?#]\S*)?$/u;

/** `example.com/x` → `https://example.com/x`; anything with a scheme or not host-like is kept. */
export function completeWebAddress(value: string): string {
	const typed = value.trim();
	if (typed === "" || HAS_SCHEME.test(typed) || !LOOKS_LIKE_HOST.test(typed)) return typed;
	return `https://${typed}`;
}

/** `https://Shop.Example.com/path` → `shop.example.com` (scheme, path and a final dot dropped). */
export function bareHostname(value: string): string {
	return value
		.trim()
		.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
		.replace(/[/?#].*$/, "")
		.replace(/\.$/, "")
		.toLowerCase();
}
