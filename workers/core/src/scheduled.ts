/**
 * Core's Cron Trigger: asks the Customer Worker to re-check custom domains (pending ones every
 * few minutes, active ones daily, within the cron's ~30 s) and sends the mails waiting in its
 * outbox, and walks every account once to bring older site manifests up to the current format.
 * It runs on Core because only Core may
 * call both Customer and Mailer (the binding table), and only Core has KV for the walk's cursor.
 */
import { writeLog } from "@smartpages/contracts/log";
import { bindRequestId } from "./rpc";

/** Mails sent at once: the Mailer only queues them, but a slow binding must not hold up the rest. */
const MAIL_CONCURRENCY = 4;

/**
 * The domain re-check (Customer keeps it within the cron's time budget), then its mails from the
 * outbox: each is sent on its own, so one the Mailer refuses or a send that throws stops no other;
 * only accepted ones leave the outbox, the rest are offered again by the next run. The outbox id
 * is the idempotency key, so a mail resent after a lost answer is still delivered once.
 */
export async function recheckDomains(unbound: CoreEnv, now: number): Promise<void> {
	// A cron run has no request; its own id ties the internal workers' log lines to this run.
	const requestId = `cron-${crypto.randomUUID()}`;
	const env = bindRequestId(unbound, requestId);
	const notices = await env.CUSTOMER.recheckDomains(now);
	const sent: string[] = [];
	let next = 0;
	const sender = async () => {
		while (next < notices.length) {
			const notice = notices[next];
			next += 1;
			if (!notice) break;
			const data =
				notice.template === "domain_failed"
					? { hostname: notice.hostname, reason: notice.reason ?? "" }
					: { hostname: notice.hostname };
			try {
				const result = await env.MAILER.send({
					template: notice.template,
					to: notice.email,
					locale: notice.locale,
					data,
					idempotencyKey: `domain-notice:${notice.id}`,
				} as Parameters<CoreEnv["MAILER"]["send"]>[0]);
				if (result.ok) sent.push(notice.id);
				else writeLog("error", "domain mail refused", { requestId, template: notice.template });
			} catch (error) {
				writeLog("error", "domain mail failed", {
					requestId,
					template: notice.template,
					error: String(error),
				});
			}
		}
	};
	await Promise.all(Array.from({ length: MAIL_CONCURRENCY }, sender));
	if (sent.length > 0) await env.CUSTOMER.settleDomainMails(sent);
	writeLog("info", "domains re-checked", {
		requestId,
		notices: notices.length,
		sent: sent.length,
	});
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
