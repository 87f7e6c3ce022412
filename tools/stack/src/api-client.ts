/**
 * The Node client of Core's public API, for the demo seed, the integration and load tests and the
 * bench: a transport for the contracts' typed client (@smartpages/contracts/api) that behaves like
 * the dashboard in a browser — it keeps the session cookie, sends the app's Origin and reports a
 * client address (`CF-Connecting-IP`, as Cloudflare sets it in production).
 *
 * `call` is the only way to use the API: keyed by the contract's endpoint ("POST /pages/:id/publish"),
 * with typed params, body and answer, and every successful answer checked against the endpoint's
 * response schema (a mismatch throws a ContractViolation), so everything that runs through it is a
 * conformance check too. `raw` sends what the contract does not allow (malformed JSON, wrong
 * content types, hostile ids, unknown routes), for the hostile-input tests only.
 */
import type {
	ApiFailure,
	CallOptions,
	EndpointKey,
	RequestArgs,
	ResponseOf,
	Transport,
} from "@smartpages/contracts/api";
import { contractsClient } from "./contracts.ts";

/**
 * The contract's error object (`ApiErrorBody["error"]` of @smartpages/contracts), spelled from the
 * client's failure type: the contracts' main index also loads modules that Node's type stripping
 * cannot run, so this package imports only from @smartpages/contracts/api.
 */
export interface ApiError {
	code: Exclude<ApiFailure["code"], "network">;
	message: string;
	requestId: string;
	fields?: ApiFailure["fields"];
	limit?: ApiFailure["limit"];
}

/** What Core answered, however the request went. */
export interface Answer {
	status: number;
	headers: Headers;
	/** The body as sent. */
	text: string;
	/** The contract's error object; reading it throws when the answer carries none. */
	readonly error: ApiError;
}

/** The answer to a call of the contract. */
export interface ApiResponse<T> extends Answer {
	/** True for a successful answer (its body then passed the endpoint's response schema). */
	ok: boolean;
	/**
	 * The successful answer's body, typed by the endpoint (null for 202 and 204, the HTML for the
	 * preview); reading it throws when Core answered an error.
	 */
	readonly body: T;
}

/** The answer to a raw request. */
export interface RawResponse extends Answer {
	/** The parsed JSON body; the text when the answer is not JSON; null when empty. */
	body: unknown;
}

export interface RawRequest {
	/** Sent as it is when a string or bytes, else as JSON. */
	body?: unknown;
	headers?: Record<string, string>;
}

export interface ApiClientOptions {
	/** Core's base URL, e.g. http://localhost:8787 */
	core: string;
	/** The app origin sent as Origin on every request (as the dashboard would); "" for none. */
	origin: string;
	/** Client address reported to Core (Cloudflare sets CF-Connecting-IP in production). */
	ip?: string;
	/** Check every answer against the contract (on by default; see the module comment). */
	validate?: boolean;
	/**
	 * Sees every answer to `call`, success or error, before it is returned; throwing fails the
	 * call. The integration tests check each against the OpenAPI document here (issue 21).
	 */
	inspect?: (key: EndpointKey, answer: { status: number; headers: Headers; text: string }) => void;
}

export class ApiClient {
	/** `__Host-sp_session=…` as the last answer set it; null when signed out. */
	cookie: string | null = null;
	readonly options: ApiClientOptions;

	constructor(options: ApiClientOptions) {
		this.options = options;
	}

	/** Calls one endpoint of the contract, e.g. `call("POST /pages/:id/publish", { params: { id } })`. */
	async call<K extends EndpointKey>(
		key: K,
		...[request, options]: RequestArgs<K>
	): Promise<ApiResponse<ResponseOf<K>>> {
		const { callApi } = await contractsClient();
		let answer: Response | undefined;
		let failure: unknown;
		const transport: Transport = async (req) => {
			try {
				const res = await this.send(req.method, req.path, req.headers, req.body);
				answer = res.clone();
				return res;
			} catch (error) {
				failure = error;
				throw error;
			}
		};
		const checks: CallOptions = { validate: this.options.validate ?? true, ...options };
		// The same request with validation added: still the tuple `call`'s own signature checked.
		const result = await callApi(transport, key, ...([request, checks] as RequestArgs<K>));
		if (!answer) throw failure ?? new Error(`${key}: no answer`);
		const text = await answer.text();
		const base = { status: answer.status, headers: answer.headers, text };
		this.options.inspect?.(key, base);
		if (result.ok) {
			const data = result.data;
			return withError(key, { ...base, ok: true, body: data });
		}
		const error = errorOf(text);
		return withError(key, {
			...base,
			ok: false,
			get body(): ResponseOf<K> {
				throw new Error(`${key} answered ${base.status} (${describe(error, text)}), not a success`);
			},
		});
	}

