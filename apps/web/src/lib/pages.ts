/** Small facts about pages that several screens show. */
import type { Page } from "@smartpages/contracts";
import { useEffect, useState } from "preact/hooks";
import { api } from "./api";

export type PageState = "draft" | "offline" | "published" | "changes";

/**
 * Draft (never published), offline (was live, taken offline: new-user pass L2 — "not visible to
 * anyone yet" is wrong for a page that was live), live, or live with changes not published yet.
 */
export function pageState(page: Page, wasPublished = false): PageState {
	if (page.status !== "published") return wasPublished ? "offline" : "draft";
	return page.hasUnpublishedChanges ? "changes" : "published";
}

/**
 * Whether a page that is not live now was published before — the page resource does not say, its
 * version history does (every publish is kept). Asked once per page while it is not live.
 */
export function useWasPublished(page: Page): boolean {
	const [was, setWas] = useState(false);
	const live = page.status === "published";
	useEffect(() => {
		if (live) {
			setWas(true);
			return;
		}
		let stopped = false;
		void api("GET /pages/:id/versions", { params: { id: page.id } }).then((res) => {
			if (!stopped && res.ok) setWas(res.data.versions.length > 0);
		});
		return () => {
			stopped = true;
		};
	}, [page.id, live]);
	return was;
}

/** The editor's address for a page. */
export function editorPath(pageId: string): string {
	return `/pages/edit?id=${encodeURIComponent(pageId)}`;
}

/** Moves one item of a list to another index (a new array). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
	const next = list.slice();
	const [item] = next.splice(from, 1);
	if (item === undefined) return next;
	next.splice(to, 0, item);
	return next;
}
