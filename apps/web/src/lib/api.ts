/**
 * The dashboard's only way to talk to Core: same-origin fetches under /api/v1 with the session
 * cookie and JSON bodies. Every call resolves (never throws) to a success or a failure value that
 * carries the contract's error code, so screens decide what to show without try/catch.
 */
import type { ApiErrorBody, ErrorCode, FieldErrors, PlanLimit } from "@smartpages/contracts";

export interface ApiSuccess<T> {
	ok: true;
	status: number;
	data: T;
}

export interface ApiFailure {
	ok: false;
	status: number;
	/** The contract's error code, or "network" when no answer arrived at all. */
	code: ErrorCode | "network";
	fields: FieldErrors;
	limit?: PlanLimit;
	/** Seconds from `Retry-After` on 429 answers. */
	retryAfter?: number;
}

export type ApiResult<T> = ApiSuccess<T> | ApiFailure;

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

let onUnauthenticated: (() => void) | null = null;

/**
 * Registers what happens when a signed-in screen learns that its session has ended (401
 * unauthenticated): normally a redirect to the login page. Auth screens never register one.
 */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
	onUnauthenticated = handler;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
	return (
		typeof value === "object" &&
		value !== null &&
		"error" in value &&
		typeof (value as { error: unknown }).error === "object"
	);
}

/** A code for answers without the contract's body (a proxy or the static host answered). */
function codeForStatus(status: number): ErrorCode {
	if (status === 401) return "unauthenticated";
	if (status === 404) return "not_found";
	if (status === 429) return "rate_limited";
	return status >= 500 ? "unavailable" : "internal_error";
}

/** Sends one request to `/api/v1{path}`; a body is sent as JSON. */
export async function api<T = unknown>(
	method: Method,
	path: string,
	body?: unknown,
): Promise<ApiResult<T>> {
	let res: Response;
	try {
		res = await fetch(`/api/v1${path}`, {
			method,
			credentials: "same-origin",
			headers: body === undefined ? {} : { "Content-Type": "application/json" },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	} catch {
		return NETWORK_FAILURE;
	}
	return toResult<T>(res);
}

/** Sends raw bytes (an image upload) with their media type to `/api/v1{path}`. */
export async function upload<T = unknown>(
	method: "PUT" | "POST",
	path: string,
	body: Blob,
	type: string,
): Promise<ApiResult<T>> {
	let res: Response;
	try {
		res = await fetch(`/api/v1${path}`, {
			method,
			credentials: "same-origin",
			headers: { "Content-Type": type },
			body,
		});
	} catch {
		return NETWORK_FAILURE;
	}
	return toResult<T>(res);
}

export const NETWORK_FAILURE: ApiFailure = { ok: false, status: 0, code: "network", fields: {} };

/**
 * Reads an answer of Core into a result. `notify: false` leaves a 401 to the caller instead of
 * the registered unauthenticated handler.
 */
export async function toResult<T>(
	res: Response,
	{ notify = true }: { notify?: boolean } = {},
): Promise<ApiResult<T>> {
	const text = await res.text().catch(() => "");
	let parsed: unknown = null;
	if (text && (res.headers.get("Content-Type") ?? "").includes("application/json")) {
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = null;
		}
	}
	if (res.ok) return { ok: true, status: res.status, data: parsed as T };

	const error = isErrorBody(parsed) ? parsed.error : null;
	const failure: ApiFailure = {
		ok: false,
		status: res.status,
		code: error?.code ?? codeForStatus(res.status),
		fields: error?.fields ?? {},
		...(error?.limit ? { limit: error.limit } : {}),
	};
	const retryAfter = Number(res.headers.get("Retry-After"));
	if (res.status === 429 && Number.isFinite(retryAfter) && retryAfter > 0) {
		failure.retryAfter = retryAfter;
	}
	if (notify && failure.code === "unauthenticated") onUnauthenticated?.();
	return failure;
}
