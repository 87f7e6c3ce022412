/**
 * Import (issue 21): `POST /import/preview` reads a source — a profile page Core fetches from a
 * known host (../../import/fetch-profile), or a CSV or SmartPages export file sent as text — and
 * answers exactly what `POST /import` would create now: the pages and items (checked by the link
 * routes' own schemas), what was dropped and why, and what the plan cuts off. `POST /import`
 * reads the same body again and has the Customer Worker create the pages as drafts, each page
 * with its items in one batch, within the plan's limits (checked again there, atomically).
 * Both count as costly writes (WRITE_LIMITER): each may fetch from another site.
 */
import {
	fitToPlan,
	IMPORT_MAX_BYTES,
	type ImportBody,
	ImportFormatError,
	type ImportPage,
	type ImportTrimmed,
	importBody,
	type ParsedImport,
	parseImportFile,
	parseProfilePage,
	type ResponseOf,
} from "@smartpages/contracts";
import type { Context } from "hono";
import { Hono } from "hono";
import { limitWrites } from "../../auth/rate-limit";
import { parseJson } from "../../http/body";
import { ApiError, unwrap } from "../../http/errors";
import { fetchProfile } from "../../import/fetch-profile";
import { currentSession, requireSession } from "../../middleware/session";
import { planOf } from "../../paywall";
import type { AppEnv } from "../../types";

/** A file's text (at most 1 MiB) as JSON, with room for its escapes. */
const IMPORT_BODY_LIMIT = 2 * IMPORT_MAX_BYTES;

/** 400 on the body's field that carried the source. */
function refused(body: ImportBody, reason: string): ApiError {
	const field = body.source === "url" ? "url" : "content";
	return new ApiError("validation_failed", `Nothing could be imported: the ${field} ${reason}.`, {
		fields: { [field]: reason },
	});
}

/** The source read into pages and items; 400 when it cannot be read or holds nothing. */
async function readSource(body: ImportBody): Promise<ParsedImport> {
	let parsed: ParsedImport;
	try {
		if (body.source === "url") {
			// The runtime's fetch, looked up per call (tests stand in for the unreachable network).
			const page = await fetchProfile(body.url, (input, init) => fetch(input, init));
			if (!page.ok) throw refused(body, page.reason);
			parsed = parseProfilePage(page.parser, page.html, page.url);
		} else {
			parsed = parseImportFile(
				body.source,
				body.content,
				body.source === "csv" ? body.title : undefined,
			);
		}
	} catch (error) {
		if (error instanceof ImportFormatError) throw refused(body, error.message);
		throw error;
	}
	const items = parsed.pages.reduce((n, page) => n + page.links.length, 0);
	if (parsed.pages.length === 0) throw refused(body, "contains no pages");
	if (items === 0 && parsed.source !== "smartpages") {
		throw refused(
			body,
			parsed.droppedTotal > 0
				? `contains no link that can be imported (${parsed.dropped[0]?.reason ?? "all were refused"})`
				: "contains no links",
		);
	}
	return parsed;
}

/** The import cut to what the account's plan still allows. */
async function fitForAccount(c: Context<AppEnv>, userId: string, parsed: ParsedImport) {
	const [{ plan, entitlements }, pages] = await Promise.all([
		planOf(c, userId),
		c.env.CUSTOMER.listPages(c.var.rpc, userId),
	]);
	return fitToPlan(parsed, {
		plan: plan.id,
		maxPages: entitlements.maxPages,
		maxLinksPerPage: entitlements.maxLinksPerPage,
		existingPages: unwrap(pages).length,
	});
}

/** The parts of the answer both routes share. */
function report(parsed: ParsedImport, trimmed: ImportTrimmed) {
	return {
		source: parsed.source,
		dropped: parsed.dropped,
		droppedTotal: parsed.droppedTotal,
		shortened: parsed.shortened,
		trimmed,
	};
}

/** Reads the body and the source, counted as a costly write once the body is valid. */
async function readImport(c: Context<AppEnv>): Promise<ParsedImport> {
	const body = await parseJson(c, importBody, IMPORT_BODY_LIMIT);
	await limitWrites(c, "import");
	return readSource(body);
}

export const importRoutes = new Hono<AppEnv>()
	.post("/import/preview", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const parsed = await readImport(c);
		const { pages, trimmed } = await fitForAccount(c, userId, parsed);
		return c.json({
			...report(parsed, trimmed),
			pages,
		} satisfies ResponseOf<"POST /import/preview">);
	})
	.post("/import", requireSession, async (c) => {
		const { userId } = currentSession(c.get("session"));
		const parsed = await readImport(c);
		const { pages, trimmed } = await fitForAccount(c, userId, parsed);
		const noRoom = () =>
			new ApiError(
				"plan_limit_reached",
				`Your plan allows ${trimmed.maxPages} page(s); delete a page or upgrade to import.`,
				{ limit: { name: "maxPages", max: trimmed.maxPages, plan: trimmed.plan } },
			);
		if (pages.length === 0) throw noRoom();
		const created = unwrap(
			await c.env.CUSTOMER.importPages(c.var.rpc, userId, pages satisfies ImportPage[], {
				maxPages: trimmed.maxPages,
				maxLinksPerPage: trimmed.maxLinksPerPage,
				plan: trimmed.plan,
			}),
		);
		// A page created meanwhile (another import, another tab) took the last room: nothing was.
		if (created.pages.length === 0) throw noRoom();
		const result = {
			...report(parsed, {
				...trimmed,
				pages: trimmed.pages + created.refusedPages,
				links: trimmed.links + created.refusedLinks,
			}),
			pages: created.pages,
			links: created.links,
		} satisfies ResponseOf<"POST /import">;
		return c.json(result, 201);
	});
