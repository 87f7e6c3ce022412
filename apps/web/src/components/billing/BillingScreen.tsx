/**
 * The plan screen (/billing): the current plan and its state, what is used of its limits, the
 * upgrade to Pro through Stripe Checkout (monthly or yearly), the billing portal and invoices.
 * Coming back from Checkout (`?checkout=success`) it waits for the webhook to switch the plan,
 * saying so meanwhile; `?upgrade=pro` (after a Pro sign-up was confirmed) leads to the upgrade.
 * A renewal waiting for the customer's authentication (strong customer authentication) is shown
 * first, with the link to Stripe's page to confirm the payment. Issue 19: Pro's prices from
 * Stripe (GET /billing/prices, a failure there only hides them), and which pages the Free plan
 * keeps offline (DowngradeNotice); what shows in which state is decided in lib/plan-view.ts.
 */
import { type Page, PLANS, type Prices, type ResponseOf } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { formatDate, type Locale } from "../../i18n";
import { type Me, useAccount } from "../../lib/account";
import { type ApiFailure, api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { type CheckoutPhase, planView } from "../../lib/plan-view";
import { useResource } from "../../lib/resource";
import { LoadFailure, Loading } from "../ui/LoadFailure";
import { CheckoutReturn } from "./CheckoutReturn";
import { DowngradeNotice } from "./DowngradeNotice";
import { Invoices } from "./Invoices";
import { ManageSubscription, UpgradeOffer } from "./StripeActions";
import { Usage } from "./Usage";

export default function BillingIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<BillingScreen />
		</I18n>
	);
}

interface Counts {
	pages: number;
	domains: number;
}

interface Loaded {
	/** GET /billing, with the renewal waiting for authentication (issue 15 item 5), if any. */
	billing: ResponseOf<"GET /billing">;
	counts: Counts;
	pages: Page[];
	/** Null when Stripe's prices could not be read: the checkout page still shows them. */
	prices: Prices | null;
}

/** GET /billing plus what is in use (pages and domains); one failure fails the screen. */
async function loadBilling(): Promise<{ ok: true; data: Loaded } | ApiFailure> {
	const [billing, pages, domains, prices] = await Promise.all([
		api("GET /billing"),
		api("GET /pages"),
		api("GET /domains"),
		api("GET /billing/prices"),
	]);
	if (!billing.ok) return billing;
	if (!pages.ok) return pages;
	if (!domains.ok) return domains;
	return {
		ok: true,
		data: {
			billing: billing.data,
			counts: { pages: pages.data.pages.length, domains: domains.data.domains.length },
			pages: pages.data.pages,
			prices: prices.ok ? prices.data : null,
		},
	};
}

function BillingScreen() {
	const { locale } = useI18n();
	const account = useAccount(locale);
	const { data: loaded, failure, reload } = useResource(loadBilling);

	if (account.status === "failed") {
		return <LoadFailure failure={account.failure} retry={account.retry} />;
	}
	if (failure) return <LoadFailure failure={failure} retry={reload} />;
	if (account.status === "loading" || !loaded) return <Loading />;

	const onUpgraded = (me: Me) => {
		account.setMe(me);
		reload();
	};
	return <Billing me={account.me} loaded={loaded} onUpgraded={onUpgraded} />;
}

function Billing({
	me,
	loaded,
	onUpgraded,
}: {
	me: Me;
	loaded: Loaded;
	onUpgraded: (me: Me) => void;
}) {
	const { t, locale } = useI18n();
	const { plan, entitlements } = me;
	const [phase, setPhase] = useState<CheckoutPhase>("none");
	const invoices = loaded.billing.invoices ?? [];
	const action = loaded.billing.actionRequired ?? null;
	const view = planView(plan, {
		phase,
		emailVerified: me.user.emailVerified,
		actionRequired: action !== null,
	});
	return (
		<>
			<CheckoutReturn plan={plan} onUpgraded={onUpgraded} onPhase={setPhase} />
			{action ? (
				<section class="notice notice-error" role="alert" aria-labelledby="action-required">
					<h2 id="action-required">{t.billing.actionRequiredHeading}</h2>
					<p>{t.billing.actionRequired}</p>
					<p>
						<a class="button button-primary" href={action.invoiceUrl} rel="noopener noreferrer">
							{t.billing.actionRequiredLink}
						</a>
					</p>
				</section>
			) : null}
			<section class="card" aria-labelledby="current-plan">
				<h2 id="current-plan">{t.billing.current(t.plan.names[plan.id])}</h2>
				{plan.id === "pro" ? (
					<p>
						<strong>{t.billing.statusLabel}:</strong>{" "}
						<span class="badge" data-plan-status={plan.status}>
							{t.billing.status[plan.status]}
						</span>
					</p>
				) : null}
				{view.renews && plan.currentPeriodEnd ? (
					<p>{t.billing.renews(formatDate(locale, plan.currentPeriodEnd))}</p>
				) : null}
				{view.endsOn && plan.currentPeriodEnd ? (
					<p>{t.billing.endsOn(formatDate(locale, plan.currentPeriodEnd))}</p>
				) : null}
				{view.pastDue ? <p class="notice notice-error">{t.billing.pastDue}</p> : null}
				<Usage
					entitlements={entitlements}
					pages={loaded.counts.pages}
					domains={loaded.counts.domains}
				/>
			</section>
			<DowngradeNotice plan={plan} pages={loaded.pages} />
			{view.manage ? <ManageSubscription /> : null}
			{view.upgradeOffer ? (
				<UpgradeOffer pro={PLANS.pro} prices={loaded.prices} confirmFirst={view.confirmFirst} />
			) : null}
			{invoices.length > 0 || plan.id === "pro" ? <Invoices invoices={invoices} /> : null}
		</>
	);
}
