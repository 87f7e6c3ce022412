/**
 * The tenant context: what a call on behalf of one account needs of it — the user row (plan,
 * locale, e-mail state), the profile (handle, avatar), the handles it recorded for its subdomain
 * mappings, its active custom hostname, and where its site is served. Loaded once per call (two
 * statements, one per owning store; the hostname is the domains store's subquery in the
 * profile's) and passed down to rendering, the manifest, the host mappings and the output mapping,
 * instead of each of them reading the user and the profile again.
 */
import type { Plan } from "@smartpages/contracts";
import { firstActiveHostname, firstActiveHostnameQuery } from "./domains/store";
import { findProfile, findProfileWithHandles, type ProfileRow, siteUrl } from "./profile/store";
import { findUserById, toPlan, type UserRow } from "./users/store";

/** Where an account's site is served: what output mapping needs of the configuration. */
export interface SiteAddress {
	pagesDomain: string;
	urlTemplate: string;
}

export interface Tenant {
	userId: string;
	user: UserRow;
	profile: ProfileRow;
	/** Every handle whose mapping the account may own (host_mappings), the current one included or not. */
	recordedHandles: string[];
	plan: Plan;
	/** Base URL of the account's subdomain, e.g. http://anna.localhost:8788 */
	baseUrl: string;
	/** The site's first active custom hostname (its canonical address, issue 19), or null. */
	customHost: string | null;
}

/** The account's context, or null when the user or the profile does not exist. */
export async function loadTenant(
	db: D1Database,
	site: SiteAddress,
	userId: string,
): Promise<Tenant | null> {
	const [user, profile] = await Promise.all([
		findUserById(db, userId),
		findProfileWithHandles(db, userId, firstActiveHostnameQuery(userId)),
	]);
	if (!user || !profile) return null;
	return {
		userId,
		user,
		profile: profile.profile,
		recordedHandles: profile.recordedHandles,
		plan: toPlan(user),
		baseUrl: siteUrl(profile.profile.handle, site.pagesDomain, site.urlTemplate),
		customHost: profile.customHost,
	};
}

/**
 * Only the base URL of the account's site (for calls that map pages but need nothing else of
 * the account): one statement. An account without a profile has no subdomain yet.
 */
export async function loadBaseUrl(
	db: D1Database,
	site: SiteAddress,
	userId: string,
): Promise<string> {
	const profile = await findProfile(db, userId);
	return siteUrl(profile?.handle ?? "", site.pagesDomain, site.urlTemplate);
}

/**
 * The address visitors are sent to (issue 19): the first active custom domain, else the
 * subdomain, as the published page's canonical URL says (publish/publish.ts `canonicalBase`).
 * Pages answer it as `publishedUrl`, so the dashboard's public address, copy button and QR code
 * follow a custom domain once it is active.
 */
export async function loadPublicBaseUrl(
	db: D1Database,
	site: SiteAddress,
	userId: string,
): Promise<string> {
	const [custom, subdomain] = await Promise.all([
		firstActiveHostname(db, userId),
		loadBaseUrl(db, site, userId),
	]);
	return custom ? `https://${custom}` : subdomain;
}
