/**
 * DNS-over-HTTPS stand-in (Cloudflare/Google JSON API: `GET /dns-query?name=…&type=TXT`) whose
 * records are set by tests and developers with `PUT /_dev/dns/{name}/{TXT|CNAME} {values}`.
 * Fault injection: `POST /_dev/faults {status, count, suffix?}` makes the next queries fail — an
 * HTTP status, `"servfail"` (DNS status 2) or `"hang"` (no answer); with `suffix`, only queries
 * for names ending in it (and such a fault does not replace the one for every name).
 *
 * The same port serves the Cloudflare for SaaS custom hostname stand-in (cloudflare.ts), which
 * validates a hostname against the CNAME records kept here.
 */
import { cloudflareStandIn } from "./cloudflare.ts";
import { listen, type RunningServer, readJson, sendJson } from "./http.ts";

const TYPES: Record<string, number> = { TXT: 16, CNAME: 5 };

export async function startDns(port: number): Promise<RunningServer> {
	const records = new Map<string, string[]>();
	type Fault = { status: number | "servfail" | "hang"; remaining: number; suffix?: string };
	let fault: Fault | null = null;
	const scoped: Fault[] = [];
	const keyOf = (name: string, type: string) =>
		`${name.toLowerCase().replace(/\.$/, "")}|${type.toUpperCase()}`;
	const cloudflare = cloudflareStandIn(
		(hostname) => (records.get(keyOf(hostname, "CNAME")) ?? []).length > 0,
	);

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
				suffix?: string;
			} | null;
			const next: Fault = { status: body?.status ?? 503, remaining: body?.count ?? 1 };
			if (body?.suffix) scoped.push({ ...next, suffix: body.suffix.toLowerCase() });
			else fault = next;
			return sendJson(res, 200, { ok: true });
		}
		if (req.method === "GET" && (url.pathname === "/dns-query" || url.pathname === "/resolve")) {
			const queried = (url.searchParams.get("name") ?? "").toLowerCase().replace(/\.$/, "");
			const active =
				scoped.find((f) => f.remaining > 0 && f.suffix && queried.endsWith(f.suffix)) ??
				(fault && fault.remaining > 0 ? fault : null);
			if (active) {
				active.remaining -= 1;
				if (active.status === "hang") return;
				if (active.status === "servfail") {
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
				return sendJson(res, active.status, { error: "injected fault" });
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
		if (await cloudflare(req, res, url)) return;
		return sendJson(res, 404, { error: "not found" });
	});
}
