/**
 * The typed API client against hand-made answers: paths and their encoding, what each kind of
 * request sends, how answers become results (success, 204, errors, answers without the
 * contract's body, no answer at all) and what `validate: true` refuses. Its agreement with the
 * real Core is checked in workers/core/test/contract-routes.test.ts.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
	API_PREFIX,
	type ApiResult,
	apiClient,
	buildPath,
	type CallOptions,
	ContractViolation,
	callApi,
	ENDPOINTS,
	type Page,
	type ParamsOf,
	type ResponseOf,
	readResponse,
	type Transport,
	type TransportRequest,
} from "../src/api";
import { THEME_DESIGNS } from "../src/design";

const PAGE: Page = {
	id: "pg_aaaaaaaaaaaaaaaaaaaa",
	slug: "home",
	title: "Home",
	description: "",
	theme: "light",
	design: { ...THEME_DESIGNS.light, backgroundImage: false },
	status: "published",
	isHome: true,
	hasUnpublishedChanges: false,
	publishedVersion: 3,
	publishedUrl: "https://ada.smartpages.test/",
	createdAt: "2026-01-01T00:00:00.000Z",
	updatedAt: "2026-01-02T00:00:00.000Z",
};

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { "Content-Type": "application/json", ...headers },
	});
}

/** A transport that records what it was asked and answers with `answer`. */
function recording(answer: () => Response | Promise<Response>) {
	const sent: TransportRequest[] = [];
	const transport: Transport = async (request) => {
		sent.push(request);
		return answer();
	};
	return { sent, transport };
}

describe("buildPath", () => {
	it("fills the route's params under /api/v1", () => {
		expect(API_PREFIX).toBe("/api/v1");
		expect(buildPath("GET /pages")).toBe("/api/v1/pages");
		expect(buildPath("PATCH /pages/:id/links/:linkId", { id: "pg_1", linkId: "ln_2" })).toBe(
			"/api/v1/pages/pg_1/links/ln_2",
		);
		expect(
			buildPath("POST /pages/:id/versions/:version/restore", { id: "pg_1", version: 12 }),
		).toBe("/api/v1/pages/pg_1/versions/12/restore");
	});

	it("URL-encodes params, so a value can never add a path segment or a query", () => {
		expect(buildPath("GET /pages/:id", { id: "../me?x=1#y" })).toBe(
			"/api/v1/pages/..%2Fme%3Fx%3D1%23y",
		);
		expect(buildPath("DELETE /me/sessions/:id", { id: "a b/c" })).toBe(
			"/api/v1/me/sessions/a%20b%2Fc",
		);
	});

	it("refuses a missing param instead of sending a wrong path", () => {
		expect(() => buildPath("GET /pages/:id", {} as ParamsOf<"GET /pages/:id">)).toThrow(
			'GET /pages/:id: missing path parameter "id"',
		);
	});

	it("types params from the route pattern", () => {
		expectTypeOf<ParamsOf<"PATCH /pages/:id/links/:linkId">>().toEqualTypeOf<{
			id: string | number;
			linkId: string | number;
		}>();
		expectTypeOf<ParamsOf<"GET /billing/checkout/:sessionId">>().toEqualTypeOf<{
			sessionId: string | number;
		}>();
		// @ts-expect-error: the route's param is "id", not "pageId"
		expect(() => buildPath("GET /pages/:id", { pageId: "pg_1" })).toThrow();
	});
});

