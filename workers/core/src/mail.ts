/**
 * Queues a system mail through the Mailer Worker after the response is sent. A failing mailer
 * is logged with the request id and never turns the user's request into an error.
 */
import type { MailData, MailTemplate } from "@smartpages/contracts";
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
	const task = c.env.MAILER.send({
		template,
		to,
		locale,
		data,
		idempotencyKey: `${requestId}:${template}:${to}`,
	})
		.then((result) => {
			if (!result.ok) {
				writeLog("error", "mail refused", { template, requestId, code: result.code });
			}
		})
		.catch((error: unknown) => {
			writeLog("error", "mailer unavailable", { template, requestId, error: String(error) });
		});
	c.executionCtx.waitUntil(task);
}
