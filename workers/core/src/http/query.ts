/**
 * Reading query parameters against the contract's query schema: each parameter at most once (a
 * repeated one is refused, never "first wins", so two layers can never read different values),
 * the query string bounded, then the schema (strict: unknown parameters are refused). Any
 * failure is `400 validation_failed` with a reason per parameter, before anything else runs.
 */
import type { Context } from "hono";
import type * as z from "zod";
import type { AppEnv } from "../types";
import { fieldErrors } from "./body";
import { ApiError } from "./errors";

/** Longer query strings are refused (the statistics queries need under 100 characters). */
const QUERY_LIMIT = 1024;

export function parseQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
	const url = new URL(c.req.url);
	if (url.search.length > QUERY_LIMIT) {
		throw new ApiError("validation_failed", "The query string is too long.", {
			fields: { query: `must be at most ${QUERY_LIMIT} characters` },
		});
	}
	const values: Record<string, string> = Object.create(null);
	const repeated: string[] = [];
	for (const [name, value] of url.searchParams) {
		if (Object.hasOwn(values, name)) repeated.push(name);
		else values[name] = value;
	}
	if (repeated.length > 0) {
		throw new ApiError("validation_failed", "Some parameters are given more than once.", {
			fields: Object.fromEntries(repeated.map((name) => [name, "must be given once"])),
		});
	}
	const result = schema.safeParse({ ...values });
	if (!result.success) {
		throw new ApiError("validation_failed", "Some parameters are invalid.", {
			fields: fieldErrors(result.error),
		});
	}
	return result.data;
}
