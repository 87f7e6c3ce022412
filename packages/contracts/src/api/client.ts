/**
 * The typed client of Core's public API, built on the endpoint table (./endpoints): a call names
 * its route ("POST /pages/:id/publish"), and its params, body and answer are typed from the
 * contract. It does not know how requests travel: a transport (fetch in the browser or in Node,
 * `exports.default.fetch` inside workerd) sends them and owns cookies, Origin and client-address
 * headers. Every call resolves, never rejects, to a success or a failure that carries the
 * contract's error code, so screens and scripts decide what to do without try/catch; only
 * `validate: true` throws, when Core's answer breaks the contract (tests turn it on).
 */
import type * as z from "zod";
import {
	type ApiErrorBody,
	ERROR_STATUS,
	type ErrorCode,
	type FieldErrors,
	type PlanLimit,
} from "../errors";
import {
	type BodyOf,
	type EndpointKey,
	type EndpointSpec,
	endpoint,
	type ParamNameOf,
	type ParamsOf,
	type QueryOf,
	type ResponseOf,
} from "./endpoints";

/** Where Core serves the API. */
export const API_PREFIX = "/api/v1";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One request as the client hands it to a transport. */
export interface TransportRequest {
	method: HttpMethod;
	/** The absolute path with the query, starting with /api/v1. */
	path: string;
	headers: Record<string, string>;
	body?: BodyInit;
}

/** Sends a request to Core and resolves to its answer; rejects only when no answer arrived. */
export type Transport = (request: TransportRequest) => Promise<Response>;

export interface ApiSuccess<T> {
	ok: true;
	status: number;
	data: T;
	headers: Headers;
}

export interface ApiFailure {
	ok: false;
	/** 0 when no answer arrived at all. */
	status: number;
	/** The contract's error code, or "network" when no answer arrived at all. */
	code: ErrorCode | "network";
	fields: FieldErrors;
	limit?: PlanLimit;
	/** Seconds from `Retry-After` on 429 and 503 answers. */
	retryAfter?: number;
	/** The error body's message and request id, when Core sent one. */
	message?: string;
	requestId?: string;
	/** Absent when no answer arrived. */
	headers?: Headers;
}

export type ApiResult<T> = ApiSuccess<T> | ApiFailure;

/** The failure when the transport got no answer (offline, DNS, connection refused). */
export const NETWORK_FAILURE: Readonly<ApiFailure> = Object.freeze({
	ok: false,
	status: 0,
	code: "network",
	fields: {},
});

export interface CallOptions {
	/**
	 * Parse every successful answer with the route's response schema and require the table's
	 * status; an error answer must carry its code's status. A mismatch throws a
	 * {@link ContractViolation}. Meant for tests, which run against the real Core.
	 */
	validate?: boolean;
}

/** What a call sends: `params` when the route has any, `body` when it takes one. */
export type ApiRequest<K extends EndpointKey> = ([ParamNameOf<K>] extends [never]
	? { params?: undefined }
	: { params: ParamsOf<K> }) &
	(BodyOf<K> extends undefined ? { body?: undefined } : { body: BodyOf<K> }) &
	(QueryOf<K> extends undefined ? { query?: undefined } : { query?: QueryOf<K> }) & {
		/** Extra headers for this call (they win over the client's own). */
		headers?: Record<string, string>;
		/** Media type of an upload; by default the Blob's own type. */
		contentType?: string;
	};

/** The request argument is optional when the route needs neither params nor a body. */
export type RequestArgs<K extends EndpointKey> =
	object extends ApiRequest<K>
		? [request?: ApiRequest<K>, options?: CallOptions]
		: [request: ApiRequest<K>, options?: CallOptions];

/** Thrown under `validate: true` when Core's answer does not match the contract. */
export class ContractViolation extends Error {
	readonly endpoint: EndpointKey;
	readonly status: number;
	readonly issues: readonly string[];

	constructor(endpoint: EndpointKey, status: number, issues: readonly string[]) {
		super(`${endpoint} answered ${status}, which breaks the contract: ${issues.join("; ")}`);
		this.name = "ContractViolation";
		this.endpoint = endpoint;
		this.status = status;
		this.issues = issues;
	}
}

function parts(key: EndpointKey): { method: HttpMethod; pattern: string } {
	const space = key.indexOf(" ");
	return { method: key.slice(0, space) as HttpMethod, pattern: key.slice(space + 1) };
}

/**
 * The path of a call, /api/v1 included: each `:param` of the route replaced by its value
 * (URL-encoded, so an id can never add a path segment), then the query's defined values.
 */
export function buildPath<K extends EndpointKey>(
	key: K,
	params?: ParamsOf<K>,
	query?: QueryOf<K>,
): string {
	return pathOf(key, parts(key).pattern, params ?? {}, query);
}

function pathOf(
	key: EndpointKey,
	pattern: string,
	params: Partial<Record<string, string | number>>,
	query: unknown,
): string {
	const path = pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
		const value = params[name];
		if (value === undefined) throw new Error(`${key}: missing path parameter "${name}"`);
		return encodeURIComponent(String(value));
	});
	const search = new URLSearchParams();
	if (query && typeof query === "object") {
		for (const [name, value] of Object.entries(query)) {
			if (value !== undefined && value !== null) search.set(name, String(value));
		}
	}
	const qs = search.toString();
	return `${API_PREFIX}${path}${qs ? `?${qs}` : ""}`;
}

