/**
 * The public HTTP contract as data: one entry per route Core serves under /api/v1, keyed
 * "METHOD /path" with the path exactly as Core's route pattern (its `:param` names included).
 * Each entry names the request schema (the one Core validates with), the response schema and the
 * success status. Core's answers are type-checked against it (`satisfies ResponseOf<…>`), the
 * typed client in ./client is built on it, a test in Core checks that the app serves exactly these
 * keys, and it is what an OpenAPI document is generated from. Errors are not listed per route:
 * every route can answer the shape of ../errors with any code of its table.
 */
import * as z from "zod";
import {
	changeEmailBody,
	changePasswordBody,
	deleteAccountBody,
	forgotPasswordBody,
	loginBody,
	patchMeBody,
	resetPasswordBody,
	signupBody,
	verifyEmailBody,
} from "../schemas/account";
import { createApiTokenBody } from "../schemas/api-tokens";
import { checkoutBody } from "../schemas/billing";
import { createDomainBody } from "../schemas/domains";
import { importBody } from "../schemas/import";
import {
	createLinkBody,
	createPageBody,
	patchLinkBody,
	patchPageBody,
	reorderLinksBody,
} from "../schemas/pages";
import { patchProfileBody } from "../schemas/profile";
import { statsExportQuery, statsQuery } from "../schemas/stats";
import {
	disableTotpBody,
	enableTotpBody,
	loginMfaBody,
	passkeySigninBody,
	recoveryCodesBody,
	registerPasskeyBody,
	renamePasskeyBody,
} from "../schemas/two-factor";
import { pricesResource } from "./prices";
import {
	apiTokenResource,
	checkoutStatusSchema,
	domainResource,
	entitlementsResource,
	exportDocumentResource,
	importPreviewResource,
	importResultResource,
	invoiceResource,
	linkResource,
	pageResource,
	pageVersionResource,
	passkeyResource,
	planResource,
	profileResource,
	publishedResource,
	sessionInfoResource,
	statsReportResource,
	userResource,
} from "./resources";

/** What the table says about one route. */
export interface EndpointSpec {
	/** The status of a successful answer. 202 and 204 answers have no body. */
	readonly status: 200 | 201 | 202 | 204;
	/** The JSON request body, validated by Core with this very schema. */
	readonly body?: z.ZodType;
	/** Query parameters. */
	readonly query?: z.ZodType;
	/** The JSON body of a successful answer. */
	readonly response?: z.ZodType;
	/** The request body is raw image bytes (PNG, JPEG, WebP or GIF), not JSON. */
	readonly upload?: true;
	/** A successful answer is `text/html`, not JSON. */
	readonly html?: true;
	/** A successful answer is `text/csv` (a download), not JSON. */
	readonly csv?: true;
	/** Called by Stripe with its raw, signed body (`Stripe-Signature`); no client calls it. */
	readonly webhook?: "stripe";
}

const user = z.strictObject({ user: userResource });
const profile = z.strictObject({ profile: profileResource });
const page = z.strictObject({ page: pageResource });
const links = z.strictObject({ links: z.array(linkResource) });
const link = z.strictObject({ link: linkResource });
const domain = z.strictObject({ domain: domainResource });
const redirect = z.strictObject({ url: z.string() });
const passkey = z.strictObject({ passkey: passkeyResource });
/** WebAuthn options in their JSON form, for the browser's `PublicKeyCredential.parse…OptionsFromJSON`. */
const webauthnOptions = z.strictObject({
	options: z.looseObject({ challenge: z.string() }),
});
const recoveryCodes = z.strictObject({ recoveryCodes: z.array(z.string()).length(10) });

