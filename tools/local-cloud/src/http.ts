/**
 * Tiny HTTP plumbing shared by the stand-ins: JSON bodies and answers, and a server that
 * listens on loopback only and can be closed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

/** Reads the request body as text (bounded: the stand-ins never need more than 1 MiB). */
export async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buf = chunk as Buffer;
		size += buf.length;
		if (size > limit) throw new Error("body too large");
		chunks.push(buf);
	}
	return Buffer.concat(chunks).toString("utf8");
}

/** Parses a JSON body; null when it is not valid JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
	try {
		return JSON.parse(await readBody(req));
	} catch {
		return null;
	}
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		"Content-Type": "application/json",
		"Content-Length": Buffer.byteLength(text),
	});
	res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
	res.writeHead(status, {
		"Content-Type": "text/html; charset=utf-8",
		"Content-Length": Buffer.byteLength(html),
		// form-action also governs the redirect after a post: Checkout's 303 to the app's
		// success_url (another localhost port) must be allowed, as on Stripe's real pages.
		"Content-Security-Policy":
			"default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://localhost:* http://127.0.0.1:*",
	});
	res.end(html);
}

export interface RunningServer {
	port: number;
	close(): Promise<void>;
}

/** Starts a loopback HTTP server; port 0 picks a free one. */
export async function listen(port: number, handler: Handler): Promise<RunningServer> {
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? "/", "http://localhost");
		Promise.resolve(handler(req, res, url)).catch((error: unknown) => {
			if (!res.headersSent) sendJson(res, 500, { error: String(error) });
			else res.end();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(port, "127.0.0.1", () => resolve());
	});
	const address = server.address() as AddressInfo;
	return {
		port: address.port,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export function escapeHtml(value: string): string {
	return value.replace(
		/[&<>"']/g,
		(ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
	);
}
