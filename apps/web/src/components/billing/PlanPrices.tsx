/**
 * Pro's two prices side by side, each with its Checkout button (issue 19 item 5): amount and
 * interval in the customer's locale, the yearly price per month and its saving (computed from
 * the two Stripe prices), and whether VAT is included, which German price display rules require
 * to be said next to a consumer price. Without prices (Stripe unreachable) the buttons stay, and
 * a line says that the checkout page shows the price before anything is paid.
 */
import type { Prices } from "@smartpages/contracts";
import type { Ref } from "preact";
import type { Interval } from "../../lib/billing";
import { useI18n } from "../../lib/i18n-context";
import { formatPrice, monthlyEquivalent, yearlySaving } from "../../lib/prices";

export interface PriceButton {
	busy: boolean;
	disabled: boolean;
	onChoose: () => void;
}

export function PlanPrices({
	prices,
	buttons,
	firstRef,
}: {
	prices: Prices | null;
	buttons: Record<Interval, PriceButton>;
	firstRef?: Ref<HTMLButtonElement>;
}) {
	const { t, locale } = useI18n();
	const p = t.plans;
	if (!prices) {
		return (
			<>
				<p class="hint">{p.pricesUnavailable}</p>
				<div class="actions">
					<Choose button={buttons.month} label={p.chooseMonthly} primary firstRef={firstRef} />
					<Choose button={buttons.year} label={p.chooseYearly} />
				</div>
			</>
		);
	}
	const money = (amount: number) => formatPrice(locale, amount, prices.month.currency);
	const saving = yearlySaving(prices);
	const vat = prices.taxInclusive ? p.vatIncluded : p.vatExcluded;
	return (
		<>
			<ul class="price-options plain-list" aria-label={p.pricesLabel}>
				<li class="price-option" data-interval="month">
					<h3 class="price-name">{p.monthlyName}</h3>
					<p class="price-amount" data-testid="price-month">
						{p.perMonth(money(prices.month.amount))}
					</p>
					<p class="price-detail">
						{p.billedMonthly} · {vat}
					</p>
					<Choose button={buttons.month} label={p.chooseMonthly} firstRef={firstRef} />
				</li>
				<li class="price-option price-option-best" data-interval="year">
					<h3 class="price-name">{p.yearlyName}</h3>
					{saving.amount > 0 ? (
						<p class="price-saving" data-testid="price-saving">
							{p.saving(saving.freeMonths, saving.percent)}
						</p>
					) : null}
					<p class="price-amount" data-testid="price-year">
						{p.perYear(money(prices.year.amount))}
					</p>
					<p class="price-detail">
						{p.yearlyPerMonth(money(monthlyEquivalent(prices)))} · {vat}
					</p>
					<Choose button={buttons.year} label={p.chooseYearly} primary />
				</li>
			</ul>
			<p class="hint">{p.cancelAnyTime}</p>
		</>
	);
}

function Choose({
	button,
	label,
	primary = false,
	firstRef,
}: {
	button: PriceButton;
	label: string;
	primary?: boolean;
	firstRef?: Ref<HTMLButtonElement>;
}) {
	const { t } = useI18n();
	return (
		<button
			type="button"
			ref={firstRef}
			class={`button ${primary ? "button-primary" : "button-secondary"}`}
			disabled={button.disabled}
			aria-disabled={button.busy ? "true" : undefined}
			onClick={button.onChoose}
		>
			{button.busy ? t.billing.redirecting : label}
		</button>
	);
}
