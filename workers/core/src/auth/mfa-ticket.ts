/**
 * The login's second step (issue 20). A right password on an account with two-factor on gives
 * no session but a ticket: 32 random bytes, of which KV keeps only the SHA-256, bound to the
 * account, dead after 5 minutes or 5 wrong codes. The code is then checked against the ticket,
 * never against an e-mail address, so the second step cannot be aimed at another account.
 *
 *   mfa-ticket:{sha256(ticket)}  → {userId, createdAt, failures}   (expires with the ticket)
 *   mfa-backoff:{userId}         → {failures, lastFailureAt}       (a day after the latest)
 *
 * Guessing is bounded three ways: per ticket (5), per account and per client network through the
 * rate-limiting windows (the routes), and by the growing delay of ./login-guard (1 s, 2 s, 4 s …
 * up to 15 minutes after 10 failed codes of the account, whatever the tickets), so fetching new
 * tickets with the password does not reset the count. KV is not transactional: concurrent wrong
 * codes on one ticket can count as one; the windows bound such bursts.
 */
import { randomToken, sha256Hex } from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import type { Context } from "hono";
import type { AppEnv } from "../types";
import { type BackoffState, backoffRemainingMs } from "./login-guard";
import { rateLimited } from "./rate-limit";

export const TICKET_LIFETIME_MS = 5 * 60 * 1000;
export const TICKET_MAX_FAILURES = 5;
const FAILURES_KEPT_FOR_S = 24 * 3600;
// KV's smallest expirationTtl.
const MIN_TTL_S = 60;

interface TicketRecord {
	userId: string;
	createdAt: number;
	failures: number;
}

export interface Ticket extends TicketRecord {
	key: string;
}

const ticketKey = async (ticket: string) => `mfa-ticket:${await sha256Hex(ticket)}`;
const backoffKey = (userId: string) => `mfa-backoff:${userId}`;

/** Issues a ticket for an account whose password was right; the raw ticket goes to the client. */
export async function issueTicket(c: Context<AppEnv>, userId: string): Promise<string> {
	const ticket = randomToken(32);
	const record: TicketRecord = { userId, createdAt: c.get("now"), failures: 0 };
	await c.env.SESSIONS.put(await ticketKey(ticket), JSON.stringify(record), {
		expirationTtl: TICKET_LIFETIME_MS / 1000,
	});
	return ticket;
}

/** The live ticket, or null when it is unknown, expired or used up. */
export async function readTicket(c: Context<AppEnv>, ticket: string): Promise<Ticket | null> {
	const key = await ticketKey(ticket);
	const record = await c.env.SESSIONS.get<TicketRecord>(key, "json");
	if (!record) return null;
	if (c.get("now") - record.createdAt > TICKET_LIFETIME_MS) return null;
	if (record.failures >= TICKET_MAX_FAILURES) return null;
	return { ...record, key };
}

/** Throws 429 while the account's growing delay after failed codes has not passed. */
export async function admitSecondStep(c: Context<AppEnv>, userId: string): Promise<void> {
	const state = await c.env.SESSIONS.get<BackoffState>(backoffKey(userId), "json");
	const wait = backoffRemainingMs(state, c.get("now"));
	if (wait > 0) throw rateLimited(wait / 1000);
}

/** A wrong code: counts on the ticket (the fifth ends it) and on the account's back-off. */
export async function recordFailure(c: Context<AppEnv>, ticket: Ticket): Promise<void> {
	const kv = c.env.SESSIONS;
	const now = c.get("now");
	const failures = ticket.failures + 1;
	try {
		if (failures >= TICKET_MAX_FAILURES) {
			await kv.delete(ticket.key);
		} else {
			const left = Math.ceil((ticket.createdAt + TICKET_LIFETIME_MS - now) / 1000);
			const record: TicketRecord = { userId: ticket.userId, createdAt: ticket.createdAt, failures };
			// Below KV's minimum TTL the record outlives the ticket; readTicket checks the age.
			await kv.put(ticket.key, JSON.stringify(record), {
				expirationTtl: Math.max(MIN_TTL_S, left),
			});
		}
		const latest = await kv.get<BackoffState>(backoffKey(ticket.userId), "json");
		const next: BackoffState = { failures: (latest?.failures ?? 0) + 1, lastFailureAt: now };
		await kv.put(backoffKey(ticket.userId), JSON.stringify(next), {
			expirationTtl: FAILURES_KEPT_FOR_S,
		});
	} catch (error) {
		// KV refuses more than one write a second to a key; the windows still bound the burst.
		writeLog("warn", "second-step failure not recorded", {
			requestId: c.get("requestId"),
			error: String(error),
		});
	}
}

/** The ticket is used: it ends, and the account's failed codes are forgotten. */
export async function consumeTicket(c: Context<AppEnv>, ticket: Ticket): Promise<void> {
	await Promise.all([
		c.env.SESSIONS.delete(ticket.key),
		c.env.SESSIONS.delete(backoffKey(ticket.userId)),
	]);
}
