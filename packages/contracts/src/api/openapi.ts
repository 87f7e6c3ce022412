/**
 * The public API as an OpenAPI 3.1 document (issue 21, `GET /api/v1/openapi.json`), generated
 * from the endpoint table (./endpoints) and the very zod schemas Core validates requests with and
 * tests check answers against, through zod 4's own `z.toJSONSchema` (JSON Schema 2020-12, which
 * is OpenAPI 3.1's schema dialect). Nothing here is written by hand per route: a route added to
 * the table appears in the document with its parameters, bodies and answers; the token scopes
 * come from ./token-scopes, the error codes from ../errors.
 *
 * Why not `@hono/zod-openapi` or `hono-openapi`: Core already validates every route from this
 * table (`parseJson(c, schema)`), the typed client is built on it, and tests check the app serves
 * exactly its keys. Those libraries would make the routes the source instead and need a second
 * way of declaring each one; generating from the table keeps one source for the code, the client
 * and the document.
 */
import * as z from "zod";
import { ERROR_STATUS, type ErrorCode } from "../errors";
import { TOKEN_SCOPES } from "../schemas/api-tokens";
import { ENDPOINTS, type EndpointKey, type EndpointSpec } from "./endpoints";
import { pricesResource } from "./prices";
import {
	apiTokenResource,
	domainResource,
	entitlementsResource,
	exportDocumentResource,
	invoiceResource,
	linkResource,
	pageResource,
	pageVersionResource,
	passkeyResource,
	planResource,
	profileResource,
	publishedResource,
	sessionInfoResource,
	statsReportResource,
	userResource,
} from "./resources";
import { tokenAccessOf } from "./token-scopes";

/** A JSON Schema or any part of the document: plain JSON. */
export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export interface OpenApiDocument extends JsonObject {
	openapi: "3.1.0";
	info: JsonObject & { title: string; version: string };
	paths: { [path: string]: { [method: string]: JsonObject } };
	components: JsonObject & { schemas: { [name: string]: JsonObject } };
}

/** The resources that get a name of their own under components.schemas. */
const NAMED: [z.ZodType, string][] = [
	[userResource, "User"],
	[profileResource, "Profile"],
	[pageResource, "Page"],
	[linkResource, "Link"],
	[pageVersionResource, "PageVersion"],
	[publishedResource, "Published"],
	[domainResource, "Domain"],
	[planResource, "Plan"],
	[entitlementsResource, "Entitlements"],
	[sessionInfoResource, "Session"],
	[passkeyResource, "Passkey"],
	[apiTokenResource, "ApiToken"],
	[statsReportResource, "StatsReport"],
	[invoiceResource, "Invoice"],
	[pricesResource, "Prices"],
	[exportDocumentResource, "AccountExport"],
];

const ERROR_SCHEMA: JsonObject = {
	type: "object",
	required: ["error"],
	additionalProperties: false,
	properties: {
		error: {
			type: "object",
			required: ["code", "message", "requestId"],
			additionalProperties: false,
			properties: {
				code: { type: "string", enum: Object.keys(ERROR_STATUS) },
				message: { type: "string" },
				requestId: { type: "string" },
				fields: {
					type: "object",
					additionalProperties: { type: "string" },
					description: "Each invalid input by name, with a human-readable reason.",
				},
				limit: {
					type: "object",
					required: ["name", "max", "plan"],
					additionalProperties: false,
					properties: {
						name: { type: "string" },
						max: { type: "number" },
						plan: { type: "string" },
					},
				},
			},
		},
	},
};

const UPLOAD_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"];

/** Routes that may answer 402 (a plan feature or limit), beyond every token-scoped write. */
const PLAN_GATED = /^(POST|PUT|PATCH) \/(pages|domains|billing)|^GET \/stats|^POST \/me\/tokens$/;

function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` with every `#/$defs/X` reference renamed by `rename`. */
function rewriteRefs(value: unknown, rename: (name: string) => string): JsonValue {
	if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, rename));
	if (!isJsonObject(value)) return value as JsonValue;
	const out: JsonObject = {};
	for (const [key, v] of Object.entries(value)) {
		if (key === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")) {
			out[key] = `#/components/schemas/${rename(v.slice("#/$defs/".length))}`;
		} else {
			out[key] = rewriteRefs(v, rename);
		}
	}
	return out;
}

