/**
 * The periodic domain re-check against the real DNS and Cloudflare stand-ins: pending domains
 * become active or fail after 72 h; an active domain that loses its TXT record is taken offline
 * after the grace period. Competing claims of one hostname: unproven claims never block, the first
 * account to prove its TXT record wins, stale claims expire.
 */

import { env } from "cloudflare:workers";
import { r2Keys } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { getCustomHostname } from "../src/domains/cloudflare";
import {
	claimDomain,
	type DomainConfig,
	type DomainRow,
	deleteDomain,
	enforceDomainLimit,
	listDomains,
	recheckDomains,
	verifyDomain,
	verifyDomainById,
} from "../src/domains/domains";
import { exportAccount } from "../src/users/account";
import { createUser } from "../src/users/store";
import { testDomains } from "./support/site";

const HOUR = 3600 * 1000;
const config = (): DomainConfig => testDomains();

async function setRecord(name: string, type: "TXT" | "CNAME", values: string[]) {
	await fetch(`${env.TEST_DNS}/_dev/dns/${name}/${type}`, {
		method: "PUT",
		body: JSON.stringify({ values }),
	});
}

async function newDomain(tag: string) {
	const user = await createUser(env.DB, {
		email: `${tag}-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "en",
	});
	const hostname = `${tag}-${crypto.randomUUID().slice(0, 8)}.example.test`;
	const claimed = await claimDomain(config(), user.user.id, hostname, { max: 3, plan: "pro" });
	if (!claimed.ok) throw new Error(claimed.message);
	return claimed.value;
}

describe("recheckDomains", () => {
	it("activates a pending domain whose records appeared, and reports it", async () => {
		const row = await newDomain("later");
		await setRecord(`_smartpages-challenge.${row.hostname}`, "TXT", [row.txt_token]);
		await setRecord(row.hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);
		const notices = await recheckDomains(config(), Date.now(), 500);
		expect(notices).toContainEqual({
			userId: row.user_id,
			template: "domain_active",
			hostname: row.hostname,
		});
		expect(await env.PAGES.head(r2Keys.host(row.hostname))).not.toBeNull();
	});

	it("fails a domain still pending after 72 hours, with a reason", async () => {
		const row = await newDomain("stale");
		const notices = await recheckDomains(config(), Date.now() + 73 * HOUR, 500);
		const notice = notices.find((n) => n.hostname === row.hostname);
		expect(notice).toMatchObject({ template: "domain_failed" });
		const stored = await env.DB.prepare("SELECT status, error FROM domains WHERE id = ?")
			.bind(row.id)
			.first<{ status: string; error: string }>();
		expect(stored?.status).toBe("failed");
		expect(stored?.error.length).toBeGreaterThan(5);
	});

	it("takes an active domain offline only after its TXT record has been gone for the grace period", async () => {
		const row = await newDomain("gone");
		await setRecord(`_smartpages-challenge.${row.hostname}`, "TXT", [row.txt_token]);
		await setRecord(row.hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);
		expect((await verifyDomain(config(), row)).becameActive).toBe(true);
		await setRecord(`_smartpages-challenge.${row.hostname}`, "TXT", []);
		const dayLater = Date.now() + 25 * HOUR;
		await recheckDomains(config(), dayLater, 500);
		expect(await env.PAGES.head(r2Keys.host(row.hostname))).not.toBeNull();
		const notices = await recheckDomains(config(), dayLater + 74 * HOUR, 500);
		expect(notices.find((n) => n.hostname === row.hostname)).toMatchObject({
			template: "domain_failed",
		});
		expect(await env.PAGES.head(r2Keys.host(row.hostname))).toBeNull();
	});

	it("releases the Cloudflare custom hostname of a domain that fails", async () => {
		const row = await newDomain("release");
		// Ownership proven, but no CNAME yet: Cloudflare keeps the hostname pending (verifying).
		await setRecord(`_smartpages-challenge.${row.hostname}`, "TXT", [row.txt_token]);
		const verifying = (await verifyDomain(config(), row)).domain;
		expect(verifying.status).toBe("verifying");
		const hostnameId = verifying.cf_hostname_id ?? "";
		expect((await getCustomHostname(config().cloudflare, hostnameId)).id).toBe(hostnameId);

		await recheckDomains(config(), Date.now() + 73 * HOUR, 500);
		const stored = await env.DB.prepare("SELECT status, cf_hostname_id FROM domains WHERE id = ?")
			.bind(row.id)
			.first<{ status: string; cf_hostname_id: string | null }>();
		expect(stored).toEqual({ status: "failed", cf_hostname_id: null });
		await expect(getCustomHostname(config().cloudflare, hostnameId)).rejects.toThrow();
	});

	it("a customer's check of a failed domain starts a new 72-hour window", async () => {
		const row = await newDomain("again");
		await recheckDomains(config(), Date.now() + 73 * HOUR, 500);
		const failed = await env.DB.prepare("SELECT * FROM domains WHERE id = ?")
			.bind(row.id)
			.first<DomainRow>();
		if (!failed) throw new Error("domain row missing");
		expect(failed.status).toBe("failed");

		// "Check now" without the records: back to pending, with a fresh window.
		expect((await verifyDomain(config(), failed)).domain.status).toBe("pending");
		const soon = await recheckDomains(config(), Date.now() + HOUR, 500);
		expect(soon.find((n) => n.hostname === row.hostname)).toBeUndefined();
		const later = await recheckDomains(config(), Date.now() + 73 * HOUR, 500);
		expect(later.find((n) => n.hostname === row.hostname)).toMatchObject({
			template: "domain_failed",
		});
	});

	it("a domain claim is part of the account's data export", async () => {
		const row = await newDomain("export");
		const exported = await exportAccount(
			env.DB,
			{ pagesDomain: "pages.test", urlTemplate: "https://{host}" },
			row.user_id,
		);
		if (!exported.ok) throw new Error(exported.message);
		expect((exported.value as { domains: unknown[] }).domains).toEqual([
			expect.objectContaining({
				id: row.id,
				hostname: row.hostname,
				status: "pending",
				verificationValue: row.txt_token,
			}),
		]);
	});
});

/** A Pro account of its own; every competing-claim test uses fresh accounts and hostnames. */
async function newAccount(tag: string): Promise<string> {
	const user = await createUser(env.DB, {
		email: `${tag}-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "en",
	});
	return user.user.id;
}

