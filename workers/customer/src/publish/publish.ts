/**
 * Publishing: render a page, write it under a new immutable version key in R2, record the
 * version in D1, then switch the site manifest to it (one small write = the atomic switch).
 * The manifest is always rebuilt from D1, so a failed step is repaired by the next publish.
 */
import {
	type Branding,
	entitlementsFor,
	fail,
	injectBranding,
	type Locale,
	ok,
	type Result,
	r2Keys,
	type SiteManifest,
	type Theme,
} from "@smartpages/contracts";
import { checkPublishLimits, switchWithinPlan } from "../billing/limits";
import { nowIso } from "../lib/clock";
import { sha256Hex } from "../lib/ids";
import { listLinks, toLink } from "../links/store";
import { findPage, type PageRow } from "../pages/store";
import { findProfile, type ProfileRow, siteUrl, toProfile } from "../profile/store";
import { ensureSubdomainMapping } from "../profile/subdomain";
import { findUserById, toPlan, type UserRow } from "../users/store";
import { type RenderedPage, renderPage } from "./render";

export interface SiteConfig {
	db: D1Database;
	bucket: R2Bucket;
	pagesDomain: string;
	urlTemplate: string;
	brandingUrl: string;
}

export interface PublishOptions {
	/** Versions kept after this publish (older ones are deleted from D1 and R2). */
	keepVersions: number;
}

/** Renders the page as it stands in D1 now (the preview, and the body of a publish). */
export async function renderCurrent(
	site: SiteConfig,
	userId: string,
	page: PageRow,
	profile: ProfileRow,
	locale: Locale,
): Promise<RenderedPage> {
	const links = (await listLinks(site.db, userId, page.id)).map(toLink);
	const p = toProfile(profile, site.pagesDomain, site.urlTemplate);
	return renderPage({
		lang: locale,
		page: { title: page.title, description: page.description, theme: page.theme as Theme },
		profile: p,
		links,
		canonicalUrl: `${await canonicalBase(site, userId, profile.handle)}/${page.is_home === 1 ? "" : page.slug}`,
	});
}

/** The site's preferred address: its first active custom domain, else its subdomain. */
async function canonicalBase(site: SiteConfig, userId: string, handle: string): Promise<string> {
	const custom = await site.db
		.prepare(
			"SELECT hostname FROM domains WHERE user_id = ? AND status = 'active' AND suspended = 0 ORDER BY created_at LIMIT 1",
		)
		.bind(userId)
		.first<{ hostname: string }>();
	return custom
		? `https://${custom.hostname}`
		: siteUrl(handle, site.pagesDomain, site.urlTemplate);
}

async function loadContext(site: SiteConfig, userId: string, pageId: string) {
	const [page, profile, user] = await Promise.all([
		findPage(site.db, userId, pageId),
		findProfile(site.db, userId),
		findUserById(site.db, userId),
	]);
	if (!page || !profile || !user) return null;
	return { page, profile, user, locale: user.locale };
}

/** The badge the account's plan shows on its pages, or null when the plan removes branding. */
function brandingFor(site: SiteConfig, user: UserRow): Branding | null {
	return entitlementsFor(toPlan(user)).removeBranding
		? null
		: { url: site.brandingUrl, lang: user.locale };
}

/** The draft exactly as a visitor would get it after publishing (badge included). */
export async function previewPage(
	site: SiteConfig,
	userId: string,
	pageId: string,
): Promise<Result<string>> {
	const ctx = await loadContext(site, userId, pageId);
	if (!ctx) return fail("not_found", "No such page.");
	const rendered = await renderCurrent(site, userId, ctx.page, ctx.profile, ctx.locale);
	const branding = brandingFor(site, ctx.user);
	return ok(branding ? injectBranding(rendered.html, branding) : rendered.html);
}

