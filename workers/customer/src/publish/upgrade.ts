/**
 * Brings site manifests written by an older release up to the current format, a batch of
 * accounts at a time. Today that means the `assets` list (issue 14.12): the Domain Worker serves
 * `/_assets/…` only for names a manifest lists, so a manifest written before the list existed
 * would hide its site's avatar until the next publish. Core's cron walks every account once with
 * a cursor; rewriting is idempotent, so a repeated or interrupted walk does no harm.
 */
import { r2Keys, type SiteManifest } from "@smartpages/contracts/r2";
import { listUserIdsAfter } from "../users/store";
import { type SiteConfig, writeManifest } from "./publish";

export interface ManifestUpgrade {
	/** The cursor for the next batch, or null when every account has been looked at. */
	next: string | null;
	rewritten: number;
}

/** Rewrites the manifests of up to `limit` accounts after `after` (by id) that lack `assets`. */
export async function upgradeManifests(
	site: SiteConfig,
	after: string,
	limit: number,
): Promise<ManifestUpgrade> {
	const ids = await listUserIdsAfter(site.db, after, limit);
	let rewritten = 0;
	for (const userId of ids) {
		const object = await site.bucket.get(r2Keys.manifest(userId));
		if (!object) continue; // never published: the first publish writes the current format
		const manifest = (await object.json()) as Partial<SiteManifest>;
		if (Array.isArray(manifest.assets)) continue;
		await writeManifest(site, userId);
		rewritten++;
	}
	return { next: ids.length < limit ? null : (ids.at(-1) ?? null), rewritten };
}