export const ENDPOINTS = {
	"GET /health": {
		status: 200,
		response: z.strictObject({
			status: z.literal("ok"),
			services: z.strictObject({
				customer: z.literal("ok"),
				billing: z.literal("ok"),
				mailer: z.literal("ok"),
			}),
		}),
	},

	// ── auth ────────────────────────────────────────────────────────────────────────────────
	"POST /auth/signup": { status: 201, body: signupBody, response: user },
	"POST /auth/verify-email": {
		status: 200,
		body: verifyEmailBody,
		response: z.strictObject({
			user: userResource,
			/** "checkout" when the account signed up for Pro: the app continues into Checkout. */
			nextStep: z.literal("checkout").optional(),
		}),
	},
	"POST /auth/resend-verification": { status: 202 },
	/** With two-factor on: `{mfaRequired: true, ticket}` and no session (issue 20). */
	"POST /auth/login": {
		status: 200,
		body: loginBody,
		response: z.union([user, z.strictObject({ mfaRequired: z.literal(true), ticket: z.string() })]),
	},
	"POST /auth/login/mfa": { status: 200, body: loginMfaBody, response: user },
	"POST /auth/passkey/options": { status: 200, response: webauthnOptions },
	"POST /auth/passkey": { status: 200, body: passkeySigninBody, response: user },
	"POST /auth/logout": { status: 204 },
	"POST /auth/password/forgot": { status: 202, body: forgotPasswordBody },
	"POST /auth/password/reset": { status: 204, body: resetPasswordBody },

	// ── me ──────────────────────────────────────────────────────────────────────────────────
	"GET /me": {
		status: 200,
		response: z.strictObject({
			user: userResource,
			profile: profileResource,
			plan: planResource,
			entitlements: entitlementsResource,
		}),
	},
	"PATCH /me": { status: 200, body: patchMeBody, response: user },
	"DELETE /me": { status: 204, body: deleteAccountBody },
	"POST /me/password": { status: 204, body: changePasswordBody },
	"POST /me/email": { status: 202, body: changeEmailBody },
	"GET /me/sessions": {
		status: 200,
		response: z.strictObject({ sessions: z.array(sessionInfoResource) }),
	},
	"DELETE /me/sessions/:id": { status: 204 },
	"GET /me/export": { status: 200, response: exportDocumentResource },

	// ── passkeys and two-factor sign-in (issue 20) ──────────────────────────────────────────
	"POST /me/passkeys/options": { status: 200, response: webauthnOptions },
	"POST /me/passkeys": { status: 201, body: registerPasskeyBody, response: passkey },
	"GET /me/passkeys": {
		status: 200,
		response: z.strictObject({ passkeys: z.array(passkeyResource) }),
	},
	"PATCH /me/passkeys/:id": { status: 200, body: renamePasskeyBody, response: passkey },
	"DELETE /me/passkeys/:id": { status: 204 },
	"GET /me/totp": {
		status: 200,
		response: z.strictObject({ enabled: z.boolean(), recoveryCodesLeft: z.number() }),
	},
	"POST /me/totp/setup": {
		status: 200,
		response: z.strictObject({ secret: z.string(), otpauthUrl: z.string() }),
	},
	"POST /me/totp/enable": { status: 200, body: enableTotpBody, response: recoveryCodes },
	"POST /me/totp/recovery-codes": {
		status: 200,
		body: recoveryCodesBody,
		response: recoveryCodes,
	},
	"DELETE /me/totp": { status: 204, body: disableTotpBody },

	// ── API tokens and the OpenAPI document (issue 21) ──────────────────────────────────────
	/** The secret is in this answer only; Core keeps its SHA-256. */
	"POST /me/tokens": {
		status: 201,
		body: createApiTokenBody,
		response: z.strictObject({ token: apiTokenResource, secret: z.string() }),
	},
	"GET /me/tokens": {
		status: 200,
		response: z.strictObject({ tokens: z.array(apiTokenResource) }),
	},
	"DELETE /me/tokens/:id": { status: 204 },
	/** This API as an OpenAPI 3.1 document, generated from this table (./openapi.ts). */
	"GET /openapi.json": {
		status: 200,
		response: z.looseObject({
			openapi: z.literal("3.1.0"),
			info: z.looseObject({ title: z.string(), version: z.string() }),
			paths: z.record(z.string(), z.unknown()),
		}),
	},

	// ── profile ─────────────────────────────────────────────────────────────────────────────
	"GET /profile": { status: 200, response: profile },
	"PATCH /profile": { status: 200, body: patchProfileBody, response: profile },
	"PUT /profile/avatar": { status: 200, upload: true, response: profile },
	"DELETE /profile/avatar": { status: 204 },

	// ── pages ───────────────────────────────────────────────────────────────────────────────
	"GET /pages": { status: 200, response: z.strictObject({ pages: z.array(pageResource) }) },
	"POST /pages": { status: 201, body: createPageBody, response: page },
	"GET /pages/:id": {
		status: 200,
		response: z.strictObject({ page: pageResource, links: z.array(linkResource) }),
	},
	"PATCH /pages/:id": { status: 200, body: patchPageBody, response: page },
	"DELETE /pages/:id": { status: 204 },
	"PUT /pages/:id/background": { status: 200, upload: true, response: page },
	"DELETE /pages/:id/background": { status: 204 },

	// ── publishing ──────────────────────────────────────────────────────────────────────────
	"GET /pages/:id/preview": { status: 200, html: true },
	"POST /pages/:id/publish": { status: 200, response: publishedResource },
	"POST /pages/:id/unpublish": { status: 200, response: page },
	"GET /pages/:id/versions": {
		status: 200,
		response: z.strictObject({ versions: z.array(pageVersionResource) }),
	},
	"POST /pages/:id/versions/:version/restore": { status: 200, response: publishedResource },
	/** Issue 19: a published version as it looks, for the history's preview (sandboxed HTML). */
	"GET /pages/:id/versions/:version/preview": { status: 200, html: true },

	// ── links ───────────────────────────────────────────────────────────────────────────────
	"GET /pages/:id/links": { status: 200, response: links },
	"POST /pages/:id/links": { status: 201, body: createLinkBody, response: link },
	"PUT /pages/:id/links/order": { status: 200, body: reorderLinksBody, response: links },
	"PATCH /pages/:id/links/:linkId": { status: 200, body: patchLinkBody, response: link },
	"DELETE /pages/:id/links/:linkId": { status: 204 },
	"PUT /pages/:id/links/:linkId/thumbnail": { status: 200, upload: true, response: link },
	"DELETE /pages/:id/links/:linkId/thumbnail": { status: 204 },

	// ── import (issue 21) ───────────────────────────────────────────────────────────────────
	/** What an import would create now: pages, items, what is dropped and what the plan cuts. */
	"POST /import/preview": { status: 200, body: importBody, response: importPreviewResource },
	/** Creates the import's draft pages; the answer says what was left out. */
	"POST /import": { status: 201, body: importBody, response: importResultResource },

	// ── billing ─────────────────────────────────────────────────────────────────────────────
	"GET /billing": {
		status: 200,
		response: z.strictObject({
			plan: planResource,
			/** The current Stripe customer's latest invoices; empty before the first checkout. */
			invoices: z.array(invoiceResource),
			/**
			 * A renewal waiting for the customer to confirm the payment with their bank (strong
			 * customer authentication), with Stripe's page to do it; null otherwise.
			 */
			actionRequired: z.strictObject({ invoiceUrl: z.string() }).nullable(),
		}),
	},
	"GET /billing/checkout/:sessionId": {
		status: 200,
		response: z.strictObject({ status: checkoutStatusSchema, plan: planResource }),
	},
	/** Issue 19: Pro's monthly and yearly prices from Stripe; public, no session needed. */
	"GET /billing/prices": { status: 200, response: pricesResource },
	"POST /billing/checkout": { status: 200, body: checkoutBody, response: redirect },
	"POST /billing/portal": { status: 200, response: redirect },
	"POST /webhooks/stripe": {
		status: 200,
		webhook: "stripe",
		response: z.strictObject({ received: z.literal(true), duplicate: z.boolean() }),
	},

	// ── custom domains ──────────────────────────────────────────────────────────────────────
	"GET /domains": { status: 200, response: z.strictObject({ domains: z.array(domainResource) }) },
	"POST /domains": { status: 201, body: createDomainBody, response: domain },
	"POST /domains/:id/verify": { status: 200, response: domain },
	"DELETE /domains/:id": { status: 204 },

	// ── statistics ──────────────────────────────────────────────────────────────────────────
	"GET /stats": { status: 200, query: statsQuery, response: statsReportResource },
	/** Pro (`entitlements.statsExport`): one CSV line per day and dimension, `Content-Disposition: attachment`. */
	"GET /stats/export": { status: 200, query: statsExportQuery, csv: true },
} as const satisfies Record<string, EndpointSpec>;

