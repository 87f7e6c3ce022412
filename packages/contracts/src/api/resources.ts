/**
 * The resources the public API answers with, as zod schemas: one definition gives the TypeScript
 * type every caller reads (`Page`, `User`, … are `z.infer` of these) and the runtime check tests
 * run on Core's answers (`validate: true` in ./client). Strict objects wherever api.md lists every
 * field, so a field Core leaks by mistake fails the check; optional fields are left out of an
 * answer (never sent as null) unless the schema says `nullable`.
 */
import * as z from "zod";
import { BUTTON_SHAPES, DESIGN_FONTS } from "../design";
import { IMPORT_SOURCES } from "../import/candidate";
import { EXPORT_FORMAT, EXPORT_VERSION, exportLinkRow, exportPageRow } from "../import/document";
import { PLAN_IDS } from "../plans";
import { LOCALES } from "../schemas/account";
import { TOKEN_SCOPES } from "../schemas/api-tokens";
import { SOCIAL_NETWORKS, SOCIALS_PLACEMENTS, THEMES } from "../schemas/profile";
import { DEVICE_CLASSES } from "../stats";

const timestamp = z.string(); // ISO 8601 UTC

// ── account ───────────────────────────────────────────────────────────────────────────────────

export const userResource = z.strictObject({
	id: z.string(),
	email: z.string(),
	emailVerified: z.boolean(),
	locale: z.enum(LOCALES),
	createdAt: timestamp,
});
export type User = z.infer<typeof userResource>;

