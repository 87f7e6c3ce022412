/**
 * The one request harness of Core's tests. `call` sends a request to one endpoint, named as its
 * route file declares it (`"POST /pages/:id/publish"`, relative to /api/v1), through the real
 * app inside workerd (Core → Customer, Billing, Mailer over their bindings); `raw` sends anything
 * at all, for hostile input; `account` makes an account of a role the way a user would (sign-up),
 * setting in D1 only what a test cannot click through (a confirmed address, a paid plan).
 *
 * Every request carries the app's Origin, as the dashboard's do, and comes from a fresh client
 * address unless the account or the headers name one, so the per-address limits of the auth
 * routes stay out of the way of tests that are not about them. Nothing follows cookies on its
 * own: a test that wants the session a response set takes it with `cookieOf`.
 */
import { env, exports } from "cloudflare:workers";
import type { ApiErrorBody } from "@smartpages/contracts";
import {
	callApi,
	type EndpointKey,
	type RequestArgs,
	type ResponseOf,
	type Transport,
} from "@smartpages/contracts/api";

export const APP_ORIGIN = "http://localhost:4321";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * An endpoint as `"METHOD /path"`, the path exactly as the Hono route pattern in Core's route
 * file, relative to /api/v1: a key of the contract's endpoint table.
 */
export type Endpoint = EndpointKey;

/** The contract's error object: `{ code, message, requestId, fields?, limit? }`. */
export type ApiError = ApiErrorBody["error"];

export interface Reply<T = unknown> {
	status: number;
	headers: Headers;
	/**
	 * `call`: the successful answer's body as the contract types it, checked against the
	 * endpoint's response schema (null for 202 and 204, the HTML for the preview); reading it
	 * throws when Core answered an error. `raw`: the parsed JSON body, null when the answer is
	 * empty or not JSON.
	 */
	readonly body: T;
	/** The contract's error object; reading it throws when the answer carries none. */
	readonly error: ApiError;
	/** The body as sent. */
	text: string;
}

/** Whose session a request carries: an account, or any object holding a session cookie. */
export interface Caller {
	/** `name=value` of the session cookie, as a browser sends it back. */
	cookie: string;
	/** The client address every request of this caller comes from; a fresh one each if unset. */
	ip?: string;
}

/** Request headers; `null` leaves out one the harness would add (Origin, say). */
export type HeaderValues = Record<string, string | null>;

/** Sends the request somewhere else than the app's own entry (an app with a faulty env, say). */
export type Via = (request: Request) => Response | Promise<Response>;

export interface CallOptions {
	/** Values for the path's `:name` segments (URL-encoded, as the dashboard's client sends them). */
	params?: Record<string, string | number>;
	/** Query parameters (URL-encoded by the client); not typed by the endpoint, like `body`. */
	query?: Record<string, string>;
	/**
	 * The request body as the contract's client sends it: JSON, or the bytes of an upload (give
	 * its `Content-Type` in `headers`). Not typed by the endpoint: the matrix and hostile-input
	 * suites send every route bodies it refuses.
	 */
	body?: unknown;
	/** Win over the client's and the harness's own (Content-Type, Origin, the client address). */
	headers?: HeaderValues;
	/** The caller whose session is sent; anonymous when absent or null. */
	as?: Caller | null;
	via?: Via;
}

/**
 * Calls one endpoint of Core's API through the contract's typed client (@smartpages/contracts/api)
 * with response validation on: a successful answer whose status or body breaks the contract, or
 * an error code sent with another status, throws a ContractViolation.
 */