describe("callApi: requests", () => {
	it("sends a JSON body with its type, and the method and path of the route", async () => {
		const { sent, transport } = recording(() => json({ page: PAGE }, 201));
		await callApi(transport, "POST /pages", { body: { title: "Home" } });
		expect(sent).toEqual([
			{
				method: "POST",
				path: "/api/v1/pages",
				headers: { "Content-Type": "application/json" },
				body: JSON.stringify({ title: "Home" }),
			},
		]);
	});

	it("sends no body and no Content-Type when the route takes none", async () => {
		const { sent, transport } = recording(() => new Response(null, { status: 204 }));
		await callApi(transport, "POST /auth/logout");
		expect(sent).toEqual([{ method: "POST", path: "/api/v1/auth/logout", headers: {} }]);
	});

	it("sends an upload's bytes with the Blob's type, or the one given", async () => {
		const { sent, transport } = recording(() => json({}, 200));
		const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: "image/png" });
		await callApi(transport, "PUT /profile/avatar", { body: png });
		await callApi(transport, "PUT /profile/avatar", {
			body: new Uint8Array([1, 2, 3]),
			contentType: "image/gif",
		});
		expect(sent[0]?.headers).toEqual({ "Content-Type": "image/png" });
		expect(sent[0]?.body).toBe(png);
		expect(sent[1]?.headers).toEqual({ "Content-Type": "image/gif" });
		expect(sent[1]?.body).toEqual(new Uint8Array([1, 2, 3]));
	});

	it("sends the webhook's text untouched, and extra headers win over the client's", async () => {
		const { sent, transport } = recording(() => json({ received: true, duplicate: false }));
		await callApi(transport, "POST /webhooks/stripe", {
			body: '{"id":"evt_1"}',
			headers: { "Stripe-Signature": "t=1,v1=x" },
		});
		await callApi(transport, "POST /pages", {
			body: { title: "x" },
			headers: { "Content-Type": "text/plain" },
		});
		expect(sent[0]?.body).toBe('{"id":"evt_1"}');
		expect(sent[0]?.headers).toEqual({
			"Content-Type": "application/json",
			"Stripe-Signature": "t=1,v1=x",
		});
		expect(sent[1]?.headers).toEqual({ "Content-Type": "text/plain" });
	});

	it("types requests and answers from the table", () => {
		const { transport } = recording(() => json({}));
		expectTypeOf(callApi(transport, "GET /pages")).resolves.toEqualTypeOf<
			ApiResult<{ pages: Page[] }>
		>();
		expectTypeOf<ResponseOf<"DELETE /pages/:id">>().toEqualTypeOf<null>();
		expectTypeOf<ResponseOf<"GET /pages/:id/preview">>().toEqualTypeOf<string>();
		expectTypeOf<ResponseOf<"POST /pages/:id/publish">>().toEqualTypeOf<{
			page: Page;
			version: number;
			url: string;
		}>();
		// Not called: only the types are checked.
		const typeOnly = (): void => {
			// @ts-expect-error: the route needs its params
			void callApi(transport, "GET /pages/:id");
			// @ts-expect-error: the body must have a title
			void callApi(transport, "POST /pages", { body: { slug: "x" } });
			// @ts-expect-error: no such route
			void callApi(transport, "GET /nothing");
		};
		expect(typeOnly).toBeTypeOf("function");
	});
});

