/**
 * Every answer the integration suite gets through `ApiClient.call` is checked against the
 * OpenAPI document Core publishes (issue 21): its status must be one the document lists for the
 * operation, and its JSON body must validate against the documented schema (Ajv, JSON Schema
 * 2020-12, OpenAPI 3.1's dialect) — successes and errors alike. The document is generated here
 * from the same contract Core serves it from (Core's own test checks the served one is exactly
 * this), so a response that drifts from what the document promises fails the test that saw it.
 */
import type { EndpointKey } from "@smartpages/contracts/api";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { contractsClient } from "../../tools/stack/src/contracts.ts";

type Document = ReturnType<Awaited<ReturnType<typeof contractsClient>>["openApiDocument"]>;
type Json = { [key: string]: unknown };

// ajv-formats is CommonJS: its plugin is the module itself or its `default`, by loader.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
	addFormatsModule) as (ajv: Ajv2020) => void;

/** A JSON pointer segment inside a URI fragment (RFC 6901, section 6). */
const segment = (s: string) => encodeURIComponent(s.replaceAll("~", "~0").replaceAll("/", "~1"));

export class OpenApiCheck {
	readonly #doc: Document;
	readonly #ajv = new Ajv2020({ strict: false, allErrors: true });
	readonly #compiled = new Map<string, ValidateFunction>();

	constructor(doc: Document) {
		this.#doc = doc;
		addFormats(this.#ajv);
		this.#ajv.addSchema(doc, "openapi.json");
	}

	/** Throws when the answer's status or JSON body is not what the document says. */
	check(key: EndpointKey, answer: { status: number; headers: Headers; text: string }): void {
		const [method = "", pattern = ""] = key.split(" ");
		const path = pattern.replace(/:([A-Za-z]+)/g, "{$1}");
		const op = this.#doc.paths[path]?.[method.toLowerCase()];
		if (!op) throw new Error(`OpenAPI: ${key} is not in the document`);
		const responses = op.responses as Json;
		const status = String(answer.status);
		let response = responses[status] as Json | undefined;
		let at = ["paths", path, method.toLowerCase(), "responses", status];
		if (!response) {
			throw new Error(`OpenAPI: ${key} answered ${status}, which the document does not list`);
		}
		const ref = response.$ref;
		if (typeof ref === "string") {
			at = ref.replace(/^#\//, "").split("/");
			response = (this.#doc.components.responses as Json)[at[at.length - 1] ?? ""] as Json;
		}
		const content = response?.content as Json | undefined;
		const type = (answer.headers.get("Content-Type") ?? "").split(";")[0]?.trim() ?? "";
		if (!content) {
			if (answer.text !== "") throw new Error(`OpenAPI: ${key} ${status} documents no body`);
			return;
		}
		if (!(type in content)) {
			throw new Error(
				`OpenAPI: ${key} ${status} answered ${type || "no type"}, not a documented type`,
			);
		}
		if (type !== "application/json") return;
		const pointer = [...at, "content", type, "schema"].map(segment).join("/");
		let validate = this.#compiled.get(pointer);
		if (!validate) {
			validate = this.#ajv.compile({ $ref: `openapi.json#/${pointer}` });
			this.#compiled.set(pointer, validate);
		}
		if (!validate(JSON.parse(answer.text))) {
			const issues = (validate.errors ?? [])
				.slice(0, 5)
				.map((e) => `${e.instancePath || "(body)"} ${e.message ?? ""}`)
				.join("; ");
			throw new Error(`OpenAPI: ${key} ${status} does not match its documented schema: ${issues}`);
		}
	}
}

let shared: Promise<OpenApiCheck> | undefined;

/** The check over the document of this checkout's contract, built once per test file. */
export function openApiCheck(): Promise<OpenApiCheck> {
	shared ??= contractsClient().then((api) => new OpenApiCheck(api.openApiDocument()));
	return shared;
}
