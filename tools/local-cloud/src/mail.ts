/**
 * Resend stand-in and local inbox. Speaks Resend's `POST /emails` (Bearer key, Idempotency-Key)
 * and shows what was sent at `/` and `GET /api/messages?to=…` (newest first, each with the
 * idempotency key it was sent with).
 *
 * Idempotency as Resend documents it (resend.com/docs/dashboard/emails/idempotency-keys): a key
 * is 1–256 characters (else 400 `invalid_idempotency_key`); the same key with the same payload
 * answers the first email's id without sending again; with another payload, 409
 * `invalid_idempotent_request`.
 *
 * Switches for tests:
 * - `POST /_dev/faults {status, count, name?, retryAfter?}` makes the next sends fail with that
 *   status and Resend error name (`status: "hang"` leaves them unanswered). Defaults per status
 *   follow Resend's error list: 429 `rate_limit_exceeded` (with `retry-after` and `ratelimit-*`
 *   headers; `name: "daily_quota_exceeded"` or `"monthly_quota_exceeded"` for the quotas), 409
 *   `concurrent_idempotent_requests` (or `name: "invalid_idempotent_request"`).
 * - `POST /_dev/rate-limit {perSecond}` enforces Resend's per-team rate limit (requests in the
 *   last second) with 429 `rate_limit_exceeded`; 0 (the default) turns it off.
 */
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { escapeHtml, listen, type RunningServer, readJson, sendHtml, sendJson } from "./http.ts";

export interface StoredMessage {
	id: string;
	from: string;
	to: string[];
	subject: string;
	html: string;
	text: string;
	createdAt: string;
	idempotencyKey: string | null;
}

interface Fault {
	/** HTTP status to answer with, or "hang" to never answer (the client must time out). */
	status: number | "hang";
	remaining: number;
	/** Resend's error name in the body; a default per status when not given. */
	name?: string;
	/** Seconds in `retry-after` on a 429. */
	retryAfter?: number;
}

const DEFAULT_NAMES: Record<number, string> = {
	400: "validation_error",
	401: "missing_api_key",
	403: "invalid_api_key",
	409: "concurrent_idempotent_requests",
	422: "validation_error",
	429: "rate_limit_exceeded",
};

/** Resend's error body, with the rate-limit headers it sends on a 429. */
function sendError(
	res: ServerResponse,
	status: number,
	name: string,
	message: string,
	retryAfter?: number,
): void {
	if (status === 429) {
		const wait = String(retryAfter ?? 1);
		res.setHeader("retry-after", wait);
		res.setHeader("ratelimit-remaining", "0");
		res.setHeader("ratelimit-reset", wait);
	}
	sendJson(res, status, { statusCode: status, name, message });
}

