/**
 * DNS-over-HTTPS stand-in (Cloudflare/Google JSON API: `GET /dns-query?name=…&type=TXT`) whose
 * records are set by tests and developers with `PUT /_dev/dns/{name}/{TXT|CNAME} {values}`.
 * Fault injection: `POST /_dev/faults {status, count}` makes the next queries fail — an HTTP
 * status, `"servfail"` (DNS status 2) or `"hang"` (no answer).
 *
 * It also stands in for Cloudflare's custom hostname API (`/client/v4/zones/{zone}/custom_hostnames`,
 * Cloudflare for SaaS): a hostname and its certificate turn active once a CNAME for it exists here,
 * the way Cloudflare validates them over HTTP.
 */
import { listen, type RunningServer, readJson, sendJson } from "./http.ts";

const TYPES: Record<string, number> = { TXT: 16, CNAME: 5 };

export async function startDns(port: number): Promise<RunningServer> {
	const records = new Map<string, string[]>();
	let fault: { status: number | "servfail" | "hang"; remaining: number } | null = null;
	const hostnames = new Map<string, { id: string; hostname: string; created_at: string }>();
	const keyOf = (name: string, type: string) =>
		`${name.toLowerCase().replace(/\.$/, "")}|${type.toUpperCase()}`;

	return listen(port, async (req, res, url) => {
		const dev = /^\/_dev\/dns\/([^/]+)\/(TXT|CNAME)$/i.exec(url.pathname);
		if (dev) {
			const [, name = "", type = ""] = dev;
			if (req.method === "PUT") {
				const body = (await readJson(req)) as { values?: unknown } | null;
				const values = Array.isArray(body?.values) ? body.values.map(String) : null;
				if (!values) return sendJson(res, 400, { error: "values must be an array" });
				records.set(keyOf(name, type), values);
				return sendJson(res, 200, { name, type: type.toUpperCase(), values });
			}
			if (req.method === "DELETE") {
				records.delete(keyOf(name, type));
				res.writeHead(204).end();
				return;
			}
		}
		if (req.method === "POST" && url.pathname === "/_dev/faults") {
			const body = (await readJson(req)) as {
				status?: number | "servfail" | "hang";
				count?: number;
			} | null;
			fault = { status: body?.status ?? 503, remaining: body?.count ?? 1 };
			return sendJson(res, 200, { ok: true });
		}
		if (req.method === "GET" && (url.pathname === "/dns-query" || url.pathname === "/resolve")) {
			if (fault && fault.remaining > 0) {
				fault.remaining -= 1;
				if (fault.status === "hang") return;
				if (fault.status === "servfail") {
					return sendJson(res, 200, {
						Status: 2,
						TC: false,
						RD: true,
						RA: true,
						AD: false,
						CD: false,
						Question: [],
					});
				}
				return sendJson(res, fault.status, { error: "injected fault" });
			}
			const name = url.searchParams.get("name") ?? "";
			const type = (url.searchParams.get("type") ?? "A").toUpperCase();
			const values = records.get(keyOf(name, type)) ?? [];
			const typeNumber = TYPES[type] ?? 1;
			return sendJson(res, 200, {
				Status: values.length > 0 ? 0 : 3,
				TC: false,
				RD: true,
				RA: true,
				AD: false,
				CD: false,
				Question: [{ name, type: typeNumber }],
				...(values.length > 0
					? {
							Answer: values.map((value) => ({
								name,
								type: typeNumber,
								TTL: 60,
								data: type === "TXT" ? JSON.stringify(value) : value,
							})),
						}
					: {}),
			});
		}
		const cf = /^\/client\/v4\/zones\/([\w-]+)\/custom_hostnames(?:\/([\w-]+))?$/.exec(
			url.pathname,
		);
		if (cf) {
			if (!req.headers.authorization?.startsWith("Bearer ")) {
				return sendJson(res, 403, {
					success: false,
					errors: [{ code: 10000, message: "Authentication error" }],
					result: null,
				});
			}
			const [, , hostnameId] = cf;
			const view = (h: { id: string; hostname: string; created_at: string }) => {
				const routed = (records.get(keyOf(h.hostname, "CNAME")) ?? []).length > 0;
				return {
					id: h.id,
					hostname: h.hostname,
					status: routed ? "active" : "pending",
					ssl: { status: routed ? "active" : "pending_validation", method: "http", type: "dv" },
					created_at: h.created_at,
				};
			};
			if (req.method === "POST" && !hostnameId) {
				const body = (await readJson(req)) as { hostname?: string } | null;
				const hostname = body?.hostname?.toLowerCase();
				if (!hostname)
					return sendJson(res, 400, {
						success: false,
						errors: [{ code: 1409, message: "hostname required" }],
						result: null,
					});
				if ([...hostnames.values()].some((h) => h.hostname === hostname)) {
					return sendJson(res, 409, {
						success: false,
						errors: [{ code: 1406, message: "Duplicate custom hostname found." }],
						result: null,
					});
				}
				const entry = {
					id: `ch_${Math.random().toString(16).slice(2, 14)}`,
					hostname,
					created_at: new Date().toISOString(),
				};
				hostnames.set(entry.id, entry);
				return sendJson(res, 201, { success: true, errors: [], messages: [], result: view(entry) });
			}
			const entry = hostnameId ? hostnames.get(hostnameId) : undefined;
			if (!entry)
				return sendJson(res, 404, {
					success: false,
					errors: [{ code: 1436, message: "Custom hostname not found." }],
					result: null,
				});
			if (req.method === "GET")
				return sendJson(res, 200, { success: true, errors: [], messages: [], result: view(entry) });
			if (req.method === "DELETE") {
				hostnames.delete(entry.id);
				return sendJson(res, 200, {
					success: true,
					errors: [],
					messages: [],
					result: { id: entry.id },
				});
			}
		}
		return sendJson(res, 404, { error: "not found" });
	});
}
