/**
 * The clicks of a page's links in the last 30 days, for the editor's rows: one GET /stats call
 * when the editor opens, mapped by link id. Null while loading and when the call fails, so the
 * rows then say nothing rather than a wrong zero.
 */
import { useEffect, useState } from "preact/hooks";
import { api } from "../../lib/api";
import { rangeFor, statsDayOf } from "../../lib/stats";

/** The editor shows the last 30 days (rangeFor "30"), which every plan reaches. */
export const LINK_CLICK_DAYS = 30;

export function useLinkClicks(pageId: string): ReadonlyMap<string, number> | null {
	const [clicks, setClicks] = useState<ReadonlyMap<string, number> | null>(null);
	useEffect(() => {
		let current = true;
		const today = statsDayOf(new Date());
		const range = rangeFor("30", today, today);
		void api("GET /stats", { query: { pageId, ...range } }).then((res) => {
			if (!current || !res.ok) return;
			setClicks(new Map(res.data.links.map((l) => [l.linkId, l.clicks])));
		});
		return () => {
			current = false;
		};
	}, [pageId]);
	return clicks;
}
