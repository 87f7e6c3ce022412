/**
 * One error type for the whole API and the one place that turns it into a response.
 * Every error leaves Core as `{ error: { code, message, requestId, fields?, limit? } }` with the
 * status fixed by the contract's code table; unexpected exceptions become a generic 500.
 */
import {
	ERROR_STATUS,
	type ErrorCode,
	type Failure,
	type FieldErrors,
	type PlanLimit,
} from "@smartpages/contracts";
import { writeLog } from "@smartpages/contracts/log";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../types";

export class ApiError extends Error {
	readonly code: ErrorCode;
	readonly fields?: FieldErrors;
	readonly limit?: PlanLimit;
	readonly headers?: Record<string, string>;

	constructor(
		code: ErrorCode,
		message: string,
		extra: { fields?: FieldErrors; limit?: PlanLimit; headers?: Record<string, string> } = {},
	) {
		super(message);
		this.name = "ApiError";
		this.code = code;
		this.fields = extra.fields;
		this.limit = extra.limit;
		this.headers = extra.headers;
	}

	get status(): ContentfulStatusCode {
		return ERROR_STATUS[this.code];
	}

	/** Lifts an expected failure returned by an internal worker into an API error. */
	static from(failure: Failure): ApiError {
		return new ApiError(failure.code, failure.message, {
			fields: failure.fields,
			limit: failure.limit,
		});
	}
}

/** Renders an ApiError as the contract's JSON body. */
export function errorResponse(c: Context<AppEnv>, error: ApiError): Response {
	const body = {
		error: {
			code: error.code,
			message: error.message,
			requestId: c.get("requestId"),
			...(error.fields ? { fields: error.fields } : {}),
			...(error.limit ? { limit: error.limit } : {}),
		},
	};
	return c.json(body, error.status, error.headers);
}

/** Hono `onError`: expected errors keep their code, everything else is logged and hidden. */
export function handleError(err: Error, c: Context<AppEnv>): Response {
	if (err instanceof ApiError) return errorResponse(c, err);
	writeLog("error", "unhandled error", {
		requestId: c.get("requestId"),
		method: c.req.method,
		path: c.req.path,
		error: err.name,
		detail: err.message,
	});
	return errorResponse(c, new ApiError("internal_error", "Something went wrong on our side."));
}

/** Hono `notFound`: unknown API paths answer the contract's 404 shape. */
export function handleNotFound(c: Context<AppEnv>): Response {
	return errorResponse(c, new ApiError("not_found", "No such resource."));
}

/** Returns the value of an internal worker's Result, or throws its failure as an API error. */
export function unwrap<T>(result: { ok: true; value: T } | Failure): T {
	if (!result.ok) throw ApiError.from(result);
	return result.value;
}
