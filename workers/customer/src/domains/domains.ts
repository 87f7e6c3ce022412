/**
 * Custom domains: claim with a TXT challenge, verify over DNS-over-HTTPS, register with
 * Cloudflare for SaaS, and only when ownership is proven and Cloudflare reports hostname and
 * certificate active, write the host mapping to R2 (architecture invariant 5). Removal deletes
 * the mapping first, so the host stops serving at once.
 *
 * A claim blocks nobody until it is proven: several accounts may claim one hostname, each with its
 * own TXT value, and the first whose record checks out wins (store.ts `proveClaim`); only the
 * winner registers the hostname with Cloudflare. Unproven claims expire. Because other accounts'
 * claims of a hostname may exist, a claim only ever removes a host mapping that is its own.
 *
 * Cloudflare's side follows its documented HTTP validation: a hostname registered before the
 * customer's CNAME exists is revalidated (PATCH) when the customer checks and when the cron's DNS
 * lookup finds the CNAME; its validation errors are shown in the domain's `error`. A custom
 * hostname we stop using becomes a tombstone in the same batch that detaches it, and is deleted at
 * Cloudflare now or by a later cron run — also when a downgrade suspends the domain; a re-upgrade
 * registers it again. State changes the customer is mailed about are written with their notice
 * (the outbox, sent by Core's cron).
 */
import {
	CHALLENGE_PREFIX,
	type Domain,
	fail,
	type HostMapping,
	type Locale,
	ok,
	type Result,
	r2Keys,
} from "@smartpages/contracts";
import { logEvent } from "@smartpages/contracts/observability";
import { nowIso } from "../lib/clock";
import { newId, newToken } from "../lib/ids";
import { touchPages } from "../pages/store";
import {
	type CloudflareConfig,
	type CustomHostname,
	createCustomHostname,
	deleteCustomHostname,
	getCustomHostname,
	hostnameState,
	isNotFound,
	needsRevalidation,
	revalidateCustomHostname,
} from "./cloudflare";
import { lookupCname, lookupTxt } from "./dns";
import {
	blockingClaim,
	changeDomainRow,
	type DomainPatch,
	type DomainRow,
	deleteDomainRow,
	deleteExpiredClaims,
	deleteNotices,
	deleteTombstone,
	findDomainRow,
	findProvenClaim,
	insertClaim,
	insertTombstone,
	isProven,
	listActiveDue,
	listDomainRows,
	listExpiredClaims,
	listOpenClaims,
	listTombstones,
	type NoticeInsert,
	proveClaim,
	recordTombstoneAttempt,
	resumeDomainRow,
	suspendDomainRow,
	takeDueNotices,
} from "./store";

export type { DomainRow } from "./store";

export interface DomainConfig {
	db: D1Database;
	bucket: R2Bucket;
	dohUrl: string;
	target: string;
	cloudflare: CloudflareConfig;
	/** Hostnames (and their subdomains) that are SmartPages' own: never claimable. */
	reserved: string[];
}

function toDomain(row: DomainRow, target: string): Domain {
	return {
		id: row.id,
		hostname: row.hostname,
		status: row.status,
		verification: {
			type: "TXT",
			name: `${CHALLENGE_PREFIX}.${row.hostname}`,
			value: row.txt_token,
		},
		target: { type: "CNAME", name: row.hostname, value: target },
		createdAt: row.created_at,
		...(row.activated_at ? { activatedAt: row.activated_at } : {}),
		...(row.last_checked_at ? { lastCheckedAt: row.last_checked_at } : {}),
		...(row.error ? { error: row.error } : {}),
		...(row.suspended ? { suspended: true } : {}),
	};
}

const HOUR_MS = 3600 * 1000;
const PENDING_LIMIT_MS = 72 * HOUR_MS;
const GRACE_MS = 72 * HOUR_MS;
/** An unproven claim is released after this long without progress (store.ts `EXPIRED`). */
export const CLAIM_EXPIRY_MS = 7 * 24 * HOUR_MS;

const expiryCutoff = (now: number) => nowIso(now - CLAIM_EXPIRY_MS);
const takenError = (hostname: string) =>
	`${hostname} is in use by another SmartPages account, which proved its ownership first.`;