/** The body and its Content-Type as the route expects them. */
function encodeBody(
	spec: EndpointSpec,
	body: unknown,
	contentType: string | undefined,
): { body?: BodyInit; type?: string } {
	if (body === undefined) return {};
	if (spec.upload) {
		if (body instanceof Blob) return { body, type: contentType ?? body.type };
		// A copy: a view on a shared or larger buffer would send more (or other) bytes.
		if (body instanceof Uint8Array) return { body: new Uint8Array(body), type: contentType };
		if (body instanceof ArrayBuffer) return { body, type: contentType };
	}
	if (typeof body === "string") return { body, type: contentType ?? "application/json" };
	return { body: JSON.stringify(body), type: contentType ?? "application/json" };
}

/** Any call's request, as the sending code sees it. */
interface LooseRequest {
	params?: Partial<Record<string, string | number>>;
	query?: unknown;
	body?: unknown;
	headers?: Record<string, string>;
	contentType?: string;
}

/** Sends one call of the contract through `transport`. */
export function callApi<K extends EndpointKey>(
	transport: Transport,
	key: K,
	...[request, options]: RequestArgs<K>
): Promise<ApiResult<ResponseOf<K>>> {
	return send(transport, key, request, options);
}

async function send<K extends EndpointKey>(
	transport: Transport,
	key: K,
	request: LooseRequest = {},
	options: CallOptions = {},
): Promise<ApiResult<ResponseOf<K>>> {
	const spec = endpoint(key);
	const { method, pattern } = parts(key);
	const path = pathOf(key, pattern, request.params ?? {}, request.query);
	const { body, type } = encodeBody(spec, request.body, request.contentType);
	const headers: Record<string, string> = {
		...(type ? { "Content-Type": type } : {}),
		...request.headers,
	};
	let res: Response;
	try {
		res = await transport({ method, path, headers, ...(body === undefined ? {} : { body }) });
	} catch {
		return { ...NETWORK_FAILURE, fields: {} };
	}
	return readResponse(key, res, options);
}

/** A client bound to one transport and default options: `const api = apiClient(t); api("GET /pages")`. */
export function apiClient(transport: Transport, defaults: CallOptions = {}) {
	return <K extends EndpointKey>(
		key: K,
		...[request, options]: RequestArgs<K>
	): Promise<ApiResult<ResponseOf<K>>> =>
		send(transport, key, request, { ...defaults, ...options });
}

export type ApiCaller = ReturnType<typeof apiClient>;

/**
 * A transport over `fetch`: `base` is Core's origin ("" for the page's own origin); `init` is
 * added to every request (credentials, default headers).
 */
export function fetchTransport(base = "", init: RequestInit = {}): Transport {
	return (request) => {
		const headers = new Headers(init.headers);
		for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
		return fetch(`${base}${request.path}`, {
			...init,
			method: request.method,
			headers,
			...(request.body === undefined ? {} : { body: request.body }),
		});
	};
}

function isErrorBody(value: unknown): value is ApiErrorBody {
	return (
		typeof value === "object" &&
		value !== null &&
		"error" in value &&
		typeof value.error === "object" &&
		value.error !== null
	);
}

/** A code for answers without the contract's body (a proxy or the static host answered). */
export function codeForStatus(status: number): ErrorCode {
	if (status === 401) return "unauthenticated";
	if (status === 404) return "not_found";
	if (status === 429) return "rate_limited";
	return status >= 500 ? "unavailable" : "internal_error";
}

function issuesOf(error: z.ZodError): string[] {
	return error.issues.map((issue) => {
		const where = issue.path.length > 0 ? issue.path.join(".") : "(body)";
		return `${where}: ${issue.message}`;
	});
}

/** Reads Core's answer to a call of `key` into a result. */
export async function readResponse<K extends EndpointKey>(
	key: K,
	res: Response,
	options: CallOptions = {},
): Promise<ApiResult<ResponseOf<K>>> {
	const spec = endpoint(key);
	const text = await res.text().catch(() => "");
	let parsed: unknown = null;
	if (text && (res.headers.get("Content-Type") ?? "").includes("application/json")) {
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = null;
		}
	}

	if (res.ok) {
		let data: unknown = spec.html || spec.csv ? text : spec.response ? parsed : null;
		if (options.validate) data = checkSuccess(key, spec, res.status, data, text);
		return { ok: true, status: res.status, data: data as ResponseOf<K>, headers: res.headers };
	}

	const error = isErrorBody(parsed) ? parsed.error : null;
	if (options.validate && error && ERROR_STATUS[error.code] !== res.status) {
		throw new ContractViolation(key, res.status, [
			`error.code: "${error.code}" belongs to status ${ERROR_STATUS[error.code]}`,
		]);
	}
	const failure: ApiFailure = {
		ok: false,
		status: res.status,
		code: error?.code ?? codeForStatus(res.status),
		fields: error?.fields ?? {},
		...(error?.limit ? { limit: error.limit } : {}),
		...(error ? { message: error.message, requestId: error.requestId } : {}),
		headers: res.headers,
	};
	const retryAfter = Number(res.headers.get("Retry-After"));
	if ((res.status === 429 || res.status === 503) && Number.isFinite(retryAfter) && retryAfter > 0)
		failure.retryAfter = retryAfter;
	return failure;
}

/** The checked body of a successful answer, or a ContractViolation. */
function checkSuccess(
	key: EndpointKey,
	spec: EndpointSpec,
	status: number,
	data: unknown,
	text: string,
): unknown {
	if (status !== spec.status) {
		throw new ContractViolation(key, status, [`status: expected ${spec.status}`]);
	}
	if (spec.response) {
		const result = spec.response.safeParse(data);
		if (!result.success) throw new ContractViolation(key, status, issuesOf(result.error));
		return result.data;
	}
	if (!spec.html && !spec.csv && text !== "") {
		throw new ContractViolation(key, status, ["(body): expected no body"]);
	}
	return data;
}
