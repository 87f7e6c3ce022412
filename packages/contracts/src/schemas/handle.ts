/**
 * Handle and slug rules: 3–30 of a-z 0-9 "-", not starting or ending with "-", and for handles
 * not one of the names SmartPages keeps for itself (they become subdomains of PAGES_DOMAIN), no
 * IDNA look-alike (`xn--…`: a browser shows it as Unicode, e.g. Cyrillic "аррӏе") and no name
 * that passes for SmartPages itself or its staff.
 */
import * as z from "zod";
import { LEGAL_PATH_LIST } from "./legal";

export const HANDLE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,28})[a-z0-9]$/;

export const RESERVED_HANDLES: ReadonlySet<string> = new Set([
	"www",
	"api",
	"app",
	"admin",
	"mail",
	"email",
	"smtp",
	"imap",
	"pop",
	"ftp",
	"ns1",
	"ns2",
	"dashboard",
	"billing",
	"help",
	"support",
	"status",
	"docs",
	"blog",
	"about",
	"login",
	"logout",
	"signup",
	"register",
	"account",
	"settings",
	"static",
	"assets",
	"cdn",
	"media",
	"img",
	"images",
	"files",
	"edge",
	"internal",
	"root",
	"system",
	"security",
	"abuse",
	"postmaster",
	"hostmaster",
	"webmaster",
	"smartpages",
	"official",
	"team",
	"staff",
	"test",
	"dev",
	"staging",
	"production",
	"preview",
	"auth",
	"oauth",
	"sso",
	"legal",
	"privacy",
	"terms",
	"imprint",
	"impressum",
	"pricing",
	"checkout",
	"webhook",
	"webhooks",
]);

const slugLike = (what: string) =>
	z.string({ error: "must be a string" }).regex(HANDLE_PATTERN, {
		error: `must be 3–30 characters of a–z, 0–9 and "-", not starting or ending with "-" (${what})`,
	});

/**
 * Words that make a handle pass for SmartPages or its staff when they are one of the handle's
 * "-"-separated parts (`paypal-support`, `official-anna`); the brand itself anywhere in it.
 */
const IMPERSONATING_PARTS: ReadonlySet<string> = new Set([
	"admin",
	"administrator",
	"helpdesk",
	"moderator",
	"official",
	"security",
	"staff",
	"support",
	"verified",
	"verification",
]);
const BRAND = /smart-?pages/;

/**
 * A name that could be mistaken for an official one: reserved, containing the brand, or with an
 * impersonating word as one of its parts.
 */
function impersonates(handle: string): boolean {
	return (
		RESERVED_HANDLES.has(handle) ||
		BRAND.test(handle) ||
		handle.split("-").some((part) => IMPERSONATING_PARTS.has(part))
	);
}

export const handleSchema = slugLike("handle")
	// RFC 5891 reserves "--" in 3rd and 4th position for ACE prefixes such as "xn--" (punycode).
	.refine((h) => h.slice(2, 4) !== "--", {
		error: 'must not have "--" as its 3rd and 4th characters (reserved for international names)',
	})
	.refine((h) => !impersonates(h), { error: "is reserved" });

/** Whether a handle may be taken: the pattern, and none of the reserved or look-alike names. */
export function isAllowedHandle(handle: string): boolean {
	return handleSchema.safeParse(handle).success;
}

// The legal pages' paths (issue 18.5) are the site's own while it has `legal`; a page there
// would be hidden by them, so no new page takes one.
export const slugSchema = slugLike("slug").refine(
	(slug) => !(LEGAL_PATH_LIST as readonly string[]).includes(slug),
	{ error: "is reserved for the legal pages (Impressum, Datenschutz)" },
);

/** Turns free text (an e-mail's local part, a title) into a candidate handle or slug. */
export function toHandleCandidate(text: string): string {
	const base = text
		.normalize("NFKD")
		.replace(/[\u0300-\u036f]/g, "")
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-+|-+$/g, "")
		.slice(0, 24)
		.replace(/-+$/g, "");
	if (base.length >= 3) return base;
	return base ? `${base}-page` : "page";
}

/**
 * The handle a new account gets from its e-mail address's local part: the local part itself when
 * that is an allowed handle, else (or when `suffixed`, after a collision) with a random suffix; a
 * name refused even then (one with "smartpages" or "support" in it) is not kept at all, so the
 * result is always an allowed handle.
 */
export function autoHandle(localPart: string, suffixed: boolean): string {
	const base = toHandleCandidate(localPart);
	if (!suffixed && isAllowedHandle(base)) return base;
	const suffix = randomSuffix();
	const candidate = `${base.slice(0, 24).replace(/-+$/, "")}-${suffix}`;
	return isAllowedHandle(candidate) ? candidate : `page-${suffix}`;
}

function randomSuffix(): string {
	const [n = 0] = crypto.getRandomValues(new Uint32Array(1));
	return n.toString(36).padStart(5, "0").slice(0, 5);
}
