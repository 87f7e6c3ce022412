/**
 * Core's Cron Trigger: asks the Customer Worker to re-check custom domains (pending ones every
 * few minutes, active ones daily) and sends the mails that result, and walks every account once
 * to bring older site manifests up to the current format. It runs on Core because only Core may
 * call both Customer and Mailer (the binding table), and only Core has KV for the walk's cursor.
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

/**
 * The walk's cursor in KV, named after the manifest format it brings sites up to: a later format
 * change names a new key and so walks every account again. "done" ends the walk for good.
 */
export const MANIFEST_WALK_KEY = "maintenance:manifest-format-assets";
/** Accounts per cron run: one R2 read each (a rewrite only for older manifests). */
const MANIFEST_WALK_BATCH = 200;

/**
 * One step of the walk over every account (Customer's `upgradeManifests`). Idempotent: a step
 * repeated because KV showed an older cursor elsewhere rewrites nothing twice.
 */
export async function upgradeManifests(unbound: CoreEnv): Promise<void> {
	const cursor = await unbound.SESSIONS.get(MANIFEST_WALK_KEY);
	if (cursor === "done") return;
	const requestId = `cron-${crypto.randomUUID()}`;
	const env = bindRequestId(unbound, requestId);
	const step = await env.CUSTOMER.upgradeManifests(cursor ?? "", MANIFEST_WALK_BATCH);
	await unbound.SESSIONS.put(MANIFEST_WALK_KEY, step.next ?? "done");
	writeLog("info", "manifests upgraded", {
		requestId,
		rewritten: step.rewritten,
		done: step.next === null,
	});
}
