/**
 * Core's Cron Trigger: asks the Customer Worker to re-check custom domains (pending ones every
 * few minutes, active ones daily) and sends the mails that result. It runs on Core because only
 * Core may call both Customer and Mailer (the binding table).
 */
import { writeLog } from "@smartpages/contracts/log";
import { bindRequestId } from "./rpc";

export async function recheckDomains(unbound: CoreEnv, now: number): Promise<void> {
	// A cron run has no request; its own id ties the internal workers' log lines to this run.
	const requestId = `cron-${crypto.randomUUID()}`;
	const env = bindRequestId(unbound, requestId);
	const notices = await env.CUSTOMER.recheckDomains(now);
	for (const notice of notices) {
		const data =
			notice.template === "domain_failed"
				? { hostname: notice.hostname, reason: notice.reason ?? "" }
				: { hostname: notice.hostname };
		const result = await env.MAILER.send({
			template: notice.template,
			to: notice.email,
			locale: notice.locale,
			data,
			// Per account: several accounts may claim one hostname (the first to prove it wins), and
			// each of them is told about its own claim.
			idempotencyKey: `cron:${notice.template}:${notice.userId}:${notice.hostname}:${new Date(now).toISOString().slice(0, 13)}`,
		} as Parameters<CoreEnv["MAILER"]["send"]>[0]);
		if (!result.ok)
			writeLog("error", "domain mail refused", { requestId, template: notice.template });
	}
	writeLog("info", "domains re-checked", { requestId, notices: notices.length });
}
