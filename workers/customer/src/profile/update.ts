/**
 * Profile edits. A new handle moves the account's subdomain: the new host mapping is written
 * before the old one is removed, so published pages stay reachable throughout.
 */
import {
	fail,
	type HostMapping,
	ok,
	type PatchProfileBody,
	type Result,
	r2Keys,
} from "@smartpages/contracts";
import { nowIso } from "../lib/clock";
import { touchPages } from "../pages/store";
import { siteHost } from "../publish/publish";
import { findProfile, type ProfileRow } from "./store";

export async function updateProfile(
	db: D1Database,
	bucket: R2Bucket,
	pagesDomain: string,
	userId: string,
	patch: PatchProfileBody,
): Promise<Result<ProfileRow>> {
	const current = await findProfile(db, userId);
	if (!current) return fail("not_found", "No such profile.");
	const next = {
		handle: patch.handle ?? current.handle,
		display_name: patch.displayName ?? current.display_name,
		bio: patch.bio ?? current.bio,
		theme: patch.theme ?? current.theme,
		socials: patch.socials ? JSON.stringify(patch.socials) : current.socials,
		imprint: patch.imprint ?? current.imprint,
		privacy_url: patch.privacyUrl ?? current.privacy_url,
	};
	let row: ProfileRow | null;
	try {
		row = await db
			.prepare(
				`UPDATE profiles SET handle = ?, display_name = ?, bio = ?, theme = ?, socials = ?, imprint = ?,
				 privacy_url = ?, updated_at = ? WHERE user_id = ? RETURNING *`,
			)
			.bind(
				next.handle,
				next.display_name,
				next.bio,
				next.theme,
				next.socials,
				next.imprint,
				next.privacy_url,
				nowIso(),
				userId,
			)
			.first<ProfileRow>();
	} catch (error) {
		if (String(error).includes("profiles.handle")) {
			return fail("handle_taken", "This handle is already taken.", {
				fields: { handle: "is already taken" },
			});
		}
		throw error;
	}
	if (!row) return fail("not_found", "No such profile.");
	if (row.handle !== current.handle)
		await moveSubdomain(bucket, pagesDomain, userId, current.handle, row.handle);
	await touchPages(db, userId);
	return ok(row);
}

async function moveSubdomain(
	bucket: R2Bucket,
	pagesDomain: string,
	userId: string,
	from: string,
	to: string,
) {
	const oldKey = r2Keys.host(siteHost(from, pagesDomain));
	const old = await bucket.get(oldKey);
	if (!old) return;
	const mapping = (await old.json()) as HostMapping;
	if (mapping.siteId !== userId) return;
	await bucket.put(r2Keys.host(siteHost(to, pagesDomain)), JSON.stringify(mapping), {
		httpMetadata: { contentType: "application/json" },
	});
	await bucket.delete(oldKey);
}
