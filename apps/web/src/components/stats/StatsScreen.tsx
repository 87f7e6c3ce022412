/**
 * The statistics screen (/stats, `?pageId=` for one page, `?range=7|30|90|all`): totals with the
 * change against the previous period, the chart, top links, referrers, countries and devices of
 * the account or one page, for the last 7, 30 or 90 days or all time (days in Europe/Berlin, as
 * Core counts them). A range beyond the plan's `statsDays` shows what Pro offers instead of
 * asking (and a 402 shows the same); the CSV export is a plain download link on Pro.
 */
import type { Page, PlanLimit, StatsReport } from "@smartpages/contracts";
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { type Locale, localePath } from "../../i18n";
import { type Me, useAccount } from "../../lib/account";
import { type ApiFailure, api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { queryParam } from "../../lib/location";
import { useResource } from "../../lib/resource";
import {
	beyondPlan,
	type DayRange,
	dayCount,
	previousRange,
	RANGES,
	type RangeChoice,
	rangeFor,
	statsDayOf,
} from "../../lib/stats";
import { LoadFailure, Loading } from "../ui/LoadFailure";
import { UpgradePrompt } from "../ui/UpgradePrompt";
import { formatDay } from "./format";
import { StatsBreakdowns } from "./StatsBreakdowns";
import { StatsChart } from "./StatsChart";
import { StatsTotals } from "./StatsTotals";

export default function StatsIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<StatsScreen />
		</I18n>
	);
}

async function loadPages() {
	const res = await api("GET /pages");
	return res.ok ? { ok: true as const, data: res.data.pages } : res;
}

function StatsScreen() {
	const { locale } = useI18n();
	const account = useAccount(locale);
	const { data: pages, failure, reload } = useResource(loadPages);

	if (account.status === "failed") {
		return <LoadFailure failure={account.failure} retry={account.retry} />;
	}
	if (failure) return <LoadFailure failure={failure} retry={reload} />;
	if (account.status === "loading" || !pages) return <Loading />;
	return <Statistics me={account.me} pages={pages} />;
}

function isRange(value: string | null): value is RangeChoice {
	return (RANGES as readonly (string | null)[]).includes(value);
}

/** What the screen shows for one page/range: nothing yet, a failure, or the two reports. */
type Loaded =
	| { key: string; status: "loading" }
	| { key: string; status: "failed"; failure: ApiFailure }
	| {
			key: string;
			status: "ready";
			range: DayRange;
			report: StatsReport;
			previous: StatsReport | null;
			/** Why there is no comparison, when that is worth saying. */
			note: string | null;
	  };

