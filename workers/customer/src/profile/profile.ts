/**
 * The profile as the RPC surface answers it: store rows mapped to the contract's `Profile` (with
 * the avatar's public URL on the account's subdomain).
 */
import { fail, ok, type PatchProfileBody, type Profile, type Result } from "@smartpages/contracts";
import { listPages } from "../pages/store";
import { cleanPublishedPages } from "../publish/legal-pages";
import { republishForLegal, type SiteConfig } from "../publish/publish";
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

/**
 * Applies a profile patch. A change of `legal` (issue 18.5) also republishes the account's
 * published pages that had no unpublished edits before it (read first, see legal-pages.ts), so
 * the legal pages and the footer links to them go online or offline together.
 */
export async function editProfile(
	site: SiteConfig,
	userId: string,
	patch: PatchProfileBody,
): Promise<Result<Profile>> {
	if (patch.legal === undefined) {
		return profileOut(
			site,
			await updateProfile(site.db, site.bucket, site.pagesDomain, userId, patch),
		);
	}
	const [before, pages] = await Promise.all([
		findProfile(site.db, userId),
		listPages(site.db, userId),
	]);
	const result = await updateProfile(site.db, site.bucket, site.pagesDomain, userId, patch);
	if (result.ok && before && result.value.legal !== before.legal) {
		await republishForLegal(site, userId, cleanPublishedPages(pages));
	}
	return profileOut(site, result);
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