/** Builds the document once; the Core route caches the result per isolate. */
export function openApiDocument(): OpenApiDocument {
	const registry = z.registry<{ id: string }>();
	for (const [schema, id] of NAMED) registry.add(schema, { id });
	const components: { [name: string]: JsonObject } = { Error: ERROR_SCHEMA };

	/** One zod schema as a JSON Schema whose named parts live under components.schemas. */
	function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonObject {
		const generated = z.toJSONSchema(schema, {
			metadata: registry,
			io,
			unrepresentable: "any",
			reused: "inline",
		}) as JsonObject;
		const { $schema: _dialect, $defs, ...root } = generated;
		const renames = new Map<string, string>();
		const rename = (name: string) => renames.get(name) ?? name;
		const defs = isJsonObject($defs) ? $defs : {};
		// A named resource read as a request's input may differ from its answer (defaults).
		for (const [name, def] of Object.entries(defs)) {
			const existing = components[name];
			const same = JSON.stringify(rewriteRefs(def, (n) => n)) === JSON.stringify(existing);
			if (existing && !same) {
				renames.set(name, `${name}Input`);
			}
		}
		for (const [name, def] of Object.entries(defs)) {
			const rewritten = rewriteRefs(def, rename);
			if (isJsonObject(rewritten)) components[rename(name)] = rewritten;
		}
		const out = rewriteRefs(root, rename);
		return isJsonObject(out) ? out : {};
	}

	const paths: OpenApiDocument["paths"] = {};
	for (const key of Object.keys(ENDPOINTS) as EndpointKey[]) {
		const spec: EndpointSpec = ENDPOINTS[key];
		const space = key.indexOf(" ");
		const method = key.slice(0, space);
		const pattern = key.slice(space + 1);
		const path = pattern.replace(/:([A-Za-z]+)/g, "{$1}");
		const operation = operationOf(key, method, pattern, spec, schemaOf);
		paths[path] = { ...paths[path], [method.toLowerCase()]: operation };
	}

	return {
		openapi: "3.1.0",
		info: {
			title: "SmartPages API",
			version: "1",
			description:
				"The public HTTP API of SmartPages: profile, pages and links, publishing, custom domains and statistics. " +
				"The dashboard signs in with the session cookie; scripts use a personal access token " +
				"(`Authorization: Bearer sp_…`, created under Account → API tokens) with the scopes it needs. " +
				"Every error has the shape of `Error`; its `code` decides the HTTP status.",
		},
		servers: [{ url: "/api/v1" }],
		tags: TAGS.map(([name, description]) => ({ name, description })),
		paths,
		components: {
			schemas: components,
			responses: errorResponses(),
			securitySchemes: {
				session: {
					type: "apiKey",
					in: "cookie",
					name: "__Host-sp_session",
					description:
						"The dashboard's session (HttpOnly, set by sign-in). State-changing requests with it must also send `Origin` (see `appOrigin`).",
				},
				appOrigin: {
					type: "apiKey",
					in: "header",
					name: "Origin",
					description:
						"CSRF protection: a POST, PUT, PATCH or DELETE that carries the session cookie must carry `Origin` equal to the app's origin (and `Sec-Fetch-Site: same-origin` when sent), else `403 csrf_rejected`. Requests with a bearer token are never subject to it.",
				},
				bearer: {
					type: "http",
					scheme: "bearer",
					bearerFormat: "sp_ followed by 43 base64url characters",
					description: `A personal access token. Scopes: ${TOKEN_SCOPES.join(", ")}. A route lists the scope it needs; a token without it gets \`403 forbidden\`, a revoked, expired or unknown token \`401 unauthenticated\`. Account, session, password, passkey, two-factor, token and billing routes never accept a token (\`403 forbidden\`).`,
				},
			},
		},
	};
}

const TAGS: [string, string][] = [
	["health", "Liveness"],
	["auth", "Sign-up, sign-in and passwords (no credentials needed)"],
	["me", "The signed-in account: settings, sessions, passkeys, two-factor, API tokens, export"],
	["profile", "The public profile shown on every page"],
	["pages", "Pages, their links, publishing and versions"],
	["domains", "Custom domains (Pro)"],
	["stats", "Privacy-first statistics"],
	["billing", "Plans and payment (Stripe)"],
	["webhooks", "Called by Stripe"],
	["openapi.json", "This document"],
];

/** A readable, unique operation id: "POST /pages/:id/links" → "postPagesByIdLinks". */
function operationId(method: string, pattern: string): string {
	const words = pattern
		.split("/")
		.filter(Boolean)
		.map((segment) =>
			segment.startsWith(":")
				? `By${segment.slice(1, 2).toUpperCase()}${segment.slice(2)}`
				: segment
						.split(/[^A-Za-z0-9]+/)
						.filter(Boolean)
						.map((w) => `${w.slice(0, 1).toUpperCase()}${w.slice(1)}`)
						.join(""),
		);
	return `${method.toLowerCase()}${words.join("")}`;
}

/** The statuses a route can answer with an error (each documented with the codes of ../errors). */
function errorStatuses(
	key: EndpointKey,
	method: string,
	pattern: string,
	spec: EndpointSpec,
): number[] {
	const access = tokenAccessOf(key);
	const isPublic = access === "public";
	const write = method !== "GET";
	const statuses = new Set<number>([400, 429, 500, 503]);
	// A signed-in route can find its account gone (404), not only a path's id.
	if (!isPublic && !spec.webhook) statuses.add(401).add(403).add(404);
	if (pattern.includes(":")) statuses.add(404);
	if (write && !isPublic) statuses.add(409);
	if (PLAN_GATED.test(key) || (write && access !== null && !isPublic)) statuses.add(402);
	if (spec.body || spec.upload || spec.webhook) statuses.add(413).add(415);
	return [...statuses].sort((a, b) => a - b);
}

