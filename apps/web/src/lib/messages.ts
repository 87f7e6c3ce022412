/**
 * Turns API failures and validation reasons into texts of the screen's language. Core's messages
 * are English and meant for developers; the dashboard never shows them. Instead it maps the
 * error code (and, for fields, the reason) to the dictionary, with a generic text as fallback.
 */
import type { FieldErrors, PlanLimit } from "@smartpages/contracts";
import type { Dictionary } from "../i18n";
import type { ApiFailure } from "./api";

/** Known field reasons (as written by the contracts' schemas and Core) and their texts. */
const FIELD_REASONS: [RegExp, (t: Dictionary, match: RegExpExecArray) => string][] = [
	[/^is required$/, (t) => t.fields.required],
	[/^must be a valid e-mail address$/, (t) => t.fields.email],
	[/^must be at least (\d+) characters$/, (t, m) => t.fields.minChars(Number(m[1]))],
	[/^must be at most (\d+) characters$/, (t, m) => t.fields.maxChars(Number(m[1]))],
	[/^is too long$/, (t) => t.fields.invalid],
	[/^is too common/, (t) => t.fields.passwordCommon],
	[/^is not correct$/, (t) => t.fields.passwordWrong],
	[/^is (invalid, expired or already used|not a valid token)$/, (t) => t.fields.tokenInvalid],
	[/^is already your address$/, (t) => t.fields.sameEmail],
	[/^is already taken$/, (t) => t.fields.handleTaken],
	[/^is already used by another of your pages$/, (t) => t.fields.slugTaken],
	[/^is reserved$/, (t) => t.fields.reserved],
	[/^must be 3–30 characters/, (t) => t.fields.slugRules],
	[/^must not contain control/, (t) => t.fields.controlChars],
	[/^must be an https:, http:, mailto: or tel: URL$/, (t) => t.fields.linkUrl],
	[/^must be an https: or http: URL$/, (t) => t.fields.webUrl],
	[/^is not a supported network$/, (t) => t.fields.network],
	[/^at most (\d+)$/, (t, m) => t.fields.tooMany(Number(m[1]))],
	[/^must be a domain name/, (t) => t.fields.hostname],
	[/^must be a colour as #rrggbb$/, (t) => t.fields.colour],
	[/^has a contrast of ([0-9.]+:1)/, (t, m) => t.fields.contrast(m[1] ?? "")],
	[/^must be after startsAt$/, (t) => t.fields.endsAfterStart],
	// Issue 18: social inputs (contracts/schemas/socials.ts) and the Impressum (legal.ts).
	[/^must not be empty$/, (t) => t.fields.required],
	[/^must be an e-mail address/, (t) => t.fields.email],
	[/^must not contain invisible/, (t) => t.fields.controlChars],
	[
		/^(is not a valid username|must be a .+ address or a username|must be @name@server|must name a server|must be a web address)/,
		(t) => t.fields.social,
	],
	[/^must be (in international form|a phone number)/, (t) => t.fields.phone],
	[/^must be a VAT id/, (t) => t.fields.vatId],
	[/^must be a two-letter country code/, (t) => t.fields.country],
	[/^must be a postal code$/, (t) => t.fields.postalCode],
	[/^is needed with a register number$/, (t) => t.fields.registerCourt],
	[/^is reserved for the legal pages/, (t) => t.fields.reserved],
];

/** The text for one field reason; unknown reasons get a generic "not valid". */
export function fieldText(t: Dictionary, reason: string): string {
	for (const [pattern, text] of FIELD_REASONS) {
		const match = pattern.exec(reason);
		if (match) return text(t, match);
	}
	return t.fields.invalid;
}

/** Localises every field reason of a failure or of a client-side check. */
export function fieldTexts(t: Dictionary, fields: FieldErrors): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, reason] of Object.entries(fields)) out[name] = fieldText(t, reason);
	return out;
}

/** The screen-level text for a failure (field reasons are shown at their fields). */
export function failureText(t: Dictionary, failure: ApiFailure): string {
	switch (failure.code) {
		case "network":
			return t.errors.network;
		case "rate_limited":
			return t.errors.rateLimited(failure.retryAfter ?? 60);
		case "validation_failed":
		case "invalid_json":
			return t.errors.checkFields;
		case "invalid_credentials":
			return t.errors.invalidCredentials;
		case "email_not_verified":
			return t.errors.emailNotVerified;
		case "csrf_rejected":
			return t.errors.csrf;
		case "unauthenticated":
			return t.errors.sessionExpired;
		case "not_found":
			return t.errors.notFound;
		case "conflict":
		case "handle_taken":
		case "slug_taken":
		case "domain_taken":
			return t.errors.conflict;
		case "payload_too_large":
			return t.errors.tooLarge;
		case "forbidden":
			return t.errors.forbidden;
		case "plan_required":
		case "plan_limit_reached":
			return failure.limit ? limitText(t, failure.limit) : t.plan.featureMissing("");
		case "unavailable":
			return t.errors.unavailable;
		default:
			return t.errors.server;
	}
}

/** What a plan limit means, naming the limit and the plan. */
export function limitText(t: Dictionary, limit: PlanLimit): string {
	const plan =
		limit.plan === "pro" || limit.plan === "free" ? t.plan.names[limit.plan] : limit.plan;
	if (limit.name === "maxPages") return t.plan.maxPages(plan, limit.max);
	if (limit.name === "maxLinksPerPage") return t.plan.maxLinksPerPage(plan, limit.max);
	if (limit.name === "maxCustomDomains") return t.plan.maxCustomDomains(plan, limit.max);
	if (limit.name === "versionHistory") return t.plan.versionHistory(plan);
	if (limit.name === "statsDays") return t.stats.limitDays(plan, limit.max);
	if (limit.name === "statsExport") return t.stats.limitExport(plan);
	return t.plan.featureMissing(plan);
}
