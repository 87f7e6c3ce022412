/**
 * One error type for the whole API and the one place that turns it into a response.
 * Every error leaves Core as `{ error: { code, message, requestId, fields?, limit? } }` with the
 * status fixed by the contract's code table. A dependency that is down (KV here, D1 or R2 behind
 * an internal worker, an internal worker itself: see ../rpc.ts) is `503 unavailable` with
 * `Retry-After`; every other unexpected exception becomes a generic 500.
 */
import {
	ERROR_STATUS,
	type ErrorCode,
	type Failure,
	type FieldErrors,
	isStorageFault,
	isUnavailableError,
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

/**
 * Seconds a client should wait after `503 unavailable`. Most outages Cloudflare documents are
 * blips (a D1 reset, a dropped connection), and one retry a few seconds later is cheap.
 */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

/** 503 unavailable: a dependency is down; the message never says which. */
export function unavailable(): ApiError {
	return new ApiError(
		"unavailable",
		"SmartPages is temporarily unavailable. Please try again in a moment.",
	);
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
	// Every 503, whichever route or worker it came from, tells the client when to try again.
	const headers =
		error.code === "unavailable"
			? { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_S), ...error.headers }
			: error.headers;
	return c.json(body, error.status, headers);
}

/**
 * Hono `onError`: expected errors keep their code, an outage is 503, everything else is logged
 * and hidden behind a 500.
 */
export function handleError(err: Error, c: Context<AppEnv>): Response {
	if (err instanceof ApiError) return errorResponse(c, err);
	// KV (Core's own storage) throws its outages straight into the handler.
	if (isStorageFault(err) || isUnavailableError(err)) {
		writeLog("error", "dependency unavailable", {
			requestId: c.get("requestId"),
			method: c.req.method,
			path: c.req.path,
			detail: err.message,
		});
		return errorResponse(c, unavailable());
	}
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
