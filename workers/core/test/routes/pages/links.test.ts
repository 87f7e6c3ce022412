/**
 * The Links routes' page items (src/routes/pages/links.ts, issue 18): section headers, the
 * highlighted link (one per page: highlighting another moves it) and schedule windows, through
 * create, update and list, end to end in workerd (Core → Customer → D1). Bad input — wrong types,
 * a header with a URL, a window that ends before it starts, hostile strings, another account's
 * ids — answers 4xx and changes nothing.
 */
import type { Link } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { type Account, account, call } from "../../support/request";

async function pageOf(owner: Account): Promise<string> {
	const page = await call("POST /pages", { as: owner, body: { title: "Items" } });
	expect(page.status).toBe(201);
	return page.body.page.id;
}

async function listed(owner: Account, id: string): Promise<Link[]> {
	const list = await call("GET /pages/:id/links", { as: owner, params: { id } });
	expect(list.status).toBe(200);
	return list.body.links;
}

async function create(owner: Account, id: string, body: unknown) {
	return call("POST /pages/:id/links", { as: owner, params: { id }, body });
}

describe("happy", () => {
	it("creates a header (title only), a highlighted link and a scheduled link, and lists them", async () => {
		const owner = await account("pro");
		const id = await pageOf(owner);
		const header = await create(owner, id, { kind: "header", title: "Music" });
		expect(header.status).toBe(201);
		expect(header.body.link).toMatchObject({ kind: "header", title: "Music", highlight: false });
		expect(header.body.link.url).toBeUndefined();
		const plain = await create(owner, id, { title: "Plain", url: "https://example.com/" });
		expect(plain.body.link).toMatchObject({
			kind: "link",
			highlight: false,
			startsAt: null,
			endsAt: null,
		});
		const scheduled = await create(owner, id, {
			title: "Tour",
			url: "https://example.com/tour",
			startsAt: "2030-05-01T10:00:00+02:00",
			endsAt: "2030-05-02T10:00:00Z",
		});
		expect(scheduled.status).toBe(201);
		// Stored and answered in UTC.
		expect(scheduled.body.link.startsAt).toBe("2030-05-01T08:00:00.000Z");
		expect(scheduled.body.link.endsAt).toBe("2030-05-02T10:00:00.000Z");
		const links = await listed(owner, id);
		expect(links.map((l) => l.kind)).toEqual(["header", "link", "link"]);
	});

	it("keeps one highlighted item per page: highlighting another moves it", async () => {
		const owner = await account("pro");
		const id = await pageOf(owner);
		const first = await create(owner, id, {
			title: "First",
			url: "https://example.com/1",
			highlight: true,
		});
		const second = await create(owner, id, { title: "Second", url: "https://example.com/2" });
		expect(first.body.link.highlight).toBe(true);
		const moved = await call("PATCH /pages/:id/links/:linkId", {
			as: owner,
			params: { id, linkId: second.body.link.id },
			body: { highlight: true },
		});
		expect(moved.status).toBe(200);
		expect(moved.body.link.highlight).toBe(true);
		const links = await listed(owner, id);
		expect(links.filter((l) => l.highlight).map((l) => l.id)).toEqual([second.body.link.id]);
		// A third created highlighted takes it again.
		const third = await create(owner, id, {
			title: "Third",
			url: "https://example.com/3",
			highlight: true,
		});
		expect((await listed(owner, id)).filter((l) => l.highlight).map((l) => l.id)).toEqual([
			third.body.link.id,
		]);
	});

	it("patches a schedule field by field, clears it with null, and renames a header", async () => {
		const owner = await account("pro");
		const id = await pageOf(owner);
		const link = await create(owner, id, {
			title: "Sale",
			url: "https://example.com/sale",
			startsAt: "2030-01-01T00:00:00Z",
		});
		const linkId = link.body.link.id;
		const ends = await call("PATCH /pages/:id/links/:linkId", {
			as: owner,
			params: { id, linkId },
			body: { endsAt: "2030-01-02T00:00:00Z" },
		});
		expect(ends.body.link).toMatchObject({
			startsAt: "2030-01-01T00:00:00.000Z",
			endsAt: "2030-01-02T00:00:00.000Z",
		});
		const cleared = await call("PATCH /pages/:id/links/:linkId", {
			as: owner,
			params: { id, linkId },
			body: { startsAt: null },
		});
		expect(cleared.body.link).toMatchObject({ startsAt: null, endsAt: "2030-01-02T00:00:00.000Z" });
		const header = await create(owner, id, { kind: "header", title: "Old" });
		const renamed = await call("PATCH /pages/:id/links/:linkId", {
			as: owner,
			params: { id, linkId: header.body.link.id },
			body: { title: "New", enabled: false },
		});
		expect(renamed.body.link).toMatchObject({ kind: "header", title: "New", enabled: false });
	});

	it("keeps kind, highlight and the window in the data export", async () => {
		const owner = await account("pro");
		const id = await pageOf(owner);
		await create(owner, id, { kind: "header", title: "Section" });
		await create(owner, id, {
			title: "Tour",
			url: "https://example.com/tour",
			highlight: true,
			startsAt: "2030-05-01T08:00:00Z",
			endsAt: null,
		});
		const exported = await call("GET /me/export", { as: owner });
		expect(exported.status).toBe(200);
		expect(exported.body.links).toEqual([
			expect.objectContaining({ kind: "header", title: "Section", highlight: false }),
			expect.objectContaining({
				kind: "link",
				highlight: true,
				startsAt: "2030-05-01T08:00:00.000Z",
				endsAt: null,
			}),
		]);
	});

	it("counts headers towards the plan's link limit", async () => {
		const owner = await account("free");
		const id = await pageOf(owner);
		let status = 201;
		let created = 0;
		while (status === 201 && created < 200) {
			status = (await create(owner, id, { kind: "header", title: `H${created}` })).status;
			if (status === 201) created += 1;
		}
		expect(status).toBe(402);
		expect(created).toBeGreaterThan(0);
		expect((await create(owner, id, { title: "x", url: "https://example.com/" })).status).toBe(402);
	});
});

