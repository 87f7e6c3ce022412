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
