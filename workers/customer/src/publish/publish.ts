/**
 * Publishing: render a page, write it under a new immutable version key in R2, record the
 * version in D1, then switch the site manifest to it (one small write = the atomic switch).
 * The manifest is always rebuilt from D1, so a failed step is repaired by the next publish.
 * Every step gets the tenant context (tenant.ts) loaded once at the start of the call: the user
 * row with the plan, the profile and the site's custom hostname are read once per publish, and
 * nothing already in hand is read again (issue 22.5: the version's link map comes from the render,
 * the other pages' maps from the manifest being replaced, not one R2 read per page).
 * Each version has a small immutable link map next to it (`r2Keys.pageLinks`): the links its HTML
 * points to as `/_l/{linkId}`; the manifest copies it, so the Domain Worker redirects only to what
 * is published, without a second read (issue 17).
 * Each version also keeps the input it was rendered from (`r2Keys.pageSource`) and, in D1, the
 * first schedule boundary of its items: the schedule cron re-renders the published version from
 * that input when a boundary passes (schedules.ts, issue 18).
 */
import {
	type Branding,
	entitlementsFor,
	fail,
	injectBranding,
	ok,
	type Page,
	type PublishedLinks,
	type PublishResult,
	type Result,
	r2Keys,
	type SiteManifest,
	type Theme,
} from "@smartpages/contracts";
import { logEvent } from "@smartpages/contracts/observability";
import { checkPublishLimits, type PlanFacts, switchWithinPlan } from "../billing/limits";
import { nowIso } from "../lib/clock";
import { sha256Hex } from "../lib/ids";
import { deletePrefix } from "../lib/r2";
import { type LinkRow, listLinks, thumbnailKeysQuery, toLink } from "../links/store";
import {
	deleteVersion,
	deleteVersions,
	findPage,
	findPublishablePage,
	insertNextVersion,
	listImageKeys,
	listPrunableVersions,
	listPublishedVersions,
	markRenderDue,
	type PageRow,
	pageDesign,
	toPage,
	unpublishPageRow,
	versionExists,
} from "../pages/store";
import { toProfile } from "../profile/store";
import { syncAccountMappings } from "../profile/subdomain";
import { loadTenant, type SiteAddress, type Tenant } from "../tenant";
import { nextBoundary } from "./items";
import { keepVersionsFor, pruneLegalPages, storeLegalPages } from "./legal-pages";
import { type RenderedPage, type RenderInput, renderPage } from "./render";

export interface SiteConfig extends SiteAddress {
	db: D1Database;
	bucket: R2Bucket;
	brandingUrl: string;
}

export interface PublishOptions {
	/**
	 * Versions kept after this publish (older ones are deleted from D1 and R2); by default what
	 * the account's plan in D1 restores (`keepVersionsFor`), read with the account.
	 */
	keepVersions?: number;
	/** Refuse (`email_not_verified`) while the account's address is unconfirmed (Core's rule). */
	requireVerifiedEmail?: boolean;
}

const NO_PAGE = () => fail("not_found", "No such page.");

/**
 * Renders the page as it stands in D1 now (the preview, and the body of a publish) with the
 * input it was rendered from: a publish stores that next to the version, so the schedule cron
 * can re-render what was published (schedules.ts). `base` is the site's canonical origin
 * (`canonicalBase`); the preview asks for direct link hrefs.
 */
async function renderCurrent(
	site: SiteConfig,
	tenant: Tenant,
	page: PageRow,
	links: LinkRow[],
	base: string,
	{
		now = Date.now(),
		linkHref = "counted",
	}: { now?: number; linkHref?: "counted" | "direct" } = {},
): Promise<RenderedPage & { input: RenderInput }> {
	// Images are absolute on the subdomain, like the avatar: the preview is another origin.
	const asset = (path: string) => `${tenant.baseUrl}${path}`;
	const input: RenderInput = {
		lang: tenant.user.locale,
		page: {
			title: page.title,
			description: page.description,
			theme: page.theme as Theme,
			design: pageDesign(page),
			...(page.background_key ? { backgroundUrl: asset(`/_assets/${page.background_key}`) } : {}),
		},
		profile: toProfile(tenant.profile, site.pagesDomain, site.urlTemplate),
		links: links
			.map(toLink)
			.map((l) => (l.thumbnailUrl ? { ...l, thumbnailUrl: asset(l.thumbnailUrl) } : l)),
		canonicalUrl: `${base}/${page.is_home === 1 ? "" : page.slug}`,
		linkHref,
	};
	return { ...(await renderPage(input, now)), input };
}