describe("callApi: answers", () => {
	it("a success carries status, data and headers", async () => {
		const { transport } = recording(() => json({ page: PAGE }, 201, { "X-Request-Id": "r1" }));
		const result = await callApi(transport, "POST /pages", { body: { title: "Home" } });
		expect(result).toMatchObject({ ok: true, status: 201, data: { page: PAGE } });
		expect(result.headers?.get("X-Request-Id")).toBe("r1");
	});

	it("204 and 202 answers have null data; the preview's is its HTML", async () => {
		const empty = recording(() => new Response(null, { status: 204 }));
		expect(
			await callApi(empty.transport, "DELETE /pages/:id", { params: { id: "pg_1" } }),
		).toMatchObject({ ok: true, status: 204, data: null });
		const html = recording(
			() => new Response("<p>hi</p>", { headers: { "Content-Type": "text/html" } }),
		);
		expect(
			await callApi(html.transport, "GET /pages/:id/preview", { params: { id: "pg_1" } }),
		).toMatchObject({ ok: true, data: "<p>hi</p>" });
	});

	it("an error answer carries the contract's code, fields, limit, message and request id", async () => {
		const limit = { name: "maxPages", max: 1, plan: "free" };
		const { transport } = recording(() =>
			json(
				{
					error: {
						code: "plan_limit_reached",
						message: "Upgrade.",
						requestId: "req-1",
						fields: { title: "is required" },
						limit,
					},
				},
				402,
			),
		);
		expect(await callApi(transport, "POST /pages", { body: { title: "x" } })).toMatchObject({
			ok: false,
			status: 402,
			code: "plan_limit_reached",
			fields: { title: "is required" },
			limit,
			message: "Upgrade.",
			requestId: "req-1",
		});
	});

	it("Retry-After is read on 429 and 503", async () => {
		for (const [status, code] of [
			[429, "rate_limited"],
			[503, "unavailable"],
		] as const) {
			const { transport } = recording(() =>
				json({ error: { code, message: "wait", requestId: "r" } }, status, { "Retry-After": "7" }),
			);
			expect(await callApi(transport, "GET /me")).toMatchObject({ code, retryAfter: 7 });
		}
	});

	it("an answer without the contract's body gets a code from its status", async () => {
		const cases: [number, string][] = [
			[401, "unauthenticated"],
			[404, "not_found"],
			[429, "rate_limited"],
			[502, "unavailable"],
			[418, "internal_error"],
		];
		for (const [status, code] of cases) {
			const { transport } = recording(() => new Response("<html>proxy</html>", { status }));
			expect(await callApi(transport, "GET /me")).toMatchObject({
				ok: false,
				status,
				code,
				fields: {},
			});
		}
	});

	it("no answer at all is a network failure, never a rejection", async () => {
		const transport: Transport = async () => {
			throw new TypeError("fetch failed");
		};
		const result = await callApi(transport, "GET /me");
		expect(result).toEqual({ ok: false, status: 0, code: "network", fields: {} });
	});

	it("apiClient binds a transport and default options", async () => {
		const { sent, transport } = recording(() => json({ pages: [{ ...PAGE, extra: 1 }] }));
		const api = apiClient(transport, { validate: true });
		await expect(api("GET /pages")).rejects.toBeInstanceOf(ContractViolation);
		const options: CallOptions = { validate: false };
		expect(await api("GET /pages", undefined, options)).toMatchObject({ ok: true });
		expect(sent).toHaveLength(2);
	});
});

describe("validate: true", () => {
	const validate = { validate: true };

	it("passes an answer that matches the contract and returns the parsed data", async () => {
		const result = await readResponse("GET /pages", json({ pages: [PAGE] }), validate);
		expect(result).toMatchObject({ ok: true, data: { pages: [PAGE] } });
	});

	it("names the endpoint and the path of a renamed, missing or extra field", async () => {
		const { publishedUrl, ...renamed } = PAGE;
		const answer = json({ pages: [{ ...renamed, publicUrl: publishedUrl }] });
		const error = await readResponse("GET /pages", answer, validate).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ContractViolation);
		expect(String((error as Error).message)).toMatch(/^GET \/pages answered 200/);
		expect((error as ContractViolation).issues.join("\n")).toContain("pages.0");
		expect((error as ContractViolation).issues.join("\n")).toContain("publicUrl");

		const { title: _, ...untitled } = PAGE;
		await expect(
			readResponse("POST /pages/:id/unpublish", json({ page: untitled }), validate),
		).rejects.toThrow(/POST \/pages\/:id\/unpublish answered 200.*page\.title/);
	});

	it("requires the table's success status and an empty body where none is promised", async () => {
		await expect(readResponse("POST /pages", json({ page: PAGE }, 200), validate)).rejects.toThrow(
			"POST /pages answered 200, which breaks the contract: status: expected 201",
		);
		await expect(
			readResponse("POST /auth/resend-verification", json({ sent: true }, 202), validate),
		).rejects.toThrow(/expected no body/);
	});

	it("requires an error code to come with its own status", async () => {
		const wrong = json({ error: { code: "not_found", message: "x", requestId: "r" } }, 400);
		await expect(readResponse("GET /me", wrong, validate)).rejects.toThrow(
			'error.code: "not_found" belongs to status 404',
		);
		const right = json({ error: { code: "not_found", message: "x", requestId: "r" } }, 404);
		expect(await readResponse("GET /me", right, validate)).toMatchObject({ code: "not_found" });
	});

	it("every route of the table has a success status, and a body or none as its status says", () => {
		for (const [key, spec] of Object.entries(ENDPOINTS)) {
			const hasBody = "response" in spec || "html" in spec || "csv" in spec;
			expect(hasBody, key).toBe(spec.status === 200 || spec.status === 201);
		}
	});
});
