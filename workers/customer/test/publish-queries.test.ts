/**
 * The D1 cost of a publish (issue 16): every statement the Customer Worker executes for one
 * `POST /pages/:id/publish` — the Customer calls Core's route makes, in its order — counted by a
 * proxy over the real D1 binding (each `first`/`all`/`run`/`raw` of a prepared statement, and each
 * statement inside a `batch`). The page has 20 links and was published before (the usual
 * republish after an edit); the plan cache in Core is cold, so its `getPlan` call counts too.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { entitlementsFor } from "@smartpages/contracts";
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

describe("#16 the D1 cost of a publish", () => {
	it("#16 publish of a 20-link page makes at most 12 D1 statements", async () => {
		const counter = countingDb();
		const customer = new CustomerService(createExecutionContext(), { ...env, DB: counter.db });
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
		const limit = { max: 250, plan: "pro" };
		const page = await customer.createPage(ctx, userId, { title: "Links" }, limit);
		if (!page.ok) throw new Error(page.message);
		const pageId = page.value.id;
		for (let i = 0; i < 20; i++) {
			await customer.createLink(
				ctx,
				userId,
				pageId,
				{ title: `Link ${i}`, url: `https://example.com/${i}` },
				limit,
			);
		}
		const keepVersions = Math.max(
			1,
			entitlementsFor({ id: "pro", status: "active" }).maxRestorableVersions,
		);
		expect((await customer.publishPage(ctx, userId, pageId, { keepVersions })).ok).toBe(true);
		await customer.updatePage(ctx, userId, pageId, { title: "Links, edited" });

		// What the route calls (workers/core/src/routes/pages/publishing.ts), cold plan cache:
		// the plan (for the versions kept), then the publish, which checks the address itself.
		counter.reset();
		expect((await customer.getPlan(ctx, userId)).ok).toBe(true);
		const published = await customer.publishPage(ctx, userId, pageId, {
			keepVersions,
			requireVerifiedEmail: true,
		});
		expect(published.ok && published.value.version).toBe(2);
		// Before issue 16: 25 statements — `getAccount`, `getPlan` and `publishPage` read the user
		// row 6 times and the profile 5 times, and the plan was checked twice in a batch of three.
		// Then 10: getPlan 1; tenant (user, profile with its handles) 2; the page with its counts,
		// its links, the canonical domain 3; the version, the switch, the manifest's pages 3; the
		// handle's owner 1. Issue 18 adds 2: the manifest lists the thumbnails (links) and the
		// background images (pages) the site names.
		expect(counter.count()).toBeLessThanOrEqual(12);
	});
});
