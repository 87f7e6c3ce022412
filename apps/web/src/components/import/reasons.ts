/**
 * Core words the reasons of an import in English (like every API message); the import screen
 * shows them in the dashboard's language where it knows them, and as sent otherwise. Pure, so the
 * mapping is tested without a browser (reasons.test.ts).
 */
import type { Dictionary } from "../../i18n";

type Reasons = Dictionary["importer"]["reasons"];

/** Why a source as a whole could not be read (the route's `fields.url` / `fields.content`). */
const SOURCE: [RegExp, keyof Reasons][] = [
	// First: a redirect's reason quotes why its target was refused.
	[/redirects/, "redirect"],
	[/not on a site SmartPages reads profiles from/, "notAllowedHost"],
	[/must be an https:\/\/ address/, "https"],
	[
		/not an IP address|must be a public address|standard port|user name or password/,
		"privateAddress",
	],
	[/must be a profile address|is not a valid address|is too long/, "notAddress"],
	[/has no profile/, "notFound"],
	[/could not be reached|did not answer|could not be read/, "unreachable"],
	[/larger than 1 MiB|at most 1 MiB/, "tooLarge"],
	[/no Linktree|no LittleLink|not readable/, "noData"],
	[/no link that can be imported|contains no links|contains no pages/, "noLinks"],
	[/newer SmartPages/, "newerExport"],
	[/not a SmartPages export/, "notExport"],
];

/** Why one item was left out (`dropped[].reason`). */
const ITEM: [RegExp, keyof Reasons][] = [
	[/must be an https:, http:, mailto: or tel: URL/, "unsafeAddress"],
	[/leads nowhere|without an address|without a title or address/, "noAddress"],
	[/social icon/, "social"],
	[/not imported \(upload it again\)|images are not imported/, "image"],
];

function find(table: [RegExp, keyof Reasons][], t: Dictionary, reason: string): string | null {
	for (const [pattern, key] of table) if (pattern.test(reason)) return t.importer.reasons[key];
	return null;
}

/** A source's refusal in the dashboard's language (a sentence). */
export function sourceReason(t: Dictionary, reason: string): string {
	return find(SOURCE, t, reason) ?? reason;
}

/** An item's reason in the dashboard's language (a phrase after the item's title). */
export function itemReason(t: Dictionary, reason: string): string {
	return find(ITEM, t, reason) ?? reason;
}
