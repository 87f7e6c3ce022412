/** R2 helpers shared by publishing and account deletion. */

/** Deletes every object under a prefix, a listing page at a time. */
export async function deletePrefix(bucket: R2Bucket, prefix: string): Promise<void> {
	let cursor: string | undefined;
	do {
		const listing = await bucket.list({ prefix, cursor, limit: 1000 });
		if (listing.objects.length > 0) await bucket.delete(listing.objects.map((o) => o.key));
		cursor = listing.truncated ? listing.cursor : undefined;
	} while (cursor);
}
