/**
 * A small HTTP client for Core's public API that behaves like the dashboard in a browser: it
 * keeps the session cookie and sends the app's Origin. Used by the demo seed, tests and benches.
 */

export interface ApiResponse<T = unknown> {
	status: number;
	headers: Headers;
	body: T;
	text: string;
}

export interface ApiClientOptions {
	/** Core's base URL, e.g. http://localhost:8787 */
	core: string;
	/** The app origin sent as Origin on every request (as the dashboard would). */
	origin: string;
	/** Client address reported to Core (Cloudflare sets CF-Connecting-IP in production). */
	ip?: string;
}

export class ApiClient {
	cookie: string | null = null;
	readonly options: ApiClientOptions;

	constructor(options: ApiClientOptions) {
		this.options = options;
	}

	/** Sends a request to `/api/v1{path}`; a non-string body is sent as JSON. */
	async request<T = Record<string, unknown>>(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	): Promise<ApiResponse<T>> {
		const h: Record<string, string> = { ...headers };
		if (this.options.origin && !("Origin" in headers)) h.Origin = this.options.origin;
		if (this.options.ip) h["CF-Connecting-IP"] = this.options.ip;
		if (this.cookie) h.Cookie = this.cookie;
		let payload: string | Blob | undefined;
		if (body !== undefined) {
			if (typeof body === "string") {
				payload = body;
			} else if (body instanceof Uint8Array) {
				payload = new Blob([new Uint8Array(body)]);
			} else {
				payload = JSON.stringify(body);
				h["Content-Type"] ??= "application/json";
			}
		}
		const res = await fetch(`${this.options.core}/api/v1${path}`, {
			method,
			headers: h,
			body: payload,
		});
		const setCookie = res.headers.get("Set-Cookie");
		if (setCookie?.startsWith("__Host-sp_session=")) {
			const value = setCookie.split(";")[0] ?? "";
			this.cookie = value === "__Host-sp_session=" ? null : value;
		}
		const text = await res.text();
		let parsed: unknown = text;
		if ((res.headers.get("Content-Type") ?? "").includes("application/json") && text)
			parsed = JSON.parse(text);
		return { status: res.status, headers: res.headers, body: parsed as T, text };
	}

	get<T = Record<string, unknown>>(path: string) {
		return this.request<T>("GET", path);
	}
	post<T = Record<string, unknown>>(path: string, body?: unknown) {
		return this.request<T>("POST", path, body);
	}
	patch<T = Record<string, unknown>>(path: string, body?: unknown) {
		return this.request<T>("PATCH", path, body);
	}
	put<T = Record<string, unknown>>(path: string, body?: unknown) {
		return this.request<T>("PUT", path, body);
	}
	delete<T = Record<string, unknown>>(path: string, body?: unknown) {
		return this.request<T>("DELETE", path, body);
	}
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
		const res = await fetch(`${mailBase}/api/messages?to=${encodeURIComponent(to)}`);
		const { messages } = (await res.json()) as { messages: InboxMessage[] };
		const found = messages.find(match);
		if (found) return found;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`no mail for ${to} arrived within ${timeoutMs / 1000} s`);
}

/** The single-use token in a mail's link (`#token=…`). */
export function tokenFrom(message: InboxMessage): string {
	const token = /#token=([A-Za-z0-9_-]{43})/.exec(message.text)?.[1];
	if (!token) throw new Error(`no token in mail "${message.subject}"`);
	return token;
}
