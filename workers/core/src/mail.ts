/**
 * Queues a system mail through the Mailer Worker after the response is sent. A failing mailer
 * is logged with the request id and never turns the user's request into an error.
 *
 * Every mail first passes a per-recipient cap (MAIL_LIMITER, all templates together), so no
 * sender — however many accounts or client addresses it uses — can flood one mailbox from our
 * domain (review SP-07). A mail over the cap is dropped and logged; the HTTP answer does not
 * change, because the check runs after the response, so the cap reveals nothing about accounts.
 */
import { type MailData, type MailTemplate, sha256Hex } from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import type { Context } from "hono";
import type { AppEnv } from "./types";

export function queueMail<T extends MailTemplate>(
	c: Context<AppEnv>,
	template: T,
	to: string,
	locale: "de" | "en",
	data: MailData<T>,
): void {
	const requestId = c.get("requestId");
	const task = withinRecipientCap(c.env.MAIL_LIMITER, to)
		.then(async (recipient) => {
			if (!recipient.allowed) {
				// The hash, not the address: logs must not collect the addresses of bombing victims.
				writeLog("warn", "mail dropped: recipient cap", {
					template,
					requestId,
					recipient: recipient.key,
				});
				return;
			}
			const result = await c.env.MAILER.send({
				template,
				to,
				locale,
				data,
				idempotencyKey: `${requestId}:${template}:${to}`,
			});
			if (!result.ok) {
				writeLog("error", "mail refused", { template, requestId, code: result.code });
			}
		})
		.catch((error: unknown) => {
			writeLog("error", "mailer unavailable", { template, requestId, error: String(error) });
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
