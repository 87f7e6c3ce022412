/**
 * The plan screen (/billing): the current plan and what it includes, and what Pro adds. Limits
 * come from the shared plan table; buying Pro arrives with the billing endpoints.
 */
import { type Entitlements, PLANS } from "@smartpages/contracts";
import type { Locale } from "../../i18n";
import { useAccount } from "../../lib/account";
import { I18n, useI18n } from "../../lib/i18n-context";
import { LoadFailure, Loading } from "../ui/LoadFailure";

export default function PlanOverviewIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<PlanOverview />
		</I18n>
	);
}

function Limits({ entitlements }: { entitlements: Entitlements }) {
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

function PlanOverview() {
	const { t, locale } = useI18n();
	const account = useAccount(locale);
	if (account.status === "failed") {
		return <LoadFailure failure={account.failure} retry={account.retry} />;
	}
	if (account.status === "loading") return <Loading />;
	const { plan, entitlements } = account.me;
	return (
		<>
			<section class="card" aria-labelledby="current-plan">
				<h2 id="current-plan">{t.billing.current(t.plan.names[plan.id])}</h2>
				<p>{t.billing.limits}</p>
				<Limits entitlements={entitlements} />
			</section>
			{plan.id === "free" ? (
				<section class="card upgrade" aria-labelledby="pro-plan">
					<h2 id="pro-plan">{t.plan.upgradeTitle}</h2>
					<Limits entitlements={PLANS.pro} />
					<p>{t.billing.upgradeSoon}</p>
				</section>
			) : null}
		</>
	);
}
