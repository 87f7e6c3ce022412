/**
 * Plan limits at publish time against real D1 and R2 (issue 14 item 5): a page goes live only
 * while the plan stored in D1 allows it — at most `maxPages` published pages and at most
 * `maxLinksPerPage` enabled links on the page — checked again in the statement that switches
 * it, so a concurrent publish or a downgrade in between cannot slip past. Over the limit: 402
 * with the limit, and nothing published (no version, no object, no manifest change).
 */
import { env } from "cloudflare:workers";
import { r2Keys, type SiteManifest, type SubscriptionChange } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { applySubscription } from "../src/billing/plan";
import { createLink } from "../src/links/store";
import { createPage } from "../src/pages/store";
import { publishPage, restoreVersion } from "../src/publish/publish";
import { createUser } from "../src/users/store";
import { testDomains, testSite } from "./support/site";

const site = (db: D1Database = env.DB) => ({ ...testSite({ db }), domains: testDomains({ db }) });
const KEEP = { keepVersions: 3 };
// Pages and links as a Pro period left them (creation is limited by Core's paywall, not here).
const ROOMY = { max: 250, plan: "pro" };

async function account(plan: "free" | "pro" = "free") {
	const { user } = await createUser(env.DB, {
		email: `limits-${crypto.randomUUID()}@example.com`,
		passwordHash: "x",
		locale: "en",
	});
	const customerId = `cus_${crypto.randomUUID().slice(0, 12)}`;
	await env.DB.prepare(
		"UPDATE users SET plan_id = ?, plan_status = ?, stripe_customer_id = ? WHERE id = ?",
	)
		.bind(plan, plan === "pro" ? "active" : "none", customerId, user.id)
		.run();
	return { userId: user.id, customerId };
}

async function page(userId: string, title: string, links: number) {
	const created = await createPage(env.DB, userId, { title }, ROOMY);
	if (!created.ok) throw new Error(created.message);
	for (let i = 0; i < links; i++) {
		await createLink(
			env.DB,
			userId,
			created.value.id,
			{ title: `L${i}`, url: `https://example.com/${i}` },
			ROOMY,
		);
	}
	return created.value.id;
}

async function manifest(userId: string): Promise<SiteManifest | null> {
	return ((await (await env.PAGES.get(r2Keys.manifest(userId)))?.json()) ??
		null) as SiteManifest | null;
}

async function stored(userId: string, pageId: string) {
	const versions = await env.DB.prepare(
		"SELECT COUNT(*) AS n FROM page_versions WHERE page_id = ? AND user_id = ?",
	)
		.bind(pageId, userId)
		.first<{ n: number }>();
	const objects = await env.PAGES.list({ prefix: r2Keys.pagePrefix(userId, pageId) });
	const row = await env.DB.prepare("SELECT status FROM pages WHERE id = ?")
		.bind(pageId)
		.first<{ status: string }>();
	return { versions: versions?.n ?? 0, objects: objects.objects.length, status: row?.status };
}

const downgrade = (customerId: string): SubscriptionChange => ({
	customerId,
	subscriptionId: "sub_limits",
	userId: null,
	plan: "free",
	status: "canceled",
	interval: "month",
	currentPeriodEnd: null,
	cancelAtPeriodEnd: false,
});

