/**
 * What a 402 looks like: never a generic error, but which limit was reached, on which plan, and
 * what Pro offers (limits read from the shared plan table).
 */
import { PLANS, type PlanLimit } from "@smartpages/contracts";
import { useId } from "preact/hooks";
import { localePath } from "../../i18n";
import { useI18n } from "../../lib/i18n-context";
import { limitText } from "../../lib/messages";

/** `announce`: when shown in answer to an action (alert); off when it is simply the state. */
export function UpgradePrompt({
	limit,
	announce = true,
}: {
	limit: PlanLimit;
	announce?: boolean;
}) {
	const { t, locale } = useI18n();
	const pro = PLANS.pro;
	const titleId = useId();
	return (
		<section class="upgrade" role={announce ? "alert" : undefined} aria-labelledby={titleId}>
			<h3 id={titleId}>{t.plan.upgradeTitle}</h3>
			<p>{limitText(t, limit)}</p>
			{limit.plan !== "pro" ? (
				<p>{t.plan.proOffer(pro.maxPages, pro.maxLinksPerPage, pro.maxCustomDomains)}</p>
			) : null}
			<p>
				<a class="button button-secondary" href={localePath(locale, "/billing")}>
					{t.plan.seePlans}
				</a>
			</p>
		</section>
	);
}
