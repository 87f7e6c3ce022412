/**
 * The Mailer's `send` (RPC from Core): validates a template request and enqueues it for the
 * queue consumer (./deliver); never talks to Resend on the caller's time.
 */
import {
	fail,
	MAIL_TEMPLATES,
	type MailRequest,
	type MailTemplate,
	mailRequestSchema,
	ok,
	type Result,
} from "@smartpages/contracts";
import { currentRequestId } from "@smartpages/contracts/observability";
import type { Env, QueuedMail } from "./deliver";
import { resendIdempotencyKey } from "./resend";

/** Longest caller key accepted: Core's longest holds a request id, a template and a 254-character address. */
const CALLER_KEY_LIMIT = 1024;

/** Validates and enqueues one mail. */
export async function enqueueMail<T extends MailTemplate>(
	env: Env,
	request: MailRequest<T>,
): Promise<Result<{ queued: true }>> {
	// The caller's key may hold an address of up to 254 characters (Core's keys do): only its
	// hash is queued and sent, so the key carries no address and fits every length limit.
	const key: unknown = request.idempotencyKey;
	const parsed = mailRequestSchema.safeParse(
		typeof key === "string" && key.length >= 8 && key.length <= CALLER_KEY_LIMIT
			? { ...request, idempotencyKey: await resendIdempotencyKey(key) }
			: request,
	);
	if (!parsed.success) return fail("validation_failed", "Invalid mail request.");
	const data = MAIL_TEMPLATES[parsed.data.template].safeParse(parsed.data.data);
	if (!data.success) return fail("validation_failed", "Invalid data for this template.");
	// The request id rides along, so the consumer's log lines name the request that sent it.
	const message: QueuedMail = { ...parsed.data, data: data.data, requestId: currentRequestId() };
	await env.MAIL_QUEUE.send(message);
	return ok({ queued: true });
}