	/**
	 * Sends anything to `/api/v1{path}` (or to a whole URL): for requests the contract does not
	 * allow, and nothing else. The body is sent as it is when a string or bytes, else as JSON.
	 */
	async raw(method: string, path: string, request: RawRequest = {}): Promise<RawResponse> {
		const headers: Record<string, string> = { ...request.headers };
		let payload: BodyInit | undefined;
		const body = request.body;
		if (typeof body === "string") payload = body;
		else if (body instanceof Uint8Array) payload = new Blob([new Uint8Array(body)]);
		else if (body !== undefined) {
			payload = JSON.stringify(body);
			headers["Content-Type"] ??= "application/json";
		}
		const url = /^https?:\/\//.test(path) ? path : `/api/v1${path}`;
		const res = await this.send(method, url, headers, payload);
		const text = await res.text();
		let parsed: unknown = text === "" ? null : text;
		if ((res.headers.get("Content-Type") ?? "").includes("application/json") && text) {
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = text;
			}
		}
		return withError(`${method} ${path}`, {
			status: res.status,
			headers: res.headers,
			text,
			body: parsed,
		});
	}

	/** One request the way the dashboard sends it: Origin, client address, session cookie. */
	private async send(
		method: string,
		path: string,
		headers: Record<string, string>,
		body: BodyInit | undefined,
	): Promise<Response> {
		const h: Record<string, string> = { ...headers };
		if (this.options.origin && !("Origin" in headers)) h.Origin = this.options.origin;
		if (this.options.ip) h["CF-Connecting-IP"] = this.options.ip;
		if (this.cookie) h.Cookie = this.cookie;
		const url = /^https?:\/\//.test(path) ? path : `${this.options.core}${path}`;
		const res = await fetch(url, { method, headers: h, ...(body === undefined ? {} : { body }) });
		const setCookie = res.headers.get("Set-Cookie");
		if (setCookie?.startsWith("__Host-sp_session=")) {
			const value = setCookie.split(";")[0] ?? "";
			this.cookie = value === "__Host-sp_session=" ? null : value;
		}
		return res;
	}
}

function errorOf(text: string): ApiError | undefined {
	try {
		const parsed: unknown = JSON.parse(text);
		if (
			typeof parsed === "object" &&
			parsed !== null &&
			"error" in parsed &&
			typeof parsed.error === "object" &&
			parsed.error !== null &&
			"code" in parsed.error
		) {
			return parsed.error as ApiError;
		}
	} catch {
		// Not JSON: no error object.
	}
	return undefined;
}

function describe(error: ApiError | undefined, text: string): string {
	return error ? `${error.code}: ${error.message}` : text.slice(0, 200) || "empty body";
}

/** Adds the `error` accessor: the contract's error object, or a throw naming what came instead. */
function withError<R extends Omit<Answer, "error">>(what: string, answer: R): R & Answer {
	const error = errorOf(answer.text);
	return Object.defineProperty(answer, "error", {
		enumerable: true,
		get(): ApiError {
			if (!error) {
				throw new Error(
					`${what} answered ${answer.status} without an error body: ${answer.text.slice(0, 200)}`,
				);
			}
			return error;
		},
	}) as R & Answer;
}

export interface InboxMessage {
	id: string;
	to: string;
	subject: string;
	html: string;
	text: string;
	createdAt: string;
}

/** Waits until the local inbox has a mail for `to` matching `subject`, newest first. */
export async function waitForMail(
	mailBase: string,
	to: string,
	match: (m: InboxMessage) => boolean = () => true,
	timeoutMs = 20_000,
): Promise<InboxMessage> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const found = (await inbox(mailBase, to)).find(match);
		if (found) return found;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`no mail for ${to} arrived within ${timeoutMs / 1000} s`);
}

/** The mails the local inbox (the mail stand-in, not Core's API) holds for `to`, newest first. */
export async function inbox(mailBase: string, to: string): Promise<InboxMessage[]> {
	const res = await fetch(`${mailBase}/api/messages?to=${encodeURIComponent(to)}`);
	const body: unknown = await res.json();
	const messages =
		typeof body === "object" && body !== null && "messages" in body ? body.messages : undefined;
	if (!Array.isArray(messages))
		throw new Error(`the inbox answered ${res.status} without messages`);
	return messages;
}

/** The single-use token in a mail's link (`#token=…`). */
export function tokenFrom(message: InboxMessage): string {
	const token = /#token=([A-Za-z0-9_-]{43})/.exec(message.text)?.[1];
	if (!token) throw new Error(`no token in mail "${message.subject}"`);
	return token;
}
