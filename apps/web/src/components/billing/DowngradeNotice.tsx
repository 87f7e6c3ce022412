/**
 * Which pages the Free plan keeps offline, and why (new-user pass: a downgrade took a page with
 * more than 15 enabled links offline without a word). Shown on Free when some page does not fit,
 * and on Pro while it is ending or overdue (what will go offline, and when). Nothing is deleted
 * by a downgrade; the notice says so and links each page to its editor. The links of each page
 * are read only in those states (one GET /pages/:id per page).
 */
import { type Page, PLANS, type Plan } from "@smartpages/contracts";
import { useEffect, useState } from "preact/hooks";
import { formatDate, localePath } from "../../i18n";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { editorPath } from "../../lib/pages";
import { type PageImpact, type PageLoad, pagesOffline } from "../../lib/plan-view";

/** Whether the Free plan's limits matter now or soon for this plan. */
function relevant(plan: Plan): "now" | "upcoming" | null {
	if (plan.id !== "pro" || plan.status === "canceled") return "now";
	if (plan.cancelAtPeriodEnd || plan.status === "past_due") return "upcoming";
	return null;
}

async function loadsOf(pages: Page[]): Promise<PageLoad[] | null> {
	const answers = await Promise.all(
		pages.map((page) => api("GET /pages/:id", { params: { id: page.id } })),
	);
	const loads: PageLoad[] = [];
	for (const [i, res] of answers.entries()) {
		const page = pages[i];
		if (!res.ok || !page) return null;
		loads.push({
			id: page.id,
			title: page.title,
			published: page.status === "published",
			enabledItems: res.data.links.filter((l) => l.enabled).length,
		});
	}
	return loads;
}

export function DowngradeNotice({ plan, pages }: { plan: Plan; pages: Page[] }) {
	const { t, locale } = useI18n();
	const when = relevant(plan);
	const [impact, setImpact] = useState<PageImpact[]>([]);
	const free = PLANS.free;
	// The pages are the same objects until the screen reloads; their ids say whether to re-read.
	const key = pages.map((p) => p.id).join(",");

	useEffect(() => {
		if (!when || pages.length === 0) return;
		let stopped = false;
		void loadsOf(pages).then((loads) => {
			if (!stopped && loads) setImpact(pagesOffline(loads, free));
		});
		return () => {
			stopped = true;
		};
	}, [when, key]);

	if (!when || impact.length === 0) return null;
	const p = t.plans;
	const intro =
		when === "now"
			? p.offlineNow
			: plan.currentPeriodEnd
				? p.offlineUpcoming(formatDate(locale, plan.currentPeriodEnd))
				: p.offlineUpcomingNoDate;
	return (
		<section
			class="card downgrade"
			aria-labelledby="downgrade-heading"
			data-testid="downgrade-notice"
		>
			<h2 id="downgrade-heading">{p.offlineHeading}</h2>
			<p>
				{p.freeLimits(free.maxPages, free.maxLinksPerPage)} {intro}
			</p>
			<ul class="plain-list">
				{impact.map((page) => (
					<li key={page.id} class="row">
						<div class="row-main">
							<p class="row-title">{page.title}</p>
							<p class="row-meta">
								{page.reason === "links"
									? p.offlineLinks(page.excess)
									: p.offlinePages(free.maxPages)}
							</p>
						</div>
						<a
							class="button button-secondary button-small"
							href={localePath(locale, editorPath(page.id))}
						>
							{p.editPage(page.title)}
						</a>
					</li>
				))}
			</ul>
			<p>{p.offlineKept}</p>
		</section>
	);
}
