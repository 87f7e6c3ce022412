/**
 * Page items over real HTTP (issue 18): a page with a section header, a highlighted link, a link
 * whose window has ended and one that starts about 70 s ahead. The published page shows the
 * header and the highlighted link, not the ended or future one (nor redirects to them); then,
 * with no publish call, the future link appears once Core's cron has run. The cron is fired the
 * way `npm run dev` fires it — the stack's minute ticker calling wrangler's
 * `/cdn-cgi/local/scheduled` — so this also proves the local stack keeps the 60 s promise.
 * The published page stays valid HTML.
 */
import { HtmlValidate } from "html-validate";
import { afterAll, describe, expect, it } from "vitest";
import type { CreateLinkBody } from "../../packages/contracts/src/schemas/pages.ts";
import { coreCrons, startCronTicker, triggerCron } from "../../tools/stack/src/index.ts";
import { ROOT } from "../../tools/stack/src/stack.ts";
import { getWithHost, stack, until, verifiedAccount } from "../support/api.ts";

const validator = new HtmlValidate({ extends: ["html-validate:standard"] });

let ticker: { stop(): void } | null = null;
afterAll(() => ticker?.stop());

describe("scheduled items on the published page", () => {
	it("shows header and highlight, hides ended and future links, and the future link goes live without a publish", async () => {
		const { api } = await verifiedAccount();
		const created = await api.call("POST /pages", { body: { title: "Tour" } });
		const id = created.body.page.id;
		const add = async (body: CreateLinkBody) => {
			const res = await api.call("POST /pages/:id/links", { params: { id }, body });
			expect(res.status).toBe(201);
			return res.body.link.id;
		};
		await add({ kind: "header", title: "On tour <now>" });
		const hot = await add({
			title: "New album",
			url: "https://example.com/album",
			highlight: true,
		});
		const ended = await add({
			title: "Presale",
			url: "https://example.com/presale",
			endsAt: new Date(Date.now() - 60_000).toISOString(),
		});
		const startsAt = Date.now() + 70_000;
		const future = await add({
			title: "Tickets",
			url: "https://example.com/tickets",
			startsAt: new Date(startsAt).toISOString(),
		});
		const published = await api.call("POST /pages/:id/publish", { params: { id } });
		expect(published.status).toBe(200);
		const url = published.body.url;
		const page = async () => (await getWithHost(url, stack.ports.domain)).text();
		const redirect = async (linkId: string) =>
			(await getWithHost(new URL(`/_l/${linkId}`, url).href, stack.ports.domain)).status;

		const before = await page();
		expect(before).toContain('<h2 class="section">On tour &lt;now&gt;</h2>');
		expect(before).toMatch(
			/<a href="\/_l\/ln_\w+" rel="noopener noreferrer" class="hl">New album<\/a>/,
		);
		expect(before).not.toContain("Presale");
		expect(before).not.toContain("Tickets");
		const report = await validator.validateString(before);
		expect(report.results.flatMap((r) => r.messages.map((m) => m.message))).toEqual([]);
		expect(await redirect(hot)).toBe(302);
		expect(await redirect(ended)).toBe(404);
		expect(await redirect(future)).toBe(404);

		// A run before the boundary changes nothing (and proves the trigger reaches Core's cron).
		await triggerCron(stack.urls.core, "* * * * *");
		expect(await page()).not.toContain("Tickets");

		// From here on only the minute ticker of `npm run dev` runs the cron.
		ticker = startCronTicker(stack.urls.core, coreCrons(ROOT), (message) => console.error(message));
		const slowly = async () => {
			await new Promise((r) => setTimeout(r, 2000));
			return page();
		};
		const after = await until(
			slowly,
			(html) => html.includes("Tickets"),
			"the future link on the page",
			150_000,
		);
		expect(Date.now() - startsAt).toBeLessThan(62_000);
		expect(after).toContain("New album");
		expect(after).not.toContain("Presale");
		expect(await redirect(future)).toBe(302);
	}, 200_000);
});
