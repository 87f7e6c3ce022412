/**
 * Billing state in D1 that is not on the account row — the only module with SQL on
 * `stripe_customers` (every Stripe customer ever created for or seen with an account) and
 * `stripe_events` (each Stripe event applied, by id, so a redelivery changes nothing).
 */
import { nowIso } from "../lib/clock";
import type { SqlCondition } from "../lib/sql";
import { userExists } from "../users/store";

/**
 * The statement that remembers a customer as the account's (nothing when D1 already knows it,
 * for this account or another: a customer never moves between accounts; nothing either when the
 * account is gone).
 */
export function rememberCustomer(
	db: D1Database,
	userId: string,
	customerId: string,
): D1PreparedStatement {
	const exists = userExists(userId);
	return db
		.prepare(
			`INSERT INTO stripe_customers (customer_id, user_id, created_at)
			 SELECT ?, ?, ? WHERE ${exists.sql}
			 ON CONFLICT (customer_id) DO NOTHING`,
		)
		.bind(customerId, userId, nowIso(), ...exists.params);
}

/** Holds when D1 knows `customerId` as another account's than `userId`. */
export function customerOfAnotherAccount(customerId: string, userId: string): SqlCondition {
	return {
		sql: "EXISTS (SELECT 1 FROM stripe_customers WHERE customer_id = ? AND user_id <> ?)",
		params: [customerId, userId],
	};
}

/** The account's remembered customers, oldest first, as a statement for a batch. */
export function customersStatement(db: D1Database, userId: string): D1PreparedStatement {
	return db
		.prepare(
			"SELECT customer_id FROM stripe_customers WHERE user_id = ? ORDER BY created_at, customer_id",
		)
		.bind(userId);
}

/** The accounts that remembered `customerId`, as a statement for a batch. */
export function customerOwnersStatement(db: D1Database, customerId: string): D1PreparedStatement {
	return db.prepare("SELECT user_id FROM stripe_customers WHERE customer_id = ?").bind(customerId);
}

export async function eventSeen(db: D1Database, eventId: string): Promise<boolean> {
	const row = await db.prepare("SELECT 1 FROM stripe_events WHERE id = ?").bind(eventId).first();
	return row !== null;
}

/** Records an applied event; false when it was recorded before (a duplicate). */
export async function recordEvent(
	db: D1Database,
	eventId: string,
	eventType: string,
	userId: string | null,
): Promise<boolean> {
	const recorded = await db
		.prepare(
			"INSERT INTO stripe_events (id, type, user_id, processed_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id",
		)
		.bind(eventId, eventType, userId, nowIso())
		.first();
	return recorded !== null;
}
