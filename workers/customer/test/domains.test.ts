/**
 * The periodic domain re-check against the real DNS and Cloudflare stand-ins: pending domains
 * become active or fail after 72 h; an active domain that loses its TXT record is taken offline
 * after the grace period.
 */

import { env } from "cloudflare:workers";
import { r2Keys } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { getCustomHostname } from "../src/domains/cloudflare";
import {
	claimDomain,
	type DomainConfig,
	type DomainRow,
	recheckDomains,
	verifyDomain,
} from "../src/domains/domains";
import { exportAccount } from "../src/users/account";
import { createUser } from "../src/users/store";

const HOUR = 3600 * 1000;
const config = (): DomainConfig => ({
	db: env.DB,
	bucket: env.PAGES,
	dohUrl: env.DOH_URL,
	target: env.CUSTOM_DOMAIN_TARGET,
	cloudflare: { apiBase: env.CF_API_BASE, zoneId: "zone_test", token: undefined },
	reserved: ["localhost"],
});

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
		const exported = await exportAccount(env.DB, row.user_id);
		if (!exported.ok) throw new Error(exported.message);
		expect((exported.value as { domains: unknown[] }).domains).toEqual([
			expect.objectContaining({
				id: row.id,
				hostname: row.hostname,
				status: "pending",
				verification_value: row.txt_token,
			}),
		]);
	});
});
