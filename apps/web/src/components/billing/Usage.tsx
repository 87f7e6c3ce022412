/** What the plan allows and how much of it is in use: pages, links per page, custom domains. */
import type { Entitlements } from "@smartpages/contracts";
import { useI18n } from "../../lib/i18n-context";

function Meter({ label, used, max }: { label: string; used: number; max: number }) {
	const { t } = useI18n();
	return (
		<li>
			<span>{label}</span>
			{max > 0 ? (
				<meter
					class="usage-meter"
					min={0}
					max={max}
					value={Math.min(used, max)}
					high={Math.max(max - 1, 0.5)}
					aria-label={t.billing.usageMeter(label)}
				/>
			) : null}
		</li>
	);
}

export function Usage({
	entitlements,
	pages,
	domains,
}: {
	entitlements: Entitlements;
	pages: number;
	domains: number;
}) {
	const { t } = useI18n();
	return (
		<>
			<h3>{t.billing.usageHeading}</h3>
			<ul class="usage plain-list">
				<Meter
					label={t.billing.usagePages(pages, entitlements.maxPages)}
					used={pages}
					max={entitlements.maxPages}
				/>
				<li>{t.billing.usageLinks(entitlements.maxLinksPerPage)}</li>
				<Meter
					label={t.billing.usageDomains(domains, entitlements.maxCustomDomains)}
					used={domains}
					max={entitlements.maxCustomDomains}
				/>
				<li>{t.billing.branding(entitlements.removeBranding)}</li>
				<li>
					{t.billing.history(entitlements.versionHistory ? entitlements.maxRestorableVersions : 0)}
				</li>
			</ul>
		</>
	);
}

/** The limits of a plan as a list (what Pro offers). */
export function PlanLimits({ entitlements }: { entitlements: Entitlements }) {
	const { t } = useI18n();
	return (
		<ul class="plan-list">
			<li>{t.billing.pages(entitlements.maxPages)}</li>
			<li>{t.billing.links(entitlements.maxLinksPerPage)}</li>
			<li>{t.billing.domains(entitlements.maxCustomDomains)}</li>
			<li>{t.billing.branding(entitlements.removeBranding)}</li>
			<li>
				{t.billing.history(entitlements.versionHistory ? entitlements.maxRestorableVersions : 0)}
			</li>
		</ul>
	);
}
