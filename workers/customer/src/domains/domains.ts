/**
 * Custom domains: claim with a TXT challenge, verify over DNS-over-HTTPS, register with
 * Cloudflare for SaaS, and only when ownership is proven and Cloudflare reports hostname and
 * certificate active, write the host mapping to R2 (architecture invariant 5). Removal deletes
 * the mapping first, so the host stops serving at once.
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

export interface DomainRow {
	id: string;
	user_id: string;
	hostname: string;
	status: Domain["status"];
	txt_token: string;
	cf_hostname_id: string | null;
	suspended: number;
	txt_missing_since: string | null;
	error: string | null;
	created_at: string;
	activated_at: string | null;
	last_checked_at: string | null;
	/** Start of the current 72-hour verification window; null means `created_at`. */
	checks_started_at: string | null;
}

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

export async function listDomains(db: D1Database, userId: string): Promise<DomainRow[]> {
	const { results } = await db
		.prepare("SELECT * FROM domains WHERE user_id = ? ORDER BY created_at, id")
		.bind(userId)
		.all<DomainRow>();
	return results;
}

async function findDomain(
	db: D1Database,
	userId: string,
	domainId: string,
): Promise<DomainRow | null> {
	return db
		.prepare("SELECT * FROM domains WHERE id = ? AND user_id = ?")
		.bind(domainId, userId)
		.first<DomainRow>();
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
	try {
		const row = await config.db
			.prepare(
				`INSERT INTO domains (id, user_id, hostname, txt_token, created_at)
				 SELECT ?, ?, ?, ?, ? WHERE (SELECT COUNT(*) FROM domains WHERE user_id = ?) < ?
				 RETURNING *`,
			)
			.bind(newId("dom"), userId, hostname, newToken(), nowIso(), userId, limit.max)
			.first<DomainRow>();
		if (!row) {
			return fail("plan_limit_reached", `Your plan allows ${limit.max} custom domain(s).`, {
				limit: { name: "maxCustomDomains", max: limit.max, plan: limit.plan },
			});
		}
		return ok(row);
	} catch (error) {
		if (String(error).includes("domains.hostname")) {
			return fail("domain_taken", "This hostname is already claimed.", {
				fields: { hostname: "is already claimed" },
			});
		}
		throw error;
	}
}

async function save(db: D1Database, row: DomainRow, patch: Partial<DomainRow>): Promise<DomainRow> {
	const next = { ...row, ...patch, last_checked_at: nowIso() };
	await db
		.prepare(
			`UPDATE domains SET status = ?, cf_hostname_id = ?, error = ?, activated_at = ?, last_checked_at = ?,
			 txt_missing_since = ?, suspended = ?, checks_started_at = ? WHERE id = ? AND user_id = ?`,
		)
		.bind(
			next.status,
			next.cf_hostname_id,
			next.error,
			next.activated_at,
			next.last_checked_at,
			next.txt_missing_since,
			next.suspended,
			next.checks_started_at,
			row.id,
			row.user_id,
		)
		.run();
	return next;
}

async function writeMapping(bucket: R2Bucket, row: DomainRow): Promise<void> {
	const mapping: HostMapping = { siteId: row.user_id, kind: "custom" };
	await bucket.put(r2Keys.host(row.hostname), JSON.stringify(mapping), {
		httpMetadata: { contentType: "application/json" },
	});
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
	if (row.status === "active")
		return { domain: await save(config.db, row, {}), becameActive: false };
	const txt = await lookupTxt(config.dohUrl, `${CHALLENGE_PREFIX}.${row.hostname}`);
	if (!txt.ok)
		return {
			domain: await save(config.db, row, { error: `DNS check failed: ${txt.error}.` }),
			becameActive: false,
		};
	if (!txt.values.includes(row.txt_token)) {
		const error = txt.values.length
			? `The TXT record ${CHALLENGE_PREFIX}.${row.hostname} has a different value.`
			: `No TXT record ${CHALLENGE_PREFIX}.${row.hostname} was found yet.`;
		return {
			domain: await save(config.db, row, { status: "pending", error }),
			becameActive: false,
		};
	}
	try {
		const custom = row.cf_hostname_id
			? await getCustomHostname(config.cloudflare, row.cf_hostname_id)
			: await createCustomHostname(config.cloudflare, row.hostname);
		if (custom.status !== "active" || custom.sslStatus !== "active") {
			return {
				domain: await save(config.db, row, {
					status: "verifying",
					cf_hostname_id: custom.id,
					error: `Ownership confirmed. Waiting for the CNAME to ${config.target} and the certificate (hostname ${custom.status}, certificate ${custom.sslStatus}).`,
				}),
				becameActive: false,
			};
		}
		const active = await save(config.db, row, {
			status: "active",
			cf_hostname_id: custom.id,
			error: null,
			activated_at: nowIso(),
			txt_missing_since: null,
		});
		if (!active.suspended) await writeMapping(config.bucket, active);
		// Published pages name their canonical URL; the new domain shows as a change to publish.
		await touchPages(config.db, row.user_id);
		return { domain: active, becameActive: true };
	} catch (error) {
		logEvent("error", "cloudflare custom hostname failed", {
			domain: row.id,
			error: String(error),
		});
		return {
			domain: await save(config.db, row, {
				error: "Cloudflare could not be reached; we will try again.",
			}),
			becameActive: false,
		};
	}
}