/** The site's preferred address: its first active custom domain, else its subdomain. */
function canonicalBase(tenant: Tenant): string {
	return tenant.customHost ? `https://${tenant.customHost}` : tenant.baseUrl;
}

/** The badge the account's plan shows on its pages, or null when the plan removes branding. */
function brandingFor(site: SiteConfig, tenant: Tenant): Branding | null {
	return entitlementsFor(tenant.plan).removeBranding
		? null
		: { url: site.brandingUrl, lang: tenant.user.locale };
}

/**
 * The draft exactly as a visitor would get it after publishing (badge included), except that
 * links point straight to their URLs: the preview is shown on the dashboard's origin, where
 * `/_l/{linkId}` goes nowhere (and a click there is nobody's click to count).
 */
export async function previewPage(
	site: SiteConfig,
	userId: string,
	pageId: string,
): Promise<Result<string>> {
	const [tenant, page, links] = await Promise.all([
		loadTenant(site.db, site, userId),
		findPage(site.db, userId, pageId),
		listLinks(site.db, userId, pageId),
	]);
	if (!tenant || !page) return NO_PAGE();
	const base = canonicalBase(tenant);
	const rendered = await renderCurrent(site, tenant, page, links, base, { linkHref: "direct" });
	const branding = brandingFor(site, tenant);
	return ok(branding ? injectBranding(rendered.html, branding) : rendered.html);
}

/**
 * Publishes the draft for Core: the account must exist (and have a confirmed address when
 * `requireVerifiedEmail`). A storage failure on the way (R2 or D1) leaves the previous version
 * served and answers `unavailable`; publishing again repairs everything.
 */
export async function tryPublishPage(
	site: SiteConfig,
	userId: string,
	pageId: string,
	options: PublishOptions,
): Promise<Result<PublishResult>> {
	try {
		const tenant = await loadTenant(site.db, site, userId);
		if (!tenant) return fail("not_found", "No such account.");
		if (options.requireVerifiedEmail && tenant.user.email_verified_at === null) {
			return fail("email_not_verified", "Please confirm your e-mail address before publishing.");
		}
		return await publishAs(site, tenant, pageId, options);
	} catch (error) {
		logEvent("error", "publish failed", { pageId, error: String(error) });
		return fail(
			"unavailable",
			"Publishing failed for a moment; your previous version is still online. Please try again.",
		);
	}
}

/** Publishes the draft; a storage failure throws (after undoing what it can). */
export async function publishPage(
	site: SiteConfig,
	userId: string,
	pageId: string,
	options: PublishOptions,
): Promise<Result<PublishResult>> {
	const tenant = await loadTenant(site.db, site, userId);
	if (!tenant) return NO_PAGE();
	return publishAs(site, tenant, pageId, options);
}

