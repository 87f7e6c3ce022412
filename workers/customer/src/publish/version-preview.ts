/**
 * A published version as it looks (issue 19 item 8: the version history had no preview): its
 * stored render input rendered again with direct link hrefs, like the editor's preview (the
 * published `/_l/` hrefs would resolve against the dashboard). A version stored before issue 18
 * has no render input; its published HTML is shown as it is.
 */
import { fail, ok, type Result } from "@smartpages/contracts";
import { r2Keys } from "@smartpages/contracts/r2";
import { listVersions } from "../pages/store";
import type { SiteConfig } from "./publish";
import { renderPage } from "./render";
import { parseInput } from "./schedules";

const NO_VERSION = () => fail("not_found", "No such version.");

export async function previewVersion(
	site: SiteConfig,
	userId: string,
	pageId: string,
	version: number,
	now: number = Date.now(),
): Promise<Result<string>> {
	// Scoped by account and page: another account's page lists no versions here.
	const found = (await listVersions(site.db, userId, pageId)).find((v) => v.version === version);
	if (!found) return NO_VERSION();
	const source = await site.bucket.get(r2Keys.pageSource(found.key));
	const input = source ? parseInput(await source.text()) : null;
	if (input) return ok((await renderPage({ ...input, linkHref: "direct" }, now)).html);
	const published = await site.bucket.get(found.key);
	return published ? ok(await published.text()) : NO_VERSION();
}