/** The account's claims; its expired unproven ones are released on the way (no cron needed). */
export async function listDomains(
	db: D1Database,
	userId: string,
	now = Date.now(),
): Promise<DomainRow[]> {
	await deleteExpiredClaims(db, userId, expiryCutoff(now));
	return listDomainRows(db, userId);
}

export async function claimDomain(
	config: DomainConfig,
	userId: string,
	hostname: string,
	limit: { max: number; plan: string },
): Promise<Result<DomainRow>> {
	if (config.reserved.some((own) => hostname === own || hostname.endsWith(`.${own}`))) {
		return fail("validation_failed", "This hostname belongs to SmartPages.", {
			fields: { hostname: "belongs to SmartPages and cannot be claimed" },
		});
	}
	if (limit.max <= 0) {
		return fail("plan_required", "Custom domains are part of SmartPages Pro.", {
			limit: { name: "maxCustomDomains", max: limit.max, plan: limit.plan },
		});
	}
	// Expired claims do not count against the plan's limit.
	await deleteExpiredClaims(config.db, userId, expiryCutoff(Date.now()));
	const row = await insertClaim(
		config.db,
		{ id: newId("dom"), userId, hostname, token: newToken(), now: nowIso() },
		limit.max,
	);
	if (row) return ok(row);
	const blocking = await blockingClaim(config.db, userId, hostname);
	if (blocking) {
		return fail(
			"domain_taken",
			blocking.user_id === userId
				? "You have already claimed this hostname."
				: "This hostname is in use by another account.",
			{ fields: { hostname: "is already claimed" } },
		);
	}
	return fail("plan_limit_reached", `Your plan allows ${limit.max} custom domain(s).`, {
		limit: { name: "maxCustomDomains", max: limit.max, plan: limit.plan },
	});
}

/** Who asked for a check: the customer ("Check now") or the cron. */
export type CheckTrigger = "customer" | "cron";

/**
 * Stores `patch` unless the claim changed since `row` was read; then the stored claim wins and is
 * returned as it is (or `row` itself, if the claim was deleted meanwhile). `applied` tells which.
 * A custom hostname the patch replaces is deleted at Cloudflare (a tombstone until that works);
 * `notice` is queued with the change.
 */
async function save(
	config: DomainConfig,
	row: DomainRow,
	patch: DomainPatch,
	notice?: Omit<NoticeInsert, "id" | "userId" | "hostname" | "now">,
): Promise<{ row: DomainRow; applied: boolean }> {
	const now = nowIso();
	const { row: saved, retired } = await changeDomainRow(
		config.db,
		row,
		{ ...patch, last_checked_at: now },
		notice && {
			...notice,
			id: `ntc_${crypto.randomUUID()}`,
			userId: row.user_id,
			hostname: row.hostname,
			now,
		},
	);
	if (retired) await releaseTombstone(config, retired);
	if (saved) return { row: saved, applied: true };
	return { row: (await findDomainRow(config.db, row.user_id, row.id)) ?? row, applied: false };
}

async function settle(
	config: DomainConfig,
	row: DomainRow,
	patch: DomainPatch,
): Promise<VerifyOutcome> {
	return { domain: (await save(config, row, patch)).row, becameActive: false };
}

async function writeMapping(bucket: R2Bucket, row: DomainRow): Promise<void> {
	const mapping: HostMapping = { siteId: row.user_id, kind: "custom" };
	await bucket.put(r2Keys.host(row.hostname), JSON.stringify(mapping), {
		httpMetadata: { contentType: "application/json" },
	});
}

/**
 * Deletes the host mapping of `row`'s hostname only if it is this account's: the hostname may be
 * served for another account whose claim proved ownership.
 */
async function dropMapping(bucket: R2Bucket, row: DomainRow): Promise<void> {
	const key = r2Keys.host(row.hostname);
	const stored = await bucket.get(key);
	if (!stored) return;
	const mapping = (await stored.json().catch(() => null)) as Partial<HostMapping> | null;
	if (mapping && mapping.siteId !== row.user_id) return;
	await bucket.delete(key);
}