export async function publishPage(
	site: SiteConfig,
	userId: string,
	pageId: string,
	options: PublishOptions,
): Promise<Result<{ page: PageRow; version: number }>> {
	const ctx = await loadContext(site, userId, pageId);
	if (!ctx) return fail("not_found", "No such page.");
	// The plan's page and link limits, from D1 now: over them nothing is written (402).
	const allowed = await checkPublishLimits(site.db, userId, pageId, { links: true });
	if (!allowed.ok) return allowed;
	const { page, profile } = ctx;
	const rendered = await renderCurrent(site, userId, page, profile, ctx.locale);
	const etag = (await sha256Hex(rendered.html)).slice(0, 32);
	const publishedAt = nowIso();

	// 1. Reserve the next version number in D1 (the primary key settles concurrent publishes:
	// each gets its own number, so no two ever write the same immutable object).
	const { version, key } = await reserveVersion(
		site,
		userId,
		pageId,
		etag,
		rendered.styleHash,
		publishedAt,
	);
	// 2. The new version, under a key nobody serves yet.
	try {
		await site.bucket.put(key, rendered.html, {
			httpMetadata: { contentType: "text/html; charset=utf-8" },
			customMetadata: { styleHash: rendered.styleHash, etag },
		});
	} catch (error) {
		await site.db
			.prepare("DELETE FROM page_versions WHERE page_id = ? AND user_id = ? AND version = ?")
			.bind(pageId, userId, version)
			.run();
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
	);
	if (!switched.ok) {
		await site.bucket.delete(key);
		await site.db
			.prepare("DELETE FROM page_versions WHERE page_id = ? AND user_id = ? AND version = ?")
			.bind(pageId, userId, version)
			.run();
		return switched;
	}
	const row = switched.value;
	// 3. The atomic switch, then the host mapping for the account's own subdomain.
	await writeManifest(site, userId);
	await ensureSubdomainMapping(site, userId);
	await pruneVersions(site, userId, pageId, options.keepVersions);
	return ok({ page: row, version });
}

/**
 * Takes the page's next version number and records the version, in one statement: SQLite runs it
 * atomically, so publishes of one page at once (a double click, a script) each get their own
 * number instead of racing on the primary key. The key is built in SQL from r2Keys' layout and
 * checked against it.
 */
async function reserveVersion(
	site: SiteConfig,
	userId: string,
	pageId: string,
	etag: string,
	styleHash: string,
	publishedAt: string,
): Promise<{ version: number; key: string }> {
	// The number comes from D1, which a Time Travel restore rewinds; the random part keeps the
	// key of every publish new, so an object the edge caches for a year is never rewritten.
	const unique = objectId();
	const row = await site.db
		.prepare(
			`INSERT INTO page_versions (page_id, version, user_id, r2_key, etag, style_hash, published_at)
			 SELECT ?1, n, ?2, ?3 || n || '-' || ?4 || '.html', ?5, ?6, ?7
			 FROM (SELECT COALESCE(MAX(version), 0) + 1 AS n FROM page_versions
			       WHERE page_id = ?1 AND user_id = ?2)
			 RETURNING version, r2_key`,
		)
		.bind(pageId, userId, r2Keys.pagePrefix(userId, pageId), unique, etag, styleHash, publishedAt)
		.first<{ version: number; r2_key: string }>();
	if (!row || row.r2_key !== r2Keys.pageVersion(userId, pageId, row.version, unique))
		throw new Error("page_versions: the reserved key does not follow r2Keys.pageVersion");
	return { version: row.version, key: row.r2_key };
}

/** 64 random bits as hex: the unique part of a version object's key. */
function objectId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Rebuilds the site manifest from D1: every published page → its current version object, the
 * assets the site references (its avatar), and the badge as the account's plan says.
 */
