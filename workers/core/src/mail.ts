/**
 * Every mail Core sends goes through `sendMail`: one call to the Mailer Worker with one error
 * policy. A mail the Mailer refuses, or a Mailer that fails or cannot be reached, is logged with
 * the request id and reported as an outcome, never thrown: no mail turns a user's request or a
 * cron run into an error. `queueMail` is what route handlers use: it sends after the response.
 *
 * Every mail a request queues first passes a per-recipient cap (MAIL_LIMITER, all templates
 * together), so no sender — however many accounts or client addresses it uses — can flood one
 * mailbox from our domain (review SP-07). A mail over the cap is dropped and logged; the HTTP
 * answer does not change, because the check runs after the response, so the cap reveals nothing
 * about accounts.
 */
import {
	type MailData,
	type MailRequest,
	type MailTemplate,
	sha256Hex,
} from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import type { RpcContext } from "@smartpages/contracts/rpc-context";
import type { Context } from "hono";
import type { AppEnv } from "./types";

/** What became of a mail: queued by the Mailer, refused by it, or not answered (outage, bug). */
export type MailOutcome = "sent" | "refused" | "failed";

/** Sends one mail through the Mailer; logs and reports a refusal or a failure, never throws. */
export async function sendMail<T extends MailTemplate>(
	env: CoreEnv,
	ctx: RpcContext,
	request: MailRequest<T>,
): Promise<MailOutcome> {
	const { template } = request;
	const { requestId } = ctx;
	try {
		const result = await env.MAILER.send(ctx, request);
		if (result.ok) return "sent";
		writeLog("error", "mail refused", { template, requestId, code: result.code });
		return "refused";
	} catch (error) {
		writeLog("error", "mailer unavailable", { template, requestId, error: String(error) });
		return "failed";
	}
}

/** Sends a system mail after the response, within the recipient's cap (see above). */
export function queueMail<T extends MailTemplate>(
	c: Context<AppEnv>,
	template: T,
	to: string,
	locale: "de" | "en",
	data: MailData<T>,
): void {
	const ctx = c.var.rpc;
	const task = withinRecipientCap(c.env.MAIL_LIMITER, to).then(async (recipient) => {
		if (!recipient.allowed) {
			// The hash, not the address: logs must not collect the addresses of bombing victims.
			writeLog("warn", "mail dropped: recipient cap", {
				template,
				requestId: ctx.requestId,
				recipient: recipient.key,
			});
			return;
		}
		await sendMail(c.env, ctx, {
			template,
			to,
			locale,
			data,
			idempotencyKey: `${ctx.requestId}:${template}:${to}`,
		});
	});
	c.executionCtx.waitUntil(task);
}

/**
 * Counts one mail to `to` against its window. Keyed by a hash of the normalised address, so the
 * limiter never sees addresses. A limiter that fails lets the mail through: losing the cap for
 * a moment is better than losing a password-reset mail.
 */
async function withinRecipientCap(
	limiter: RateLimit,
	to: string,
): Promise<{ allowed: boolean; key: string }> {
	const key = `mail:${(await sha256Hex(to.trim().toLowerCase())).slice(0, 32)}`;
	try {
		const { success } = await limiter.limit({ key });
		return { allowed: success, key };
	} catch (error) {
		writeLog("error", "mail limiter unavailable", { error: String(error) });
		return { allowed: true, key };
	}
}
