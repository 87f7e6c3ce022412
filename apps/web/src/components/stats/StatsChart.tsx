/**
 * The daily chart of views and clicks: a dependency-free SVG (no chart library), one bar per
 * day (or week, or month for long ranges) with the clicks drawn in front of the views. The SVG
 * stretches to the card's width (preserveAspectRatio="none"), so its labels are HTML beside it,
 * laid out by CSS alone (the dashboard's CSP allows no inline styles). For assistive technology
 * it is one image with a summary, and the same figures are a table behind a disclosure.
 */
import type { StatsReport } from "@smartpages/contracts";
import { useId } from "preact/hooks";
import { useI18n } from "../../lib/i18n-context";
import { bucketSizeFor, bucketsOf, niceMax, ticks } from "../../lib/stats";
import { formatBucket, formatCount, formatDay } from "./format";

/** Height of the plot in SVG units (the width is one unit per bar). */
const HEIGHT = 100;

export function StatsChart({ report }: { report: StatsReport }) {
	const { t, locale } = useI18n();
	const headingId = useId();
	const size = bucketSizeFor(report.days.length);
	const buckets = bucketsOf(report.days, size);
	const top = niceMax(Math.max(0, ...buckets.map((b) => Math.max(b.views, b.clicks))));
	const scale = (value: number) => (value / top) * HEIGHT;
	const label = (day: string) => formatBucket(locale, day, size);
	const count = (value: number) => formatCount(locale, value);

	const peak = buckets.reduce<(typeof buckets)[number] | null>(
		(best, b) => (b.views > 0 && (!best || b.views > best.views) ? b : best),
		null,
	);
	const period = t.stats.rangeDays(formatDay(locale, report.from), formatDay(locale, report.to));
	const summary = t.stats.chartSummary(
		period,
		count(report.totals.views),
		count(report.totals.clicks),
		peak ? t.stats.chartPeak(label(peak.from), count(peak.views)) : "",
	);
	const first = buckets[0];
	const middle = buckets[Math.floor((buckets.length - 1) / 2)];
	const last = buckets[buckets.length - 1];

	return (
		<section class="card stats-chart" aria-labelledby={headingId}>
			<div class="stats-card-head">
				<h2 id={headingId}>{t.stats.chartHeading[size]}</h2>
				<ul class="chart-legend" aria-hidden="true">
					<li>
						<span class="swatch swatch-views" />
						{t.stats.views}
					</li>
					<li>
						<span class="swatch swatch-clicks" />
						{t.stats.clicks}
					</li>
				</ul>
			</div>
			<div class="chart">
				<div class="chart-y" aria-hidden="true">
					{ticks(top).map((value) => (
						<span key={value}>{count(value)}</span>
					))}
				</div>
				<svg
					class="chart-plot"
					role="img"
					aria-label={summary}
					viewBox={`0 0 ${buckets.length} ${HEIGHT}`}
					preserveAspectRatio="none"
					focusable="false"
				>
					{ticks(top).map((value) => (
						<line
							key={value}
							class="chart-grid"
							x1={0}
							x2={buckets.length}
							y1={HEIGHT - scale(value)}
							y2={HEIGHT - scale(value)}
							vector-effect="non-scaling-stroke"
						/>
					))}
					{buckets.map((b, i) => (
						<g key={b.from}>
							<title>{`${label(b.from)}: ${count(b.views)} ${t.stats.views}, ${count(b.clicks)} ${t.stats.clicks}`}</title>
							<rect
								class="bar-views"
								x={i + 0.12}
								width={0.76}
								y={HEIGHT - scale(b.views)}
								height={scale(b.views)}
							/>
							<rect
								class="bar-clicks"
								x={i + 0.3}
								width={0.4}
								y={HEIGHT - scale(b.clicks)}
								height={scale(b.clicks)}
							/>
						</g>
					))}
				</svg>
				<div class="chart-x" aria-hidden="true">
					{first ? <span>{label(first.from)}</span> : null}
					{middle && buckets.length > 2 ? (
						<span class="chart-x-middle">{label(middle.from)}</span>
					) : null}
					{last && buckets.length > 1 ? <span>{label(last.from)}</span> : null}
				</div>
			</div>
			<details class="chart-table">
				<summary>{t.stats.chartTable}</summary>
				<div class="table-scroll">
					<table>
						<caption class="visually-hidden">{t.stats.chartHeading[size]}</caption>
						<thead>
							<tr>
								<th scope="col">{t.stats.bucket[size]}</th>
								<th scope="col" class="number">
									{t.stats.views}
								</th>
								<th scope="col" class="number">
									{t.stats.clicks}
								</th>
							</tr>
						</thead>
						<tbody>
							{buckets.map((b) => (
								<tr key={b.from}>
									<th scope="row">{size === "day" ? formatDay(locale, b.from) : label(b.from)}</th>
									<td class="number">{count(b.views)}</td>
									<td class="number">{count(b.clicks)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			</details>
		</section>
	);
}