export async function writeManifest(site: SiteConfig, userId: string): Promise<void> {
	const [user, profile] = await Promise.all([
		findUserById(site.db, userId),
		findProfile(site.db, userId),
	]);
	if (!user) return;
	const { results } = await site.db
		.prepare(
			`SELECT p.id, p.slug, p.is_home, v.version, v.r2_key, v.etag, v.style_hash, v.published_at
			 FROM pages p JOIN page_versions v ON v.page_id = p.id AND v.version = p.published_version
			 WHERE p.user_id = ? AND p.status = 'published'`,
		)
		.bind(userId)
		.all<{
			id: string;
			slug: string;
			is_home: number;
			version: number;
			r2_key: string;
			etag: string;
			style_hash: string;
			published_at: string;
		}>();
	const manifest: SiteManifest = {
		siteId: userId,
		branding: brandingFor(site, user),
		pages: {},
		assets: profile?.avatar_key ? [profile.avatar_key] : [],
		updatedAt: nowIso(),
	};
	for (const r of results) {
		manifest.pages[r.is_home === 1 ? "" : r.slug] = {
			pageId: r.id,
			version: r.version,
			key: r.r2_key,
			etag: r.etag,
			styleHash: r.style_hash,
			publishedAt: r.published_at,
		};
	}
	await site.bucket.put(r2Keys.manifest(userId), JSON.stringify(manifest), {
		httpMetadata: { contentType: "application/json" },
	});
}

/** Keeps the newest `keep` versions (and always the published one); deletes the rest. */
async function pruneVersions(
	site: SiteConfig,
	userId: string,
	pageId: string,
	keep: number,
): Promise<void> {
	const { results } = await site.db
		.prepare(
			`SELECT v.version, v.r2_key FROM page_versions v JOIN pages p ON p.id = v.page_id
			 WHERE v.page_id = ? AND v.user_id = ? AND v.version <> p.published_version
			 ORDER BY v.version DESC LIMIT -1 OFFSET ?`,
		)
		.bind(pageId, userId, Math.max(0, keep - 1))
		.all<{ version: number; r2_key: string }>();
	if (results.length === 0) return;
	await site.bucket.delete(results.map((r) => r.r2_key));
	await site.db.batch(
		results.map((r) =>
			site.db
				.prepare("DELETE FROM page_versions WHERE page_id = ? AND user_id = ? AND version = ?")
				.bind(pageId, userId, r.version),
		),
	);
}

/** Takes a page offline: out of the manifest first, its stored versions stay for a re-publish. */
export async function unpublishPage(
	site: SiteConfig,
	userId: string,
	pageId: string,
): Promise<Result<PageRow>> {
	const row = await site.db
		.prepare(
			`UPDATE pages SET status = 'draft', published_version = NULL, published_revision = NULL
			 WHERE id = ? AND user_id = ? RETURNING *`,
		)
		.bind(pageId, userId)
		.first<PageRow>();
	if (!row) return fail("not_found", "No such page.");
	await writeManifest(site, userId);
	return ok(row);
}

/** Makes an older stored version the published one again (a manifest switch, no re-render). */
export async function restoreVersion(
	site: SiteConfig,
	userId: string,
	pageId: string,
	version: number,
): Promise<Result<{ page: PageRow; version: number }>> {
	const stored = await site.db
		.prepare("SELECT version FROM page_versions WHERE page_id = ? AND user_id = ? AND version = ?")
		.bind(pageId, userId, version)
		.first();
	if (!stored) return fail("not_found", "No such version.");
	// Only while the plan in D1 has version history and room for the page (billing/limits.ts).
	const switched = await switchWithinPlan(
		site.db,
		userId,
		pageId,
		{ version, publishedRevision: null },
		{ links: false, requires: "versionHistory" },
	);
	if (!switched.ok) return switched;
	const row = switched.value;
	await writeManifest(site, userId);
	await ensureSubdomainMapping(site, userId);
	return ok({ page: row, version });
}

/** Removes a deleted page's published objects and rebuilds the manifest without it. */
export async function removePublishedPage(
	site: SiteConfig,
	userId: string,
	pageId: string,
): Promise<void> {
	await writeManifest(site, userId);
	let cursor: string | undefined;
	do {
		const listing = await site.bucket.list({ prefix: r2Keys.pagePrefix(userId, pageId), cursor });
		if (listing.objects.length) await site.bucket.delete(listing.objects.map((o) => o.key));
		cursor = listing.truncated ? listing.cursor : undefined;
	} while (cursor);
}
