/**
 * Handle and slug rules: 3–30 of a-z 0-9 "-", not starting or ending with "-", and for handles
 * not one of the names SmartPages keeps for itself (they become subdomains of PAGES_DOMAIN).
 */
import { z } from "zod";

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

export const handleSchema = slugLike("handle").refine((h) => !RESERVED_HANDLES.has(h), {
	error: "is reserved",
});

export const slugSchema = slugLike("slug");

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