describe("#14.5 plan limits at publish time", () => {
	it("#14.5 a free account with a live page cannot publish another: 402 maxPages, nothing published", async () => {
		const { userId } = await account("free");
		const home = await page(userId, "Home", 1);
		const extra = await page(userId, "Extra", 1);
		expect((await publishPage(site(), userId, home, KEEP)).ok).toBe(true);
		const before = await manifest(userId);

		const refused = await publishPage(site(), userId, extra, KEEP);
		expect(refused).toMatchObject({
			ok: false,
			code: "plan_limit_reached",
			limit: { name: "maxPages", max: 1, plan: "free" },
		});
		expect(await stored(userId, extra)).toEqual({ versions: 0, objects: 0, status: "draft" });
		expect(await manifest(userId)).toEqual(before);
		// Re-publishing the live page needs no new slot.
		expect((await publishPage(site(), userId, home, KEEP)).ok).toBe(true);
	});

	it("#14.5 a page with more enabled links than the plan allows cannot be published (402 maxLinksPerPage)", async () => {
		const { userId } = await account("free");
		const home = await page(userId, "Home", 16);
		const refused = await publishPage(site(), userId, home, KEEP);
		expect(refused).toMatchObject({
			ok: false,
			code: "plan_limit_reached",
			limit: { name: "maxLinksPerPage", max: 15, plan: "free" },
		});
		expect(await stored(userId, home)).toEqual({ versions: 0, objects: 0, status: "draft" });
		// A disabled link is not on the page: with 15 enabled it publishes.
		await env.DB.prepare(
			"UPDATE links SET enabled = 0 WHERE id = (SELECT id FROM links WHERE page_id = ? LIMIT 1)",
		)
			.bind(home)
			.run();
		expect((await publishPage(site(), userId, home, KEEP)).ok).toBe(true);
	});

	it("#14.5 after a downgrade the suspended pages cannot be published again, nor a page with too many links", async () => {
		const { userId, customerId } = await account("pro");
		const home = await page(userId, "Home", 30);
		const second = await page(userId, "Second", 2);
		const third = await page(userId, "Third", 2);
		for (const id of [home, second, third]) {
			expect((await publishPage(site(), userId, id, KEEP)).ok).toBe(true);
		}
		const ended = await applySubscription(site(), `evt_${crypto.randomUUID()}`, "x", {
			...downgrade(customerId),
		});
		expect(ended.ok && ended.value.after?.id).toBe("free");
		// Online stays what Free allows: one page, within the link limit (the home page has 30).
		const online = Object.values((await manifest(userId))?.pages ?? {}).map((p) => p.pageId);
		expect(online).toEqual([second]);

		for (const id of [home, third]) {
			const again = await publishPage(site(), userId, id, KEEP);
			expect(again).toMatchObject({ ok: false, code: "plan_limit_reached" });
		}
		expect(Object.values((await manifest(userId))?.pages ?? {}).map((p) => p.pageId)).toEqual([
			second,
		]);
	});

	it("#14.5 two pages published at once on Free: exactly one goes live", async () => {
		const { userId } = await account("free");
		const pages = [await page(userId, "One", 1), await page(userId, "Two", 1)];
		const results = await Promise.all(pages.map((id) => publishPage(site(), userId, id, KEEP)));
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok && r.code === "plan_limit_reached")).toHaveLength(1);
		const live = await env.DB.prepare(
			"SELECT COUNT(*) AS n FROM pages WHERE user_id = ? AND status = 'published'",
		)
			.bind(userId)
			.first<{ n: number }>();
		expect(live?.n).toBe(1);
		expect(Object.keys((await manifest(userId))?.pages ?? {})).toHaveLength(1);
	});

	it("#14.5 a downgrade landing between the check and the switch: the page does not go live", async () => {
		const { userId } = await account("pro");
		const home = await page(userId, "Home", 1);
		const extra = await page(userId, "Extra", 1);
		expect((await publishPage(site(), userId, home, KEEP)).ok).toBe(true);
		// A D1 where the downgrade's write lands right before the publish's switch.
		const racingDb = new Proxy(env.DB, {
			get(target, key) {
				if (key !== "prepare") return Reflect.get(target, key).bind(target);
				return (sql: string) => {
					const statement = target.prepare(sql);
					if (!sql.startsWith("UPDATE pages SET status = 'published'")) return statement;
					return {
						bind: (...values: unknown[]) => ({
							first: async () => {
								await target
									.prepare(
										"UPDATE users SET plan_id = 'free', plan_status = 'canceled', plan_revision = plan_revision + 1 WHERE id = ?",
									)
									.bind(userId)
									.run();
								return statement.bind(...values).first();
							},
						}),
					};
				};
			},
		});
		const raced = await publishPage(site(racingDb), userId, extra, KEEP);
		expect(raced).toMatchObject({ ok: false, code: "plan_limit_reached" });
		expect(await stored(userId, extra)).toEqual({ versions: 0, objects: 0, status: "draft" });
		expect(Object.values((await manifest(userId))?.pages ?? {}).map((p) => p.pageId)).toEqual([
			home,
		]);
	});

	it("#14.5 restore asks the plan in D1: on Free it is 402 plan_required and nothing changes", async () => {
		const { userId, customerId } = await account("pro");
		const home = await page(userId, "Home", 1);
		await publishPage(site(), userId, home, KEEP);
		await publishPage(site(), userId, home, KEEP);
		await applySubscription(site(), `evt_${crypto.randomUUID()}`, "x", downgrade(customerId));
		const restored = await restoreVersion(site(), userId, home, 1);
		expect(restored).toMatchObject({
			ok: false,
			code: "plan_required",
			limit: { name: "versionHistory", max: 0, plan: "free" },
		});
		expect((await manifest(userId))?.pages[""]?.version).toBe(2);
	});
});
