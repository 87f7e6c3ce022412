/**
 * Custom domains against the Cloudflare for SaaS stand-in behaving as Cloudflare documents
 * (issue 15): HTTP validation completes only through a PATCH made once the CNAME exists, the
 * hostname states beyond "active", Cloudflare's errors shown to the customer; a failed release is
 * kept as a tombstone and retried — also when a downgrade suspends the domain, which a re-upgrade
 * registers again; the cron stays within its time budget and resumes where it stopped.
 */

import { env, exports } from "cloudflare:workers";
import { r2Keys, type SubscriptionChange } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { getCustomHostname } from "../src/domains/cloudflare";
import {
	claimDomain,
	type DomainConfig,
	type DomainRow,
	deleteDomain,
	enforceDomainLimit,
	recheckDomains,
	verifyDomain,
	verifyDomainById,
} from "../src/domains/domains";
import { createUser } from "../src/users/store";
import { testDomains } from "./support/site";

/** The request context Core passes first on every call; these tests call as Core does. */
const ctx = { requestId: "test-domain-platform" };

const HOUR = 3600 * 1000;
const config = (): DomainConfig => testDomains();

async function dev(path: string, body: unknown): Promise<void> {
	const res = await fetch(`${env.TEST_DNS}${path}`, {
		method: "POST",
		body: JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`${path}: ${res.status}`);
	await res.body?.cancel();
}

async function setRecord(name: string, type: "TXT" | "CNAME", values: string[]) {
	const res = await fetch(`${env.TEST_DNS}/_dev/dns/${name}/${type}`, {
		method: "PUT",
		body: JSON.stringify({ values }),
	});
	await res.body?.cancel();
}

/** Forces a state Cloudflare can report for the hostname (stand-in control). */
const forceState = (hostname: string, state: Record<string, unknown>) =>
	dev(`/_dev/cloudflare/hostnames/${hostname}`, state);

/** Every custom hostname the stand-in holds for `hostname`. */
async function registered(hostname: string): Promise<{ id: string; status: string }[]> {
	const res = await fetch(`${env.TEST_DNS}/_dev/cloudflare/hostnames`);
	const { hostnames } = (await res.json()) as {
		hostnames: { id: string; hostname: string; status: string }[];
	};
	return hostnames.filter((h) => h.hostname === hostname);
}

async function stored(id: string): Promise<DomainRow | null> {
	return env.DB.prepare("SELECT * FROM domains WHERE id = ?").bind(id).first<DomainRow>();
}

async function newDomain(tag: string, hostname?: string): Promise<DomainRow> {
	const user = await createUser(env.DB, {
		email: `${tag}-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "en",
	});
	const name = hostname ?? `${tag}-${crypto.randomUUID().slice(0, 8)}.example.test`;
	const claimed = await claimDomain(config(), user.user.id, name, { max: 3, plan: "pro" });
	if (!claimed.ok) throw new Error(claimed.message);
	return claimed.value;
}

/** A domain whose TXT record is proven but whose CNAME did not exist at registration. */
async function verifyingDomain(tag: string): Promise<DomainRow> {
	const row = await newDomain(tag);
	await setRecord(`_smartpages-challenge.${row.hostname}`, "TXT", [row.txt_token]);
	const { domain } = await verifyDomain(config(), row);
	expect(domain.status).toBe("verifying");
	return domain;
}

/** An active domain (CNAME in place before registration: Cloudflare validates at once). */
async function activeDomain(tag: string): Promise<DomainRow> {
	const row = await newDomain(tag);
	await setRecord(`_smartpages-challenge.${row.hostname}`, "TXT", [row.txt_token]);
	await setRecord(row.hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);
	const outcome = await verifyDomain(config(), row);
	expect(outcome.becameActive).toBe(true);
	return outcome.domain;
}

async function tombstones(cfHostnameId: string): Promise<number> {
	const row = await env.DB.prepare(
		"SELECT COUNT(*) AS n FROM hostname_tombstones WHERE cf_hostname_id = ?",
	)
		.bind(cfHostnameId)
		.first<{ n: number }>();
	return row?.n ?? 0;
}

describe("Cloudflare for SaaS as documented", () => {
	it("#15.1 a CNAME added after registration activates nothing by itself; Check now revalidates (PATCH) and activates", async () => {
		const row = await verifyingDomain("checknow");
		const id = row.cf_hostname_id ?? "";
		await setRecord(row.hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);
		// Without a PATCH Cloudflare waits for its back-off: still pending.
		expect(await getCustomHostname(config().cloudflare, id)).toMatchObject({ status: "pending" });

		const checked = await verifyDomainById(config(), row.user_id, row.id);
		expect(checked.ok && checked.value).toMatchObject({
			becameActive: true,
			domain: { status: "active", cf_hostname_id: id },
		});
		expect(await env.PAGES.head(r2Keys.host(row.hostname))).not.toBeNull();
	});

	it("#15.1 the cron revalidates once its DNS lookup finds the CNAME, and queues the mail", async () => {
		const row = await verifyingDomain("croncname");
		// No CNAME yet: the cron's check leaves it pending at Cloudflare.
		await recheckDomains(config(), Date.now(), 500);
		expect((await stored(row.id))?.status).toBe("verifying");

		await setRecord(row.hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);
		const notices = await recheckDomains(config(), Date.now(), 500);
		expect(notices).toContainEqual({
			userId: row.user_id,
			template: "domain_active",
			hostname: row.hostname,
		});
		expect((await stored(row.id))?.status).toBe("active");
		const outbox = await env.DB.prepare(
			"SELECT template FROM domain_notices WHERE user_id = ? AND hostname = ?",
		)
			.bind(row.user_id, row.hostname)
			.all<{ template: string }>();
		expect(outbox.results).toEqual([{ template: "domain_active" }]);
	});

	it("#15.1 Cloudflare's verification and certificate errors are shown in the domain's error", async () => {
		const row = await verifyingDomain("errors");
		expect(row.error).toContain("custom hostname does not CNAME to this zone.");
		expect(row.error).toContain("could not validate the hostname over HTTP");
	});

	it("#15.1 active_redeploying serves; a hostname Cloudflare deleted is registered again", async () => {
		const redeploying = await verifyingDomain("redeploy");
		await forceState(redeploying.hostname, { status: "active_redeploying", sslStatus: "active" });
		const served = await verifyDomain(config(), redeploying);
		expect(served).toMatchObject({ becameActive: true, domain: { status: "active" } });

		const deleted = await verifyingDomain("deleted");
		const oldId = deleted.cf_hostname_id ?? "";
		await forceState(deleted.hostname, { status: "deleted", sslStatus: "deleted" });
		await setRecord(deleted.hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);
		const again = await verifyDomain(config(), deleted);
		expect(again.domain.status).toBe("active");
		expect(again.domain.cf_hostname_id).not.toBe(oldId);
		// The deleted registration was released, the new one is the only one.
		expect((await registered(deleted.hostname)).map((h) => h.id)).toEqual([
			again.domain.cf_hostname_id,
		]);
	});

	it("#15.1 the daily check re-reads active hostnames: blocked fails with a clear error, moved is registered again", async () => {
		const blocked = await activeDomain("blocked");
		const moved = await activeDomain("moved");
		const healthy = await activeDomain("healthy");
		await forceState(blocked.hostname, { status: "blocked" });
		await forceState(moved.hostname, { status: "moved" });
		await forceState(healthy.hostname, { status: "active_redeploying", sslStatus: "active" });

		const notices = await recheckDomains(config(), Date.now() + 25 * HOUR, 500);
		expect(notices).toContainEqual(
			expect.objectContaining({ template: "domain_failed", hostname: blocked.hostname }),
		);
		const failed = await stored(blocked.id);
		expect(failed?.status).toBe("failed");
		expect(failed?.error).toMatch(/Cloudflare blocked this hostname/);
		expect(await env.PAGES.head(r2Keys.host(blocked.hostname))).toBeNull();

		const back = await stored(moved.id);
		expect(back?.status).toBe("verifying");
		expect(back?.error).toMatch(/no longer routes/);
		expect(await env.PAGES.head(r2Keys.host(moved.hostname))).toBeNull();
		// The next run registers it anew (its CNAME is in place) and it serves again.
		await recheckDomains(config(), Date.now() + 25 * HOUR, 500);
		expect((await stored(moved.id))?.status).toBe("active");
		expect(await registered(moved.hostname)).toHaveLength(1);

		expect((await stored(healthy.id))?.status).toBe("active");
		expect(await env.PAGES.head(r2Keys.host(healthy.hostname))).not.toBeNull();
	});
});

describe("releasing custom hostnames", () => {
	it("#15.2 a failed Cloudflare release on domain removal is kept as a tombstone and retried by the cron", async () => {
		const row = await verifyingDomain("tomb");
		const id = row.cf_hostname_id ?? "";
		await dev("/_dev/cloudflare/faults", { count: 2, method: "DELETE", hostname: row.hostname });

		expect((await deleteDomain(config(), row.user_id, row.id)).ok).toBe(true);
		expect(await stored(row.id)).toBeNull();
		expect(await registered(row.hostname)).toHaveLength(1);
		expect(await tombstones(id)).toBe(1);

		// The first retry fails too; the tombstone stays until Cloudflare confirms.
		await recheckDomains(config(), Date.now(), 500);
		expect(await tombstones(id)).toBe(1);
		await recheckDomains(config(), Date.now(), 500);
		expect(await registered(row.hostname)).toEqual([]);
		expect(await tombstones(id)).toBe(0);
	});

	it("#15.2 a domain that fails while Cloudflare refuses the release leaks no hostname", async () => {
		const row = await verifyingDomain("failrelease");
		const id = row.cf_hostname_id ?? "";
		await dev("/_dev/cloudflare/faults", { count: 1, method: "DELETE", hostname: row.hostname });

		await recheckDomains(config(), Date.now() + 73 * HOUR, 500);
		expect(await stored(row.id)).toMatchObject({ status: "failed", cf_hostname_id: null });
		expect(await tombstones(id)).toBe(1);
		await recheckDomains(config(), Date.now() + 73 * HOUR, 500);
		expect(await registered(row.hostname)).toEqual([]);
		expect(await tombstones(id)).toBe(0);
	});
});

/** A Pro account with an active custom domain, its plan changed through Stripe events. */
async function proDomain(tag: string) {
	const customer = exports.CustomerService;
	const { user } = await createUser(env.DB, {
		email: `${tag}-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "en",
	});
	const customerId = `cus_${crypto.randomUUID().slice(0, 12)}`;
	await env.DB.prepare("UPDATE users SET stripe_customer_id = ? WHERE id = ?")
		.bind(customerId, user.id)
		.run();
	const plan = async (status: SubscriptionChange["status"]) => {
		const applied = await customer.applySubscription(ctx, `evt_${crypto.randomUUID()}`, "x", {
			customerId,
			subscriptionId: `sub_${customerId}`,
			userId: null,
			plan: status === "canceled" ? "free" : "pro",
			status,
			interval: "month",
			currentPeriodEnd: "2026-12-25T00:00:00.000Z",
			cancelAtPeriodEnd: false,
		});
		expect(applied.ok).toBe(true);
	};
	await plan("active");
	const hostname = `${tag}-${crypto.randomUUID().slice(0, 8)}.example.test`;
	const claimed = await claimDomain(config(), user.id, hostname, { max: 3, plan: "pro" });
	if (!claimed.ok) throw new Error(claimed.message);
	await setRecord(`_smartpages-challenge.${hostname}`, "TXT", [claimed.value.txt_token]);
	await setRecord(hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);
	const outcome = await verifyDomain(config(), claimed.value);
	expect(outcome.domain.status).toBe("active");
	return { row: outcome.domain, downgrade: () => plan("canceled"), upgrade: () => plan("active") };
}

const served = async (hostname: string) => (await env.PAGES.head(r2Keys.host(hostname))) !== null;

describe("plan loss releases the custom hostname", () => {
	it("#15.2 a downgrade deletes the suspended domain's custom hostname at Cloudflare; the proven claim still holds the hostname", async () => {
		const { row, downgrade } = await proDomain("planloss");
		const id = row.cf_hostname_id ?? "";
		expect(await registered(row.hostname)).toHaveLength(1);

		await downgrade();
		expect(await served(row.hostname)).toBe(false);
		expect(await registered(row.hostname)).toEqual([]);
		expect(await tombstones(id)).toBe(0);
		expect(await stored(row.id)).toMatchObject({
			status: "active",
			suspended: 1,
			cf_hostname_id: null,
		});
		// The claim is still proven: nobody else can take the hostname meanwhile.
		const { user: other } = await createUser(env.DB, {
			email: `other-${crypto.randomUUID()}@example.com`,
			passwordHash: "x",
			locale: "en",
		});
		const taken = await claimDomain(config(), other.id, row.hostname, { max: 3, plan: "pro" });
		expect(taken).toMatchObject({ ok: false, code: "domain_taken" });
		// The cron leaves a suspended domain alone: nothing registers it again while on Free.
		await recheckDomains(config(), Date.now() + 25 * HOUR, 500);
		expect(await registered(row.hostname)).toEqual([]);
		expect(await stored(row.id)).toMatchObject({ suspended: 1, cf_hostname_id: null });
	});

	it("#15.2 a downgrade while Cloudflare refuses the release leaves a tombstone that the cron clears later", async () => {
		const { row, downgrade } = await proDomain("planlossfault");
		const id = row.cf_hostname_id ?? "";
		await dev("/_dev/cloudflare/faults", { count: 1, method: "DELETE", hostname: row.hostname });

		await downgrade();
		expect(await served(row.hostname)).toBe(false);
		expect(await stored(row.id)).toMatchObject({ suspended: 1, cf_hostname_id: null });
		expect(await registered(row.hostname)).toHaveLength(1);
		expect(await tombstones(id)).toBe(1);

		await recheckDomains(config(), Date.now(), 500);
		expect(await registered(row.hostname)).toEqual([]);
		expect(await tombstones(id)).toBe(0);
	});

	it("#15.2 a check that read the domain before the downgrade leaves no registration behind", async () => {
		const row = await verifyingDomain("planlossrace");
		const stale = { ...row };
		await enforceDomainLimit(config(), row.user_id, 0);
		expect(await registered(row.hostname)).toEqual([]);

		// The stale copy still says "not suspended": the check registers, cannot record it, deletes it.
		await setRecord(row.hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);
		await verifyDomain(config(), stale, "cron");
		expect(await stored(row.id)).toMatchObject({ suspended: 1, cf_hostname_id: null });
		expect(await registered(row.hostname)).toEqual([]);
		expect(await served(row.hostname)).toBe(false);
	});

	it("#15.2 a re-upgrade registers the hostname with Cloudflare again and serves it once Cloudflare validates it", async () => {
		const { row, downgrade, upgrade } = await proDomain("planback");
		const old = row.cf_hostname_id ?? "";
		await downgrade();
		expect(await registered(row.hostname)).toEqual([]);

		// The CNAME is missing at re-upgrade: Cloudflare holds the new registration as pending.
		await setRecord(row.hostname, "CNAME", []);
		await upgrade();
		const again = await stored(row.id);
		expect(again).toMatchObject({ status: "verifying", suspended: 0 });
		expect(again?.cf_hostname_id).toBeTruthy();
		expect(again?.cf_hostname_id).not.toBe(old);
		expect(await registered(row.hostname)).toMatchObject([
			{ id: again?.cf_hostname_id, status: "pending" },
		]);
		expect(await served(row.hostname)).toBe(false);

		// The CNAME is back: the cron's check revalidates, Cloudflare validates, the host serves.
		await setRecord(row.hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);
		const notices = await recheckDomains(config(), Date.now(), 500);
		expect(notices).toContainEqual({
			userId: row.user_id,
			template: "domain_active",
			hostname: row.hostname,
		});
		expect(await stored(row.id)).toMatchObject({
			status: "active",
			suspended: 0,
			cf_hostname_id: again?.cf_hostname_id,
		});
		expect(await registered(row.hostname)).toMatchObject([{ status: "active" }]);
		expect(await served(row.hostname)).toBe(true);
	});

	it("#15.2 a re-upgrade with the CNAME in place serves at once; one whose TXT proof is gone is not registered", async () => {
		const kept = await proDomain("planbacknow");
		await kept.downgrade();
		await kept.upgrade();
		expect(await stored(kept.row.id)).toMatchObject({ status: "active", suspended: 0 });
		expect(await registered(kept.row.hostname)).toMatchObject([{ status: "active" }]);
		expect(await served(kept.row.hostname)).toBe(true);

		const lost = await proDomain("planbacklost");
		await lost.downgrade();
		await setRecord(`_smartpages-challenge.${lost.row.hostname}`, "TXT", []);
		await lost.upgrade();
		expect(await stored(lost.row.id)).toMatchObject({
			status: "pending",
			suspended: 0,
			cf_hostname_id: null,
		});
		expect(await registered(lost.row.hostname)).toEqual([]);
		expect(await served(lost.row.hostname)).toBe(false);
	});
});

describe("the cron's time budget", () => {
	it("#15.3 a hanging resolver cannot hold the run past its budget, and the next run resumes with the domains not reached", async () => {
		const zone = `budget-${crypto.randomUUID().slice(0, 8)}.example.test`;
		const rows: DomainRow[] = [];
		for (let i = 0; i < 6; i += 1) rows.push(await newDomain("budget", `d${i}.${zone}`));
		await dev("/_dev/faults", { status: "hang", count: 1000, suffix: zone });
		const checked = async () =>
			new Set(
				(await Promise.all(rows.map((r) => stored(r.id))))
					.filter((r) => r?.last_checked_at)
					.map((r) => r?.id),
			);

		const budget = { concurrency: 2, startMs: 300, abortMs: 1500 };
		const started = Date.now();
		await recheckDomains(config(), Date.now(), 500, budget);
		// Sequential 5-second lookups would take 30 s; the run ends at its abort budget.
		expect(Date.now() - started).toBeLessThan(5000);
		const first = await checked();
		expect(first.size).toBeGreaterThan(0);
		expect(first.size).toBeLessThanOrEqual(2);
		const [hung] = [...first];
		expect((await stored(hung ?? ""))?.error).toMatch(/DNS check failed/);

		await recheckDomains(config(), Date.now(), 500, budget);
		const second = await checked();
		// The second run took domains the first did not reach.
		expect(second.size).toBeGreaterThan(first.size);
	});
});