export type Endpoints = typeof ENDPOINTS;
/** "METHOD /path" of every public route, e.g. "POST /pages/:id/publish". */
export type EndpointKey = keyof Endpoints;

export type MethodOf<K extends EndpointKey> = K extends `${infer M} ${string}` ? M : never;
/** The route pattern under /api/v1, e.g. "/pages/:id/publish". */
export type PatternOf<K extends EndpointKey> = K extends `${string} ${infer P}` ? P : never;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
	? Name | ParamNames<Rest>
	: P extends `${string}:${infer Name}`
		? Name
		: never;

/** The names of a route's `:params`, e.g. "id" | "linkId". */
export type ParamNameOf<K extends EndpointKey> = ParamNames<PatternOf<K>>;
/** Values for a route's `:params` (numbers are sent as their decimal text). */
export type ParamsOf<K extends EndpointKey> = { [N in ParamNameOf<K>]: string | number };

/** Raw bytes of an upload. */
export type UploadBody = Blob | ArrayBuffer | Uint8Array;

/**
 * What a caller sends as the body: the JSON value (the schema's input, before Core's trimming
 * and lower-casing), bytes for an upload, Stripe's signed text for the webhook, else nothing.
 */
export type BodyOf<K extends EndpointKey> = Endpoints[K] extends { upload: true }
	? UploadBody
	: Endpoints[K] extends { webhook: string }
		? string
		: Endpoints[K] extends { body: infer S extends z.ZodType }
			? z.input<S>
			: undefined;

export type QueryOf<K extends EndpointKey> = Endpoints[K] extends {
	query: infer S extends z.ZodType;
}
	? z.input<S>
	: undefined;

/** The body of a successful answer: the JSON value, the HTML or CSV text, or null (202, 204). */
export type ResponseOf<K extends EndpointKey> = Endpoints[K] extends {
	response: infer S extends z.ZodType;
}
	? z.output<S>
	: Endpoints[K] extends { html: true } | { csv: true }
		? string
		: null;

/** The table's entry for `key`, as the general shape (for code that handles any route). */
export function endpoint(key: EndpointKey): EndpointSpec {
	return ENDPOINTS[key];
}
