/**
 * The Stripe customers of an account (issue 14 item 4). An account has one current customer
 * (`users.stripe_customer_id`), set once by a compare-and-set: when two checkouts race, the first
 * write wins and the loser uses the winner's id. Every customer ever created for or seen with the
 * account is also remembered in `stripe_customers`, so webhooks of its subscriptions find the
 * account and account deletion cancels their subscriptions too. The SQL lives in the stores:
 * billing/store.ts (`stripe_customers`) and users/store.ts (the account row).
 */
import { fail, type Locale, ok, type Plan, type Result } from "@smartpages/contracts";
import {
	claimCustomerStatement,
	currentCustomerStatement,
	markDeletionStarted,
	toPlan,
	type UserRow,
	userStatement,
	usersWithCustomerStatement,
} from "../users/store";
import {
	customerOfAnotherAccount,
	customerOwnersStatement,
	customersStatement,
	rememberCustomer,
} from "./store";

/** What Core needs to open Checkout or the Portal, or to cancel everything at deletion. */
export interface BillingAccount {
	email: string;
	emailVerified: boolean;
	locale: Locale;
	plan: Plan;
	/** The current customer: Checkout, the Portal and invoices use it. */
	stripeCustomerId: string | null;
	/** Every Stripe customer of the account, the current one first. */
	stripeCustomerIds: string[];
	/** Moves with every stored plan change: a new checkout attempt after one gets a new session. */
	planRevision: number;
	/** A renewal waiting for the customer's authentication, with its hosted invoice page. */
	paymentAction: { invoiceId: string; invoiceUrl: string } | null;
}

/** The payment-action columns of `users` (migration 0012). */
export interface PaymentActionColumns {
	payment_action_invoice: string | null;
	payment_action_url: string | null;
}

/** The stored payment action of a `users` row, if the customer must confirm a payment. */
export function storedPaymentAction(
	row: Partial<PaymentActionColumns>,
): { invoiceId: string; invoiceUrl: string } | null {
	return row.payment_action_invoice && row.payment_action_url
		? { invoiceId: row.payment_action_invoice, invoiceUrl: row.payment_action_url }
		: null;
}

export async function billingAccount(
	db: D1Database,
	userId: string,
): Promise<Result<BillingAccount>> {
	const [users, customers] = await db.batch([
		userStatement(db, userId),
		customersStatement(db, userId),
	]);
	const row = users?.results[0] as (UserRow & PaymentActionColumns) | undefined;
	if (!row) return fail("not_found", "No such account.");
	const known = (customers?.results ?? []) as { customer_id: string }[];
	const ids = new Set<string>();
	if (row.stripe_customer_id) ids.add(row.stripe_customer_id);
	for (const c of known) ids.add(c.customer_id);
	return ok({
		email: row.email,
		emailVerified: row.email_verified_at !== null,
		locale: row.locale,
		plan: toPlan(row),
		stripeCustomerId: row.stripe_customer_id,
		stripeCustomerIds: [...ids],
		planRevision: row.plan_revision,
		paymentAction: storedPaymentAction(row),
	});
}

/**
 * Records a customer just created for the account and makes it the current one unless the
 * account has one already (compare-and-set, in one transaction); answers the current one, which
 * is the winner's when two requests raced. A customer known as another account's is never
 * adopted (`conflict`).
 */
export async function claimStripeCustomer(
	db: D1Database,
	userId: string,
	customerId: string,
): Promise<Result<{ customerId: string }>> {
	const [, , current] = await db.batch([
		rememberCustomer(db, userId, customerId),
		claimCustomerStatement(db, userId, customerId, customerOfAnotherAccount(customerId, userId)),
		currentCustomerStatement(db, userId),
	]);
	const row = current?.results[0] as { stripe_customer_id: string | null } | undefined;
	if (!row) return fail("not_found", "No such account.");
	if (!row.stripe_customer_id) {
		return fail("conflict", "This Stripe customer belongs to another account.");
	}
	return ok({ customerId: row.stripe_customer_id });
}

/** The accounts D1 knows a customer for (more than one only if the data was corrupted). */
export async function customerOwners(db: D1Database, customerId: string): Promise<string[]> {
	const results = await db.batch<{ user_id: string }>([
		customerOwnersStatement(db, customerId),
		usersWithCustomerStatement(db, customerId),
	]);
	return [...new Set(results.flatMap((r) => r.results.map((row) => row.user_id)))];
}

/**
 * Starts an account's deletion (issue 15 item 4): from now on its plan changes are stored but
 * reported without a recipient, so the webhooks of the subscriptions the deletion cancels send
 * no plan mail. Answers the billing account, whose customers the deletion cancels.
 */
export async function beginAccountDeletion(
	db: D1Database,
	userId: string,
): Promise<Result<BillingAccount>> {
	if (!(await markDeletionStarted(db, userId))) return fail("not_found", "No such account.");
	return billingAccount(db, userId);
}
