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

export const APP_ORIGIN = "http://localhost:4321";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * An endpoint as `"METHOD /path"`, the path exactly as the Hono route pattern in Core's route
 * file, relative to /api/v1 (the keys of the contract's endpoint table).
 */
export type Endpoint = `${Method} /${string}`;

/** The JSON body of an answer: the contract's error shape, or a route's own fields. */
export type ReplyBody = {
	error?: {
		code: string;
		message?: string;
		requestId?: string;
		fields?: Record<string, string>;
		limit?: { name: string; max: number; plan: string };
	};
} & Record<string, unknown>;

export interface Reply<T = ReplyBody> {
	status: number;
	headers: Headers;
	/** The parsed JSON body; null when the answer is empty (204) or not JSON. */
	body: T;
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
	/** Values for the path's `:name` segments, inserted as given (a test may send a hostile id). */
	params?: Record<string, string | number>;
	/** Sent as JSON, or as it is when bytes (with `Content-Type: application/octet-stream`). */
	body?: unknown;
	headers?: HeaderValues;
	/** The caller whose session is sent; anonymous when absent or null. */
	as?: Caller | null;
	via?: Via;
}

/** Calls one endpoint of Core's API. */
export async function call<T = ReplyBody>(
	endpoint: Endpoint,
	options: CallOptions = {},
): Promise<Reply<T>> {
	const { method, path } = resolve(endpoint, options.params);
	const bytes = options.body instanceof Uint8Array || options.body instanceof ArrayBuffer;
	return raw<T>(method, path, {
		as: options.as,
		via: options.via,
		body: bytes
			? (options.body as BodyInit)
			: options.body === undefined
				? undefined
				: JSON.stringify(options.body),
		headers: {
			...(options.body === undefined
				? {}
				: { "Content-Type": bytes ? "application/octet-stream" : "application/json" }),
			...options.headers,
		},
	});
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
export async function raw<T = ReplyBody>(
	method: string,
	path: string,
	options: RawOptions = {},
): Promise<Reply<T>> {
	const url = /^https?:\/\//.test(path) ? path : `https://api.test/api/v1${path}`;
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
	const res = await (options.via ?? ((r) => exports.default.fetch(r)))(request);
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: parseJson(text) as T, text };
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
export function cookieOf(reply: Pick<Reply<unknown>, "headers">): string {
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
	const signup = await call<{ user: { id: string } }>("POST /auth/signup", {
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
	const page = await call<{ page: { id: string } }>("POST /pages", {
		as: owner,
		body: { title: options.title ?? "Home" },
	});
	const pageId = page.body.page.id;
	const link = await call<{ link: { id: string } }>("POST /pages/:id/links", {
		as: owner,
		params: { id: pageId },
		body: { title: "L", url: "https://example.com/" },
	});
	if (options.publish) {
		await call("POST /pages/:id/publish", { as: owner, params: { id: pageId } });
	}
	let domainId = "dom_aaaaaaaaaaaaaaaaaaaa";
	if (options.domain) {
		const claimed = await call<{ domain: { id: string } }>("POST /domains", {
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