async function publishAs(
	site: SiteConfig,
	tenant: Tenant,
	pageId: string,
	options: PublishOptions,
): Promise<Result<PublishResult>> {
	const { userId } = tenant;
	const keepVersions = options.keepVersions ?? keepVersionsFor(tenant);
	const base = canonicalBase(tenant);
	const [found, links] = await Promise.all([
		findPublishablePage(site.db, userId, pageId),
		listLinks(site.db, userId, pageId),
	]);
	if (!found) return NO_PAGE();
	const page = found.row;
	// The plan's page and link limits, from D1 now (the tenant's plan and the counts read with
	// the page): over them nothing is written (402).
	const facts: PlanFacts = {
		plan: tenant.plan,
		planRevision: tenant.user.plan_revision,
		livePages: found.otherLivePages,
		enabledLinks: links.filter((l) => l.enabled === 1).length,
	};
	const allowed = checkPublishLimits(facts, { links: true });
	if (!allowed.ok) return allowed;
	const now = Date.now();
	const rendered = await renderCurrent(site, tenant, page, links, base, { now });
	const etag = (await sha256Hex(rendered.html)).slice(0, 32);

	// 1. Reserve the next version number in D1 (one statement: each concurrent publish gets its
	// own number, so no two ever write the same immutable object).
	const { version, key } = await reserveVersion(site, userId, pageId, etag, rendered.styleHash, {
		renderedAt: nowIso(now),
		nextBoundaryAt: nextBoundary(rendered.input.links, now),
	});
	// 2. The new version, its link map and its render input, under keys nobody serves yet.
	try {
		await Promise.all([
			site.bucket.put(r2Keys.pageSource(key), JSON.stringify(rendered.input), {
				httpMetadata: { contentType: "application/json" },
			}),
			site.bucket.put(key, rendered.html, {
				httpMetadata: { contentType: "text/html; charset=utf-8" },
				customMetadata: { styleHash: rendered.styleHash, etag },
			}),
			site.bucket.put(r2Keys.pageLinks(key), JSON.stringify(rendered.links), {
				httpMetadata: { contentType: "application/json" },
			}),
		]);
	} catch (error) {
		await site.bucket.delete(versionObjects(key));
		await deleteVersion(site.db, userId, pageId, version);
		throw error;
	}
	// 3. D1 records it as the published version, in a statement that checks the plan's limits
	// again (a concurrent publish or a downgrade since the check); refused, the version goes.
	const switched = await switchWithinPlan(
		site.db,
		userId,
		pageId,
		{ version, publishedRevision: page.revision },
		{ links: true },
		facts,
	);
	if (!switched.ok) {
		await site.bucket.delete(versionObjects(key));
		await deleteVersion(site.db, userId, pageId, version);
		return switched;
	}
	// 4. The atomic switch, then the host mapping for the account's own subdomain.
	await writeManifestFor(site, tenant, { key, links: rendered.links });
	await syncAccountMappings(site, tenant.profile.handle, tenant.recordedHandles);
	// Only when this publish may have taken the page past what it keeps (a concurrent publish
	// that did too prunes, and the next publish catches up on anything left).
	if (found.storedVersions + 1 > keepVersions) {
		await pruneVersions(site, userId, pageId, keepVersions);
	}
	// The address visitors use (issue 19): the custom domain while one is active.
	return ok(publishResult(switched.value, version, base));
}

function publishResult(row: PageRow, version: number, baseUrl: string): PublishResult {
	const page = toPage(row, { baseUrl });
	return { page, version, url: page.publishedUrl ?? "" };
}

/**
 * Takes the page's next version number and records the version (pages/store.ts
 * `insertNextVersion`), with its key checked against r2Keys' layout.
 */
async function reserveVersion(
	site: SiteConfig,
	userId: string,
	pageId: string,
	etag: string,
	styleHash: string,
	schedule: { renderedAt: string; nextBoundaryAt: string | null },
): Promise<{ version: number; key: string }> {
	// The number comes from D1, which a Time Travel restore rewinds; the random part keeps the
	// key of every publish new, so an object the edge caches for a year is never rewritten.
	const unique = objectId();
	const row = await insertNextVersion(site.db, userId, pageId, {
		prefix: r2Keys.pagePrefix(userId, pageId),
		unique,
		etag,
		styleHash,
		publishedAt: nowIso(),
		...schedule,
	});
	if (!row || row.r2_key !== r2Keys.pageVersion(userId, pageId, row.version, unique))
		throw new Error("page_versions: the reserved key does not follow r2Keys.pageVersion");
	return { version: row.version, key: row.r2_key };
}

/** The R2 objects of one version: its HTML, its link map and its render input. */
export function versionObjects(key: string): string[] {
	return [key, r2Keys.pageLinks(key), r2Keys.pageSource(key)];
}

/** 64 random bits as hex: the unique part of a version object's key. */
export function objectId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Rebuilds the site manifest from D1: every published page → its current version object and
 * that version's link map, the assets the site references (its avatar), and the badge as the
 * account's plan says.
 */