export interface VerifyOutcome {
	domain: DomainRow;
	/** True when this check made the domain active (Core sends the "domain active" mail). */
	becameActive: boolean;
}

/**
 * Checks one domain now: TXT challenge, then Cloudflare's hostname and certificate status. A cron
 * check queues the "domain active" mail with the activation; for a customer's check Core sends it.
 * A suspended domain is not checked: it holds no registration at Cloudflare until a re-upgrade.
 */
export async function verifyDomain(
	config: DomainConfig,
	checked: DomainRow,
	trigger: CheckTrigger = "customer",
): Promise<VerifyOutcome> {
	if (checked.suspended) return { domain: checked, becameActive: false };
	// Checking a failed domain again starts a new 72-hour window for the periodic re-checks,
	// instead of the next cron run failing it (and mailing the customer) at once.
	const row = checked.status === "failed" ? { ...checked, checks_started_at: nowIso() } : checked;
	if (row.status === "active") return settle(config, row, {});
	const holder = await findProvenClaim(config.db, row.hostname);
	if (holder && holder.id !== row.id) {
		return settle(config, row, { status: "failed", error: takenError(row.hostname) });
	}
	const txt = await lookupTxt(
		config.dohUrl,
		`${CHALLENGE_PREFIX}.${row.hostname}`,
		config.cloudflare.signal,
	);
	if (!txt.ok) return settle(config, row, { error: `DNS check failed: ${txt.error}.` });
	if (!txt.values.includes(row.txt_token)) {
		const error = txt.values.length
			? `The TXT record ${CHALLENGE_PREFIX}.${row.hostname} has a different value.`
			: `No TXT record ${CHALLENGE_PREFIX}.${row.hostname} was found yet.`;
		// Ownership is no longer proven: the hostname is open to other claims again, so our
		// registration at Cloudflare goes (a winner registers its own).
		return settle(config, row, { status: "pending", error, cf_hostname_id: null });
	}
	let proven = row;
	if (row.status !== "verifying") {
		const won = await proveClaim(config.db, row, nowIso(), takenError(row.hostname));
		if (!won) {
			const current = await findDomainRow(config.db, row.user_id, row.id);
			// Deleted meanwhile, or a concurrent check of this very claim proved it: nothing to add.
			if (!current || isProven(current)) return { domain: current ?? row, becameActive: false };
			return settle(config, current, { status: "failed", error: takenError(row.hostname) });
		}
		proven = won;
	}
	return registerProven(config, proven, trigger);
}

/** Cloudflare's own words on what is missing, for the domain's `error`. */
const cloudflareSays = (custom: CustomHostname) =>
	custom.errors.length ? ` Cloudflare reports: ${custom.errors.join(" ")}` : "";

/** The registration `row` names, or null when Cloudflare no longer has it in our zone. */
async function currentRegistration(
	config: DomainConfig,
	row: DomainRow,
): Promise<CustomHostname | null> {
	if (!row.cf_hostname_id) return null;
	try {
		const custom = await getCustomHostname(config.cloudflare, row.cf_hostname_id);
		return hostnameState(custom) === "gone" ? null : custom;
	} catch (error) {
		if (isNotFound(error)) return null;
		throw error;
	}
}

/**
 * Whether to ask Cloudflare to validate again now: always when the customer checks; for the cron
 * once our own lookup finds the CNAME to the target (Cloudflare's back-off can be hours).
 */
async function shouldRevalidate(
	config: DomainConfig,
	row: DomainRow,
	trigger: CheckTrigger,
): Promise<boolean> {
	if (trigger === "customer") return true;
	const cname = await lookupCname(config.dohUrl, row.hostname, config.cloudflare.signal);
	return cname.ok && cname.values.includes(config.target.toLowerCase().replace(/\.$/, ""));
}

