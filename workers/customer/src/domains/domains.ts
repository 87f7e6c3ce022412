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
 */
import {
	CHALLENGE_PREFIX,
	type Domain,
	fail,
	type HostMapping,
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
	createCustomHostname,
	deleteCustomHostname,
	getCustomHostname,
} from "./cloudflare";
import { lookupTxt } from "./dns";
import {
	blockingClaim,
	type DomainPatch,
	type DomainRow,
	deleteDomainRow,
	deleteExpiredClaims,
	findDomainRow,
	findProvenClaim,
	insertClaim,
	isProven,
	listActiveDue,
	listDomainRows,
	listExpiredClaims,
	listOpenClaims,
	proveClaim,
	setSuspended,
	updateDomainRow,
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

export function toDomain(row: DomainRow, target: string): Domain {
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

/**
 * Stores `patch` unless the claim changed since `row` was read; then the stored claim wins and is
 * returned as it is (or `row` itself, if the claim was deleted meanwhile). `applied` tells which.
 */
async function save(
	db: D1Database,
	row: DomainRow,
	patch: DomainPatch,
): Promise<{ row: DomainRow; applied: boolean }> {
	const saved = await updateDomainRow(db, row, { ...patch, last_checked_at: nowIso() });
	if (saved) return { row: saved, applied: true };
	return { row: (await findDomainRow(db, row.user_id, row.id)) ?? row, applied: false };
}

async function settle(db: D1Database, row: DomainRow, patch: DomainPatch): Promise<VerifyOutcome> {
	return { domain: (await save(db, row, patch)).row, becameActive: false };
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

/** Checks one domain now: TXT challenge, then Cloudflare's hostname and certificate status. */
export async function verifyDomain(
	config: DomainConfig,
	checked: DomainRow,
): Promise<VerifyOutcome> {
	// Checking a failed domain again starts a new 72-hour window for the periodic re-checks,
	// instead of the next cron run failing it (and mailing the customer) at once.
	const row = checked.status === "failed" ? { ...checked, checks_started_at: nowIso() } : checked;
	if (row.status === "active") return settle(config.db, row, {});
	const holder = await findProvenClaim(config.db, row.hostname);
	if (holder && holder.id !== row.id) {
		return settle(config.db, row, { status: "failed", error: takenError(row.hostname) });
	}
	const txt = await lookupTxt(config.dohUrl, `${CHALLENGE_PREFIX}.${row.hostname}`);
	if (!txt.ok) return settle(config.db, row, { error: `DNS check failed: ${txt.error}.` });
	if (!txt.values.includes(row.txt_token)) {
		const error = txt.values.length
			? `The TXT record ${CHALLENGE_PREFIX}.${row.hostname} has a different value.`
			: `No TXT record ${CHALLENGE_PREFIX}.${row.hostname} was found yet.`;
		// Ownership is no longer proven: the hostname is open to other claims again, so our
		// registration at Cloudflare goes (a winner registers its own).
		const released = row.status === "verifying" ? await releaseCustomHostname(config, row) : true;
		return settle(config.db, row, {
			status: "pending",
			error,
			...(released ? { cf_hostname_id: null } : {}),
		});
	}
	let proven = row;
	if (row.status !== "verifying") {
		const won = await proveClaim(config.db, row, nowIso(), takenError(row.hostname));
		if (!won) {
			const current = await findDomainRow(config.db, row.user_id, row.id);
			// Deleted meanwhile, or a concurrent check of this very claim proved it: nothing to add.
			if (!current || isProven(current)) return { domain: current ?? row, becameActive: false };
			return settle(config.db, current, { status: "failed", error: takenError(row.hostname) });
		}
		proven = won;
	}
	return registerProven(config, proven);
}

/** Ownership is proven: Cloudflare's custom hostname and certificate decide when it serves. */
async function registerProven(config: DomainConfig, row: DomainRow): Promise<VerifyOutcome> {
	try {
		const custom = row.cf_hostname_id
			? await getCustomHostname(config.cloudflare, row.cf_hostname_id)
			: await createCustomHostname(config.cloudflare, row.hostname);
		if (custom.status !== "active" || custom.sslStatus !== "active") {
			return settle(config.db, row, {
				status: "verifying",
				cf_hostname_id: custom.id,
				error: `Ownership confirmed. Waiting for the CNAME to ${config.target} and the certificate (hostname ${custom.status}, certificate ${custom.sslStatus}).`,
			});
		}
		const active = await save(config.db, row, {
			status: "active",
			cf_hostname_id: custom.id,
			error: null,
			activated_at: nowIso(),
			txt_missing_since: null,
		});
		// Another check of this claim activated it first (and mails), or it was deleted meanwhile.
		if (!active.applied) return { domain: active.row, becameActive: false };
		if (!active.row.suspended) await writeMapping(config.bucket, active.row);
		// Published pages name their canonical URL; the new domain shows as a change to publish.
		await touchPages(config.db, row.user_id);
		return { domain: active.row, becameActive: true };
	} catch (error) {
		logEvent("error", "cloudflare custom hostname failed", {
			domain: row.id,
			error: String(error),
		});
		return settle(config.db, row, {
			error: "Cloudflare could not be reached; we will try again.",
		});
	}
}

export async function verifyDomainById(
	config: DomainConfig,
	userId: string,
	domainId: string,
): Promise<Result<VerifyOutcome>> {
	const row = await findDomainRow(config.db, userId, domainId);
	if (!row) return fail("not_found", "No such domain.");
	return ok(await verifyDomain(config, row));
}

/**
 * Deletes the domain's custom hostname at Cloudflare, if it has one: a domain we no longer serve
 * must not stay attached to our zone (nor block its owner elsewhere). True when none is left.
 */
async function releaseCustomHostname(config: DomainConfig, row: DomainRow): Promise<boolean> {
	if (!row.cf_hostname_id) return true;
	try {
		await deleteCustomHostname(config.cloudflare, row.cf_hostname_id);
		return true;
	} catch (error) {
		logEvent("warn", "cloudflare hostname not deleted", {
			domain: row.id,
			error: String(error),
		});
		return false;
	}
}

/**
 * Takes a domain offline for good (its claim stays until it expires): mapping gone, Cloudflare
 * hostname released. The status is written first and only if the claim is still as read, so a
 * concurrent activation by its owner is not undone. False when that happened.
 */
async function failDomain(config: DomainConfig, row: DomainRow, reason: string): Promise<boolean> {
	const failed = await updateDomainRow(config.db, row, {
		status: "failed",
		error: reason,
		last_checked_at: nowIso(),
	});
	if (!failed) return false;
	await dropMapping(config.bucket, row);
	if (await releaseCustomHostname(config, row)) {
		await updateDomainRow(config.db, failed, { cf_hostname_id: null });
	}
	return true;
}

/** Removes the mapping first (the host stops serving at once), then Cloudflare's hostname and the row. */
export async function removeDomain(config: DomainConfig, row: DomainRow): Promise<void> {
	await dropMapping(config.bucket, row);
	await releaseCustomHostname(config, row);
	await deleteDomainRow(config.db, row);
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

/** After a plan change: domains beyond the plan stop serving (kept), covered ones serve again. */
export async function enforceDomainLimit(
	config: Pick<DomainConfig, "db" | "bucket">,
	userId: string,
	max: number,
): Promise<void> {
	const rows = await listDomainRows(config.db, userId);
	for (const [index, row] of rows.entries()) {
		const covered = index < max;
		if (!covered && !row.suspended) {
			await setSuspended(config.db, row.id, true);
			await dropMapping(config.bucket, row);
		} else if (covered && row.suspended) {
			await setSuspended(config.db, row.id, false);
			if (row.status === "active") await writeMapping(config.bucket, row);
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
 * The periodic re-check: expired unproven claims are released; pending domains are checked until
 * they are active or 72 h old (then failed); active ones whose TXT record disappeared are taken
 * offline after a 72 h grace period.
 */
export async function recheckDomains(
	config: DomainConfig,
	now: number,
	limit = 50,
): Promise<DomainNotice[]> {
	for (const row of await listExpiredClaims(config.db, expiryCutoff(now), limit)) {
		await removeDomain(config, row);
	}
	const notices: DomainNotice[] = [];
	for (const row of await listOpenClaims(config.db, limit)) {
		if (now - Date.parse(row.checks_started_at ?? row.created_at) > PENDING_LIMIT_MS) {
			const reason = row.error ?? "the DNS records were not found within 72 hours";
			if (await failDomain(config, row, reason)) {
				notices.push({
					userId: row.user_id,
					template: "domain_failed",
					hostname: row.hostname,
					reason,
				});
			}
			continue;
		}
		const outcome = await verifyDomain(config, row);
		if (outcome.becameActive)
			notices.push({ userId: row.user_id, template: "domain_active", hostname: row.hostname });
	}
	const dayAgo = new Date(now - 24 * HOUR_MS).toISOString();
	for (const row of await listActiveDue(config.db, dayAgo, limit)) {
		const txt = await lookupTxt(config.dohUrl, `${CHALLENGE_PREFIX}.${row.hostname}`);
		if (!txt.ok) continue; // a resolver problem is not evidence against the customer
		if (txt.values.includes(row.txt_token)) {
			await save(config.db, row, { txt_missing_since: null });
			continue;
		}
		const since = row.txt_missing_since ?? new Date(now).toISOString();
		if (now - Date.parse(since) < GRACE_MS) {
			await save(config.db, row, { txt_missing_since: since });
			continue;
		}
		const reason = "the TXT record proving ownership was removed";
		if (await failDomain(config, row, reason)) {
			notices.push({
				userId: row.user_id,
				template: "domain_failed",
				hostname: row.hostname,
				reason,
			});
		}
	}
	return notices;
}