export async function call<K extends Endpoint>(
	endpoint: K,
	options: CallOptions = {},
): Promise<Reply<ResponseOf<K>>> {
	let answer: Response | undefined;
	const transport: Transport = async (request) => {
		const res = await send(request.method, request.path, {
			...options,
			body: request.body,
			headers: { ...request.headers, ...options.headers },
		});
		answer = res.clone();
		return res;
	};
	// The harness's request is not typed by the endpoint (see CallOptions.body).
	const args = [
		{ params: options.params, body: options.body, query: options.query },
		{ validate: true },
	];
	const result = await callApi(transport, endpoint, ...(args as RequestArgs<K>));
	if (!answer) throw new Error(`${endpoint}: no answer`);
	const text = await answer.text();
	const reply = withError(endpoint, { status: answer.status, headers: answer.headers, text });
	if (result.ok) return Object.assign(reply, { body: result.data });
	return Object.defineProperty(reply, "body", {
		enumerable: true,
		get(): never {
			throw new Error(
				`${endpoint} answered ${text.slice(0, 300)} (${reply.status}), not a success`,
			);
		},
	}) as Reply<ResponseOf<K>>;
}

export interface RawOptions {
	body?: BodyInit | null;
	/** Every header as given; Origin and the client address are added unless set (or null). */
	headers?: HeaderValues;
	as?: Caller | null;
	via?: Via;
}

/**
 * Any method, any path (relative to /api/v1, or a whole URL for another host or scheme), any
 * body and content type: for hostile input and for what `call` cannot express.
 */
export async function raw(
	method: string,
	path: string,
	options: RawOptions = {},
): Promise<Reply<unknown>> {
	const url = /^https?:\/\//.test(path) ? path : `/api/v1${path}`;
	const res = await send(method, url, options);
	const text = await res.text();
	return Object.assign(
		withError(`${method} ${path}`, { status: res.status, headers: res.headers, text }),
		{
			body: parseJson(text),
		},
	);
}

/** One request as the app's browser sends it: Origin, a client address, the caller's cookie. */
async function send(method: string, path: string, options: RawOptions): Promise<Response> {
	const url = /^https?:\/\//.test(path) ? path : `https://api.test${path}`;
	const headers = new Headers({
		Origin: APP_ORIGIN,
		"CF-Connecting-IP": options.as?.ip ?? freshIp(),
	});
	if (options.as?.cookie) headers.set("Cookie", options.as.cookie);
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		if (value === null) headers.delete(name);
		else headers.set(name, value);
	}
	const request = new Request(url, { method, headers, body: options.body });
	return (options.via ?? ((r) => exports.default.fetch(r)))(request);
}

/** The reply with its `error` accessor: the contract's error object, or a throw naming the answer. */
function withError<R extends { status: number; headers: Headers; text: string }>(
	what: string,
	reply: R,
): R & { readonly error: ApiError } {
	const body = parseJson(reply.text);
	const error =
		typeof body === "object" &&
		body !== null &&
		"error" in body &&
		typeof body.error === "object" &&
		body.error !== null
			? (body.error as ApiError)
			: undefined;
	return Object.defineProperty(reply, "error", {
		enumerable: true,
		get(): ApiError {
			if (!error)
				throw new Error(
					`${what} answered ${reply.status} without an error body: ${reply.text.slice(0, 300)}`,
				);
			return error;
		},
	}) as R & { readonly error: ApiError };
}

/** An endpoint's method, and its path with the `:name` segments filled in (values as given). */
export function resolve(
	endpoint: Endpoint,
	params: Record<string, string | number> = {},
): { method: Method; path: string } {
	const space = endpoint.indexOf(" ");
	const path = endpoint.slice(space + 1).replace(/:([A-Za-z]+)/g, (_, name: string) => {
		const value = params[name];
		if (value === undefined) throw new Error(`${endpoint}: no value for :${name}`);
		return String(value);
	});
	return { method: endpoint.slice(0, space) as Method, path };
}

