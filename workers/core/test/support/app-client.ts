/**
 * One signed-in browser against the real app inside workerd (Core → Customer, Billing, Mailer
 * over their bindings): each call sends the app's Origin and keeps the session cookie the app
 * sets. Every request comes from its own client address unless `ip` is given, so the per-address
 * limits of the auth routes stay out of the way of tests that are not about them.
 */
import { exports } from "cloudflare:workers";

export const APP_ORIGIN = "http://localhost:4321";

/** The JSON body of an answer: the contract's error shape, or a route's own fields. */
export type ReplyBody = {
	error?: { code: string; limit?: { name: string; max: number; plan: string } };
} & Record<string, unknown>;

export interface Reply<T = ReplyBody> {
	status: number;
	/** The parsed JSON body; `{}` for an empty one (204). */
	body: T;
}

export function appClient(ip?: string) {
	let cookie = "";
	return async <T = ReplyBody>(method: string, path: string, body?: unknown): Promise<Reply<T>> => {
		const headers: Record<string, string> = {
			Origin: APP_ORIGIN,
			"CF-Connecting-IP": ip ?? crypto.randomUUID(),
		};
		if (body !== undefined) headers["Content-Type"] = "application/json";
		if (cookie) headers.Cookie = cookie;
		const res = await exports.default.fetch(
			new Request(`https://api.test/api/v1${path}`, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
			}),
		);
		const set = res.headers.get("Set-Cookie");
		if (set) cookie = set.split(";")[0] ?? "";
		const text = await res.text();
		return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
	};
}