describe("error", () => {
	const bad: [string, unknown][] = [
		["a header with a url", { kind: "header", title: "H", url: "https://example.com/" }],
		["a highlighted header", { kind: "header", title: "H", highlight: true }],
		["a link without a url", { kind: "link", title: "L" }],
		["an unknown kind", { kind: "image", title: "L", url: "https://example.com/" }],
		["kind of the wrong type", { kind: 1, title: "L", url: "https://example.com/" }],
		["highlight as a string", { title: "L", url: "https://example.com/", highlight: "yes" }],
		["startsAt as a number", { title: "L", url: "https://example.com/", startsAt: 1700000000 }],
		[
			"startsAt without a time zone",
			{ title: "L", url: "https://example.com/", startsAt: "2030-01-01T10:00:00" },
		],
		[
			"a date that is no date",
			{ title: "L", url: "https://example.com/", endsAt: "2030-02-31T10:00:00Z" },
		],
		[
			"a hostile date",
			{ title: "L", url: "https://example.com/", endsAt: "<script>alert(1)</script>" },
		],
		[
			"a year far out",
			{ title: "L", url: "https://example.com/", endsAt: "+275760-09-13T00:00:00.000Z" },
		],
		[
			"endsAt before startsAt",
			{
				title: "L",
				url: "https://example.com/",
				startsAt: "2030-01-02T00:00:00Z",
				endsAt: "2030-01-01T00:00:00Z",
			},
		],
		[
			"endsAt equal to startsAt",
			{
				title: "L",
				url: "https://example.com/",
				startsAt: "2030-01-01T00:00:00Z",
				endsAt: "2030-01-01T01:00:00+01:00",
			},
		],
	];

	it.each(bad)("refuses %s with 400 and adds nothing", async (_name, body) => {
		const owner = await account("pro");
		const id = await pageOf(owner);
		const res = await create(owner, id, body);
		expect(res.status).toBe(400);
		expect(res.error.code).toBe("validation_failed");
		expect(await listed(owner, id)).toEqual([]);
	});

	it("refuses a url or highlight on a stored header, and a patched window that would end before it starts; nothing changes", async () => {
		const owner = await account("pro");
		const id = await pageOf(owner);
		const header = await create(owner, id, { kind: "header", title: "H" });
		const link = await create(owner, id, {
			title: "L",
			url: "https://example.com/",
			startsAt: "2030-01-02T00:00:00Z",
		});
		const before = await listed(owner, id);
		const patch = (linkId: string, body: unknown) =>
			call("PATCH /pages/:id/links/:linkId", { as: owner, params: { id, linkId }, body });
		const headerUrl = await patch(header.body.link.id, { url: "https://example.com/" });
		expect(headerUrl.status).toBe(400);
		expect(headerUrl.error.fields).toHaveProperty("url");
		const headerHighlight = await patch(header.body.link.id, { highlight: true });
		expect(headerHighlight.status).toBe(400);
		expect(headerHighlight.error.fields).toHaveProperty("highlight");
		const early = await patch(link.body.link.id, {
			endsAt: "2030-01-01T00:00:00Z",
			title: "Changed",
		});
		expect(early.status).toBe(400);
		expect(early.error.fields).toHaveProperty("endsAt");
		expect((await patch(link.body.link.id, { kind: "header" })).status).toBe(400);
		expect(await listed(owner, id)).toEqual(before);
	});
});

describe("security", () => {
	it("another account's page or link ids answer 404 and change nothing", async () => {
		const owner = await account("pro");
		const other = await account("other");
		const id = await pageOf(owner);
		const link = await create(owner, id, { title: "Mine", url: "https://example.com/" });
		const before = await listed(owner, id);
		expect((await create(other, id, { kind: "header", title: "Theirs" })).status).toBe(404);
		const patched = await call("PATCH /pages/:id/links/:linkId", {
			as: other,
			params: { id, linkId: link.body.link.id },
			body: { highlight: true, startsAt: null },
		});
		expect(patched.status).toBe(404);
		// Highlighting on one's own page never clears another account's highlight.
		const theirs = await pageOf(other);
		await create(other, theirs, { title: "T", url: "https://example.com/t", highlight: true });
		expect(await listed(owner, id)).toEqual(before);
	});

	it("stores a hostile header title as text", async () => {
		const owner = await account("pro");
		const id = await pageOf(owner);
		const title = `</h2><script>alert(1)</script>'"`;
		const header = await create(owner, id, { kind: "header", title });
		expect(header.status).toBe(201);
		expect(header.body.link.title).toBe(title);
	});
});
