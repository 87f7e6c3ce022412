/**
 * Scheduled items (issue 18): the published page shows an item only inside its `startsAt` /
 * `endsAt` window, and the site republishes itself within a minute of each boundary, with no
 * publish by the customer. Core's cron calls `dueSchedules` and then `applySchedule` per page
 * every minute.
 *
 * What is re-rendered is what the customer PUBLISHED, never the draft: every publish stores the
 * render input of its version next to the HTML (`r2Keys.pageSource`), and records in D1 when it
 * rendered and the first boundary of its items after that (`page_versions.next_boundary_at`).
 * A version is due once that boundary has passed; the re-render uses the stored input at the
 * cron's time, writes the HTML under a new immutable key of the same version number (so version
 * history and restore are unchanged), switches the manifest, then deletes the old objects (the
 * Domain Worker re-reads the manifest when a named object is gone).
 *
 * Idempotent: a run with nothing due reads one index range and writes nothing; a page re-rendered
 * to the same bytes only moves its boundary. A boundary missed (a deploy, an outage) stays due —
 * due means "boundary ≤ now" — so the next run catches up. A publish or restore racing a
 * re-render wins: the re-render's row update is conditional on the object it started from.
 * Versions published before issue 18 have no stored input and no boundary: never due.
 */
import {
	fail,
	ok,
	type Result,
	r2Keys,
	type ScheduleApplied,
	type ScheduleDue,
} from "@smartpages/contracts";
import { logEvent } from "@smartpages/contracts/observability";
import { nowIso } from "../lib/clock";
import { sha256Hex } from "../lib/ids";
import {
	dueScheduledVersions,
	publishedScheduledVersion,
	recordRender,
	type ScheduledVersionRow,
} from "../pages/store";
import { nextBoundary } from "./items";
import { objectId, type SiteConfig, versionObjects, writeManifest } from "./publish";
import { type RenderInput, renderPage } from "./render";

/** Published pages with a schedule boundary at or before `now`, oldest boundary first. */
export async function dueSchedules(
	db: D1Database,
	now: number,
	limit: number,
): Promise<ScheduleDue[]> {
	const rows = await dueScheduledVersions(db, nowIso(now), limit);
	return rows.map((r) => ({ userId: r.user_id, pageId: r.page_id }));
}

/**
 * Re-renders the page's published version for `now` if a boundary of it is due (else nothing).
 * A storage failure answers `unavailable`; the boundary stays due for the next run.
 */
export async function applySchedule(
	site: SiteConfig,
	userId: string,
	pageId: string,
	now: number,
): Promise<Result<ScheduleApplied>> {
	try {
		const row = await publishedScheduledVersion(site.db, userId, pageId);
		if (!row?.next_boundary_at || Date.parse(row.next_boundary_at) > now) {
			return ok({ rendered: false });
		}
		return ok({ rendered: await rerender(site, row, now) });
	} catch (error) {
		logEvent("error", "scheduled re-render failed", { pageId, error: String(error) });
		return fail("unavailable", "The scheduled re-render failed; the next run tries again.");
	}
}

async function rerender(site: SiteConfig, row: ScheduledVersionRow, now: number): Promise<boolean> {
	const object = await site.bucket.get(r2Keys.pageSource(row.r2_key));
	const source = object ? await object.text() : null;
	const input = source === null ? null : parseInput(source);
	const renderedAt = nowIso(now);
	if (input === null) {
		// Nothing to re-render from (never written, or unreadable): stop asking for this version.
		logEvent("error", "scheduled version without render input", { key: row.r2_key });
		await recordRender(site.db, row, {
			key: row.r2_key,
			etag: row.etag,
			styleHash: "",
			renderedAt,
			nextBoundaryAt: null,
		}).catch(() => false);
		return false;
	}
	const rendered = await renderPage(input, now);
	const etag = (await sha256Hex(rendered.html)).slice(0, 32);
	const nextBoundaryAt = nextBoundary(input.links, now);
	if (etag === row.etag) {
		await recordRender(site.db, row, {
			key: row.r2_key,
			etag,
			styleHash: rendered.styleHash,
			renderedAt,
			nextBoundaryAt,
		});
		return false;
	}
	const key = r2Keys.pageVersion(row.user_id, row.page_id, row.version, objectId());
	await Promise.all([
		site.bucket.put(key, rendered.html, {
			httpMetadata: { contentType: "text/html; charset=utf-8" },
			customMetadata: { styleHash: rendered.styleHash, etag },
		}),
		site.bucket.put(r2Keys.pageLinks(key), JSON.stringify(rendered.links), {
			httpMetadata: { contentType: "application/json" },
		}),
		site.bucket.put(r2Keys.pageSource(key), source ?? "", {
			httpMetadata: { contentType: "application/json" },
		}),
	]);
	const recorded = await recordRender(site.db, row, {
		key,
		etag,
		styleHash: rendered.styleHash,
		renderedAt,
		nextBoundaryAt,
	}).catch(async (error: unknown) => {
		await site.bucket.delete(versionObjects(key));
		throw error;
	});
	if (!recorded) {
		// A publish or restore switched the page meanwhile: its version stands, this render goes.
		await site.bucket.delete(versionObjects(key));
		return false;
	}
	await writeManifest(site, row.user_id);
	await site.bucket.delete(versionObjects(row.r2_key));
	return true;
}

/**
 * The stored render input, checked for the shape the renderer relies on (this code wrote it, but
 * an input stored by an older release may lack later fields, which the renderer must default).
 */
export function parseInput(text: string): RenderInput | null {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return null;
	}
	if (!isRenderInput(value)) return null;
	return value;
}

function isRenderInput(value: unknown): value is RenderInput {
	if (typeof value !== "object" || value === null) return false;
	const { page, profile, links, lang, canonicalUrl } = value as Record<string, unknown>;
	return (
		typeof page === "object" &&
		page !== null &&
		typeof profile === "object" &&
		profile !== null &&
		Array.isArray(links) &&
		(lang === "de" || lang === "en") &&
		typeof canonicalUrl === "string"
	);
}
