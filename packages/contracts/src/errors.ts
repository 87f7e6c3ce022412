/**
 * The closed set of API error codes and the HTTP status each one maps to.
 * Core turns every failure into `{ error: { code, message, requestId, fields? } }` using this table,
 * so a code can never be sent with two different statuses.
 */

export const ERROR_STATUS = {
	validation_failed: 400,
	invalid_json: 400,
	unauthenticated: 401,
	invalid_credentials: 401,
	plan_required: 402,
	plan_limit_reached: 402,
	forbidden: 403,
	csrf_rejected: 403,
	email_not_verified: 403,
	not_found: 404,
	method_not_allowed: 405,
	conflict: 409,
	handle_taken: 409,
	slug_taken: 409,
	domain_taken: 409,
	payload_too_large: 413,
	unsupported_media_type: 415,
	rate_limited: 429,
	internal_error: 500,
	unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

/** Field name → human readable reason, as sent in `error.fields`. */
export type FieldErrors = Record<string, string>;

export interface PlanLimit {
	name: string;
	max: number;
	plan: string;
}

export interface ApiErrorBody {
	error: {
		code: ErrorCode;
		message: string;
		requestId: string;
		fields?: FieldErrors;
		limit?: PlanLimit;
	};
}

/**
 * An expected failure returned (not thrown) across RPC by internal workers.
 * Core maps it to the HTTP error body; internal workers never speak HTTP.
 */
export interface Failure {
	ok: false;
	code: ErrorCode;
	message: string;
	fields?: FieldErrors;
	limit?: PlanLimit;
}

export interface Success<T> {
	ok: true;
	value: T;
}

export type Result<T> = Success<T> | Failure;

/** Wraps a value as a successful {@link Result}. */
export function ok<T>(value: T): Success<T> {
	return { ok: true, value };
}

/** Builds an expected failure; `fields` names each invalid input. */
export function fail(
	code: ErrorCode,
	message: string,
	extra: { fields?: FieldErrors; limit?: PlanLimit } = {},
): Failure {
	return { ok: false, code, message, ...extra };
}

// ── outages ───────────────────────────────────────────────────────────────────────────────────

/**
 * The message prefix of an error that means "a dependency of this call is down; try again later"
 * (`503 unavailable` at Core). Across a service binding only an error's message and standard
 * class survive (developers.cloudflare.com/workers/runtime-apis/rpc/error-handling/), so the
 * mark travels in the message.
 */
export const UNAVAILABLE_MARK = "[smartpages:unavailable]";

/** An error carrying the outage mark; `what` names the failed call for the logs. */
export function unavailableError(what: string): Error {
	return new Error(`${UNAVAILABLE_MARK} ${what}`);
}

/** The message of anything thrown (R2's errors are not `Error` instances but have one). */
export function errorMessage(error: unknown): string {
	if (typeof error === "object" && error !== null && "message" in error) {
		const { message } = error as { message: unknown };
		if (typeof message === "string") return message;
	}
	return String(error);
}

/** Whether `error` carries the outage mark. */
export function isUnavailableError(error: unknown): boolean {
	return errorMessage(error).startsWith(UNAVAILABLE_MARK);
}

/**
 * The failures of D1, KV, R2 and of the runtime's subrequests that Cloudflare documents as
 * transient ("retry the operation"). Anything else a binding throws (a syntax error, a missing
 * column, a constraint, a key that is too long) is a bug and stays a 500.
 */
const STORAGE_FAULTS: readonly RegExp[] = [
	// Any subrequest (D1, KV, R2, a service binding) whose connection dropped, and the
	// per-invocation budget of API calls.
	/Network connection lost/i,
	/Too many API requests by single worker invocation/i,
	// D1: the "List of D1_ERRORs" whose recommended action is a retry
	// (developers.cloudflare.com/d1/observability/debug-d1/).
	/D1 DB reset because its code was updated/i,
	// "Internal error while starting up D1 DB storage …" and "Internal error in D1 DB storage …"
	/D1 DB storage caused object to be reset/i,
	/D1 DB storage operation exceeded timeout/i,
	/D1 DB is overloaded/i,
	/Cannot resolve D1 DB due to transient issue/i,
	/D1 DB's isolate exceeded its memory limit/i,
	/D1 DB exceeded its CPU time limit/i,
	// KV: "KV GET failed: 503 Service Unavailable". Server errors and 429 (more than one write a
	// second to a key) only; another 4xx means we sent something invalid.
	/\bKV [A-Z_]+ failed: (?:5\d\d|429)\b/,
	// R2: the code ends the message, "put: We encountered an internal error. Please try again.
	// (10001)": InternalError, ServiceUnavailable, ClientDisconnect, TooManyRequests
	// (developers.cloudflare.com/r2/api/error-codes/).
	/\((?:10001|10043|10054|10058)\)\s*$/,
];

/** Whether `error` is a documented transient failure of D1, KV, R2 or a subrequest. */
export function isStorageFault(error: unknown): boolean {
	const message = errorMessage(error);
	return STORAGE_FAULTS.some((pattern) => pattern.test(message));
}
