/**
 * The three totals of a period (views, clicks, click-through rate), each with its change against
 * the previous period of equal length: a percentage for counts, percentage points for the rate,
 * "new" when the previous period had none. Without a previous period (the plan's reach, or
 * "all time") the tiles show the figures alone.
 */
import type { StatsReport } from "@smartpages/contracts";
import { useI18n } from "../../lib/i18n-context";
import { type Change, changeOf } from "../../lib/stats";
import { changeText, formatCount, formatPercent, formatPoints, formatRate } from "./format";

type Totals = StatsReport["totals"];

function ChangeBadge({ change }: { change: Change }) {
	const { t, locale } = useI18n();
	const text = changeText(locale, change, t.stats);
	if (text === null) return null;
	const spoken =
		change.kind === "up"
			? t.stats.changeUpLabel(formatPercent(locale, change.percent))
			: change.kind === "down"
				? t.stats.changeDownLabel(formatPercent(locale, change.percent))
				: change.kind === "new"
					? t.stats.changeNewLabel
					: text;
	return (
		<span class={`stat-change stat-change-${change.kind}`}>
			<span aria-hidden="true">{text}</span>
			<span class="visually-hidden">{spoken}</span>
		</span>
	);
}

/** The rate's change in percentage points (a relative change of a rate reads as nonsense). */
function RateChange({ current, previous }: { current: Totals; previous: Totals }) {
	const { t, locale } = useI18n();
	if (previous.views === 0) return <ChangeBadge change={changeOf(current.views, 0)} />;
	const difference = current.ctr - previous.ctr;
	const kind = Math.abs(difference) < 0.0005 ? "same" : difference > 0 ? "up" : "down";
	const text = t.stats.points(formatPoints(locale, difference));
	return (
		<span class={`stat-change stat-change-${kind}`}>
			<span aria-hidden="true">{kind === "same" ? t.stats.changeSame : text}</span>
			<span class="visually-hidden">{kind === "same" ? t.stats.changeSame : text}</span>
		</span>
	);
}

export function StatsTotals({
	current,
	previous,
	days,
	note,
}: {
	current: Totals;
	/** The previous period's totals; null when there is none to compare with. */
	previous: Totals | null;
	/** Length of the period in days. */
	days: number;
	/** Why there is no comparison, when that is worth saying. */
	note: string | null;
}) {
	const { t, locale } = useI18n();
	const tiles = [
		{ key: "views", label: t.stats.views, value: formatCount(locale, current.views) },
		{ key: "clicks", label: t.stats.clicks, value: formatCount(locale, current.clicks) },
		{ key: "ctr", label: t.stats.ctr, value: formatRate(locale, current.ctr) },
	] as const;
	return (
		<section class="stats-totals" aria-labelledby="stats-totals-heading">
			<h2 id="stats-totals-heading" class="visually-hidden">
				{t.stats.totalsHeading}
			</h2>
			<dl class="stat-tiles">
				{tiles.map((tile) => (
					<div class="card stat-tile" key={tile.key} data-stat={tile.key}>
						<dt>{tile.label}</dt>
						<dd>
							<span class="stat-value">{tile.value}</span>
							{previous === null ? null : tile.key === "ctr" ? (
								<RateChange current={current} previous={previous} />
							) : (
								<ChangeBadge change={changeOf(current[tile.key], previous[tile.key])} />
							)}
						</dd>
					</div>
				))}
			</dl>
			{previous !== null ? (
				<p class="hint stats-compare">{t.stats.comparedWith(days)}</p>
			) : note ? (
				<p class="hint stats-compare">{note}</p>
			) : null}
		</section>
	);
}