export async function verifyDomainById(
	config: DomainConfig,
	userId: string,
	domainId: string,
): Promise<Result<VerifyOutcome>> {
	const row = await findDomain(config.db, userId, domainId);
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

/** Takes a domain offline for good (its claim stays): mapping gone, Cloudflare hostname released. */
async function failDomain(config: DomainConfig, row: DomainRow, reason: string): Promise<void> {
	await config.bucket.delete(r2Keys.host(row.hostname));
	const released = await releaseCustomHostname(config, row);
	await save(config.db, row, {
		status: "failed",
		error: reason,
		...(released ? { cf_hostname_id: null } : {}),
	});
}

/** Removes the mapping first (the host stops serving at once), then Cloudflare's hostname and the row. */
export async function removeDomain(config: DomainConfig, row: DomainRow): Promise<void> {
	await config.bucket.delete(r2Keys.host(row.hostname));
	await releaseCustomHostname(config, row);
	await config.db
		.prepare("DELETE FROM domains WHERE id = ? AND user_id = ?")
		.bind(row.id, row.user_id)
		.run();
}

export async function deleteDomain(
	config: DomainConfig,
	userId: string,
	domainId: string,
): Promise<Result<null>> {
	const row = await findDomain(config.db, userId, domainId);
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
	const rows = await listDomains(config.db, userId);
	for (const [index, row] of rows.entries()) {
		const covered = index < max;
		if (!covered && !row.suspended) {
			await config.db.prepare("UPDATE domains SET suspended = 1 WHERE id = ?").bind(row.id).run();
			await config.bucket.delete(r2Keys.host(row.hostname));
		} else if (covered && row.suspended) {
			await config.db.prepare("UPDATE domains SET suspended = 0 WHERE id = ?").bind(row.id).run();
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

const PENDING_LIMIT_MS = 72 * 3600 * 1000;
const GRACE_MS = 72 * 3600 * 1000;

/**
 * The periodic re-check: pending domains until they are active or 72 h old (then failed); active
 * ones whose TXT record disappeared are taken offline after a 72 h grace period.
 */
export async function recheckDomains(
	config: DomainConfig,
	now: number,
	limit = 50,
): Promise<DomainNotice[]> {
	const notices: DomainNotice[] = [];
	const { results: open } = await config.db
		.prepare(
			"SELECT * FROM domains WHERE status IN ('pending', 'verifying') ORDER BY last_checked_at LIMIT ?",
		)
		.bind(limit)
		.all<DomainRow>();
	for (const row of open) {
		if (now - Date.parse(row.checks_started_at ?? row.created_at) > PENDING_LIMIT_MS) {
			const reason = row.error ?? "the DNS records were not found within 72 hours";
			await failDomain(config, row, reason);
			notices.push({
				userId: row.user_id,
				template: "domain_failed",
				hostname: row.hostname,
				reason,
			});
			continue;
		}
		const outcome = await verifyDomain(config, row);
		if (outcome.becameActive)
			notices.push({ userId: row.user_id, template: "domain_active", hostname: row.hostname });
	}
	const dayAgo = new Date(now - 24 * 3600 * 1000).toISOString();
	const { results: active } = await config.db
		.prepare(
			"SELECT * FROM domains WHERE status = 'active' AND (last_checked_at IS NULL OR last_checked_at < ?) LIMIT ?",
		)
		.bind(dayAgo, limit)
		.all<DomainRow>();
	for (const row of active) {
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
		await failDomain(config, row, reason);
		notices.push({
			userId: row.user_id,
			template: "domain_failed",
			hostname: row.hostname,
			reason,
		});
	}
	return notices;
}