export async function writeManifest(site: SiteConfig, userId: string): Promise<void> {
	const tenant = await loadTenant(site.db, site, userId);
	if (!tenant) return;
	await writeManifestFor(site, tenant);
}

/**
 * `writeManifest` for a caller that has loaded the tenant already (and, publishing, has the link
 * map of the version it just stored: `published`); answers what it wrote.
 */
export async function writeManifestFor(
	site: SiteConfig,
	tenant: Tenant,
	published?: { key: string; links: PublishedLinks },
): Promise<SiteManifest> {
	const base = canonicalBase(tenant);
	const [results, images] = await Promise.all([
		listPublishedVersions(site.db, tenant.userId),
		listImageKeys(site.db, tenant.userId, [thumbnailKeysQuery(tenant.userId)]),
	]);
	const [links, legal] = await Promise.all([
		linkMapsOf(site.bucket, tenant.userId, results, published),
		storeLegalPages(site, tenant, results.length > 0),
	]);
	const manifest: SiteManifest = {
		siteId: tenant.userId,
		branding: brandingFor(site, tenant),
		pages: {},
		...(legal ? { legal } : {}),
		assets: [
			...new Set([...(tenant.profile.avatar_key ? [tenant.profile.avatar_key] : []), ...images]),
		],
		canonicalBase: base.replace(/\/+$/, ""),
		// The Domain Worker's 404 page on this site speaks the account's language (issue 19).
		locale: tenant.user.locale,
		updatedAt: nowIso(),
	};
	results.forEach((r, i) => {
		manifest.pages[r.is_home === 1 ? "" : r.slug] = {
			pageId: r.id,
			version: r.version,
			key: r.r2_key,
			etag: r.etag,
			styleHash: r.style_hash,
			publishedAt: r.published_at,
			links: links[i] ?? {},
		};
	});
	await site.bucket.put(r2Keys.manifest(tenant.userId), JSON.stringify(manifest), {
		httpMetadata: { contentType: "application/json" },
	});
	// A new home design or name gives the legal pages new keys: the replaced ones go (later).
	if (legal) await pruneLegalPages(site, tenant.userId, legal);
	return manifest;
}

/**
 * After `profile.legal` changed (issue 18.5): republishes `pageIds` (the published pages without
 * unpublished edits, read before the change) so their footers link the legal pages or stop doing
 * so, rewrites the manifest with the new legal pages, and prunes the old ones. A page that fails
 * to republish stays marked as changed for the customer to publish; the profile change stands.
 */
export async function republishForLegal(
	site: SiteConfig,
	userId: string,
	pageIds: string[],
): Promise<void> {
	const tenant = await loadTenant(site.db, site, userId);
	if (!tenant) return;
	for (const pageId of pageIds) {
		try {
			const result = await publishAs(site, tenant, pageId, {
				keepVersions: keepVersionsFor(tenant),
			});
			if (!result.ok) logEvent("warn", "legal republish refused", { pageId, code: result.code });
		} catch (error) {
			logEvent("error", "legal republish failed", { pageId, error: String(error) });
		}
	}
	const manifest = await writeManifestFor(site, tenant);
	// With legal set the write above pruned; removed, nothing names the old pages any more.
	if (!manifest.legal) await pruneLegalPages(site, userId, undefined);
}

/**
 * The link map of each published version (issue 17), without reading what is at hand: the version
 * just published brings its own, and every other one is what the manifest being replaced names
 * for the same (immutable) version key — one R2 read for all of them, none at all for a site whose
 * only published page is the one just published. A version the old manifest does not name (a
 * restore, a manifest from before issue 17) is read from its own link map.
 */
async function linkMapsOf(
	bucket: R2Bucket,
	userId: string,
	results: { r2_key: string }[],
	published?: { key: string; links: PublishedLinks },
): Promise<PublishedLinks[]> {
	const others = results.filter((r) => r.r2_key !== published?.key);
	const previous =
		others.length > 0 ? await previousLinkMaps(bucket, userId) : new Map<string, PublishedLinks>();
	return Promise.all(
		results.map((r) => {
			if (published && r.r2_key === published.key) return published.links;
			return previous.get(r.r2_key) ?? readLinks(bucket, r.r2_key);
		}),
	);
}

