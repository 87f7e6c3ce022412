/** Small facts about pages that several screens show. */
import type { Page } from "@smartpages/contracts";

export type PageState = "draft" | "published" | "changes";

/** Draft, live, or live with changes that are not published yet. */
export function pageState(page: Page): PageState {
	if (page.status !== "published") return "draft";
	return page.hasUnpublishedChanges ? "changes" : "published";
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
