/**
 * Resend stand-in and local inbox. Speaks Resend's `POST /emails` (Bearer key, Idempotency-Key)
 * and shows what was sent at `/` and `GET /api/messages?to=…` (newest first).
 * Fault injection for tests: `POST /_dev/faults {status, count}` makes the next sends fail
 * (`status: "hang"` leaves them unanswered).
 */
import { randomUUID } from "node:crypto";
import { escapeHtml, listen, type RunningServer, readJson, sendHtml, sendJson } from "./http.ts";

export interface StoredMessage {
	id: string;
	from: string;
	to: string[];
	subject: string;
	html: string;
	text: string;
	createdAt: string;
}

interface Fault {
	/** HTTP status to answer with, or "hang" to never answer (the client must time out). */
	status: number | "hang";
	remaining: number;
}

export async function startMail(port: number): Promise<RunningServer> {
	const messages: StoredMessage[] = [];
	const byIdempotencyKey = new Map<string, string>();
	let fault: Fault | null = null;

	return listen(port, async (req, res, url) => {
		if (req.method === "POST" && url.pathname === "/emails") {
			if (!req.headers.authorization?.startsWith("Bearer ")) {
				return sendJson(res, 401, {
					statusCode: 401,
					name: "missing_api_key",
					message: "Missing API key",
				});
			}
			if (fault && fault.remaining > 0) {
				fault.remaining -= 1;
				if (fault.status === "hang") return; // never answered; the client must time out
				return sendJson(res, fault.status, {
					statusCode: fault.status,
					name: "injected_fault",
					message: "Injected fault",
				});
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
			if (typeof key === "string" && byIdempotencyKey.has(key)) {
				return sendJson(res, 200, { id: byIdempotencyKey.get(key) });
			}
			const message: StoredMessage = {
				id: randomUUID(),
				from: body.from,
				to: Array.isArray(body.to) ? body.to : [body.to],
				subject: body.subject,
				html: body.html ?? "",
				text: body.text ?? "",
				createdAt: new Date().toISOString(),
			};
			messages.unshift(message);
			if (typeof key === "string") byIdempotencyKey.set(key, message.id);
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
			const body = (await readJson(req)) as { status?: number | "hang"; count?: number } | null;
			fault = { status: body?.status ?? 500, remaining: body?.count ?? 1 };
			return sendJson(res, 200, { ok: true });
		}
		const message = /^\/messages\/([\w-]+)$/.exec(url.pathname);
		if (req.method === "GET" && message) {
			const found = messages.find((m) => m.id === message[1]);
			if (!found) return sendHtml(res, 404, "<p>No such message.</p>");
			// The mail's own HTML is shown sandboxed so its markup cannot act on this page.
			return sendHtml(
				res,
				200,
				`<!doctype html><meta charset="utf-8"><title>${escapeHtml(found.subject)}</title><p><a href="/">← Inbox</a></p><h1>${escapeHtml(found.subject)}</h1><p>To: ${escapeHtml(found.to.join(", "))}</p><iframe sandbox style="width:100%;height:60vh;border:1px solid #ccc" srcdoc="${escapeHtml(found.html)}"></iframe><h2>Plain text</h2><pre>${escapeHtml(found.text)}</pre>`,
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