function parseJson(text: string): unknown {
	if (!text) return null;
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/** The session cookie an answer set, as `name=value` (empty when it set none). */
export function cookieOf(reply: Pick<Reply, "headers">): string {
	return (reply.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
}

/** Four hex digits. */
const group = () =>
	(crypto.getRandomValues(new Uint16Array(1))[0] ?? 0).toString(16).padStart(4, "0");

/** A random /64 of the documentation prefix 2001:db8::/32, as its first four groups. */
export const freshNetwork = () => `2001:db8:${group()}:${group()}`;

/** A random address inside a /64 given by its first four groups. */
export const addressIn = (network: string) =>
	`${network}:${group()}:${group()}:${group()}:${group()}`;

/** A client address of its own: a random address in a random /64. */
export const freshIp = () => addressIn(freshNetwork());

// ── accounts ─────────────────────────────────────────────────────────────────────────────────

/**
 * The roles of the authorization matrix: `free` and `pro` have a confirmed address (Pro with an
 * active subscription), `unverified` has not confirmed it, `other` is a second Pro account that
 * acts on somebody else's resources.
 */
export type Role = "unverified" | "free" | "pro" | "other";

export const DEFAULT_PASSWORD = "harness passphrase 1";

export interface Account extends Caller {
	role: Role;
	email: string;
	password: string;
	userId: string;
}

export interface AccountOptions {
	email?: string;
	password?: string;
	locale?: string;
	/** Every request of the account, its sign-up included, comes from this address. */
	ip?: string;
}

/** A new account of a role, signed in (the session its sign-up started). */
export async function account(role: Role, options: AccountOptions = {}): Promise<Account> {
	const email = options.email ?? `${role}-${crypto.randomUUID()}@example.com`;
	const password = options.password ?? DEFAULT_PASSWORD;
	const signup = await call("POST /auth/signup", {
		body: { email, password, ...(options.locale ? { locale: options.locale } : {}) },
		as: options.ip ? { cookie: "", ip: options.ip } : null,
	});
	if (signup.status !== 201) throw new Error(`sign-up: ${signup.status} ${signup.text}`);
	const userId = signup.body.user.id;
	if (role !== "unverified") {
		const pro = role === "pro" || role === "other";
		await env.TEST_DB.prepare(
			pro
				? "UPDATE users SET email_verified_at = ?, plan_id = 'pro', plan_status = 'active' WHERE id = ?"
				: "UPDATE users SET email_verified_at = ? WHERE id = ?",
		)
			.bind(new Date().toISOString(), userId)
			.run();
	}
	return { role, email, password, userId, cookie: cookieOf(signup), ip: options.ip };
}

/** An account's own things to act on. */
export interface Resources {
	pageId: string;
	linkId: string;
	/** A claimed custom domain, or a well-formed id of none when not asked for. */
	domainId: string;
}

/** Gives an account a page with one link; published and with a custom domain if asked. */
export async function withResources<A extends Account>(
	owner: A,
	options: { title?: string; publish?: boolean; domain?: boolean } = {},
): Promise<A & Resources> {
	const page = await call("POST /pages", {
		as: owner,
		body: { title: options.title ?? "Home" },
	});
	const pageId = page.body.page.id;
	const link = await call("POST /pages/:id/links", {
		as: owner,
		params: { id: pageId },
		body: { title: "L", url: "https://example.com/" },
	});
	if (options.publish) {
		await call("POST /pages/:id/publish", { as: owner, params: { id: pageId } });
	}
	let domainId = "dom_aaaaaaaaaaaaaaaaaaaa";
	if (options.domain) {
		const claimed = await call("POST /domains", {
			as: owner,
			body: { hostname: `d-${crypto.randomUUID().slice(0, 8)}.example.test` },
		});
		domainId = claimed.body.domain.id;
	}
	return { ...owner, pageId, linkId: link.body.link.id, domainId };
}

/** The address D1 holds for an account now. */
export async function storedEmail(userId: string): Promise<string | undefined> {
	const row = await env.TEST_DB.prepare("SELECT email FROM users WHERE id = ?")
		.bind(userId)
		.first<{ email: string }>();
	return row?.email;
}
