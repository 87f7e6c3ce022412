/**
 * Core's Cron Trigger: asks the Customer Worker to re-check custom domains (pending ones every
 * few minutes, active ones daily, within the cron's ~30 s) and sends the mails waiting in its
 * outbox, and walks every account once to bring older site manifests up to the current format.
 * It runs on Core because only Core may
 * call both Customer and Mailer (the binding table), and only Core has KV for the walk's cursor.
 */
import type { MailRequest } from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import type { RpcContext } from "@smartpages/contracts/rpc-context";
import { sendMail } from "./mail";
import { mapOutages } from "./rpc";

/** Mails sent at once: the Mailer only queues them, but a slow binding must not hold up the rest. */
const MAIL_CONCURRENCY = 4;

/**
 * A cron run has no request: its own id (`cron-…`) ties the internal workers' log lines to this
 * run, and its service bindings answer an outage as `unavailable` like a request's do.
 */
function cronRun(unbound: CoreEnv): { env: CoreEnv; ctx: RpcContext } {
	const ctx = { requestId: `cron-${crypto.randomUUID()}` };
	return { env: mapOutages(unbound, ctx.requestId), ctx };
}

/** A notice from Customer's outbox, with its recipient, as `recheckDomains` answers it. */
type DomainMail = Awaited<ReturnType<CoreEnv["CUSTOMER"]["recheckDomains"]>>[number];

/**
 * The mail for an outbox notice. The outbox id is the idempotency key, so a mail resent after a
 * lost answer is still delivered once.
 */
function domainMail(
	notice: DomainMail,
): MailRequest<"domain_active"> | MailRequest<"domain_failed"> {
	const envelope = {
		to: notice.email,
		locale: notice.locale,
		idempotencyKey: `domain-notice:${notice.id}`,
	};
	return notice.template === "domain_failed"
		? {
				...envelope,
				template: "domain_failed",
				data: { hostname: notice.hostname, reason: notice.reason ?? "" },
			}
		: { ...envelope, template: "domain_active", data: { hostname: notice.hostname } };
}

/**
 * The domain re-check (Customer keeps it within the cron's time budget), then its mails from the
 * outbox: each is sent on its own (`sendMail`: a refusal or a failure is logged, never thrown),
 * so one the Mailer refuses or a send that fails stops no other; only accepted ones leave the
 * outbox, the rest are offered again by the next run.
 */
export async function recheckDomains(unbound: CoreEnv, now: number): Promise<void> {
	const { env, ctx } = cronRun(unbound);
	const notices = await env.CUSTOMER.recheckDomains(ctx, now);
	const sent: string[] = [];
	let next = 0;
	const sender = async () => {
		while (next < notices.length) {
			const notice = notices[next];
			next += 1;
			if (!notice) break;
			if ((await sendMail(env, ctx, domainMail(notice))) === "sent") sent.push(notice.id);
		}
	};
	await Promise.all(Array.from({ length: MAIL_CONCURRENCY }, sender));
	if (sent.length > 0) await env.CUSTOMER.settleDomainMails(ctx, sent);
	writeLog("info", "domains re-checked", {
		requestId: ctx.requestId,
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
	const { env, ctx } = cronRun(unbound);
	const step = await env.CUSTOMER.upgradeManifests(ctx, cursor ?? "", MANIFEST_WALK_BATCH);
	await unbound.SESSIONS.put(MANIFEST_WALK_KEY, step.next ?? "done");
	writeLog("info", "manifests upgraded", {
		requestId: ctx.requestId,
		rewritten: step.rewritten,
		done: step.next === null,
	});
}
