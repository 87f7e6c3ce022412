/**
 * Page items in the dashboard (issue 18), without UI: schedule bounds between `datetime-local`
 * inputs (the browser's time zone) and the API's UTC instants, where an item stands in its
 * window, and the editor's list after a save (the highlight moves, as on the server).
 */
import type { Link } from "@smartpages/contracts";

/** An ISO instant as a `datetime-local` value in the browser's time zone ("" for none). */
export function toLocalInput(iso: string | null | undefined): string {
	if (!iso) return "";
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return "";
	const pad = (n: number) => String(n).padStart(2, "0");
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A `datetime-local` value (read as the browser's local time) as ISO UTC; null when empty. A
 * value the browser cannot read is passed on as typed, so the API's validation names the field.
 */
export function fromLocalInput(value: string): string | null {
	if (value.trim() === "") return null;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** Where the item stands in its window now, or null when it has none. */
export function scheduleState(
	link: Pick<Link, "startsAt" | "endsAt">,
	now: number = Date.now(),
): { state: "scheduled" | "live" | "ended"; at: string } | null {
	if (link.endsAt && Date.parse(link.endsAt) <= now) return { state: "ended", at: link.endsAt };
	if (link.startsAt && Date.parse(link.startsAt) > now)
		return { state: "scheduled", at: link.startsAt };
	if (link.endsAt) return { state: "live", at: link.endsAt };
	return null;
}

/**
 * The list with a saved item put in (replaced, or appended when new). Highlighting an item moves
 * the page's highlight to it on the server, so the list shows no other highlighted item.
 */
export function withSavedItem(list: Link[], saved: Link): Link[] {
	const known = list.some((l) => l.id === saved.id);
	const next = known ? list.map((l) => (l.id === saved.id ? saved : l)) : [...list, saved];
	return saved.highlight
		? next.map((l) => (l.id !== saved.id && l.highlight ? { ...l, highlight: false } : l))
		: next;
}
