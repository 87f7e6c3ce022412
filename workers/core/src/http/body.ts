/**
 * Reading JSON request bodies: content type (415), size (413, 64 KiB), syntax (400 invalid_json)
 * and schema (400 validation_failed with a reason per field). Returns typed, parsed data.
 */
import type { Context } from "hono";
import type { z } from "zod";
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

/** Parses and validates a JSON body against `schema`. */
export async function parseJson<S extends z.ZodType>(
	c: Context<AppEnv>,
	schema: S,
): Promise<z.output<S>> {
	const type = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase();
	if (type !== "application/json") {
		throw new ApiError("unsupported_media_type", "Send the body as application/json.");
	}
	const bytes = await readLimited(c.req.raw, JSON_LIMIT);
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
