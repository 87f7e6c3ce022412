/**
 * Resend's `POST /emails`, with the idempotency key so a retried message is sent once, and the
 * answer sorted the way Resend documents its errors (resend.com/docs/api-reference/errors and
 * /rate-limit). Without a RESEND_API_KEY secret the base URL points at the local stand-in.
 */
import { sha256Hex } from "@smartpages/contracts";
import type { RenderedMail } from "./templates/layout";

export type SendOutcome =
	| { kind: "sent"; id: string }
	/** Try again; `afterSeconds` when Resend said how long to wait (`retry-after`). */
	| { kind: "retry"; reason: string; afterSeconds?: number; rateLimited?: boolean }
	/** The team's daily or monthly quota is used up: no retry within minutes can help. */
	| { kind: "quota"; reason: string }
	| { kind: "permanent"; reason: string };

const RETRYABLE = new Set([401, 403, 429]);
const QUOTAS = new Set(["daily_quota_exceeded", "monthly_quota_exceeded"]);
/** Queues accepts retry delays up to 12 hours. */
const MAX_DELAY_SECONDS = 43_200;

const DERIVED_KEY = /^mail\/[0-9a-f]{64}$/;

/**
 * The key Resend sees, derived from the caller's (Core's request mails use
 * `{requestId}:{template}:{address}`): a SHA-256, so no address or hostname goes
 * into a header or Resend's logs, and every key fits Resend's 256-character limit whatever the
 * length of the address. The same caller key always gives the same derived key; a derived key is
 * kept as it is, so deriving twice (at enqueue and at delivery) changes nothing.
 */
export async function resendIdempotencyKey(callerKey: string): Promise<string> {
	if (DERIVED_KEY.test(callerKey)) return callerKey;
	return `mail/${await sha256Hex(callerKey)}`;
}

export async function sendViaResend(
	apiBase: string,
	apiKey: string,
	from: string,
	to: string,
	mail: RenderedMail,
	idempotencyKey: string,
): Promise<SendOutcome> {
	let response: Response;
	try {
		response = await fetch(`${apiBase.replace(/\/+$/, "")}/emails`, {
			method: "POST",
			headers: {
				Authorization: `Bearer ${apiKey}`,
				"Content-Type": "application/json",
				"Idempotency-Key": await resendIdempotencyKey(idempotencyKey),
			},
			body: JSON.stringify({
				from,
				to: [to],
				subject: mail.subject,
				html: mail.html,
				text: mail.text,
			}),
			signal: AbortSignal.timeout(10_000),
		});
	} catch (error) {
		return { kind: "retry", reason: `network: ${String(error)}` };
	}
	if (response.ok) {
		const body = (await response.json().catch(() => ({}))) as { id?: string };
		return { kind: "sent", id: body.id ?? "" };
	}
	// Resend's error body names the error; the name (never the message, which may quote the
	// address) goes into the reason.
	const error = (await response.json().catch(() => ({}))) as { name?: unknown };
	const name = typeof error.name === "string" ? error.name.slice(0, 60) : "";
	const reason = `resend answered ${response.status}${name ? ` ${name}` : ""}`;
	if (response.status === 429) {
		if (QUOTAS.has(name)) return { kind: "quota", reason };
		const afterSeconds = waitSeconds(response.headers);
		return {
			kind: "retry",
			reason,
			rateLimited: true,
			...(afterSeconds === null ? {} : { afterSeconds }),
		};
	}
	// 409 has two meanings: the same key is still in flight (retry later, the first request's
	// answer will then come back) or was used for another payload (never succeeds as it is).
	if (response.status === 409) {
		return name === "concurrent_idempotent_requests"
			? { kind: "retry", reason }
			: { kind: "permanent", reason };
	}
	// 5xx are transient. 401/403 are our configuration (a revoked key, an unverified sending
	// domain), not the message: retried, so the mail reaches the dead-letter queue for a replay
	// once the operator has fixed it instead of being dropped. Other 4xx mean this message can
	// never succeed as it is.
	if (RETRYABLE.has(response.status) || response.status >= 500) return { kind: "retry", reason };
	return { kind: "permanent", reason };
}

/** Seconds to wait from `retry-after`, else `ratelimit-reset`; null when neither is usable. */
function waitSeconds(headers: Headers): number | null {
	for (const name of ["retry-after", "ratelimit-reset"]) {
		const value = Number.parseInt(headers.get(name) ?? "", 10);
		if (Number.isFinite(value) && value >= 0) {
			return Math.min(MAX_DELAY_SECONDS, Math.max(1, value));
		}
	}
	return null;
}
