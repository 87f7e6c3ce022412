/**
 * The queue consumer: renders each queued mail and delivers it through Resend. Transient
 * failures retry with exponential backoff; after the last attempt Cloudflare Queues moves the
 * message to the dead-letter queue, announced by a structured error log line.
 */
import type { MailRequest } from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import { sendViaResend } from "./resend";
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

export async function deliverBatch(batch: MessageBatch<QueuedMail>, env: Env): Promise<void> {
	for (const message of batch.messages) {
		const request = message.body;
		const mail = renderMail(request.template, request.locale, request.data, env.APP_ORIGIN);
		const outcome = await sendViaResend(
			env.RESEND_API_BASE,
			env.RESEND_API_KEY ?? LOCAL_KEY,
			env.MAIL_FROM,
			request.to,
			mail,
			request.idempotencyKey,
		);
		// Never the address, the data or the idempotency key (it contains the address): personal
		// data and tokens stay out of logs; the request id and message id find the mail.
		const log = {
			...(request.requestId ? { requestId: request.requestId } : {}),
			template: request.template,
			messageId: message.id,
			attempt: message.attempts,
		};
		if (outcome.kind === "sent") {
			writeLog("info", "mail sent", log);
			message.ack();
		} else if (outcome.kind === "permanent") {
			writeLog("error", "mail rejected", { reason: outcome.reason, ...log });
			message.ack();
		} else if (message.attempts >= MAX_ATTEMPTS) {
			writeLog("error", "mail moved to dead-letter queue", { reason: outcome.reason, ...log });
			message.retry();
		} else {
			writeLog("warn", "mail delivery retried", { reason: outcome.reason, ...log });
			const base = Number.parseInt(env.MAIL_RETRY_BASE_SECONDS, 10) || 10;
			message.retry({ delaySeconds: backoffSeconds(message.attempts, base) });
		}
	}
}
