/**
 * The queue consumer: renders each queued mail and delivers it through Resend, within Resend's
 * per-team rate limit. The consumer runs one batch at a time (`max_concurrency: 1` in
 * wrangler.jsonc) and spaces its requests by MAIL_SENDS_PER_SECOND, so the Mailer alone never
 * exceeds the limit. Transient failures retry with exponential backoff, or after Resend's
 * `retry-after` on a 429; after the last attempt Cloudflare Queues moves the message to the
 * dead-letter queue. A used-up daily or monthly quota sends the message to the dead-letter queue
 * at once (the MAIL_DLQ producer binding): Queues cannot skip the remaining attempts, and ten
 * minutes of retries cannot outlast a quota. Every outcome is a structured log line.
 */
import type { MailRequest } from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import { type SendOutcome, sendViaResend } from "./resend";
import { renderMail } from "./templates";

/** Secrets are set with `wrangler secret put` and so are not part of the generated types. */
export type Env = MailerEnv & { RESEND_API_KEY?: string };

/** A queued mail: the validated request plus the id of the Core request that sent it. */
export type QueuedMail = MailRequest & { requestId?: string | undefined };

const LOCAL_KEY = "re_local_development";
/** First attempt plus `max_retries` (6) of the consumer in wrangler.jsonc. */
export const MAX_ATTEMPTS = 7;

/** Exponential backoff between attempts: base, 2 × base, 4 × base … capped at 10 minutes. */
export function backoffSeconds(attempt: number, baseSeconds = 10): number {
	return Math.min(600, baseSeconds * 2 ** Math.max(0, attempt - 1));
}

/** Milliseconds between two requests to Resend (Resend's default limit: 2 a second per team). */
export function sendIntervalMs(perSecond: string | undefined): number {
	const rate = Number.parseFloat(perSecond ?? "");
	return Math.ceil(1000 / (Number.isFinite(rate) && rate > 0 ? rate : 2));
}

export async function deliverBatch(batch: MessageBatch<QueuedMail>, env: Env): Promise<void> {
	const interval = sendIntervalMs(env.MAIL_SENDS_PER_SECOND);
	const base = Number.parseInt(env.MAIL_RETRY_BASE_SECONDS, 10) || 10;
	// When Resend ended the batch (rate limit or quota), the rest is not sent now: each request
	// would get the same answer and count against the limit again.
	let stopped: SendOutcome | null = null;
	let lastRequestEnd: number | null = null;
	for (const message of batch.messages) {
		const request = message.body;
		// Never the address, the data or the idempotency key: personal data and tokens stay out
		// of logs; the request id and message id find the mail.
		const log = {
			...(request.requestId ? { requestId: request.requestId } : {}),
			template: request.template,
			messageId: message.id,
			attempt: message.attempts,
		};
		let outcome: SendOutcome | null = stopped;
		if (!outcome) {
			// Measured from the end of the previous request, so arrivals at Resend are at least
			// `interval` apart too.
			if (lastRequestEnd !== null) await sleepUntil(lastRequestEnd + interval);
			const mail = renderMail(request.template, request.locale, request.data, env.APP_ORIGIN);
			outcome = await sendViaResend(
				env.RESEND_API_BASE,
				env.RESEND_API_KEY ?? LOCAL_KEY,
				env.MAIL_FROM,
				request.to,
				mail,
				request.idempotencyKey,
			);
			lastRequestEnd = Date.now();
			if (outcome.kind === "quota" || (outcome.kind === "retry" && outcome.rateLimited)) {
				stopped = outcome;
			}
		}
		await settle(env, message, outcome, log, base, isDeadLetterQueue(batch.queue));
	}
	// The next batch (one at a time) starts no sooner than the pacing allows either.
	if (lastRequestEnd !== null) await sleepUntil(lastRequestEnd + interval);
}

async function settle(
	env: Env,
	message: Message<QueuedMail>,
	outcome: SendOutcome,
	log: Record<string, unknown>,
	base: number,
	replaying: boolean,
): Promise<void> {
	if (outcome.kind === "sent") {
		writeLog("info", "mail sent", log);
		message.ack();
	} else if (outcome.kind === "permanent") {
		writeLog("error", "mail rejected", { reason: outcome.reason, ...log });
		message.ack();
	} else if (outcome.kind === "quota" && !replaying) {
		try {
			await env.MAIL_DLQ.send(message.body);
		} catch (error) {
			// The DLQ could not take it: keep the message on its queue and try again later.
			writeLog("warn", "mail delivery retried", {
				reason: `${outcome.reason}; dlq: ${String(error)}`,
				...log,
			});
			message.retry({ delaySeconds: backoffSeconds(message.attempts, base) });
			return;
		}
		writeLog("error", "mail moved to dead-letter queue", { reason: outcome.reason, ...log });
		message.ack();
	} else if (message.attempts >= MAX_ATTEMPTS) {
		writeLog("error", "mail moved to dead-letter queue", { reason: outcome.reason, ...log });
		message.retry();
	} else {
		// A quota met while replaying the dead-letter queue waits there (sending it to the DLQ
		// again would loop); so does every other transient failure.
		const delaySeconds =
			(outcome.kind === "retry" ? outcome.afterSeconds : undefined) ??
			backoffSeconds(message.attempts, base);
		writeLog("warn", "mail delivery retried", { reason: outcome.reason, delaySeconds, ...log });
		message.retry({ delaySeconds });
	}
}

/** The Mailer consumes its DLQ only during a replay (docs/operations.md "Dead letters"). */
function isDeadLetterQueue(queue: string): boolean {
	return /-dlq(-|$)/.test(queue);
}

async function sleepUntil(time: number): Promise<void> {
	const wait = time - Date.now();
	if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
