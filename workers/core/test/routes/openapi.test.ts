/**
 * GET /openapi.json (src/routes/openapi.ts, issue 21): the document Core serves is the one
 * generated from the contract, and it documents exactly the routes of Core's route table (a route
 * the app serves without a table entry, or an entry the app does not serve, fails here as in
 * contract-routes). Its validity against the OpenAPI 3.1 schema is checked in the contracts'
 * tests (Node; Ajv compiles validators with `new Function`, which workerd does not allow).
 */
import { openApiDocument } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { call, raw } from "../support/request";

describe("happy", () => {
	it("serves the generated document as JSON, the same on every request", async () => {
		const first = await call("GET /openapi.json");
		expect(first.status).toBe(200);
		expect(first.headers.get("Content-Type")).toMatch(/^application\/json/);
		expect(JSON.parse(first.text)).toEqual(openApiDocument());
		const second = await raw("GET", "/openapi.json");
		expect(second.text).toBe(first.text);
	});

	it("documents every route of Core's route table, and no other", async () => {
		const doc = (await call("GET /openapi.json")).body as ReturnType<typeof openApiDocument>;
		const served = [
			...new Set(
				createApp()
					.routes.filter((r) => r.method !== "ALL")
					.map((r) => `${r.method} ${r.path.replace("/api/v1", "")}`),
			),
		].sort();
		const documented = Object.entries(doc.paths)
			.flatMap(([path, ops]) =>
				Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
			)
			.sort();
		expect(documented).toEqual(served);
	});
});

describe("security", () => {
	it("needs no session, and a token sent to it is not looked at", async () => {
		const res = await raw("GET", "/openapi.json", {
			headers: { Authorization: "Bearer whatever", Origin: null },
		});
		expect(res.status).toBe(200);
	});
});