/** A signed-in device (GET /me/sessions). */
export const sessionInfoResource = z.strictObject({
	id: z.string(),
	createdAt: timestamp,
	lastSeenAt: timestamp,
	userAgent: z.string(),
	/** The session of the request that asked. */
	current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoResource>;

/** A passkey of the account (issue 20): never its key or counter. */
export const passkeyResource = z.strictObject({
	id: z.string(),
	name: z.string(),
	createdAt: timestamp,
	lastUsedAt: timestamp.optional(),
});
export type Passkey = z.infer<typeof passkeyResource>;

/** A personal access token (issue 21): never its secret or hash, which exist once, at creation. */
export const apiTokenResource = z.strictObject({
	id: z.string(),
	name: z.string(),
	scopes: z.array(z.enum(TOKEN_SCOPES)),
	createdAt: timestamp,
	/** Absent until first used; refreshed at most once a minute. */
	lastUsedAt: timestamp.optional(),
	/** Absent for a token that lives until it is revoked. */
	expiresAt: timestamp.optional(),
});
export type ApiToken = z.infer<typeof apiTokenResource>;

// ── plans ─────────────────────────────────────────────────────────────────────────────────────

export const planStatusSchema = z.enum([
	"active",
	"trialing",
	"past_due",
	"canceled",
	"incomplete",
	"none",
]);
export type PlanStatus = z.infer<typeof planStatusSchema>;

export const planResource = z.strictObject({
	id: z.enum(PLAN_IDS),
	status: planStatusSchema,
	currentPeriodEnd: timestamp.optional(),
	/** Sent for the pro plan only. */
	cancelAtPeriodEnd: z.boolean().optional(),
});
export type Plan = z.infer<typeof planResource>;

/** What a plan allows (GET /me `entitlements`); the values of each plan are in ../plans. */
export const entitlementsResource = z.strictObject({
	maxPages: z.number(),
	maxLinksPerPage: z.number(),
	maxCustomDomains: z.number(),
	removeBranding: z.boolean(),
	/** Whether earlier published versions can be restored. */
	versionHistory: z.boolean(),
	/** Number of published versions kept restorable; 0 when the plan has no history. */
	maxRestorableVersions: z.number(),
	/** How many days back statistics reach (today included); null = since the account began. */
	statsDays: z.number().nullable(),
	/** Whether statistics can be downloaded as CSV (GET /stats/export). */
	statsExport: z.boolean(),
});
export type Entitlements = z.infer<typeof entitlementsResource>;

// ── profile ───────────────────────────────────────────────────────────────────────────────────

export const socialResource = z.strictObject({
	network: z.enum(SOCIAL_NETWORKS),
	url: z.string(),
});
export type Social = z.infer<typeof socialResource>;

export const legalResource = z.strictObject({
	name: z.string(),
	street: z.string(),
	postalCode: z.string(),
	city: z.string(),
	country: z.string(),
	email: z.string(),
	phone: z.string().optional(),
	vatId: z.string().optional(),
	register: z.string().optional(),
	registerCourt: z.string().optional(),
	responsible: z.string().optional(),
});
export type LegalResource = z.infer<typeof legalResource>;

export const profileResource = z.strictObject({
	handle: z.string(),
	displayName: z.string(),
	bio: z.string(),
	/** Absent while the account has no picture. */
	avatarUrl: z.string().optional(),
	theme: z.enum(THEMES),
	socials: z.array(socialResource),
	/** Impressum text (German law requires one on commercial pages). */
	imprint: z.string(),
	privacyUrl: z.string(),
	/** Where the social icons sit: above ("top") or below ("bottom") the links (issue 18.4). */
	socialsPlacement: z.enum(SOCIALS_PLACEMENTS),
	/** The structured Impressum (issue 18.5); absent while none is set. */
	legal: legalResource.optional(),
});
export type Profile = z.infer<typeof profileResource>;

// ── pages and links ───────────────────────────────────────────────────────────────────────────

/** Issue 18: a page's design; colours `#rrggbb` (lower case), both pairs at least 4.5:1. */
export const designResource = z.strictObject({
	background: z.string(),
	text: z.string(),
	button: z.string(),
	buttonText: z.string(),
	buttonShape: z.enum(BUTTON_SHAPES),
	font: z.enum(DESIGN_FONTS),
	/** True while the page has an uploaded background image. */
	backgroundImage: z.boolean(),
});

export const pageResource = z.strictObject({
	id: z.string(),
	slug: z.string(),
	title: z.string(),
	description: z.string(),
	theme: z.enum(THEMES),
	/** Always sent: the page's own design, or its theme's preset when it has none. */
	design: designResource,
	status: z.enum(["draft", "published"]),
	/** The first page of an account is its home page, served at "/". */
	isHome: z.boolean(),
	hasUnpublishedChanges: z.boolean(),
	/** Both sent only while the page is published. */
	publishedVersion: z.number().optional(),
	publishedUrl: z.string().optional(),
	createdAt: timestamp,
	updatedAt: timestamp,
});
export type Page = z.infer<typeof pageResource>;

export const linkResource = z.strictObject({
	id: z.string(),
	/** Issue 18: a `"header"` is a section heading and has no `url`. */
	kind: z.enum(["link", "header"]),
	title: z.string(),
	url: z.string().optional(),
	enabled: z.boolean(),
	position: z.number(),
	/** Issue 18: the thumbnail's path on the page's site (`/_assets/{sha256}.{ext}`), if any. */
	thumbnailUrl: z.string().optional(),
	/** At most one item of a page is highlighted; highlighting another moves it. */
	highlight: z.boolean(),
	/** The item's schedule window (UTC); null is open on that side. */
	startsAt: timestamp.nullable(),
	endsAt: timestamp.nullable(),
});
export type Link = z.infer<typeof linkResource>;

export const pageVersionResource = z.strictObject({
	version: z.number(),
	publishedAt: timestamp,
	/** Issue 19: how many items (links and headers) it published; absent for versions stored before issue 18. */
	items: z.number().optional(),
	/**
	 * Issue 19: the items added and removed since the version before it, by their titles; absent
	 * for the oldest version kept and where either version predates issue 18.
	 */
	changes: z.strictObject({ added: z.array(z.string()), removed: z.array(z.string()) }).optional(),
});
export type PageVersion = z.infer<typeof pageVersionResource>;

/** The answer of publishing and of restoring a version. */
export const publishedResource = z.strictObject({
	page: pageResource,
	version: z.number(),
	/** Where the page is served now. */
	url: z.string(),
});
export type Published = z.infer<typeof publishedResource>;

// ── custom domains ────────────────────────────────────────────────────────────────────────────

export const domainStatusSchema = z.enum(["pending", "verifying", "active", "failed"]);
export type DomainStatus = z.infer<typeof domainStatusSchema>;

export const domainResource = z.strictObject({
	id: z.string(),
	hostname: z.string(),
	status: domainStatusSchema,
	verification: z.strictObject({ type: z.literal("TXT"), name: z.string(), value: z.string() }),
	target: z.strictObject({ type: z.literal("CNAME"), name: z.string(), value: z.string() }),
	createdAt: timestamp,
	activatedAt: timestamp.optional(),
	lastCheckedAt: timestamp.optional(),
	error: z.string().optional(),
	/** True while the plan does not cover this domain: kept, but not served. */
	suspended: z.boolean().optional(),
});
export type Domain = z.infer<typeof domainResource>;

// ── statistics ────────────────────────────────────────────────────────────────────────────

const count = z.number().int().nonnegative();

/**
 * `GET /stats`: counted views and clicks (bots excluded) of the account or one page, per day in
 * the account's time zone. `days` has one entry per day of the range, oldest first, zeros
 * included; the lists are ordered by count, highest first, ties by key (link id, host, country
 * code, device) ascending, so the same data always gives the same answer. `ctr` is clicks per
 * view (0 without views), rounded to four decimals. A link no longer on the account keeps its
 * clicks with an empty title.
 */
export const statsReportResource = z.strictObject({
	from: z.string(),
	to: z.string(),
	totals: z.strictObject({ views: count, clicks: count, ctr: z.number().nonnegative() }),
	days: z.array(z.strictObject({ date: z.string(), views: count, clicks: count })),
	links: z.array(z.strictObject({ linkId: z.string(), title: z.string(), clicks: count })),
	/** "" is a visit without (or from the site's own) Referer. */
	referrers: z.array(z.strictObject({ host: z.string(), views: count })),
	/** ISO 3166-1 alpha-2; "XX" when unknown. */
	countries: z.array(z.strictObject({ country: z.string(), views: count })),
	devices: z.array(z.strictObject({ device: z.enum(DEVICE_CLASSES), views: count })),
});
export type StatsReport = z.infer<typeof statsReportResource>;

// ── billing ───────────────────────────────────────────────────────────────────────────────────

/** An invoice as Stripe reports it (amounts in the currency's smallest unit). */
export const invoiceResource = z.strictObject({
	id: z.string(),
	number: z.string().nullable(),
	amountDue: z.number(),
	amountPaid: z.number(),
	currency: z.string(),
	status: z.string().nullable(),
	createdAt: timestamp,
	hostedInvoiceUrl: z.string().nullable(),
});
export type Invoice = z.infer<typeof invoiceResource>;

/** A Checkout Session as the return page confirms it (GET /billing/checkout/:sessionId). */
export const checkoutStatusSchema = z.enum(["open", "complete", "expired"]);
export type CheckoutStatus = z.infer<typeof checkoutStatusSchema>;

// ── the account export ────────────────────────────────────────────────────────────────────────

/**
 * Stored rows, readable (docs/export.md): every column as a camelCase field, JSON columns nested,
 * flags as booleans, images with their address beside their key. The export hides nothing.
 */
const rows = z.array(z.record(z.string(), z.unknown()));

/**
 * Everything the Customer Worker stores about an account (GET /me/export without `sessions`).
 * Loose objects: the export is a document for people, and grows with every new table.
 */
export const accountExportResource = z.looseObject({
	/** Issue 21: what the file is, and the version of its shape (an import reads both). */
	format: z.literal(EXPORT_FORMAT),
	version: z.literal(EXPORT_VERSION),
	exportedAt: timestamp,
	user: z.looseObject({
		...userResource.shape,
		emailVerifiedAt: timestamp.nullable(),
		/** UTM values and the plan chosen at sign-up. */
		attribution: z.record(z.string(), z.unknown()).nullable(),
		updatedAt: timestamp,
	}),
	plan: planResource,
	profile: z.record(z.string(), z.unknown()).nullable(),
	/** Issue 21: the fields an import reads are typed (../import/document), the rest is loose. */
	pages: z.array(exportPageRow),
	links: z.array(exportLinkRow),
	publishedVersions: rows,
	assets: rows,
	domains: rows,
	/** The daily statistics roll-ups (issue 17); recent days live in Analytics Engine only. */
	statsDaily: rows,
	/** Issue 20: names and dates of the passkeys, whether TOTP is on; never a key or secret. */
	passkeys: z.array(passkeyResource),
	twoFactor: z.strictObject({ totpEnabled: z.boolean(), recoveryCodesLeft: z.number() }),
	/** Issue 21: names, scopes and dates of the API tokens; never a secret or hash. */
	apiTokens: z.array(apiTokenResource),
});
export type AccountExport = z.infer<typeof accountExportResource>;

/** The downloadable export: the stored data plus the signed-in devices (kept by Core). */
export const exportDocumentResource = accountExportResource.extend({
	sessions: z.array(sessionInfoResource.omit({ current: true })),
});
export type ExportDocument = z.infer<typeof exportDocumentResource>;

// ── import (issue 21) ─────────────────────────────────────────────────────────────────────────

/** An item an import creates, as `POST /pages/:id/links` would store it. */
export const importItemResource = z.strictObject({
	kind: z.enum(["link", "header"]),
	title: z.string(),
	/** Absent for a header. */
	url: z.string().optional(),
	enabled: z.boolean(),
	highlight: z.boolean(),
	startsAt: timestamp.nullable(),
	endsAt: timestamp.nullable(),
});

/** A page an import creates as a draft, with its items in order. */
export const importPageResource = z.strictObject({
	title: z.string(),
	description: z.string(),
	/** Kept from a SmartPages export; a taken slug gets a suffix when the page is created. */
	slug: z.string().optional(),
	theme: z.enum(THEMES).optional(),
	design: designResource.omit({ backgroundImage: true }).optional(),
	links: z.array(importItemResource),
});

/** Something of the source left out, and why (a hostile source can have thousands: the first 50). */
export const importDroppedResource = z.strictObject({
	title: z.string(),
	url: z.string().optional(),
	reason: z.string(),
});

/** What the plan (and the importer's caps: 1,000 items a page, 100 pages) cut off. */
export const importTrimmedResource = z.strictObject({
	pages: count,
	links: count,
	plan: z.enum(PLAN_IDS),
	maxPages: z.number(),
	maxLinksPerPage: z.number(),
});

const importReport = {
	source: z.enum(IMPORT_SOURCES),
	dropped: z.array(importDroppedResource),
	/** All dropped items, also those beyond the listed 50. */
	droppedTotal: count,
	/** Titles and descriptions cut to their field's length (100 and 300 characters). */
	shortened: count,
	trimmed: importTrimmedResource,
};

/** `POST /import/preview`: exactly what `POST /import` would create now. */
export const importPreviewResource = z.strictObject({
	...importReport,
	pages: z.array(importPageResource),
});
export type ImportPreview = z.infer<typeof importPreviewResource>;

/** `POST /import`: the draft pages created, and what was left out. */
export const importResultResource = z.strictObject({
	...importReport,
	pages: z.array(pageResource),
	/** Items created, on all pages together. */
	links: count,
});
export type ImportResult = z.infer<typeof importResultResource>;