/** Ownership is proven: Cloudflare's custom hostname and certificate decide when it serves. */
async function registerProven(
	config: DomainConfig,
	proven: DomainRow,
	trigger: CheckTrigger,
): Promise<VerifyOutcome> {
	let created: CustomHostname | null = null;
	let row = proven;
	try {
		// A registration Cloudflare moved or deleted (its back-off ends after seven days) is
		// replaced by a new one. The old one goes first (`save` retires it): Cloudflare refuses a
		// second registration of a hostname it still holds.
		let custom = await currentRegistration(config, row);
		if (!custom && row.cf_hostname_id) {
			const detached = await save(config, row, { cf_hostname_id: null });
			if (!detached.applied) return { domain: detached.row, becameActive: false };
			row = detached.row;
		}
		if (!custom) {
			custom = await createCustomHostname(config.cloudflare, row.hostname);
			created = custom;
		}
		if (hostnameState(custom) === "blocked") {
			const reason = `Cloudflare blocked this hostname (status ${custom.status}); it cannot be served.${cloudflareSays(custom)}`;
			const failed = await save(
				config,
				row,
				{ status: "failed", error: reason, cf_hostname_id: null },
				trigger === "cron" ? { template: "domain_failed", reason } : undefined,
			);
			if (failed.applied) await dropMapping(config.bucket, row);
			else await keepOrRetire(config, failed.row, created);
			return { domain: failed.row, becameActive: false };
		}
		if (needsRevalidation(custom) && (await shouldRevalidate(config, row, trigger))) {
			custom = await revalidateCustomHostname(config.cloudflare, custom.id);
		}
		if (hostnameState(custom) !== "serving") {
			const waiting = await save(config, row, {
				status: "verifying",
				cf_hostname_id: custom.id,
				error: `Ownership confirmed. Waiting for the CNAME to ${config.target} and the certificate (hostname ${custom.status}, certificate ${custom.sslStatus}).${cloudflareSays(custom)}`,
			});
			if (!waiting.applied) await keepOrRetire(config, waiting.row, created);
			return { domain: waiting.row, becameActive: false };
		}
		const active = await save(
			config,
			row,
			{
				status: "active",
				cf_hostname_id: custom.id,
				error: null,
				activated_at: nowIso(),
				txt_missing_since: null,
			},
			trigger === "cron" ? { template: "domain_active", reason: null } : undefined,
		);
		// Another check of this claim activated it first (and mails), or it was deleted meanwhile.
		if (!active.applied) {
			await keepOrRetire(config, active.row, created);
			return { domain: active.row, becameActive: false };
		}
		if (!active.row.suspended) await writeMapping(config.bucket, active.row);
		// Published pages name their canonical URL; the new domain shows as a change to publish.
		await touchPages(config.db, row.user_id);
		return { domain: active.row, becameActive: true };
	} catch (error) {
		logEvent("error", "cloudflare custom hostname failed", {
			domain: row.id,
			error: String(error),
		});
		// A registration made before the failure is kept on the row, or it would leak.
		const saved = await save(config, row, {
			error: "Cloudflare could not be reached; we will try again.",
			...(created ? { cf_hostname_id: created.id } : {}),
		});
		if (!saved.applied) await keepOrRetire(config, saved.row, created);
		return { domain: saved.row, becameActive: false };
	}
}

/**
 * A registration this check created but could not record (the claim changed or went meanwhile)
 * is deleted, unless the stored claim names it (a concurrent check adopted it).
 */
async function keepOrRetire(
	config: DomainConfig,
	stored: DomainRow,
	created: CustomHostname | null,
): Promise<void> {
	if (!created || stored.cf_hostname_id === created.id) return;
	const current = await findDomainRow(config.db, stored.user_id, stored.id);
	if (current?.cf_hostname_id === created.id) return;
	await insertTombstone(config.db, created.id, stored.hostname, nowIso());
	await releaseTombstone(config, created.id);
}

export async function verifyDomainById(
	config: DomainConfig,
	userId: string,
	domainId: string,
): Promise<Result<VerifyOutcome>> {
	const row = await findDomainRow(config.db, userId, domainId);
	if (!row) return fail("not_found", "No such domain.");
	return ok(await verifyDomain(config, row, "customer"));
}

/**
 * Deletes a tombstoned custom hostname at Cloudflare; the tombstone goes once Cloudflare confirms
 * (or no longer knows the id). On failure it stays for the next cron run. True when deleted.
 */
