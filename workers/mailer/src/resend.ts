/**
 * Resend's `POST /emails`, with the idempotency key so a retried message is sent once.
 * Without a RESEND_API_KEY secret the base URL points at the local stand-in.
 */
import type { RenderedMail } from "./templates/layout";

export type SendOutcome =
	| { kind: "sent"; id: string }
	| { kind: "retry"; reason: string }
	| { kind: "permanent"; reason: string };

const RETRYABLE = new Set([401, 403, 429]);

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
				"Idempotency-Key": idempotencyKey,
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
	const reason = `resend answered ${response.status}`;
	await response.body?.cancel();
	// 429 and 5xx are transient. 401/403 are our configuration (a revoked key, an unverified
	// sending domain), not the message: retried, so the mail reaches the dead-letter queue for a
	// replay once the operator has fixed it instead of being dropped. Other 4xx mean this message
	// can never succeed as it is.
	if (RETRYABLE.has(response.status) || response.status >= 500) return { kind: "retry", reason };
	return { kind: "permanent", reason };
}
