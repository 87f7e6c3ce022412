/**
 * The host mapping of an account's subdomain (`hosts/{handle}.{PAGES_DOMAIN}` in R2), derived
 * from D1: it points at the site of the account that holds the handle in `profiles`, and a
 * handle no account holds has no mapping. Every writer recomputes it from D1 instead of trusting
 * a handle it read earlier, then reads D1 again and repeats if the handle moved meanwhile — so
 * concurrent handle changes, publishes and deletions settle on D1's state, and a mapping left by
 * an earlier owner of the handle is overwritten rather than kept (SP-01).
 */
import { type HostMapping, r2Keys } from "@smartpages/contracts";
import {
	findProfile,
	findProfileWithHandles,
	forgetFreeHandle,
	handleOwner,
	recordedHandles,
	recordHandleOwner,
} from "./store";

/** What the mapping code needs of the site configuration. */
export interface HostSite {
	db: D1Database;
	bucket: R2Bucket;
	pagesDomain: string;
}

// Rounds of recompute-and-check before giving up: each round is lost only to another change of
// the same handle's owner in D1 within a few milliseconds.
const MAX_ROUNDS = 5;

function subdomainHost(handle: string, pagesDomain: string): string {
	return `${handle}.${pagesDomain}`;
}

/** Rewrites one handle's mapping from D1 (written, replaced or deleted). */
export async function syncSubdomain(site: HostSite, handle: string): Promise<void> {
	const key = r2Keys.host(subdomainHost(handle, site.pagesDomain));
	for (let round = 0; round < MAX_ROUNDS; round++) {
		const owner = await recordHandleOwner(site.db, handle);
		const existing = await readMapping(site.bucket, key);
		let wrote = false;
		if (owner) {
			// The owner check: a mapping of any other site (an earlier owner's) is replaced.
			if (existing?.siteId !== owner || existing.kind !== "subdomain") {
				const mapping: HostMapping = { siteId: owner, kind: "subdomain" };
				await site.bucket.put(key, JSON.stringify(mapping), {
					httpMetadata: { contentType: "application/json" },
				});
				wrote = true;
			}
		} else if (existing) {
			await site.bucket.delete(key);
			wrote = true;
		}
		// Already as D1 says and nothing written: a later change of the handle's owner syncs the
		// mapping itself, so there is nothing this round could have overwritten.
		if (owner && !wrote) return;
		// Written from D1 as it was; if the handle changed hands meanwhile, once more.
		if ((await handleOwner(site.db, handle)) === owner) {
			if (!owner) await forgetFreeHandle(site.db, handle);
			return;
		}
	}
	throw new Error(`the mapping of handle ${handle} did not settle`);
}

/**
 * Maps the account's current subdomain to its site (publish, restore, avatar), and brings every
 * other handle it recorded back in line with D1 (left over from an interrupted handle change).
 */
export async function ensureSubdomainMapping(site: HostSite, userId: string): Promise<void> {
	const found = await findProfileWithHandles(site.db, userId);
	if (!found) return;
	await syncAccountMappings(site, found.profile.handle, found.recordedHandles);
}

/** `ensureSubdomainMapping` for a caller that has the account's handles already (the tenant). */
export async function syncAccountMappings(
	site: HostSite,
	handle: string,
	recorded: string[],
): Promise<void> {
	await syncSubdomain(site, handle);
	for (const other of recorded) if (other !== handle) await syncSubdomain(site, other);
}

/**
 * Before an account is deleted: removes every mapping it may own — each handle it ever recorded
 * whose mapping still points at its site. The caller re-syncs the same handles once the account
 * is gone from D1 (`syncSubdomain`), which settles anything a concurrent write put back.
 */
export async function removeOwnMappings(
	site: HostSite,
	userId: string,
	handles: string[],
): Promise<void> {
	for (const handle of handles) {
		const key = r2Keys.host(subdomainHost(handle, site.pagesDomain));
		const existing = await readMapping(site.bucket, key);
		if (existing?.siteId === userId) await site.bucket.delete(key);
	}
}

/** The handles whose mappings an account may own: recorded ones and the current one. */
export async function ownedHandles(site: HostSite, userId: string): Promise<string[]> {
	const profile = await findProfile(site.db, userId);
	const handles = new Set(await recordedHandles(site.db, userId));
	if (profile) handles.add(profile.handle);
	return [...handles];
}

// Stands for a stored mapping that cannot be read: it belongs to no site, so it is replaced.
const UNREADABLE: HostMapping = { siteId: "", kind: "subdomain" };

/** The stored mapping, or null when there is none. */
async function readMapping(bucket: R2Bucket, key: string): Promise<HostMapping | null> {
	const object = await bucket.get(key);
	if (!object) return null;
	try {
		const value = (await object.json()) as Partial<HostMapping> | null;
		return typeof value?.siteId === "string" && typeof value.kind === "string"
			? { siteId: value.siteId, kind: value.kind }
			: UNREADABLE;
	} catch {
		return UNREADABLE;
	}
}
