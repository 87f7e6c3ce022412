/**
 * Schemas of "API tokens" (api.md, issue 21): the scopes a personal access token can carry, the
 * body that creates one, and the shape of the secret. One definition serves Core's validation,
 * the Customer Worker's RPC types, the OpenAPI document and the dashboard's form.
 */
import * as z from "zod";

/** Every scope, in the order the dashboard shows them (read before write, per area). */
export const TOKEN_SCOPES = [
	"profile:read",
	"profile:write",
	"pages:read",
	"pages:write",
	"domains:read",
	"domains:write",
	"stats:read",
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** At most this many tokens per account (live or expired, until revoked). */
export const MAX_API_TOKENS = 10;
export const API_TOKEN_NAME_MAX = 64;
/** The longest lifetime a token may be given; without `expiresAt` it lives until revoked. */
export const API_TOKEN_MAX_DAYS = 366;

/** Every secret starts with this, so scanners (and people) recognise a leaked one. */
export const API_TOKEN_PREFIX = "sp_";
/** `sp_` and 32 random bytes as base64url (43 characters). */
export const API_TOKEN_PATTERN = /^sp_[A-Za-z0-9_-]{43}$/;

/** A token's name: trimmed, 1–64 characters, no control characters. */
export const apiTokenNameSchema = z
	.string({ error: "must be a string" })
	.trim()
	.min(1, { error: "is required" })
	.refine((s) => [...s].length <= API_TOKEN_NAME_MAX, {
		error: `must be at most ${API_TOKEN_NAME_MAX} characters`,
	})
	// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
	.refine((s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s), {
		error: "must not contain control characters",
	});

export const tokenScopeSchema = z.enum(TOKEN_SCOPES, {
	error: `must be one of ${TOKEN_SCOPES.join(", ")}`,
});

const DAY_MS = 24 * 3600 * 1000;

/**
 * `POST /me/tokens`: a name, at least one scope (duplicates are folded), and an optional expiry
 * (ISO 8601 with a time zone) in the future and at most 366 days ahead. The answer normalises
 * the scopes to the order of TOKEN_SCOPES and the expiry to UTC.
 */
export const createApiTokenBody = z.strictObject({
	name: apiTokenNameSchema,
	scopes: z
		.array(tokenScopeSchema, { error: "must be a list of scopes" })
		.min(1, { error: "needs at least one scope" })
		.max(TOKEN_SCOPES.length * 2, { error: "has too many entries" })
		.transform((list) => TOKEN_SCOPES.filter((s) => list.includes(s))),
	expiresAt: z.iso
		.datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone" })
		.transform((s) => new Date(s).toISOString())
		.refine((iso) => Date.parse(iso) > Date.now(), { error: "must be in the future" })
		.refine((iso) => Date.parse(iso) <= Date.now() + API_TOKEN_MAX_DAYS * DAY_MS, {
			error: `must be at most ${API_TOKEN_MAX_DAYS} days ahead`,
		})
		.optional(),
});
export type CreateApiTokenBody = z.output<typeof createApiTokenBody>;
