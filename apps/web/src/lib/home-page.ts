/**
 * The home page's succession (issue 19 item 7, new-user pass M9): deleting the home page first
 * asks which page takes its place, makes that page home (PATCH /pages/:id {isHome: true}), and
 * only then deletes — so the site is never left to Core's fallback of promoting the oldest page.
 * For the editor's delete dialog: `homeCandidates` lists the choices, `deletePageKeepingHome`
 * does both requests.
 */
import type { Page } from "@smartpages/contracts";
import { type ApiFailure, api } from "./api";

/** The pages that can become home when `deleting` goes: every other page, oldest first. */
export function homeCandidates(pages: Page[], deleting: Page): Page[] {
	if (!deleting.isHome) return [];
	return pages.filter((p) => p.id !== deleting.id);
}

/**
 * Deletes `pageId`; with `successorId`, that page becomes home first. A failed home change stops
 * before anything is deleted.
 */
export async function deletePageKeepingHome(
	pageId: string,
	successorId: string | null,
): Promise<{ ok: true } | ApiFailure> {
	if (successorId) {
		const home = await api("PATCH /pages/:id", {
			params: { id: successorId },
			body: { isHome: true },
		});
		if (!home.ok) return home;
	}
	const deleted = await api("DELETE /pages/:id", { params: { id: pageId } });
	if (!deleted.ok && deleted.code !== "not_found") return deleted;
	return { ok: true };
}
