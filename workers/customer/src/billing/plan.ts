/**
 * Plan state from Stripe, applied idempotently: each Stripe event id is recorded once (a
 * duplicate changes nothing) and the stored state is always the subscription's current state as
 * fetched from Stripe, so events in any order end in the same place.
 *
 * A downgrade deletes nothing: pages beyond the free limit — more pages than it allows, or more
 * enabled links on a page — go offline (remembered in suspended_version) and come back on
 * re-upgrade; publishing them again is checked against the plan (billing/limits.ts); the badge
 * follows the plan through the manifest. Custom domains beyond the plan are suspended and their
 * Cloudflare hostnames released; a re-upgrade registers them again (domains.ts).
 */
import {
	entitlementsFor,
	fail,
	type Locale,
	ok,
	type Plan,
	type Result,
	type SubscriptionChange,
} from "@smartpages/contracts";
import { type DomainConfig, enforceDomainLimit } from "../domains/domains";
import { enabledLinkCounts } from "../links/store";
import { listPageStates, setPagesOnline } from "../pages/store";
import { type SiteConfig, writeManifest } from "../publish/publish";
import { findUserById, toPlan, type UserRow, writePlanStatement } from "../users/store";
import { customerOwners, type PaymentActionColumns, storedPaymentAction } from "./customers";
import { fitsPlan } from "./limits";
import { eventSeen, recordEvent, rememberCustomer } from "./store";

/** What a plan change reaches: published pages and custom domains (with Cloudflare). */
export interface PlanConfig extends SiteConfig {
	domains: DomainConfig;
}

export interface AppliedChange {
	duplicate: boolean;
	/** Null when no account matches the event (acknowledged, nothing changed). */
	userId: string | null;
	email?: string;
	locale?: Locale;
	before?: Plan;
	after?: Plan;
	/** The invoice waiting for the customer's authentication before and after (issue 15 item 5). */
	paymentActionBefore?: string | null;
	paymentActionAfter?: { invoiceId: string; invoiceUrl: string } | null;
	/**
	 * The account's deletion has started (issue 15 item 4): the change is stored but reported
	 * without `email` and `locale`, so no plan notice races the "account deleted" mail.
	 */
	deleting?: true;
}

/**
 * The account a subscription belongs to (issue 14 item 4). The evidence:
 * - our user id in the subscription's metadata, which only our server sets (Checkout's
 *   `subscription_data.metadata`), or else in its customer's metadata (set when we created the
 *   customer), both read back from Stripe by Billing — never an id taken from the event body;
 * - the customer, when D1 knows it as one of the account's customers.
 * Either alone is enough: a subscription of a second customer of the account (created by a
 * double checkout before this was fixed) still reaches it. When they disagree — the customer
 * is known as another account's — nothing is applied: a foreign customer's subscription never
 * changes another account, whatever the event names.
 */
async function findAccount(db: D1Database, change: SubscriptionChange): Promise<UserRow | null> {
	const owners = await customerOwners(db, change.customerId);
	if (owners.length > 1) return null;
	const owner = owners[0] ?? null;
	if (change.userId) {
		if (owner !== null && owner !== change.userId) return null;
		return findUserById(db, change.userId);
	}
	return owner ? findUserById(db, owner) : null;
}

const LIVE = new Set(["active", "trialing", "past_due"]);

/**
 * True when the change is about another subscription than the live one the account is on and
 * would end it: a late or retried event of an earlier subscription must not undo a newer one.
 */
function superseded(account: UserRow, change: SubscriptionChange): boolean {
	return (
		account.stripe_subscription_id !== null &&
		account.stripe_subscription_id !== change.subscriptionId &&
		account.plan_id === "pro" &&
		LIVE.has(account.plan_status) &&
		!LIVE.has(change.status)
	);
}

/** How long a started deletion silences plan notices (users.deletion_started_at). */
const DELETION_WINDOW_MS = 15 * 60 * 1000;

