/**
 * Concurrency: racing requests end in one consistent outcome.
 */
import { describe, expect, it } from "vitest";
import {
	client,
	getWithHost,
	PASSWORD,
	stack,
	uniqueEmail,
	verifiedAccount,
} from "../support/api.ts";

describe("concurrent requests", () => {
	it("concurrent sign-ups with one e-mail create exactly one account", async () => {
		const email = uniqueEmail("race");
		const results = await Promise.all(
			Array.from({ length: 5 }, () =>
				client().call("POST /auth/signup", { body: { email, password: PASSWORD } }),
			),
		);
		expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
		expect(results.filter((r) => r.headers.get("Set-Cookie")).length).toBe(1);
		const logins = await client().call("POST /auth/login", { body: { email, password: PASSWORD } });
		expect(logins.status).toBe(200);
	});

	it("a double-submitted publish yields two versions and serves the newest, whole", async () => {
		const { api } = await verifiedAccount();
		const page = (await api.call("POST /pages", { body: { title: "Twice" } })).body.page;
		await api.call("POST /pages/:id/links", {
			params: { id: page.id },
			body: { title: "Only link", url: "https://example.com/" },
		});
		const [a, b] = await Promise.all([
			api.call("POST /pages/:id/publish", { params: { id: page.id } }),
			api.call("POST /pages/:id/publish", { params: { id: page.id } }),
		]);
		expect([a.status, b.status]).toEqual([200, 200]);
		expect(new Set([a.body.version, b.body.version]).size).toBe(2);
		const served = await getWithHost(a.body.url, stack.ports.domain);
		expect(served.status).toBe(200);
		const html = await served.text();
		expect(html).toContain("Only link");
		expect(html.endsWith("</html>")).toBe(true);
	});

	it("concurrent reorders of one page leave one of the submitted orders, never a mix", async () => {
		const { api } = await verifiedAccount();
		const page = (await api.call("POST /pages", { body: { title: "Order" } })).body.page;
		const ids: string[] = [];
		for (const title of ["A", "B", "C", "D"]) {
			ids.push(
				(
					await api.call("POST /pages/:id/links", {
						params: { id: page.id },
						body: {
							title,
							url: "https://example.com/",
						},
					})
				).body.link.id,
			);
		}
		const orders = [
			[...ids].reverse(),
			[ids[1], ids[0], ids[3], ids[2]],
			[ids[2], ids[3], ids[0], ids[1]],
		] as string[][];
		const results = await Promise.all(
			orders.map((order) =>
				api.call("PUT /pages/:id/links/order", { params: { id: page.id }, body: { ids: order } }),
			),
		);
		expect(results.every((r) => r.status === 200)).toBe(true);
		const final = (await api.call("GET /pages/:id/links", { params: { id: page.id } })).body.links;
		expect(final.map((l) => l.position)).toEqual([0, 1, 2, 3]);
		expect(orders.map((o) => o.join())).toContain(final.map((l) => l.id).join());
	});
});
