/**
 * The avatar: checked strictly (contracts/images: real dimensions capped, broken files refused,
 * bytes after the end marker dropped), stored in R2 under its content hash (immutable, cacheable
 * forever), recorded in the assets table, referenced by the profile and named in the site
 * manifest — the only list of assets the Domain Worker serves. Replacing or removing it rewrites
 * the manifest first, then deletes the old object.
 */
import { checkImage, fail, IMAGE_TYPES, ok, type Result, r2Keys } from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import { sha256Hex } from "../lib/ids";
import { touchPages } from "../pages/store";
import { type SiteConfig, writeManifest } from "../publish/publish";
import { findProfile, type ProfileRow } from "./store";
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
	const [, updated] = await site.db.batch([
		site.db
			.prepare(
				"INSERT OR IGNORE INTO assets (user_id, name, content_type, size, created_at) VALUES (?, ?, ?, ?, ?)",
			)
			.bind(userId, name, IMAGE_TYPES[ext], bytes.byteLength, nowIso()),
		site.db
			.prepare("UPDATE profiles SET avatar_key = ?, updated_at = ? WHERE user_id = ? RETURNING *")
			.bind(name, nowIso(), userId),
	]);
	const row = updated?.results[0] as ProfileRow | undefined;
	if (!row) return fail("not_found", "No such profile.");
	// The manifest names the new avatar (and no longer the old one) before the old bytes go.
	await writeManifest(site, userId);
	if (profile.avatar_key && profile.avatar_key !== name)
		await dropAsset(site, userId, profile.avatar_key);
	// The avatar is served from the account's own subdomain, so it must resolve even before a publish.
	await ensureSubdomainMapping(site, userId);
	await touchPages(site.db, userId);
	return ok(row);
}

export async function removeAvatar(site: SiteConfig, userId: string): Promise<Result<null>> {
	const profile = await findProfile(site.db, userId);
	if (!profile) return fail("not_found", "No such profile.");
	if (!profile.avatar_key) return ok(null);
	await site.db
		.prepare("UPDATE profiles SET avatar_key = NULL, updated_at = ? WHERE user_id = ?")
		.bind(nowIso(), userId)
		.run();
	await writeManifest(site, userId);
	await dropAsset(site, userId, profile.avatar_key);
	await touchPages(site.db, userId);
	return ok(null);
}

async function dropAsset(site: SiteConfig, userId: string, name: string): Promise<void> {
	await site.db
		.prepare("DELETE FROM assets WHERE user_id = ? AND name = ?")
		.bind(userId, name)
		.run();
	await site.bucket.delete(r2Keys.asset(userId, name));
}