function deletionStarted(row: UserRow): boolean {
	return (
		row.deletion_started_at !== null &&
		Date.parse(row.deletion_started_at) > Date.now() - DELETION_WINDOW_MS
	);
}

/**
 * Stores the subscription state an event carries. The plan write is a compare-and-set on
 * `plan_revision`: when another webhook changed the plan since this one read it, nothing is
 * written and the answer is `conflict`; Core then fetches the subscription from Stripe again and
 * re-applies (and answers Stripe 503 if that keeps failing, so Stripe retries later). The event id is recorded after the write; a crash in between only means a retry that
 * stores the same state again (mails follow transitions, so none is sent twice).
 */
export async function applySubscription(
	site: PlanConfig,
	eventId: string,
	eventType: string,
	change: SubscriptionChange | null,
): Promise<Result<AppliedChange>> {
	const account = change ? await findAccount(site.db, change) : null;
	if (await eventSeen(site.db, eventId))
		return ok({ duplicate: true, userId: account?.id ?? null });
	if (!change || !account || superseded(account, change)) {
		const recorded = await recordEvent(site.db, eventId, eventType, account?.id ?? null);
		return ok({ duplicate: !recorded, userId: null });
	}

	const before = toPlan(account);
	// The customer is remembered as the account's (deletion cancels its subscriptions too); it
	// becomes the current one when the account has none or this subscription is the live one.
	const [, written] = await site.db.batch([
		rememberCustomer(site.db, account.id, change.customerId),
		writePlanStatement(site.db, account.id, account.plan_revision, {
			plan: change.plan,
			status: change.status,
			currentPeriodEnd: change.currentPeriodEnd,
			cancelAtPeriodEnd: change.cancelAtPeriodEnd,
			live: LIVE.has(change.status),
			customerId: change.customerId,
			subscriptionId: change.subscriptionId,
			paymentAction: change.paymentAction ?? null,
		}),
	]);
	const updated = (written?.results[0] as (UserRow & PaymentActionColumns) | undefined) ?? null;
	if (!updated) {
		return fail("conflict", "The plan changed concurrently; apply a freshly fetched state again.");
	}
	await recordEvent(site.db, eventId, eventType, account.id);
	const after = toPlan(updated);
	await enforcePlan(site, account.id, before, after);
	const recipient = deletionStarted(updated)
		? { deleting: true as const }
		: { email: updated.email, locale: updated.locale };
	return ok({
		duplicate: false,
		userId: account.id,
		...recipient,
		before,
		after,
		paymentActionBefore:
			(account as UserRow & Partial<PaymentActionColumns>).payment_action_invoice ?? null,
		paymentActionAfter: storedPaymentAction(updated),
	});
}

/** Brings published content in line with the plan after a change of entitlements. */
async function enforcePlan(
	site: PlanConfig,
	userId: string,
	before: Plan,
	after: Plan,
): Promise<void> {
	const was = entitlementsFor(before);
	const now = entitlementsFor(after);
	await enforceDomainLimit(site.domains, userId, now.maxCustomDomains);
	if (
		was.maxPages === now.maxPages &&
		was.maxLinksPerPage === now.maxLinksPerPage &&
		was.removeBranding === now.removeBranding
	)
		return;
	const pages = await listPageStates(site.db, userId);
	// What stays online is what the plan would let be published now (billing/limits.ts): a page
	// with more enabled links than the plan allows goes offline too, instead of keeping them.
	const allowed = fitsPlan(pages, await enabledLinkCounts(site.db, userId), now);
	await setPagesOnline(
		site.db,
		userId,
		pages.filter((p) => !allowed.has(p.id) && p.status === "published").map((p) => p.id),
		pages.filter((p) => allowed.has(p.id) && p.suspended_version !== null).map((p) => p.id),
	);
	// One manifest write switches pages on or off and the badge with them.
	await writeManifest(site, userId);
}