async function releaseTombstone(config: DomainConfig, cfHostnameId: string): Promise<boolean> {
	try {
		await deleteCustomHostname(config.cloudflare, cfHostnameId);
	} catch (error) {
		logEvent("warn", "cloudflare hostname not deleted", {
			cfHostnameId,
			error: String(error),
		});
		await recordTombstoneAttempt(config.db, cfHostnameId, nowIso(), String(error));
		return false;
	}
	await deleteTombstone(config.db, cfHostnameId);
	return true;
}

/**
 * Takes a domain offline for good (its claim stays until it expires): status, tombstone of the
 * Cloudflare hostname and (from the cron) the customer's notice in one batch, written only if the
 * claim is still as read, so a concurrent activation by its owner is not undone. False when that
 * happened. Then the mapping goes and the hostname is released.
 */
async function failDomain(
	config: DomainConfig,
	row: DomainRow,
	reason: string,
	trigger: CheckTrigger,
): Promise<boolean> {
	const failed = await save(
		config,
		row,
		{ status: "failed", error: reason, cf_hostname_id: null },
		trigger === "cron" ? { template: "domain_failed", reason } : undefined,
	);
	if (!failed.applied) return false;
	await dropMapping(config.bucket, row);
	return true;
}

/**
 * Removes the mapping first (the host stops serving at once), then the row, whose Cloudflare
 * hostname becomes a tombstone in the same batch, and then the hostname at Cloudflare.
 */
export async function removeDomain(config: DomainConfig, row: DomainRow): Promise<void> {
	await dropMapping(config.bucket, row);
	const retired = await deleteDomainRow(config.db, row, nowIso());
	if (retired) await releaseTombstone(config, retired);
}

export async function deleteDomain(
	config: DomainConfig,
	userId: string,
	domainId: string,
): Promise<Result<null>> {
	const row = await findDomainRow(config.db, userId, domainId);
	if (!row) return fail("not_found", "No such domain.");
	await removeDomain(config, row);
	return ok(null);
}

/**
 * After a plan change: domains beyond the plan stop serving, covered ones serve again. A suspended
 * domain keeps its claim (a proven one still holds the hostname against other accounts), but not
 * its Cloudflare hostname: that is released like a removed domain's (a tombstone until Cloudflare
 * confirms). On re-upgrade a proven claim is checked again at once: TXT record still in place, it
 * is registered with Cloudflare anew and serves once Cloudflare has validated it (now, or through
 * the cron's checks); TXT record gone, it is pending again like any unproven claim.
 */
export async function enforceDomainLimit(
	config: DomainConfig,
	userId: string,
	max: number,
): Promise<void> {
	const rows = await listDomainRows(config.db, userId);
	for (const [index, row] of rows.entries()) {
		const covered = index < max;
		if (!covered && !row.suspended) {
			// Suspended first: a check racing this one then neither maps the host nor records a
			// registration (store.ts `changeDomainRow`).
			const retired = await suspendDomainRow(config.db, userId, row.id, nowIso());
			await dropMapping(config.bucket, row);
			if (retired) await releaseTombstone(config, retired);
		} else if (covered && row.suspended) {
			const resumed = await resumeDomainRow(
				config.db,
				userId,
				row.id,
				nowIso(),
				"Back on a plan with custom domains: registering the hostname with Cloudflare again.",
			);
			if (resumed?.status !== "verifying") continue;
			try {
				await verifyDomain(config, resumed, "cron");
			} catch (error) {
				// The claim is verifying again: the cron's next run registers it.
				logEvent("error", "domain re-registration failed", {
					domain: row.id,
					error: String(error),
				});
			}
		}
	}
}

export interface DomainNotice {
	userId: string;
	template: "domain_active" | "domain_failed";
	hostname: string;
	reason?: string;
}

/**
 * A queued notice with its recipient, as Core's cron sends it. `id` is the outbox row's, also the
 * mail's idempotency key: a resend after a lost answer is still one mail.
 */
export type DomainMail = DomainNotice & { id: string; email: string; locale: Locale };

/** How much of the cron's ~30 s one run may use (Workers limits: 30 s for sub-hourly crons). */
export interface RecheckBudget {
	/** Checks run at once. */
	concurrency: number;
	/** No check starts after this long. */
	startMs: number;
	/** Checks still running then are aborted (their lookups and API calls fail as timed out). */
	abortMs: number;
}

