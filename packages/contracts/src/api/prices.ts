/**
 * The Pro plan's prices as GET /api/v1/billing/prices answers them (issue 19 item 5): read by the
 * Billing Worker from the configured Stripe Price objects, so the plan page shows exactly what
 * Checkout will charge. Public (no session): prices are no secret, and a marketing page may show
 * them too.
 */
import * as z from "zod";

/** One recurring price: minor units (cents) in its currency, billed every `interval`. */
export const priceResource = z.strictObject({
	/** In the currency's minor unit, e.g. 900 = 9.00 €. */
	amount: z.number().int().nonnegative(),
	/** ISO 4217, lower case as Stripe writes it ("eur"). */
	currency: z.string().regex(/^[a-z]{3}$/),
	interval: z.enum(["month", "year"]),
});
export type Price = z.infer<typeof priceResource>;

export const pricesResource = z.strictObject({
	month: priceResource,
	year: priceResource,
	/**
	 * Whether the amounts include VAT (Stripe `tax_behavior: "inclusive"`): German price display
	 * rules ask for gross prices to consumers, so the plan page says "incl. VAT" only when true.
	 */
	taxInclusive: z.boolean(),
});
export type Prices = z.infer<typeof pricesResource>;
