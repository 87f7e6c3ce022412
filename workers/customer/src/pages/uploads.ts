/**
 * The images of a page's content (issue 18): a thumbnail per link and a background image per page.
 * Same rules and lifecycle as the avatar (profile/avatar.ts): checked strictly (contracts/images),
 * stored in R2 under the site's prefix by content hash (immutable), recorded in the assets table
 * in the compare-and-set that makes the link or page name it, listed in the site manifest (the
 * only list the Domain Worker serves `/_assets/` from), and deleted only once nothing names it any
 * more — the avatar, a thumbnail and a background may well be the same bytes, hence one name.
 */
import {
	checkImage,
	checkThumbnail,
	fail,
	IMAGE_TYPES,
	type Link,
	ok,
	type Page,
	type Result,
	r2Keys,
	type ValidImage,
} from "@smartpages/contracts";
import { sha256Hex } from "../lib/ids";
import type { SqlCondition } from "../lib/sql";
import {
	deleteLink as deleteLinkOnly,
	findLink,
	listLinks,
	replaceThumbnailKey,
	thumbnailNames,
	toLink,
} from "../links/store";
import { forgetAsset, recordAssetStatement } from "../profile/store";
import { type SiteConfig, writeManifest } from "../publish/publish";
import { loadPublicBaseUrl } from "../tenant";
import { deletePage as deletePageOnly } from "./pages";
import { backgroundNames, findPage, replaceBackgroundKey, toPage } from "./store";

const NO_LINK = () => fail("not_found", "No such link.");
const NO_PAGE = () => fail("not_found", "No such page.");
const CHANGED = () =>
	fail("conflict", "This picture was changed at the same time. Reload and try again.");

/** Every place besides the avatar that can name an asset (profile/store checks the avatar). */
export function assetNamedElsewhere(userId: string, name: string): SqlCondition[] {
	return [thumbnailNames(userId, name), backgroundNames(userId, name)];
}

/** Stores the checked bytes under their content hash; answers the asset's name and facts. */
async function storeImage(
	site: SiteConfig,
	userId: string,
	image: ValidImage,
): Promise<{ name: string; contentType: string; size: number }> {
	const name = `${await sha256Hex(image.bytes)}.${image.ext}`;
	await site.bucket.put(r2Keys.asset(userId, name), image.bytes, {
		httpMetadata: {
			contentType: IMAGE_TYPES[image.ext],
			cacheControl: "public, max-age=31536000, immutable",
		},
	});
	return { name, contentType: IMAGE_TYPES[image.ext], size: image.bytes.byteLength };
}

/** Deletes an asset's object once nothing of the account names it any more. */
export async function dropAsset(site: SiteConfig, userId: string, name: string): Promise<void> {
	if (await forgetAsset(site.db, userId, name, assetNamedElsewhere(userId, name))) {
		await site.bucket.delete(r2Keys.asset(userId, name));
	}
}

// ── thumbnails ────────────────────────────────────────────────────────────────────────────────

export async function setLinkThumbnail(
	site: SiteConfig,
	userId: string,
	pageId: string,
	linkId: string,
	upload: Uint8Array,
): Promise<Result<Link>> {
	const image = checkThumbnail(upload);
	if (!image.ok) return image;
	const link = await findLink(site.db, userId, pageId, linkId);
	if (!link) return NO_LINK();
	const asset = await storeImage(site, userId, image.value);
	const row = await replaceThumbnailKey(site.db, userId, pageId, linkId, link.thumbnail_key, asset);
	if (!row) {
		// Another change won; this upload's object must not stay behind unless something names it.
		await dropAsset(site, userId, asset.name);
		const now = await findLink(site.db, userId, pageId, linkId);
		if (!now) return NO_LINK();
		return now.thumbnail_key === asset.name ? ok(toLink(now)) : CHANGED();
	}
	// The manifest names the new thumbnail (and no longer the old one) before the old bytes go.
	await writeManifest(site, userId);
	if (link.thumbnail_key && link.thumbnail_key !== asset.name)
		await dropAsset(site, userId, link.thumbnail_key);
	return ok(toLink(row));
}

export async function removeLinkThumbnail(
	site: SiteConfig,
	userId: string,
	pageId: string,
	linkId: string,
): Promise<Result<null>> {
	const link = await findLink(site.db, userId, pageId, linkId);
	if (!link) return NO_LINK();
	if (!link.thumbnail_key) return ok(null);
	const row = await replaceThumbnailKey(site.db, userId, pageId, linkId, link.thumbnail_key, null);
	if (!row) return CHANGED();
	await writeManifest(site, userId);
	await dropAsset(site, userId, link.thumbnail_key);
	return ok(null);
}

// ── background image ──────────────────────────────────────────────────────────────────────────

export async function setPageBackground(
	site: SiteConfig,
	userId: string,
	pageId: string,
	upload: Uint8Array,
): Promise<Result<Page>> {
	const image = checkImage(upload);
	if (!image.ok) return image;
	const page = await findPage(site.db, userId, pageId);
	if (!page) return NO_PAGE();
	const asset = await storeImage(site, userId, image.value);
	const row = await replaceBackgroundKey(
		site.db,
		userId,
		pageId,
		page.background_key,
		asset,
		(named) => recordAssetStatement(site.db, userId, asset, named),
	);
	const baseUrl = await loadPublicBaseUrl(site.db, site, userId);
	if (!row) {
		await dropAsset(site, userId, asset.name);
		const now = await findPage(site.db, userId, pageId);
		if (!now) return NO_PAGE();
		return now.background_key === asset.name ? ok(toPage(now, { baseUrl })) : CHANGED();
	}
	await writeManifest(site, userId);
	if (page.background_key && page.background_key !== asset.name)
		await dropAsset(site, userId, page.background_key);
	return ok(toPage(row, { baseUrl }));
}

export async function removePageBackground(
	site: SiteConfig,
	userId: string,
	pageId: string,
): Promise<Result<null>> {
	const page = await findPage(site.db, userId, pageId);
	if (!page) return NO_PAGE();
	if (!page.background_key) return ok(null);
	const row = await replaceBackgroundKey(site.db, userId, pageId, page.background_key, null);
	if (!row) return CHANGED();
	await writeManifest(site, userId);
	await dropAsset(site, userId, page.background_key);
	return ok(null);
}

// ── deletions that take images with them ──────────────────────────────────────────────────────

/** Deletes a link, then its thumbnail's bytes unless something else names them. */
export async function deleteLink(
	site: SiteConfig,
	userId: string,
	pageId: string,
	linkId: string,
): Promise<Result<null>> {
	const link = await findLink(site.db, userId, pageId, linkId);
	const result = await deleteLinkOnly(site.db, userId, pageId, linkId);
	if (result.ok && link?.thumbnail_key) {
		await writeManifest(site, userId);
		await dropAsset(site, userId, link.thumbnail_key);
	}
	return result;
}

/** Deletes a page (its links cascade), then the images only it named. */
export async function deletePage(
	site: SiteConfig,
	userId: string,
	pageId: string,
): Promise<Result<null>> {
	const [page, links] = await Promise.all([
		findPage(site.db, userId, pageId),
		listLinks(site.db, userId, pageId),
	]);
	const result = await deletePageOnly(site, userId, pageId);
	if (!result.ok) return result;
	const names = [page?.background_key, ...links.map((l) => l.thumbnail_key)].filter(
		(n): n is string => typeof n === "string",
	);
	if (names.length > 0) {
		await writeManifest(site, userId);
		for (const name of new Set(names)) await dropAsset(site, userId, name);
	}
	return result;
}
