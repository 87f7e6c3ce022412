/**
 * The statistics broken down: top links (clicks and click rate), where visitors came from,
 * countries and devices. Each is a small table (name, count, share) with a share bar drawn as
 * SVG, so it needs no inline style.
 */
import type { StatsReport } from "@smartpages/contracts";
import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { useI18n } from "../../lib/i18n-context";
import { shareOf } from "../../lib/stats";
import { countryName, formatCount, formatRate } from "./format";

/** The longest list a breakdown shows; the CSV export has everything. */
const MAX_ROWS = 10;

interface Row {
	key: string;
	name: ComponentChildren;
	count: number;
	/** The third column: a share of the total, or a link's click rate. */
	rate: number;
}

function Breakdown({
	heading,
	nameLabel,
	countLabel,
	rateLabel,
	rows,
	empty,
	wide = false,
}: {
	heading: string;
	nameLabel: string;
	countLabel: string;
	rateLabel: string;
	rows: Row[];
	empty: string;
	wide?: boolean;
}) {
	const { locale } = useI18n();
	const headingId = useId();
	const shown = rows.slice(0, MAX_ROWS);
	const most = Math.max(1, ...shown.map((r) => r.count));
	return (
		<section class={`card stats-breakdown${wide ? " stats-wide" : ""}`} aria-labelledby={headingId}>
			<h2 id={headingId}>{heading}</h2>
			{shown.length === 0 ? (
				<p class="hint">{empty}</p>
			) : (
				<table class="breakdown-table">
					<thead>
						<tr>
							<th scope="col">{nameLabel}</th>
							<th scope="col" class="number">
								{countLabel}
							</th>
							<th scope="col" class="number">
								{rateLabel}
							</th>
						</tr>
					</thead>
					<tbody>
						{shown.map((row) => (
							<tr key={row.key}>
								<th scope="row">
									<span class="breakdown-name">{row.name}</span>
									<svg
										class="meter"
										viewBox="0 0 100 4"
										preserveAspectRatio="none"
										aria-hidden="true"
										focusable="false"
									>
										<rect class="meter-track" width={100} height={4} rx={2} />
										<rect class="meter-bar" width={(row.count / most) * 100} height={4} rx={2} />
									</svg>
								</th>
								<td class="number">{formatCount(locale, row.count)}</td>
								<td class="number">{formatRate(locale, row.rate)}</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</section>
	);
}

/** `children`: a card that fills the grid's last cell (the CSV download). */
export function StatsBreakdowns({
	report,
	children,
}: {
	report: StatsReport;
	children?: ComponentChildren;
}) {
	const { t, locale } = useI18n();
	const { views } = report.totals;
	return (
		<div class="stats-grid">
			<Breakdown
				wide
				heading={t.stats.linksHeading}
				nameLabel={t.stats.link}
				countLabel={t.stats.clicks}
				rateLabel={t.stats.linkCtr}
				empty={t.stats.noClicks}
				rows={report.links.map((l) => ({
					key: l.linkId,
					name: l.title || <em>{t.stats.deletedLink}</em>,
					count: l.clicks,
					rate: shareOf(l.clicks, views),
				}))}
			/>
			<Breakdown
				heading={t.stats.referrersHeading}
				nameLabel={t.stats.source}
				countLabel={t.stats.views}
				rateLabel={t.stats.share}
				empty={t.stats.noViews}
				rows={report.referrers.map((r) => ({
					key: r.host,
					// "www." says nothing and costs a line on a phone.
					name: r.host.replace(/^www\./, "") || t.stats.direct,
					count: r.views,
					rate: shareOf(r.views, views),
				}))}
			/>
			<Breakdown
				heading={t.stats.countriesHeading}
				nameLabel={t.stats.country}
				countLabel={t.stats.views}
				rateLabel={t.stats.share}
				empty={t.stats.noViews}
				rows={report.countries.map((c) => ({
					key: c.country,
					name: countryName(locale, c.country) ?? t.stats.unknownCountry,
					count: c.views,
					rate: shareOf(c.views, views),
				}))}
			/>
			<Breakdown
				heading={t.stats.devicesHeading}
				nameLabel={t.stats.device}
				countLabel={t.stats.views}
				rateLabel={t.stats.share}
				empty={t.stats.noViews}
				rows={report.devices.map((d) => ({
					key: d.device,
					name: t.stats.devices[d.device],
					count: d.views,
					rate: shareOf(d.views, views),
				}))}
			/>
			{children}
		</div>
	);
}
