/**
 * Profiles in D1: one per user, created with the account. The handle names the account's
 * subdomain on the pages domain.
 */
import type { Profile } from "@smartpages/contracts";

export interface ProfileRow {
	user_id: string;
	handle: string;
	display_name: string;
	bio: string;
	avatar_key: string | null;
	theme: string;
	socials: string;
	imprint: string;
	privacy_url: string;
	updated_at: string;
}

/** Public URL of the site root for a handle, e.g. http://anna.localhost:8788 */
export function siteUrl(handle: string, pagesDomain: string, template: string): string {
	return template.replace("{host}", `${handle}.${pagesDomain}`);
}

export function toProfile(row: ProfileRow, pagesDomain: string, urlTemplate: string): Profile {
	return {
		handle: row.handle,
		displayName: row.display_name,
		bio: row.bio,
		...(row.avatar_key
			? { avatarUrl: `${siteUrl(row.handle, pagesDomain, urlTemplate)}/_assets/${row.avatar_key}` }
			: {}),
		theme: row.theme as Profile["theme"],
		socials: JSON.parse(row.socials) as Profile["socials"],
		imprint: row.imprint,
		privacyUrl: row.privacy_url,
	};
}

export async function findProfile(db: D1Database, userId: string): Promise<ProfileRow | null> {
	return db.prepare("SELECT * FROM profiles WHERE user_id = ?").bind(userId).first<ProfileRow>();
}
