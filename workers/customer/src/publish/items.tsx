/**
 * A page's items on the published page (issue 18): links, section headers, the highlighted link,
 * and the schedule that decides which items a render shows. render.tsx places the list inside the
 * links `<nav>`; the schedule cron (schedules.ts) uses `nextBoundary` to know when the published
 * HTML must be rendered again. Everything here is pure: the render time is an argument, so a
 * re-render of the same input at the same time gives the same bytes.
 */
/** @jsxImportSource hono/jsx */
import type { Link, PublishedLinks } from "@smartpages/contracts";

/**
 * An item as the renderer takes it. The issue-18 fields are optional so render input stored
 * before them (and callers that only have plain links) still render: a missing `kind` is a link.
 */
export type RenderItem = Pick<Link, "id" | "title" | "enabled"> &
	Partial<Pick<Link, "kind" | "url" | "highlight" | "startsAt" | "endsAt" | "thumbnailUrl">>;

/** Whether the item's window contains `now` (start inclusive, end exclusive). */
function inWindow(item: RenderItem, now: number): boolean {
	if (item.startsAt && Date.parse(item.startsAt) > now) return false;
	if (item.endsAt && Date.parse(item.endsAt) <= now) return false;
	return true;
}

/** The items a visitor sees at `now`, in order: enabled and inside their schedule window. */
export function shownItems<T extends RenderItem>(items: T[], now: number): T[] {
	return items.filter((item) => item.enabled && inWindow(item, now));
}

/** Link id → URL of the links shown at `now`: all that `/_l/{linkId}` may redirect to. */
export function publishedLinks(items: RenderItem[], now: number): PublishedLinks {
	const links: PublishedLinks = {};
	for (const item of shownItems(items, now)) {
		if (item.kind !== "header" && item.url) links[item.id] = item.url;
	}
	return links;
}

/**
 * The first schedule boundary of an enabled item after `now` (ISO UTC), or null: the moment
 * the page rendered at `now` stops being what a visitor should see.
 */
export function nextBoundary(items: RenderItem[], now: number): string | null {
	let next: number | null = null;
	for (const item of items) {
		if (!item.enabled) continue;
		for (const at of [item.startsAt, item.endsAt]) {
			const time = at ? Date.parse(at) : Number.NaN;
			if (time > now && (next === null || time < next)) next = time;
		}
	}
	return next === null ? null : new Date(next).toISOString();
}

/**
 * Styles for headers and the highlighted link, added only when the page has them (the 14 KB
 * budget). The highlight swaps the button's own two colours, so it keeps their contrast in every
 * theme, and adds a double ring: emphasis without motion or JavaScript.
 */
export function itemsCss(items: RenderItem[]): string {
	const css: string[] = [];
	if (items.some((i) => i.kind === "header"))
		css.push(".section{font-size:1.125rem;margin:1.75rem 0 .75rem}");
	if (items.some((i) => i.highlight === true && i.kind !== "header"))
		css.push(
			".links a.hl{background:var(--btn-fg);color:var(--btn);box-shadow:0 0 0 2px var(--btn),0 0 0 4px var(--btn-fg);font-size:1.0625rem}",
		);
	return css.join("");
}

/**
 * Same host, no JavaScript: the Domain Worker counts the click and redirects. The dashboard's
 * preview (`direct`) links straight to the URL: `/_l/` does not exist on the app's origin.
 */
function LinkItem({ item, direct }: { item: RenderItem; direct: boolean }) {
	return (
		<li>
			<a
				href={direct ? item.url : `/_l/${item.id}`}
				rel="noopener noreferrer"
				class={item.highlight === true ? "hl" : undefined}
			>
				{/* Decorative: the link's title names it. */}
				{item.thumbnailUrl ? (
					<img class="thumb" src={item.thumbnailUrl} alt="" width="40" height="40" />
				) : null}
				{item.thumbnailUrl ? <span>{item.title}</span> : item.title}
			</a>
		</li>
	);
}

/**
 * The items inside the links `<nav>`: one list, or — once the page has headers — each header as
 * an `h2` followed by the list of its links (no empty lists), so the outline is h1 → h2.
 */
export function ItemList({ items, direct = false }: { items: RenderItem[]; direct?: boolean }) {
	if (!items.some((i) => i.kind === "header")) {
		return (
			<ul class="links">
				{items.map((item) => (
					<LinkItem item={item} direct={direct} />
				))}
			</ul>
		);
	}
	const groups: { header: RenderItem | null; links: RenderItem[] }[] = [
		{ header: null, links: [] },
	];
	for (const item of items) {
		if (item.kind === "header") groups.push({ header: item, links: [] });
		else groups.at(-1)?.links.push(item);
	}
	return (
		<>
			{groups.map((group) => (
				<>
					{group.header ? <h2 class="section">{group.header.title}</h2> : null}
					{group.links.length > 0 ? (
						<ul class="links">
							{group.links.map((item) => (
								<LinkItem item={item} direct={direct} />
							))}
						</ul>
					) : null}
				</>
			))}
		</>
	);
}
