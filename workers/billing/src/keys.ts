/**
 * Idempotency keys for the create calls to Stripe (issue 14 item 4; architecture: "Money paths
 * are idempotent end to end"). Stripe saves the first answer to a key and replays it for the same
 * key and parameters, refuses the key with other parameters (400 idempotency_error), and forgets
 * keys after at least 24 hours. So every key is derived from our own ids and names everything
 * that goes into its request: the same key always means the same request.
 */

// Checkout attempts are grouped in windows this long: a double click or a second tab within one
// gets the same session, and a session handed out again is never older than this (Stripe keeps
// idempotency keys for at least 24 hours, and a session expires after 24 hours).
const CHECKOUT_WINDOW_MS = 10 * 60 * 1000;

/**
 * Stripe replays the first answer for a key and refuses the key with other parameters, so a key
 * names everything that goes into the request: the user, and the address sent.
 */
export async function customerKey(userId: string, email: string): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(email));
	const hash = [...new Uint8Array(digest).slice(0, 8)]
		.map((b) => b.toString(16).padStart(2, "0"))
		.join("");
	return `customer-create:${userId}:${hash}`;
}

/**
 * One checkout attempt: the user, the customer, the interval, the plan revision (after any plan
 * change, e.g. a subscription that ended, a new attempt is a new session), whether Stripe Tax is
 * on (switching it changes the request, so it must not reuse a key) and the time window.
 */
export function checkoutKey(
	input: { userId: string; customerId: string; interval: string; attempt: string; tax: boolean },
	now: number,
): string {
	const window = Math.floor(now / CHECKOUT_WINDOW_MS);
	const tax = input.tax ? "tax" : "notax";
	return `checkout:${input.userId}:${input.customerId}:${input.interval}:${input.attempt}:${tax}:${window}`;
}
