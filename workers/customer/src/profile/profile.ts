/**
 * The profile as the RPC surface answers it: store rows mapped to the contract's `Profile` (with
 * the avatar's public URL on the account's subdomain).
 */
import { fail, ok, type PatchProfileBody, type Profile, type Result } from "@smartpages/contracts";
import type { SiteConfig } from "../publish/publish";
import { setAvatar } from "./avatar";
import { findProfile, type ProfileRow, toProfile } from "./store";
import { updateProfile } from "./update";

function profileOut(site: SiteConfig, result: Result<ProfileRow>): Result<Profile> {
	return result.ok ? ok(toProfile(result.value, site.pagesDomain, site.urlTemplate)) : result;
}

export async function getProfile(site: SiteConfig, userId: string): Promise<Result<Profile>> {
	const row = await findProfile(site.db, userId);
	if (!row) return fail("not_found", "No such profile.");
	return ok(toProfile(row, site.pagesDomain, site.urlTemplate));
}

export async function editProfile(
	site: SiteConfig,
	userId: string,
	patch: PatchProfileBody,
): Promise<Result<Profile>> {
	return profileOut(
		site,
		await updateProfile(site.db, site.bucket, site.pagesDomain, userId, patch),
	);
}

/** Stores a new avatar (bytes checked here again: the type comes from the content). */
export async function uploadAvatar(
	site: SiteConfig,
	userId: string,
	bytes: Uint8Array,
): Promise<Result<Profile>> {
	return profileOut(site, await setAvatar(site, userId, bytes));
}

export { removeAvatar } from "./avatar";
