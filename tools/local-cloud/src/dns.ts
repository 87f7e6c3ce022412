/**
 * DNS-over-HTTPS stand-in (Cloudflare/Google JSON API: `GET /dns-query?name=…&type=TXT`) whose
 * records are set by tests and developers with `PUT /_dev/dns/{name}/{TXT|CNAME} {values}`.
 * Fault injection: `POST /_dev/faults {status, count}` makes the next queries fail.
 */
import { listen, type RunningServer, readJson, sendJson } from "./http.ts";

const TYPES: Record<string, number> = { TXT: 16, CNAME: 5 };

export async function startDns(port: number): Promise<RunningServer> {
	const records = new Map<string, string[]>();
	let fault: { status: number; remaining: number } | null = null;
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
			const body = (await readJson(req)) as { status?: number; count?: number } | null;
			fault = { status: body?.status ?? 503, remaining: body?.count ?? 1 };
			return sendJson(res, 200, { ok: true });
		}
		if (req.method === "GET" && (url.pathname === "/dns-query" || url.pathname === "/resolve")) {
			if (fault && fault.remaining > 0) {
				fault.remaining -= 1;
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
		return sendJson(res, 404, { error: "not found" });
	});
}