/** Version key → link map, from the site's current manifest (empty when it has none or is odd). */
async function previousLinkMaps(
	bucket: R2Bucket,
	userId: string,
): Promise<Map<string, PublishedLinks>> {
	const maps = new Map<string, PublishedLinks>();
	const object = await bucket.get(r2Keys.manifest(userId));
	if (!object) return maps;
	let parsed: unknown;
	try {
		parsed = JSON.parse(await object.text());
	} catch {
		return maps;
	}
	const pages = isObject(parsed) ? parsed.pages : undefined;
	if (!isObject(pages)) return maps;
	for (const ref of Object.values(pages)) {
		if (!isObject(ref) || typeof ref.key !== "string" || !isObject(ref.links)) continue;
		const links: PublishedLinks = {};
		for (const [id, url] of Object.entries(ref.links)) if (typeof url === "string") links[id] = url;
		maps.set(ref.key, links);
	}
	return maps;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The link map published with a version. A version from before issue 17 has none (its HTML links
 * point straight to their URLs): an empty map, so `/_l/` on that page is a 404 and it still serves.
 */
async function readLinks(bucket: R2Bucket, versionKey: string): Promise<PublishedLinks> {
	const object = await bucket.get(r2Keys.pageLinks(versionKey));
	if (!object) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(await object.text());
	} catch {
		// Never written by this code; a broken map must not block every later publish of the site.
		logEvent("error", "corrupt link map", { key: r2Keys.pageLinks(versionKey) });
		return {};
	}
	if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
	const links: PublishedLinks = {};
	for (const [id, url] of Object.entries(parsed)) if (typeof url === "string") links[id] = url;
	return links;
}

/** Keeps the newest `keep` versions (and always the published one); deletes the rest. */
async function pruneVersions(
	site: SiteConfig,
	userId: string,
	pageId: string,
	keep: number,
): Promise<void> {
	const results = await listPrunableVersions(site.db, userId, pageId, keep);
	if (results.length === 0) return;
	await site.bucket.delete(results.flatMap((r) => versionObjects(r.r2_key)));
	await deleteVersions(
		site.db,
		userId,
		pageId,
		results.map((r) => r.version),
	);
}

/** Takes a page offline: out of the manifest first, its stored versions stay for a re-publish. */
export async function unpublishPage(
	site: SiteConfig,
	userId: string,
	pageId: string,
): Promise<Result<Page>> {
	const row = await unpublishPageRow(site.db, userId, pageId);
	if (!row) return NO_PAGE();
	const tenant = await loadTenant(site.db, site, userId);
	if (tenant) await writeManifestFor(site, tenant);
	return ok(toPage(row, { baseUrl: tenant ? canonicalBase(tenant) : "" }));
}

/** Makes an older stored version the published one again (a manifest switch, no re-render). */
export async function restoreVersion(
	site: SiteConfig,
	userId: string,
	pageId: string,
	version: number,
): Promise<Result<PublishResult>> {
	if (!(await versionExists(site.db, userId, pageId, version))) {
		return fail("not_found", "No such version.");
	}
	// Only while the plan in D1 has version history and room for the page (billing/limits.ts).
	const switched = await switchWithinPlan(
		site.db,
		userId,
		pageId,
		{ version, publishedRevision: null },
		{ links: false, requires: "versionHistory" },
	);
	if (!switched.ok) return switched;
	// Rendered for the time it was published: the schedule cron brings it up to now (issue 18).
	await markRenderDue(site.db, userId, pageId, version);
	const tenant = await loadTenant(site.db, site, userId);
	if (!tenant) return NO_PAGE();
	await writeManifestFor(site, tenant);
	await syncAccountMappings(site, tenant.profile.handle, tenant.recordedHandles);
	return ok(publishResult(switched.value, version, canonicalBase(tenant)));
}

/** Removes a deleted page's published objects and rebuilds the manifest without it. */
export async function removePublishedPage(
	site: SiteConfig,
	userId: string,
	pageId: string,
): Promise<void> {
	await writeManifest(site, userId);
	await deletePrefix(site.bucket, r2Keys.pagePrefix(userId, pageId));
}