export async function startMail(port: number): Promise<RunningServer> {
	const messages: StoredMessage[] = [];
	/** Per key: the email it sent and the payload it was sent with. */
	const byIdempotencyKey = new Map<string, { id: string; payload: string }>();
	let fault: Fault | null = null;
	/** Resend's per-team limit when switched on: arrival times of the last second's requests. */
	let perSecond = 0;
	const recent: number[] = [];

	return listen(port, async (req, res, url) => {
		if (req.method === "POST" && url.pathname === "/emails") {
			if (!req.headers.authorization?.startsWith("Bearer ")) {
				return sendJson(res, 401, {
					statusCode: 401,
					name: "missing_api_key",
					message: "Missing API key",
				});
			}
			if (perSecond > 0) {
				const now = Date.now();
				while (recent.length > 0 && (recent[0] ?? 0) <= now - 1000) recent.shift();
				if (recent.length >= perSecond) {
					res.setHeader("ratelimit-limit", String(perSecond));
					return sendError(res, 429, "rate_limit_exceeded", "Too many requests.", 1);
				}
				recent.push(now);
			}
			if (fault && fault.remaining > 0) {
				fault.remaining -= 1;
				if (fault.status === "hang") return; // never answered; the client must time out
				return sendError(
					res,
					fault.status,
					fault.name ?? DEFAULT_NAMES[fault.status] ?? "application_error",
					"Injected fault",
					fault.retryAfter,
				);
			}
			const body = (await readJson(req)) as Partial<{
				from: string;
				to: string | string[];
				subject: string;
				html: string;
				text: string;
			}> | null;
			if (!body?.from || !body.to || !body.subject) {
				return sendJson(res, 422, {
					statusCode: 422,
					name: "validation_error",
					message: "from, to and subject are required",
				});
			}
			const key = req.headers["idempotency-key"];
			if (typeof key === "string" && (key.length < 1 || key.length > 256)) {
				return sendError(
					res,
					400,
					"invalid_idempotency_key",
					"The key must be between 1-256 chars.",
				);
			}
			const payload = JSON.stringify([body.from, body.to, body.subject, body.html, body.text]);
			const earlier = typeof key === "string" ? byIdempotencyKey.get(key) : undefined;
			if (earlier && earlier.payload !== payload) {
				return sendError(
					res,
					409,
					"invalid_idempotent_request",
					"Same idempotency key used with a different request payload.",
				);
			}
			if (earlier) return sendJson(res, 200, { id: earlier.id });
			const message: StoredMessage = {
				id: randomUUID(),
				from: body.from,
				to: Array.isArray(body.to) ? body.to : [body.to],
				subject: body.subject,
				html: body.html ?? "",
				text: body.text ?? "",
				createdAt: new Date().toISOString(),
				idempotencyKey: typeof key === "string" ? key : null,
			};
			messages.unshift(message);
			if (typeof key === "string") byIdempotencyKey.set(key, { id: message.id, payload });
			return sendJson(res, 200, { id: message.id });
		}
		if (req.method === "GET" && url.pathname === "/api/messages") {
			const to = url.searchParams.get("to")?.toLowerCase();
			const list = to ? messages.filter((m) => m.to.some((t) => t.toLowerCase() === to)) : messages;
			return sendJson(res, 200, {
				messages: list.map((m) => ({
					id: m.id,
					to: m.to.join(", "),
					subject: m.subject,
					html: m.html,
					text: m.text,
					createdAt: m.createdAt,
					idempotencyKey: m.idempotencyKey,
				})),
			});
		}
		if (req.method === "DELETE" && url.pathname === "/api/messages") {
			messages.length = 0;
			byIdempotencyKey.clear();
			res.writeHead(204).end();
			return;
		}
		if (req.method === "POST" && url.pathname === "/_dev/faults") {
			const body = (await readJson(req)) as {
				status?: number | "hang";
				count?: number;
				name?: string;
				retryAfter?: number;
			} | null;
			fault = {
				status: body?.status ?? 500,
				remaining: body?.count ?? 1,
				...(typeof body?.name === "string" ? { name: body.name } : {}),
				...(typeof body?.retryAfter === "number" ? { retryAfter: body.retryAfter } : {}),
			};
			return sendJson(res, 200, { ok: true });
		}
		if (req.method === "POST" && url.pathname === "/_dev/rate-limit") {
			const body = (await readJson(req)) as { perSecond?: number } | null;
			perSecond = Math.max(0, Math.floor(body?.perSecond ?? 0));
			recent.length = 0;
			return sendJson(res, 200, { ok: true, perSecond });
		}
		const message = /^\/messages\/([\w-]+)$/.exec(url.pathname);
		if (req.method === "GET" && message) {
			const found = messages.find((m) => m.id === message[1]);
			if (!found) return sendHtml(res, 404, "<p>No such message.</p>");
			// The mail's own HTML is shown sandboxed so its markup cannot act on this page (no
			// scripts); its links may open in a new tab, and are listed below the frame as well, so
			// "Confirm", "View invoice" and the like always work from here (issue 19, review L10).
			const links = [...new Set(mailLinks(found.html))]
				.map(
					(href) =>
						`<li><a href="${escapeHtml(href)}" target="_blank" rel="noopener">${escapeHtml(href)}</a></li>`,
				)
				.join("");
			return sendHtml(
				res,
				200,
				`<!doctype html><meta charset="utf-8"><title>${escapeHtml(found.subject)}</title><p><a href="/">← Inbox</a></p><h1>${escapeHtml(found.subject)}</h1><p>To: ${escapeHtml(found.to.join(", "))}</p><iframe sandbox="allow-popups allow-popups-to-escape-sandbox" style="width:100%;height:60vh;border:1px solid #ccc" srcdoc="${escapeHtml(withNewTabLinks(found.html))}"></iframe>${links ? `<h2>Links in this mail</h2><ul>${links}</ul>` : ""}<h2>Plain text</h2><pre>${escapeHtml(found.text)}</pre>`,
			);
		}
		if (req.method === "GET" && url.pathname === "/") {
			const rows = messages
				.map(
					(m) =>
						`<tr><td>${escapeHtml(m.createdAt)}</td><td>${escapeHtml(m.to.join(", "))}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
				)
				.join("");
			return sendHtml(
				res,
				200,
				`<!doctype html><meta charset="utf-8"><title>SmartPages local inbox</title><style>body{font:15px system-ui;margin:2rem}td,th{padding:.3rem .8rem;text-align:left;border-bottom:1px solid #ddd}</style><h1>Local inbox</h1><p>${messages.length} message(s) sent through the Resend stand-in.</p><table><tr><th>Sent</th><th>To</th><th>Subject</th></tr>${rows}</table>`,
			);
		}
		return sendJson(res, 404, { statusCode: 404, name: "not_found", message: "Not found" });
	});
}

/** The mail's HTML with its links opening a new tab (a <base> in its head, or first). */
function withNewTabLinks(html: string): string {
	const base = '<base target="_blank">';
	return /<head[^>]*>/i.test(html)
		? html.replace(/<head[^>]*>/i, (head) => head + base)
		: base + html;
}

/** The http(s) addresses a mail's HTML links to, entities in them decoded. */
export function mailLinks(html: string): string[] {
	const found: string[] = [];
	for (const match of html.matchAll(/href="(https?:\/\/[^"]+)"/g)) {
		found.push((match[1] ?? "").replaceAll("&amp;", "&"));
	}
	return found;
}
