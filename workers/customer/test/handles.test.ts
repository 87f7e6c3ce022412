/**
 * Handle changes against real D1 and R2: D1 is the source of truth and the subdomain's host
 * mapping is derived from it, so racing or interrupted changes leave exactly one mapping — the
 * current handle's, pointing at the account's site — and no handle outside D1 stays mapped
 * (review SP-01).
 */

import { env, exports } from "cloudflare:workers";
import { type HostMapping, r2Keys } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { updateProfile } from "../src/profile/update";

/** The request context Core passes first on every call; these tests call as Core does. */
const ctx = { requestId: "test-handles" };

const customer = exports.CustomerService;
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB";

const hostKey = (handle: string) => r2Keys.host(`${handle}.${env.PAGES_DOMAIN}`);
const fresh = (tag: string) => `${tag}-${crypto.randomUUID().slice(0, 8)}`;

async function mappingOf(handle: string): Promise<HostMapping | null> {
	const object = await env.PAGES.get(hostKey(handle));
	return object ? ((await object.json()) as HostMapping) : null;
}

async function currentHandle(userId: string): Promise<string> {
	const profile = await customer.getProfile(ctx, userId);
	if (!profile.ok) throw new Error(profile.message);
	return profile.value.handle;
}

/** A verified account with a published home page, so its subdomain is mapped. */
async function publishedAccount(): Promise<{ userId: string; handle: string }> {
	const created = await customer.createUser(ctx, {
		email: `${fresh("renamer")}@example.com`,
		passwordHash: HASH,
		locale: "en",
	});
	const userId = created.user.id;
	const page = await customer.createPage(ctx, userId, { title: "Links" }, { max: 1, plan: "free" });
	if (!page.ok) throw new Error(page.message);
	const published = await customer.publishPage(ctx, userId, page.value.id, { keepVersions: 1 });
	if (!published.ok) throw new Error(published.message);
	const handle = await currentHandle(userId);
	expect(await mappingOf(handle)).toEqual({ siteId: userId, kind: "subdomain" });
	return { userId, handle };
}

/** The real bucket; the first `get` waits until `release` is called (an explicit interleaving). */
function stallingBucket(): { bucket: R2Bucket; stalled: Promise<void>; release: () => void } {
	let release = () => {};
	let reached = () => {};
	const gate = new Promise<void>((resolve) => {
		release = resolve;
	});
	const stalled = new Promise<void>((resolve) => {
		reached = resolve;
	});
	let first = true;
	const bucket = new Proxy(env.PAGES, {
		get(target, prop, receiver) {
			if (prop === "get") {
				return async (...args: Parameters<R2Bucket["get"]>) => {
					if (first) {
						first = false;
						reached();
						await gate;
					}
					return target.get(...args);
				};
			}
			const value = Reflect.get(target, prop, receiver);
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
	return { bucket, stalled, release };
}

describe("handle changes", () => {
	it("#14.2 two concurrent handle changes leave one handle in D1 and one mapping, pointing at it", async () => {
		for (let attempt = 0; attempt < 5; attempt++) {
			const { userId, handle: original } = await publishedAccount();
			const a = fresh("race-a");
			const b = fresh("race-b");
			const results = await Promise.all([
				customer.updateProfile(ctx, userId, { handle: a }),
				customer.updateProfile(ctx, userId, { handle: b }),
			]);
			expect(results.some((r) => r.ok)).toBe(true);
			for (const r of results) if (!r.ok) expect(r.code).toBe("conflict");
			const now = await currentHandle(userId);
			expect([a, b]).toContain(now);
			expect(await mappingOf(now)).toEqual({ siteId: userId, kind: "subdomain" });
			for (const other of [original, a, b].filter((h) => h !== now))
				expect(await mappingOf(other), `${other} (D1 has ${now})`).toBeNull();
		}
	});

	it("#14.2 a handle change that stalls while another one completes leaves no stale mapping", async () => {
		const { userId, handle: original } = await publishedAccount();
		const first = fresh("slow");
		const second = fresh("fast");
		const { bucket, stalled, release } = stallingBucket();
		const slow = updateProfile(env.DB, bucket, env.PAGES_DOMAIN, userId, { handle: first });
		await stalled;
		const fast = await customer.updateProfile(ctx, userId, { handle: second });
		release();
		const slowResult = await slow;
		expect(slowResult.ok || fast.ok).toBe(true);
		const now = await currentHandle(userId);
		expect(await mappingOf(now)).toEqual({ siteId: userId, kind: "subdomain" });
		for (const other of [original, first, second].filter((h) => h !== now))
			expect(await mappingOf(other), `${other} (D1 has ${now})`).toBeNull();
	});

	it("a handle given up is unmapped, and whoever gets it next is served, not the old site", async () => {
		const { userId: leaver, handle: given } = await publishedAccount();
		expect((await customer.updateProfile(ctx, leaver, { handle: fresh("moved") })).ok).toBe(true);
		expect(await mappingOf(given)).toBeNull();
		const { userId: taker } = await publishedAccount();
		expect((await customer.updateProfile(ctx, taker, { handle: given })).ok).toBe(true);
		expect(await mappingOf(given)).toEqual({ siteId: taker, kind: "subdomain" });
	});

	it("a taken handle is refused with handle_taken and nothing changes", async () => {
		const { userId: owner, handle: taken } = await publishedAccount();
		const { userId, handle } = await publishedAccount();
		const result = await customer.updateProfile(ctx, userId, { handle: taken, displayName: "X" });
		expect(!result.ok && result.code).toBe("handle_taken");
		expect(await currentHandle(userId)).toBe(handle);
		expect(await mappingOf(taken)).toEqual({ siteId: owner, kind: "subdomain" });
		expect(await mappingOf(handle)).toEqual({ siteId: userId, kind: "subdomain" });
	});

	it("a patch without a handle writes only the fields it sends", async () => {
		const { userId, handle } = await publishedAccount();
		await Promise.all([
			customer.updateProfile(ctx, userId, { displayName: "Anna" }),
			customer.updateProfile(ctx, userId, { bio: "Links" }),
		]);
		const profile = await customer.getProfile(ctx, userId);
		expect(profile.ok && profile.value).toMatchObject({
			handle,
			displayName: "Anna",
			bio: "Links",
		});
	});
});