function Statistics({ me, pages }: { me: Me; pages: Page[] }) {
	const { t, locale } = useI18n();
	const [pageId, setPageId] = useState<string>(() => {
		const asked = queryParam("pageId");
		return asked && pages.some((p) => p.id === asked) ? asked : "";
	});
	const [choice, setChoice] = useState<RangeChoice>(() => {
		const asked = queryParam("range");
		return isRange(asked) ? asked : "30";
	});
	const [attempt, setAttempt] = useState(0);
	const today = statsDayOf(new Date());
	const { statsDays, statsExport } = me.entitlements;
	const range = rangeFor(choice, today, statsDayOf(new Date(me.user.createdAt)));
	const locked = beyondPlan(range.from, today, statsDays);
	const previous = choice === "all" ? null : previousRange(range);
	const comparable = previous !== null && !beyondPlan(previous.from, today, statsDays);
	const key = `${pageId}|${range.from}|${range.to}|${attempt}`;
	const [loaded, setLoaded] = useState<Loaded>({ key: "", status: "loading" });

	// The address bar says what is shown, so a reload or a shared link shows it again.
	useEffect(() => {
		const params = new URLSearchParams(window.location.search);
		if (pageId) params.set("pageId", pageId);
		else params.delete("pageId");
		params.set("range", choice);
		window.history.replaceState(window.history.state, "", `${window.location.pathname}?${params}`);
	}, [pageId, choice]);

	// `key` names everything the request depends on (page, range and retries).
	useEffect(() => {
		if (locked) return;
		let current = true;
		// What was shown stays (dimmed) until the answer is there, so the screen does not jump.
		const note =
			previous && !comparable && statsDays !== null ? t.stats.noComparisonPlan(statsDays) : null;
		const query = (r: DayRange) => ({ query: { ...r, ...(pageId ? { pageId } : {}) } });
		void Promise.all([
			api("GET /stats", query(range)),
			previous && comparable ? api("GET /stats", query(previous)) : Promise.resolve(null),
		]).then(([now, before]) => {
			if (!current) return;
			if (!now.ok) {
				if (now.code !== "unauthenticated") setLoaded({ key, status: "failed", failure: now });
				return;
			}
			// Without the previous period the figures still stand on their own.
			const earlier = before?.ok ? before.data : null;
			setLoaded({ key, status: "ready", range, report: now.data, previous: earlier, note });
		});
		return () => {
			current = false;
		};
	}, [key, locked]);

	const pageTitle = pages.find((p) => p.id === pageId)?.title;
	const published = pages.some((p) => p.status === "published");
	const period = t.stats.rangeDays(formatDay(locale, range.from), formatDay(locale, range.to));

	let body: ComponentChildren;
	if (locked && statsDays !== null) {
		body = <Locked limit={{ name: "statsDays", max: statsDays, plan: me.plan.id }} />;
	} else if (loaded.status === "loading" || (loaded.key !== key && loaded.status === "failed")) {
		body = <Loading />;
	} else if (loaded.status === "failed") {
		body =
			loaded.failure.code === "plan_required" && loaded.failure.limit ? (
				<Locked limit={loaded.failure.limit} />
			) : (
				<LoadFailure failure={loaded.failure} retry={() => setAttempt((n) => n + 1)} />
			);
	} else {
		const { report } = loaded;
		const stale = loaded.key !== key;
		const empty = report.totals.views === 0 && report.totals.clicks === 0;
		body = empty ? (
			<EmptyState published={published} />
		) : (
			<>
				<StatsTotals
					current={report.totals}
					previous={loaded.previous?.totals ?? null}
					days={dayCount(loaded.range.from, loaded.range.to)}
					note={loaded.note}
				/>
				<StatsChart report={report} />
				<StatsBreakdowns report={report}>
					{stale ? null : <ExportCard range={loaded.range} allowed={statsExport} me={me} />}
				</StatsBreakdowns>
			</>
		);
	}

	return (
		<>
			<section class="card stats-controls" aria-label={t.stats.rangeLabel}>
				<div class="stats-filters">
					<div class="field stats-page">
						<label for="stats-page">{t.stats.pageLabel}</label>
						<select
							id="stats-page"
							value={pageId}
							onChange={(e) => setPageId(e.currentTarget.value)}
						>
							<option value="">{t.stats.allPages}</option>
							{pages.map((p) => (
								<option key={p.id} value={p.id}>
									{p.title}
								</option>
							))}
						</select>
					</div>
					<fieldset class="stats-range">
						<legend class="stats-range-label">{t.stats.rangeLabel}</legend>
						<div class="segmented">
							{RANGES.map((r) => (
								<button
									key={r}
									type="button"
									class="segment"
									aria-pressed={r === choice ? "true" : "false"}
									onClick={() => setChoice(r)}
								>
									{t.stats.ranges[r]}
								</button>
							))}
						</div>
					</fieldset>
				</div>
				<p class="stats-period" aria-live="polite">
					{pageTitle ? `${pageTitle} · ` : ""}
					{period}
				</p>
				{statsDays !== null ? <p class="hint">{t.stats.planReach(statsDays)}</p> : null}
			</section>
			<div
				class={loaded.key !== key && !locked ? "stats-body stats-stale" : "stats-body"}
				aria-busy={loaded.key !== key && !locked ? "true" : undefined}
			>
				{body}
			</div>
			<p class="hint stats-privacy">{t.stats.privacyNote}</p>
		</>
	);
}

/** A range beyond the plan: what Pro offers instead of the figures. */
function Locked({ limit }: { limit: PlanLimit }) {
	const { t } = useI18n();
	return (
		<section class="card" aria-labelledby="stats-locked-heading">
			<h2 id="stats-locked-heading">{t.stats.lockedHeading}</h2>
			<UpgradePrompt limit={limit} announce={false} />
		</section>
	);
}

/** What the screen says before there is anything to count: how counting works. */
function EmptyState({ published }: { published: boolean }) {
	const { t, locale } = useI18n();
	return (
		<section class="card stats-empty" aria-labelledby="stats-empty-heading">
			<h2 id="stats-empty-heading">{t.stats.emptyHeading}</h2>
			<p>{t.stats.emptyIntro}</p>
			{published ? null : (
				<p>
					<a href={localePath(locale, "/")}>{t.stats.emptyNoPage}</a>
				</p>
			)}
			<h3>{t.stats.howHeading}</h3>
			<ul class="stats-how">
				{t.stats.how.map((line) => (
					<li key={line}>{line}</li>
				))}
			</ul>
		</section>
	);
}

/** The CSV download (the whole account) on Pro; on Free, what Pro offers when asked. */
function ExportCard({ range, allowed, me }: { range: DayRange; allowed: boolean; me: Me }) {
	const { t } = useI18n();
	const [asked, setAsked] = useState(false);
	const href = `/api/v1/stats/export?${new URLSearchParams({ from: range.from, to: range.to })}`;
	return (
		<section class="card stats-export" aria-labelledby="stats-export-heading">
			<h2 id="stats-export-heading">{t.stats.exportHeading}</h2>
			<p class="hint">{t.stats.exportHint}</p>
			{allowed ? (
				<a class="button button-secondary" href={href} download>
					{t.stats.export}
				</a>
			) : asked ? (
				<UpgradePrompt limit={{ name: "statsExport", max: 0, plan: me.plan.id }} />
			) : (
				<button type="button" class="button button-secondary" onClick={() => setAsked(true)}>
					{t.stats.export}
				</button>
			)}
		</section>
	);
}
