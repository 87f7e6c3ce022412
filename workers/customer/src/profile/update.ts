/**
 * Profile edits. A new handle is one compare-and-set in D1 (of two concurrent changes only one
 * wins); the subdomain mappings are then derived from D1: the new handle's written first, so
 * published pages stay reachable throughout, then the old handle's removed (or handed to whoever
 * holds it by then).
 */
import { fail, ok, type PatchProfileBody, type Result } from "@smartpages/contracts";
import { isUniqueViolation } from "../lib/sql";
import { findProfile, type ProfileRow, updateProfileRow } from "./store";
import { syncSubdomain } from "./subdomain";

export async function updateProfile(
	db: D1Database,
	bucket: R2Bucket,
	pagesDomain: string,
	userId: string,
	patch: PatchProfileBody,
): Promise<Result<ProfileRow>> {
	const current = await findProfile(db, userId);
	if (!current) return fail("not_found", "No such profile.");
	let row: ProfileRow | null;
	try {
		row = await updateProfileRow(db, userId, patch, current.handle);
	} catch (error) {
		if (isUniqueViolation(error, "profiles.handle")) {
			return fail("handle_taken", "This handle is already taken.", {
				fields: { handle: "is already taken" },
			});
		}
		throw error;
	}
	if (!row) {
		if (!(await findProfile(db, userId))) return fail("not_found", "No such profile.");
		// The handle changed between our read and our write: another change won.
		return fail("conflict", "Your handle was changed at the same time. Reload and try again.");
	}
	if (row.handle !== current.handle) {
		const site = { db, bucket, pagesDomain };
		await syncSubdomain(site, row.handle);
		await syncSubdomain(site, current.handle);
	}
	return ok(row);
}
