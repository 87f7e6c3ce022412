/**
 * The OpenAPI 3.1 document (src/api/openapi.ts, issue 21): valid against the OpenAPI 3.1 schema
 * (@seriousme/openapi-schema-validator, which checks the document and every JSON Schema in it
 * with Ajv), one operation per entry of the endpoint table with its parameters, bodies, answers,
 * error codes and security, every reference resolvable. Core's test (workers/core/test/
 * openapi.test.ts) checks the app serves exactly these operations.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import {
	ENDPOINT_TOKEN_ACCESS,
	ENDPOINTS,
	type EndpointKey,
	type EndpointSpec,
	type JsonObject,
	matchEndpoint,
	openApiDocument,
} from "../src/api";
import { ERROR_STATUS } from "../src/errors";

const doc = openApiDocument();
const keys = Object.keys(ENDPOINTS) as EndpointKey[];

function operation(key: EndpointKey): JsonObject {
	const [method = "", pattern = ""] = key.split(" ");
	const path = pattern.replace(/:([A-Za-z]+)/g, "{$1}");
	const op = doc.paths[path]?.[method.toLowerCase()];
	if (!op) throw new Error(`${key} is not in the document`);
	return op;
}

/** Every `$ref` in the document. */
function refs(value: unknown, out: string[] = []): string[] {
	if (Array.isArray(value)) for (const v of value) refs(v, out);
	else if (typeof value === "object" && value !== null) {
		for (const [k, v] of Object.entries(value)) {
			if (k === "$ref" && typeof v === "string") out.push(v);
			else refs(v, out);
		}
	}
	return out;
}

function pointer(ref: string): unknown {
	let node: unknown = doc;
	for (const part of ref.replace(/^#\//, "").split("/")) {
		if (typeof node !== "object" || node === null) return undefined;
		node = (node as Record<string, unknown>)[part.replaceAll("~1", "/").replaceAll("~0", "~")];
	}
	return node;
}

describe("the OpenAPI document", () => {
	it("validates against the OpenAPI 3.1 schema", async () => {
		const validator = new Validator();
		const result = await validator.validate(structuredClone(doc));
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
		expect(validator.version).toBe("3.1");
	});

	it("is JSON through and through, and the same every time", () => {
		expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
		expect(openApiDocument()).toEqual(doc);
	});

	it("has one operation per route of the endpoint table, and nothing else", () => {
		const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
			Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
		);
		expect(documented.sort()).toEqual([...keys].sort());
		const ids = documented.map((k) => operation(k as EndpointKey).operationId);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it("resolves every reference", () => {
		for (const ref of refs(doc)) expect(pointer(ref), ref).toBeDefined();
	});

	it.each(keys)("%s: parameters, bodies, answers, errors and security", (key) => {
		const spec: EndpointSpec = ENDPOINTS[key];
		const op = operation(key);
		const params = (op.parameters ?? []) as JsonObject[];
		for (const [, name] of key.matchAll(/:([A-Za-z]+)/g)) {
			expect(params, name).toContainEqual(expect.objectContaining({ name, in: "path" }));
		}
		if (spec.query) expect(params.some((p) => p.in === "query")).toBe(true);
		if (spec.body) {
			expect(op.requestBody).toMatchObject({ content: { "application/json": {} } });
		}
		const responses = op.responses as JsonObject;
		const success = responses[String(spec.status)] as JsonObject;
		expect(success, "success answer").toBeDefined();
		if (spec.status === 200 || spec.status === 201) {
			// An answer without its schema (a route added to the table without one) fails here.
			expect(success.content, "the answer's body is documented").toBeDefined();
		}
		const errors = Object.keys(responses).filter((s) => Number(s) >= 400);
		expect(errors).toEqual(expect.arrayContaining(["400", "429", "500", "503"]));
		for (const status of errors) {
			const ref = (responses[status] as JsonObject).$ref;
			expect(ref).toBe(`#/components/responses/Error${status}`);
		}
		const access = ENDPOINT_TOKEN_ACCESS[key];
		const security = JSON.stringify(op.security);
		if (access === "public") expect(op.security).toEqual([]);
		else if (access) expect(security).toContain(`{"bearer":["${access}"]}`);
		else expect(security).not.toContain("bearer");
	});

	it("every status of the error table has a response naming its codes", () => {
		const responses = doc.components.responses as JsonObject;
		for (const [code, status] of Object.entries(ERROR_STATUS)) {
			expect(JSON.stringify(responses[`Error${status}`]), code).toContain(`"${code}"`);
		}
	});

	it("every route that answers 200 or 201 with JSON has a response schema in the table", () => {
		for (const key of keys) {
			const spec: EndpointSpec = ENDPOINTS[key];
			if (spec.status === 200 || spec.status === 201) {
				expect(Boolean(spec.response || spec.html || spec.csv), key).toBe(true);
			}
		}
	});

	it("names the cookie session with its CSRF header and the bearer token with its scopes", () => {
		const schemes = (doc.components as JsonObject).securitySchemes as JsonObject;
		expect(schemes.session).toMatchObject({
			type: "apiKey",
			in: "cookie",
			name: "__Host-sp_session",
		});
		expect(schemes.appOrigin).toMatchObject({ type: "apiKey", in: "header", name: "Origin" });
		expect(schemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
		expect(JSON.stringify(operation("POST /pages").security)).toContain('"appOrigin":[]');
	});
});

describe("matchEndpoint (which route a bearer request is for)", () => {
	it.each([
		["GET", "/pages", "GET /pages"],
		["HEAD", "/pages", "GET /pages"],
		["PUT", "/pages/pg_1/links/order", "PUT /pages/:id/links/order"],
		["PATCH", "/pages/pg_1/links/ln_2", "PATCH /pages/:id/links/:linkId"],
		["GET", "/billing/prices", "GET /billing/prices"],
		["GET", "/billing/checkout/cs_1", "GET /billing/checkout/:sessionId"],
		["GET", "/pages/pg_1/versions/3/preview", "GET /pages/:id/versions/:version/preview"],
		["DELETE", "/me/tokens/tok_1", "DELETE /me/tokens/:id"],
		["GET", "/openapi.json", "GET /openapi.json"],
	])("%s %s → %s", (method, path, key) => {
		expect(matchEndpoint(method, path)).toBe(key);
	});

	it.each([
		["GET", "/pages/"],
		["GET", "/pages/pg_1/links/extra/deep"],
		["POST", "/profile"],
		["GET", "/openapiXjson"],
		["GET", "/nothing"],
	])("%s %s → no route", (method, path) => {
		expect(matchEndpoint(method, path)).toBeNull();
	});
});
