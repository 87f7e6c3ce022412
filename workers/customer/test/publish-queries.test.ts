/**
 * The cost of a publish (issues 16 and 22.5): every D1 statement and every R2 read the Customer
 * Worker makes for one `POST /pages/:id/publish` — the one Customer call Core's route makes —
 * counted by proxies over the real bindings (each `first`/`all`/`run`/`raw` of a prepared
 * statement, each statement inside a `batch`; each R2 `get`/`head`). The page was published before
 * (the usual republish after an edit). And a Pro page at its limit of 250 links publishes and
 * renders every link.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { entitlementsFor, r2Keys, type SiteManifest } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { CustomerService } from "../src/index";

/** The request context Core passes first on every call; these tests call as Core does. */
const ctx = { requestId: "test-publish-queries" };

/** `env.DB` with a counter of the statements it executes. */
function countingDb(): { db: D1Database; count: () => number; reset: () => void } {
	let n = 0;
	const statement = (inner: D1PreparedStatement): D1PreparedStatement =>
		new Proxy(inner, {
			get(target, property) {
				if (property === "bind") return (...values: unknown[]) => statement(target.bind(...values));
				if (["first", "all", "run", "raw"].includes(String(property))) {
					return (...args: unknown[]) => {
						n += 1;
						return (Reflect.get(target, property) as (...a: unknown[]) => unknown).apply(
							target,
							args,
						);
					};
				}
				const value = Reflect.get(target, property);
				return typeof value === "function" ? value.bind(target) : value;
			},
		});
	// The statements handed to `batch` are our proxies; D1 needs the real ones.
	const unwrapped = new WeakMap<D1PreparedStatement, D1PreparedStatement>();
	const tracked = (inner: D1PreparedStatement) => {
		const proxy = statement(inner);
		unwrapped.set(proxy, inner);
		return proxy;
	};
	const real = (s: D1PreparedStatement): D1PreparedStatement => unwrapped.get(s) ?? s;
	const db = new Proxy(env.DB, {
		get(target, property) {
			if (property === "prepare") return (sql: string) => tracked(target.prepare(sql));
			if (property === "batch") {
				return (statements: D1PreparedStatement[]) => {
					n += statements.length;
					return target.batch(statements.map(real));
				};
			}
			const value = Reflect.get(target, property);
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
	return {
		db,
		count: () => n,
		reset: () => {
			n = 0;
		},
	};
}

/** `env.PAGES` with a counter of the reads made through it. */
function countingBucket(): { bucket: R2Bucket; reads: () => number; reset: () => void } {
	let n = 0;
	const bucket = new Proxy(env.PAGES, {
		get(target, property) {
			const value = Reflect.get(target, property);
			if (typeof value !== "function") return value;
			return (...args: unknown[]) => {
				if (property === "get" || property === "head") n += 1;
				return Reflect.apply(value, target, args);
			};
		},
	});
	return {
		bucket,
		reads: () => n,
		reset: () => {
			n = 0;
		},
	};
}

/** A confirmed Pro account with a page of `links` links, published once; the counting service. */
async function proPage(links: number, pages = 1) {
	const counter = countingDb();
	const r2 = countingBucket();
	const customer = new CustomerService(createExecutionContext(), {
		...env,
		DB: counter.db,
		PAGES: r2.bucket,
	});
	const created = await customer.createUser(ctx, {
		email: `queries-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "en",
	});
	const userId = created.user.id;
	await env.DB.prepare(
		"UPDATE users SET email_verified_at = ?, plan_id = 'pro', plan_status = 'active' WHERE id = ?",
	)
		.bind(new Date().toISOString(), userId)
		.run();
	const limit = {
		max: entitlementsFor({ id: "pro", status: "active" }).maxLinksPerPage,
		plan: "pro",
	};
	const pageIds: string[] = [];
	for (let p = 0; p < pages; p++) {
		const page = await customer.createPage(
			ctx,
			userId,
			{ title: `Links ${p}` },
			{ max: 10, plan: "pro" },
		);
		if (!page.ok) throw new Error(page.message);
		pageIds.push(page.value.id);
	}
	const [pageId = ""] = pageIds;
	for (let i = 0; i < links; i++) {
		const link = await customer.createLink(
			ctx,
			userId,
			pageId,
			{ title: `Link ${i}`, url: `https://example.com/${i}` },
			limit,
		);
		if (!link.ok) throw new Error(link.message);
	}
	for (const id of pageIds) {
		expect((await customer.publishPage(ctx, userId, id, { requireVerifiedEmail: true })).ok).toBe(
			true,
		);
	}
	await customer.updatePage(ctx, userId, pageId, { title: "Links, edited" });
	return { customer, counter, r2, userId, pageId };
}

describe("#16 #22.5 the cost of a publish", () => {
	it("#16 publish of a 20-link page makes at most 9 D1 statements and one R2 read", async () => {
		const { customer, counter, r2, userId, pageId } = await proPage(20);
		// What the route calls (workers/core/src/routes/pages/publishing.ts): the publish alone,
		// which reads the account (plan, address state, profile) itself, once.
		counter.reset();
		r2.reset();
		const published = await customer.publishPage(ctx, userId, pageId, {
			requireVerifiedEmail: true,
		});
		expect(published.ok && published.value.version).toBe(2);
		// Before issue 16: 25 statements. Issue 16: 10 (getPlan 1; tenant 2; the page with its
		// counts, its links, the canonical domain 3; the version, the switch, the manifest's pages 3;
		// the handle's owner 1), issue 18: 12 (thumbnails and backgrounds, 2). Issue 22.5: 9 — Core
		// reads no plan (the tenant's user row has it), the canonical domain is a subquery of the
		// tenant's profile statement, thumbnails and backgrounds are one UNION: tenant 2; the page,
		// its links 2; the version, the switch 2; the manifest's pages, its images 2; the handle 1.
		expect(counter.count()).toBeLessThanOrEqual(9);
		// R2: only the subdomain's host mapping (checked against D1's owner); the version's link
		// map comes from the render, and with no other page published the old manifest is not read.
		expect(r2.reads()).toBe(1);
	});

	it("#22.5 with other pages published, their link maps come from one read of the old manifest", async () => {
		const { customer, r2, userId, pageId } = await proPage(3, 4);
		r2.reset();
		expect((await customer.publishPage(ctx, userId, pageId, {})).ok).toBe(true);
		// The mapping and the old manifest, however many pages are published (before: one read of
		// each published version's link map, plus the mapping).
		expect(r2.reads()).toBe(2);
		const manifest = (await (await env.PAGES.get(r2Keys.manifest(userId)))?.json()) as SiteManifest;
		const refs = Object.values(manifest.pages);
		expect(refs).toHaveLength(4);
		for (const ref of refs) {
			const stored = await (await env.PAGES.get(r2Keys.pageLinks(ref.key)))?.json();
			expect(ref.links).toEqual(stored);
		}
	});

	it("#22.5 a Pro page with 250 links publishes with the same statements and renders every link", async () => {
		const { customer, counter, userId, pageId } = await proPage(250);
		counter.reset();
		const published = await customer.publishPage(ctx, userId, pageId, {
			requireVerifiedEmail: true,
		});
		if (!published.ok) throw new Error(published.message);
		expect(counter.count()).toBeLessThanOrEqual(9);
		const manifest = (await (await env.PAGES.get(r2Keys.manifest(userId)))?.json()) as SiteManifest;
		const ref = Object.values(manifest.pages).find((p) => p.pageId === pageId);
		if (!ref) throw new Error("the page is not in the manifest");
		const links = ref.links ?? {};
		expect(Object.keys(links)).toHaveLength(250);
		const html = (await (await env.PAGES.get(ref.key))?.text()) ?? "";
		// Every link, in order, as a counted `/_l/` link whose target is in the manifest's map.
		const hrefs = [...html.matchAll(/href="\/_l\/([^"]+)"/g)].map((m) => m[1] ?? "");
		expect(hrefs).toHaveLength(250);
		expect(hrefs.map((id) => links[id])).toEqual(
			Array.from({ length: 250 }, (_, i) => `https://example.com/${i}`),
		);
		const titles = [...html.matchAll(/>Link (\d+)</g)].map((m) => Number(m[1]));
		expect(titles).toEqual(Array.from({ length: 250 }, (_, i) => i));
		expect(html).toMatch(/^<!doctype html>/i);
		expect(html).not.toMatch(/<script/i);
	}, 120_000);
});