const DEFAULT_BUDGET: RecheckBudget = { concurrency: 5, startMs: 20_000, abortMs: 25_000 };

/** The same configuration, with every outgoing call also bound to `signal`. */
function bound(config: DomainConfig, signal: AbortSignal): DomainConfig {
	return { ...config, cloudflare: { ...config.cloudflare, signal } };
}

/** Runs `tasks` `concurrency` at a time, starting none once `open()` is false; each on its own. */
async function runPool(
	tasks: { name: string; run: () => Promise<void> }[],
	concurrency: number,
	open: () => boolean,
): Promise<number> {
	let next = 0;
	const worker = async () => {
		while (next < tasks.length && open()) {
			const task = tasks[next];
			next += 1;
			if (!task) break;
			try {
				await task.run();
			} catch (error) {
				// One broken check must not stop the others; the next run retries it.
				logEvent("error", "domain check failed", { task: task.name, error: String(error) });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
	return next;
}

/**
 * The periodic re-check: Cloudflare hostnames left to delete are retried; expired unproven claims
 * are released; pending domains are checked until they are active or 72 h old (then failed);
 * active ones are re-read daily — a TXT record gone for the grace period, or a hostname Cloudflare
 * blocked, takes them offline; one Cloudflare moved or deleted is registered again.
 *
 * Within `budget`: a few checks at once, none started late, stragglers aborted. The lists are
 * least-recently-checked first, so the next run resumes with what this one did not reach. The
 * returned notices (also queued in the outbox) are those this run produced.
 */
export async function recheckDomains(
	config: DomainConfig,
	now: number,
	limit = 50,
	budget: Partial<RecheckBudget> = {},
): Promise<DomainNotice[]> {
	const { concurrency, startMs, abortMs } = { ...DEFAULT_BUDGET, ...budget };
	const startBy = Date.now() + startMs;
	const run = bound(config, AbortSignal.timeout(abortMs));
	const notices: DomainNotice[] = [];
	const noticed = (row: DomainRow, template: DomainNotice["template"], reason?: string) =>
		notices.push({
			userId: row.user_id,
			template,
			hostname: row.hostname,
			...(reason ? { reason } : {}),
		});

	const checkOpen = async (row: DomainRow) => {
		if (now - Date.parse(row.checks_started_at ?? row.created_at) > PENDING_LIMIT_MS) {
			const reason = row.error ?? "the DNS records were not found within 72 hours";
			if (await failDomain(run, row, reason, "cron")) noticed(row, "domain_failed", reason);
			return;
		}
		const outcome = await verifyDomain(run, row, "cron");
		if (outcome.becameActive) noticed(row, "domain_active");
		else if (outcome.domain.status === "failed" && row.status === "verifying")
			noticed(row, "domain_failed", outcome.domain.error ?? undefined);
	};

	const checkActive = async (row: DomainRow) => {
		const txt = await lookupTxt(
			run.dohUrl,
			`${CHALLENGE_PREFIX}.${row.hostname}`,
			run.cloudflare.signal,
		);
		// A resolver problem is not evidence against the customer.
		let patch: DomainPatch = {};
		if (txt.ok && txt.values.includes(row.txt_token)) patch = { txt_missing_since: null };
		else if (txt.ok) {
			const since = row.txt_missing_since ?? new Date(now).toISOString();
			if (now - Date.parse(since) >= GRACE_MS) {
				const reason = "the TXT record proving ownership was removed";
				if (await failDomain(run, row, reason, "cron")) noticed(row, "domain_failed", reason);
				return;
			}
			patch = { txt_missing_since: since };
		}
		const custom = await currentRegistration(run, row);
		if (!custom) {
			// Cloudflare moved (the CNAME went elsewhere) or deleted it: not served through us any
			// more. Back to verifying with a new 72-hour window; the next check registers it again.
			await dropMapping(run.bucket, row);
			await save(run, row, {
				...patch,
				status: "verifying",
				cf_hostname_id: null,
				checks_started_at: nowIso(),
				error: `Cloudflare no longer routes ${row.hostname} to SmartPages. Check the CNAME to ${run.target}; we register the hostname again.`,
			});
			return;
		}
		if (hostnameState(custom) === "blocked") {
			const reason = `Cloudflare blocked this hostname (status ${custom.status}).${cloudflareSays(custom)}`;
			if (await failDomain(run, row, reason, "cron")) noticed(row, "domain_failed", reason);
			return;
		}
		// Still serving, or serving on while a certificate renewal is under way: say what is wrong.
		const error =
			hostnameState(custom) === "serving"
				? null
				: `The certificate needs attention (hostname ${custom.status}, certificate ${custom.sslStatus}).${cloudflareSays(custom)}`;
		await save(run, row, { ...patch, error });
	};

	const [tombstones, expired, open, active] = await Promise.all([
		listTombstones(config.db, limit),
		listExpiredClaims(config.db, expiryCutoff(now), limit),
		listOpenClaims(config.db, limit),
		listActiveDue(config.db, new Date(now - 24 * HOUR_MS).toISOString(), limit),
	]);
	const tasks = [
		...tombstones.map((t) => ({
			name: `tombstone ${t.cf_hostname_id}`,
			run: async () => {
				await releaseTombstone(run, t.cf_hostname_id);
			},
		})),
		...expired.map((row) => ({ name: row.id, run: () => removeDomain(run, row) })),
		...open.map((row) => ({ name: row.id, run: () => checkOpen(row) })),
		...active.map((row) => ({ name: row.id, run: () => checkActive(row) })),
	];
	const started = await runPool(tasks, concurrency, () => Date.now() < startBy);
	logEvent(started < tasks.length ? "warn" : "info", "domain checks run", {
		due: tasks.length,
		started,
		notices: notices.length,
	});
	return notices;
}

/** Notices tried this often (a day of five-minute runs) are dropped, with a log line. */
const MAX_NOTICE_ATTEMPTS = 288;

/** The outbox's oldest unsent notices with their recipients, for Core's cron to send. */
async function dueDomainMails(db: D1Database, limit = 100): Promise<DomainMail[]> {
	const { due, dropped } = await takeDueNotices(db, limit, MAX_NOTICE_ATTEMPTS);
	for (const notice of dropped)
		logEvent("error", "domain mail given up", { notice: notice.id, template: notice.template });
	return due.map((n) => ({
		id: n.id,
		userId: n.user_id,
		template: n.template,
		hostname: n.hostname,
		...(n.reason ? { reason: n.reason } : {}),
		email: n.email,
		locale: n.locale,
	}));
}

/** Notices the Mailer accepted leave the outbox. */
export async function settleDomainMails(db: D1Database, sent: string[]): Promise<void> {
	await deleteNotices(db, sent);
}

// ── as the RPC surface answers them ─────────────────────────────────────────────────────────

/** The account's domains with their DNS instructions (cannot fail; throws only on outage). */
export async function accountDomains(config: DomainConfig, userId: string): Promise<Domain[]> {
	return (await listDomains(config.db, userId)).map((r) => toDomain(r, config.target));
}

export async function claimAccountDomain(
	config: DomainConfig,
	userId: string,
	hostname: string,
	limit: { max: number; plan: string },
): Promise<Result<Domain>> {
	const result = await claimDomain(config, userId, hostname, limit);
	return result.ok ? ok(toDomain(result.value, config.target)) : result;
}

/** Checks DNS and Cloudflare now; `becameActive` tells Core to send the "domain active" mail. */
export async function verifyAccountDomain(
	config: DomainConfig,
	userId: string,
	domainId: string,
): Promise<Result<{ domain: Domain; becameActive: boolean }>> {
	const result = await verifyDomainById(config, userId, domainId);
	if (!result.ok) return result;
	return ok({
		domain: toDomain(result.value.domain, config.target),
		becameActive: result.value.becameActive,
	});
}

/**
 * The periodic re-check (Core's cron), within its time budget; returns the outbox's unsent
 * domain mails (this run's and earlier refused ones), with their recipients.
 */
export async function recheckAndCollectMails(
	config: DomainConfig,
	now: number,
): Promise<DomainMail[]> {
	await recheckDomains(config, now);
	return dueDomainMails(config.db);
}
