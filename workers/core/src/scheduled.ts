/**
 * Core's Cron Trigger: asks the Customer Worker to re-check custom domains (pending ones every
 * few minutes, active ones daily, within the cron's ~30 s) and sends the mails waiting in its
 * outbox, walks every account once to bring older site manifests up to the current format, and
 * rolls finished statistics days up from Analytics Engine into D1 (issue 17).
 * It runs on Core because only Core may
 * call both Customer and Mailer (the binding table), and only Core has KV for the walk's cursor.
 */
import {
	errorMessage,
	type MailRequest,
	STATS_TIME_ZONE,
	type StatsFact,
} from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import type { RpcContext } from "@smartpages/contracts/rpc-context";
import { sendMail } from "./mail";
import { mapOutages } from "./rpc";
import { analyticsFacts } from "./stats/analytics";
import { addDays, dayOf, dayStart } from "./stats/days";

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

/** Finished days looked back on: a roll-up missed for a few days (an outage) heals itself. */
const ROLLUP_LOOKBACK_DAYS = 7;
/** Account-days per cron run; one Analytics Engine statement per day among them. */
const ROLLUP_BATCH = 50;
/**
 * How long after midnight a day counts as finished: data points reach Analytics Engine within
 * about a minute, so a day is rolled up only once its late points are in.
 */
export const ROLLUP_GRACE_MS = 15 * 60_000;

/**
 * The newest day up to which every account's days are rolled up, in KV. Once a day is complete it
 * stays so (only accounts that existed when it ended are due for it), so later runs ask Customer
 * only about newer days instead of walking every account for each of the last seven days. A
 * stale read only makes a run ask again, which changes nothing.
 */
export const STATS_ROLLUP_KEY = "maintenance:stats-rolled-through";

/**
 * One step of the statistics roll-up: asks Customer which accounts still lack which of the last
 * finished days (in the statistics time zone), reads those days from Analytics Engine (one
 * statement per day for all its accounts) and hands each account's lines to Customer, which
 * stores a day once (a repeated or concurrent run changes nothing). Analytics Engine down or not
 * configured: logged, and the next run tries again.
 */
export async function rollUpStats(unbound: CoreEnv, now: number): Promise<void> {
	const { env, ctx } = cronRun(unbound);
	const open = dayOf(now - ROLLUP_GRACE_MS, STATS_TIME_ZONE);
	const through = (await unbound.SESSIONS.get(STATS_ROLLUP_KEY)) ?? "";
	const days = Array.from({ length: ROLLUP_LOOKBACK_DAYS }, (_, i) => {
		const day = addDays(open, i - ROLLUP_LOOKBACK_DAYS);
		return { day, endsAt: new Date(dayStart(addDays(day, 1), STATS_TIME_ZONE)).toISOString() };
	}).filter(({ day }) => day > through);
	const newest = days.at(-1)?.day;
	if (newest === undefined) return;
	const due = await env.CUSTOMER.statsRollupsDue(ctx, days, ROLLUP_BATCH);
	const sitesByDay = new Map<string, string[]>();
	for (const { userId, day } of due) sitesByDay.set(day, [...(sitesByDay.get(day) ?? []), userId]);
	let written = 0;
	let complete = due.length < ROLLUP_BATCH;
	try {
		for (const [day, sites] of sitesByDay) {
			const facts = await analyticsFacts(env, ctx.requestId, {
				sites,
				days: [day],
				timeZone: STATS_TIME_ZONE,
			});
			const bySite = new Map<string, StatsFact[]>();
			for (const { siteId, ...fact } of facts) {
				if (fact.date === day) bySite.set(siteId, [...(bySite.get(siteId) ?? []), fact]);
			}
			for (const userId of sites) {
				const stored = await env.CUSTOMER.storeStatsDay(ctx, userId, day, bySite.get(userId) ?? []);
				if (stored.ok && stored.value.written) written += 1;
				if (!stored.ok) complete = false;
			}
		}
	} catch (error) {
		complete = false;
		writeLog("error", "statistics roll-up stopped", {
			requestId: ctx.requestId,
			detail: errorMessage(error),
		});
	}
	if (complete) await unbound.SESSIONS.put(STATS_ROLLUP_KEY, newest);
	writeLog("info", "statistics rolled up", {
		requestId: ctx.requestId,
		due: due.length,
		written,
		through: complete ? newest : through,
	});
}

/** Due pages re-rendered per run; more wait a minute (the oldest boundary first). */
const SCHEDULE_BATCH = 100;
/** Re-renders at once: each is a few R2 and D1 calls on the Customer Worker. */
const SCHEDULE_CONCURRENCY = 4;

/**
 * Scheduled items (issue 18), every minute: asks Customer for the published pages with a
 * schedule boundary at or before `now` and has each re-rendered from what was published (see
 * the Customer Worker's publish/schedules.ts). Idempotent: a page not due, or due again because
 * a run failed halfway, is re-rendered at most once per boundary; a failure is logged and the
 * page stays due for the next run.
 */
export async function applySchedules(unbound: CoreEnv, now: number): Promise<void> {
	const { env, ctx } = cronRun(unbound);
	const due = await env.CUSTOMER.dueSchedules(ctx, now, SCHEDULE_BATCH);
	let rendered = 0;
	let failed = 0;
	let next = 0;
	const worker = async () => {
		while (next < due.length) {
			const page = due[next];
			next += 1;
			if (!page) break;
			const result = await env.CUSTOMER.applySchedule(ctx, page.userId, page.pageId, now).catch(
				(error: unknown) => {
					writeLog("error", "scheduled re-render failed", {
						requestId: ctx.requestId,
						detail: errorMessage(error),
					});
					return null;
				},
			);
			if (result?.ok && result.value.rendered) rendered += 1;
			if (!result?.ok) failed += 1;
		}
	};
	await Promise.all(Array.from({ length: SCHEDULE_CONCURRENCY }, worker));
	if (due.length > 0)
		writeLog("info", "schedules applied", {
			requestId: ctx.requestId,
			due: due.length,
			rendered,
			failed,
		});
}