async function claimAs(userId: string, hostname: string): Promise<DomainRow> {
	const claimed = await claimDomain(config(), userId, hostname, { max: 3, plan: "pro" });
	if (!claimed.ok) throw new Error(`${claimed.code}: ${claimed.message}`);
	return claimed.value;
}

async function stored(id: string): Promise<DomainRow | null> {
	return env.DB.prepare("SELECT * FROM domains WHERE id = ?").bind(id).first<DomainRow>();
}

async function servedBy(hostname: string): Promise<string | null> {
	const mapping = await env.PAGES.get(r2Keys.host(hostname));
	return mapping ? (await mapping.json<{ siteId: string }>()).siteId : null;
}

const freshHost = (tag: string) => `${tag}-${crypto.randomUUID().slice(0, 8)}.example.test`;
const DAY = 24 * HOUR;

describe("competing claims of one hostname", () => {
	it("#14.13 an unverified claim does not block another account, and the first to prove the TXT record wins", async () => {
		const squatter = await newAccount("squatter");
		const owner = await newAccount("owner");
		const hostname = freshHost("brand");
		const squat = await claimAs(squatter, hostname);

		// The real owner can claim too, with a TXT value of their own.
		const claim = await claimAs(owner, hostname);
		expect(claim.txt_token).not.toBe(squat.txt_token);

		await setRecord(`_smartpages-challenge.${hostname}`, "TXT", [claim.txt_token]);
		await setRecord(hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);
		const outcome = await verifyDomain(config(), claim);
		expect(outcome).toMatchObject({ becameActive: true, domain: { status: "active" } });
		expect(await servedBy(hostname)).toBe(owner);

		// The squatter's claim is no longer pending, and says why.
		const lost = await stored(squat.id);
		expect(lost?.status).toBe("failed");
		expect(lost?.error).toMatch(/another SmartPages account/);

		// Even with its own TXT value published next to the owner's, the loser cannot take over.
		await setRecord(`_smartpages-challenge.${hostname}`, "TXT", [squat.txt_token, claim.txt_token]);
		const again = await verifyDomainById(config(), squatter, squat.id);
		expect(again.ok && again.value.domain.status).toBe("failed");
		expect(await servedBy(hostname)).toBe(owner);

		// Now that ownership is proven, a third account is refused.
		const third = await claimDomain(config(), await newAccount("third"), hostname, {
			max: 3,
			plan: "pro",
		});
		expect(third).toMatchObject({ ok: false, code: "domain_taken" });
	});

	it("#14.13 two verifications at once, both with a valid TXT record: exactly one claim is proven", async () => {
		const first = await newAccount("first");
		const second = await newAccount("second");
		const hostname = freshHost("race");
		const a = await claimAs(first, hostname);
		const b = await claimAs(second, hostname);
		await setRecord(`_smartpages-challenge.${hostname}`, "TXT", [a.txt_token, b.txt_token]);
		await setRecord(hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);

		const outcomes = await Promise.all([verifyDomain(config(), a), verifyDomain(config(), b)]);
		expect(outcomes.map((o) => o.domain.status).sort()).toEqual(["active", "failed"]);
		expect(outcomes.filter((o) => o.becameActive)).toHaveLength(1);
		const winner = outcomes.find((o) => o.becameActive)?.domain.user_id;
		const { results } = await env.DB.prepare(
			"SELECT user_id, status FROM domains WHERE hostname = ? ORDER BY status",
		)
			.bind(hostname)
			.all<{ user_id: string; status: string }>();
		expect(results).toEqual([
			{ user_id: winner, status: "active" },
			{ user_id: winner === first ? second : first, status: "failed" },
		]);
		expect(await servedBy(hostname)).toBe(winner);
	});

	it("#14.13 a losing claim that is checked, failed, suspended or deleted leaves the winner's host serving", async () => {
		const loser = await newAccount("loser");
		const winner = await newAccount("winner");
		const hostname = freshHost("keep");
		const lost = await claimAs(loser, hostname);
		const won = await claimAs(winner, hostname);
		await setRecord(`_smartpages-challenge.${hostname}`, "TXT", [won.txt_token]);
		await setRecord(hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);
		expect((await verifyDomain(config(), won)).becameActive).toBe(true);

		const failed = await stored(lost.id);
		if (!failed) throw new Error("losing claim missing");
		await verifyDomain(config(), failed);
		await recheckDomains(config(), Date.now() + 73 * HOUR, 500);
		await enforceDomainLimit(config(), loser, 0);
		expect(await servedBy(hostname)).toBe(winner);
		const removed = await deleteDomain(config(), loser, lost.id);
		expect(removed.ok).toBe(true);
		expect(await servedBy(hostname)).toBe(winner);
		expect((await stored(won.id))?.status).toBe("active");
	});

	it("#14.13 stale unproven claims expire: failed after 72 hours, released after 7 days", async () => {
		const user = await newAccount("expire");
		const row = await claimAs(user, freshHost("stale"));
		await recheckDomains(config(), Date.now() + 73 * HOUR, 500);
		expect((await stored(row.id))?.status).toBe("failed");
		await recheckDomains(config(), Date.now() + 6 * DAY, 500);
		expect(await stored(row.id)).not.toBeNull();
		await recheckDomains(config(), Date.now() + 8 * DAY, 500);
		expect(await stored(row.id)).toBeNull();

		// On read, too: the account's list drops its own expired claims before the cron gets to them.
		const late = await claimAs(user, freshHost("late"));
		await env.DB.prepare("UPDATE domains SET status = 'failed', last_checked_at = ? WHERE id = ?")
			.bind(new Date(Date.now() - 8 * DAY).toISOString(), late.id)
			.run();
		expect((await listDomains(env.DB, user)).map((d) => d.id)).not.toContain(late.id);
		expect(await stored(late.id)).toBeNull();
	});

	it("a claim by the same account twice is refused, and an active or suspended domain stays taken", async () => {
		const user = await newAccount("twice");
		const hostname = freshHost("twice");
		const row = await claimAs(user, hostname);
		expect(await claimDomain(config(), user, hostname, { max: 3, plan: "pro" })).toMatchObject({
			ok: false,
			code: "domain_taken",
		});
		await setRecord(`_smartpages-challenge.${hostname}`, "TXT", [row.txt_token]);
		await setRecord(hostname, "CNAME", [env.CUSTOM_DOMAIN_TARGET]);
		await verifyDomain(config(), row);
		await enforceDomainLimit(config(), user, 0);
		expect((await stored(row.id))?.suspended).toBe(1);
		const other = await claimDomain(config(), await newAccount("other"), hostname, {
			max: 3,
			plan: "pro",
		});
		expect(other).toMatchObject({ ok: false, code: "domain_taken" });
	});
});
