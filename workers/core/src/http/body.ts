/**
 * Reading JSON request bodies: content type (415), size (413, 64 KiB), syntax (400 invalid_json),
 * text that is not Unicode (400 validation_failed) and schema (400 validation_failed with a reason
 * per field). Returns typed, parsed data.
 */
import type { Context } from "hono";
import type * as z from "zod";
import type { AppEnv } from "../types";
import { ApiError } from "./errors";

export const JSON_LIMIT = 64 * 1024;

// Keys that can reach an object's prototype in careless code; no endpoint has such a field.
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Reads at most `limit` bytes of the body; throws 413 beyond it (whatever Content-Length says). */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
	const declared = Number(request.headers.get("Content-Length") ?? "0");
	if (declared > limit)
		throw new ApiError("payload_too_large", `The body is larger than ${limit} bytes.`);
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			throw new ApiError("payload_too_large", `The body is larger than ${limit} bytes.`);
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return out;
}

/** Turns zod issues into `{ field: reason }`, the first reason per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = issue.path.length > 0 ? issue.path.join(".") : "body";
		if (issue.code === "unrecognized_keys") {
			for (const k of issue.keys) fields[issue.path.concat(k).join(".")] ??= "is not a known field";
			continue;
		}
		fields[key] ??= issue.message;
	}
	return fields;
}

// A surrogate code unit not part of a pair (in `u` mode a pair is one code point, not Cs).
const UNPAIRED = /\p{Cs}/u;

/** A place in a parsed body, linked to its parent (copying whole paths would be quadratic). */
interface Place {
	key: string;
	parent: Place | null;
}

function pathOf(place: Place | null): string {
	const keys: string[] = [];
	for (let p = place; p; p = p.parent) keys.push(p.key);
	return keys.length > 0 ? keys.reverse().join(".") : "body";
}

/**
 * The paths ("a.0.b", "body" for the top level) of strings and keys that are not Unicode text,
 * the first few of them. Iterative: a 64 KiB body can nest 30,000 levels, too deep for recursion.
 */
function unpairedSurrogates(root: unknown): string[] {
	const found: string[] = [];
	const todo: [unknown, Place | null][] = [[root, null]];
	for (let item = todo.pop(); item && found.length < 10; item = todo.pop()) {
		const [value, place] = item;
		if (typeof value === "string") {
			if (UNPAIRED.test(value)) found.push(pathOf(place));
		} else if (value !== null && typeof value === "object") {
			for (const [key, v] of Object.entries(value)) {
				if (UNPAIRED.test(key)) found.push(pathOf(place));
				else todo.push([v, { key, parent: place }]);
			}
		}
	}
	return found;
}

/** Parses and validates a JSON body against `schema`. */
export async function parseJson<S extends z.ZodType>(
	c: Context<AppEnv>,
	schema: S,
	/** The body's size limit; only the import routes (a file's text) take more than JSON_LIMIT. */
	limit: number = JSON_LIMIT,
): Promise<z.output<S>> {
	const type = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase();
	if (type !== "application/json") {
		throw new ApiError("unsupported_media_type", "Send the body as application/json.");
	}
	const bytes = await readLimited(c.req.raw, limit);
	let value: unknown;
	const forbidden: string[] = [];
	try {
		value = JSON.parse(
			new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes),
			(key, v) => {
				if (FORBIDDEN_KEYS.has(key)) forbidden.push(key);
				return v;
			},
		);
	} catch {
		throw new ApiError("invalid_json", "The body is not valid JSON.");
	}
	if (forbidden.length > 0) {
		throw new ApiError("validation_failed", "Some fields are not allowed.", {
			fields: Object.fromEntries(forbidden.map((k) => [k, "is not allowed"])),
		});
	}
	// I-JSON (RFC 7493): "\ud800" escapes parse into strings that are not Unicode text; D1 would
	// store each as U+FFFD, so an accepted value would not be the value kept.
	const broken = unpairedSurrogates(value);
	if (broken.length > 0) {
		throw new ApiError("validation_failed", "Some fields are not valid Unicode text.", {
			fields: Object.fromEntries(broken.map((k) => [k, "must not contain unpaired surrogates"])),
		});
	}
	const result = schema.safeParse(value);
	if (!result.success) {
		throw new ApiError("validation_failed", "Some fields are invalid.", {
			fields: fieldErrors(result.error),
		});
	}
	return result.data;
}

/** For endpoints without a body: an empty body is fine, anything else must still be JSON. */
export async function parseOptionalJson<S extends z.ZodType>(
	c: Context<AppEnv>,
	schema: S,
): Promise<z.output<S>> {
	const length = c.req.header("Content-Length");
	const hasBody = (length !== undefined && length !== "0") || c.req.header("Transfer-Encoding");
	if (!hasBody && !c.req.header("Content-Type")) return schema.parse({});
	return parseJson(c, schema);
}
