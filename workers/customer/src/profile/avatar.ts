/**
 * The avatar: checked strictly (contracts/images: real dimensions capped, broken files refused,
 * bytes after the end marker dropped), stored in R2 under its content hash (immutable, cacheable
 * forever), recorded in the assets table, referenced by the profile and named in the site
 * manifest — the only list of assets the Domain Worker serves. Replacing or removing it rewrites
 * the manifest first, then deletes the old object. Both are compare-and-sets on the avatar read
 * before, so of concurrent changes one wins and the losers delete what they stored: no orphan.
 */
import { checkImage, fail, IMAGE_TYPES, ok, type Result, r2Keys } from "@smartpages/contracts";
import { sha256Hex } from "../lib/ids";
import { dropAsset } from "../pages/uploads";
import { type SiteConfig, writeManifest } from "../publish/publish";
import { clearAvatarKey, findProfile, type ProfileRow, replaceAvatarKey } from "./store";
import { ensureSubdomainMapping } from "./subdomain";

export async function setAvatar(
	site: SiteConfig,
	userId: string,
	upload: Uint8Array,
): Promise<Result<ProfileRow>> {
	const image = checkImage(upload);
	if (!image.ok) return image;
	const { ext, bytes } = image.value;
	const profile = await findProfile(site.db, userId);
	if (!profile) return fail("not_found", "No such profile.");
	const name = `${await sha256Hex(bytes)}.${ext}`;
	await site.bucket.put(r2Keys.asset(userId, name), bytes, {
		httpMetadata: {
			contentType: IMAGE_TYPES[ext],
			cacheControl: "public, max-age=31536000, immutable",
		},
	});
	// A compare-and-set on the avatar read above: of two uploads at once only one is recorded.
	const row = await replaceAvatarKey(site.db, userId, profile.avatar_key, name, {
		contentType: IMAGE_TYPES[ext],
		size: bytes.byteLength,
	});
	if (!row) {
		// Another upload or a removal got there first; this upload's object must not stay behind.
		await dropAsset(site, userId, name);
		const now = await findProfile(site.db, userId);
		if (!now) return fail("not_found", "No such profile.");
		// The winner uploaded the very same image: that is the result this upload asked for.
		if (now.avatar_key === name) return ok(now);
		return fail("conflict", "Your avatar was changed at the same time. Reload and try again.");
	}
	// The manifest names the new avatar (and no longer the old one) before the old bytes go.
	await writeManifest(site, userId);
	if (profile.avatar_key && profile.avatar_key !== name)
		await dropAsset(site, userId, profile.avatar_key);
	// The avatar is served from the account's own subdomain, so it must resolve even before a publish.
	await ensureSubdomainMapping(site, userId);
	return ok(row);
}

export async function removeAvatar(site: SiteConfig, userId: string): Promise<Result<null>> {
	const profile = await findProfile(site.db, userId);
	if (!profile) return fail("not_found", "No such profile.");
	if (!profile.avatar_key) return ok(null);
	// Only the avatar read above: an upload that landed in between is kept, not orphaned.
	if (!(await clearAvatarKey(site.db, userId, profile.avatar_key))) {
		return fail("conflict", "Your avatar was changed at the same time. Reload and try again.");
	}
	await writeManifest(site, userId);
	await dropAsset(site, userId, profile.avatar_key);
	return ok(null);
}