function codesOf(status: number): ErrorCode[] {
	return (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((code) => ERROR_STATUS[code] === status);
}

/** One reusable response per error status, naming the codes of ../errors it carries. */
function errorResponses(): JsonObject {
	const statuses = [...new Set(Object.values(ERROR_STATUS))].sort((a, b) => a - b);
	return Object.fromEntries(
		statuses.map((status) => {
			const codes = codesOf(status);
			const response: JsonObject = {
				description: `Error: ${codes.map((c) => `\`${c}\``).join(", ")}`,
				content: {
					"application/json": {
						schema: {
							allOf: [
								{ $ref: "#/components/schemas/Error" },
								{ properties: { error: { properties: { code: { enum: codes } } } } },
							],
						},
					},
				},
			};
			if (status === 429 || status === 503) {
				response.headers = {
					"Retry-After": {
						description: "Seconds to wait before trying again.",
						schema: { type: "integer" },
					},
				};
			}
			return [`Error${status}`, response];
		}),
	);
}

function securityOf(key: EndpointKey, method: string, spec: EndpointSpec): JsonValue[] {
	const access = tokenAccessOf(key);
	if (access === "public" || spec.webhook) return [];
	const session: JsonObject = method === "GET" ? { session: [] } : { session: [], appOrigin: [] };
	// Sign-in and password routes need no credentials; logout and resend use the session if any.
	if (key.startsWith("POST /auth/")) return [{}, session];
	return access ? [session, { bearer: [access] }] : [session];
}

function operationOf(
	key: EndpointKey,
	method: string,
	pattern: string,
	spec: EndpointSpec,
	schemaOf: (schema: z.ZodType, io: "input" | "output") => JsonObject,
): JsonObject {
	const access = tokenAccessOf(key);
	const parameters: JsonValue[] = [];
	for (const [, name] of pattern.matchAll(/:([A-Za-z]+)/g)) {
		if (!name) continue;
		parameters.push({
			name,
			in: "path",
			required: true,
			schema: name === "version" ? { type: "integer", minimum: 1 } : { type: "string" },
		});
	}
	if (spec.query) {
		const query = schemaOf(spec.query, "input");
		const required = Array.isArray(query.required) ? query.required : [];
		const properties = isJsonObject(query.properties) ? query.properties : {};
		for (const [name, schema] of Object.entries(properties)) {
			parameters.push({ name, in: "query", required: required.includes(name), schema });
		}
	}
	if (spec.webhook) {
		parameters.push({
			name: "Stripe-Signature",
			in: "header",
			required: true,
			schema: { type: "string" },
		});
	}

	const responses: JsonObject = {};
	const success: JsonObject = { description: describeSuccess(spec) };
	if (spec.response) {
		success.content = { "application/json": { schema: schemaOf(spec.response, "output") } };
	} else if (spec.html) {
		success.content = { "text/html": { schema: { type: "string" } } };
	} else if (spec.csv) {
		success.content = { "text/csv": { schema: { type: "string" } } };
	}
	responses[String(spec.status)] = success;
	for (const status of errorStatuses(key, method, pattern, spec)) {
		responses[String(status)] = { $ref: `#/components/responses/Error${status}` };
	}

	const operation: JsonObject = {
		operationId: operationId(method, pattern),
		summary: key,
		tags: [pattern.split("/")[1] ?? ""],
		security: securityOf(key, method, spec),
		responses,
	};
	if (access && access !== "public") operation["x-token-scope"] = access;
	if (parameters.length > 0) operation.parameters = parameters;
	if (spec.body) {
		operation.requestBody = {
			required: true,
			content: { "application/json": { schema: schemaOf(spec.body, "input") } },
		};
	} else if (spec.upload) {
		operation.requestBody = {
			required: true,
			description: "The image's bytes; its type is decided by the bytes, not the header.",
			content: Object.fromEntries(
				UPLOAD_TYPES.map((type) => [type, { schema: { type: "string", contentMediaType: type } }]),
			),
		};
	} else if (spec.webhook) {
		operation.requestBody = {
			required: true,
			description: "Stripe's event, exactly as signed.",
			content: { "application/json": { schema: { type: "object" } } },
		};
	}
	return operation;
}

function describeSuccess(spec: EndpointSpec): string {
	if (spec.status === 204) return "Done; no body.";
	if (spec.status === 202) return "Accepted; no body.";
	if (spec.html) return "An HTML document.";
	if (spec.csv) return "A CSV download.";
	return spec.status === 201 ? "Created." : "OK.";
}
