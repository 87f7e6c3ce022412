/**
 * Stand-in for Cloudflare for SaaS custom hostnames (`/client/v4/zones/{zone}/custom_hostnames`),
 * served by the DNS stand-in's port because validation reads its records. It behaves as the API
 * documents for HTTP validation ("If http is used and the domain is not already pointing to the
 * Managed CNAME host, the PATCH method must be used once it is (to complete validation)"):
 *
 * - `POST` validates at once only when the hostname's CNAME already exists; otherwise the hostname
 *   stays `pending` (certificate `pending_validation`) with `verification_errors` and
 *   `ssl.validation_errors` saying why.
 * - A CNAME that appears later changes nothing by itself: only a `PATCH /{id}` (e.g. with the same
 *   `ssl` settings, which restarts validation) made while the CNAME exists activates it.
 * - `GET ?hostname=` lists by hostname; `DELETE` of an unknown id answers 404 (code 1436).
 *
 * Test controls (no authentication, like the other stand-ins' `/_dev` routes):
 * - `POST /_dev/cloudflare/faults {count, method?, hostname?}`: the next `count` API calls
 *   (optionally only with that method, or for that hostname) answer 500.
 * - `POST /_dev/cloudflare/hostnames/{hostname} {status?, sslStatus?, verificationErrors?,
 *   sslErrors?}`: force a state Cloudflare can report (`moved`, `blocked`, `active_redeploying`,
 *   `validation_timed_out`, …); `{}` clears it.
 * - `GET /_dev/cloudflare/hostnames`: every registered hostname, with its state.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readJson, sendJson } from "./http.ts";

interface Entry {
	id: string;
	hostname: string;
	created_at: string;
	ssl: { method: string; type: string };
	/** Domain control validation passed (the CNAME was seen at creation or at a PATCH). */
	validated: boolean;
	/** Set by a validation attempt that found no CNAME. */
	attemptFailed: boolean;
	/** A state forced through `/_dev/cloudflare/hostnames/{hostname}`. */
	forced: {
		status?: string;
		sslStatus?: string;
		verificationErrors?: string[];
		sslErrors?: string[];
	};
}

interface Fault {
	remaining: number;
	method?: string;
	hostname?: string;
}

const NO_CNAME = "custom hostname does not CNAME to this zone.";
const SSL_PENDING =
	"The certificate authority could not validate the hostname over HTTP: it does not point to the SaaS zone yet.";

const envelope = (result: unknown) => ({ success: true, errors: [], messages: [], result });
const failure = (code: number, message: string) => ({
	success: false,
	errors: [{ code, message }],
	messages: [],
	result: null,
});

/**
 * Returns the request handler for the Cloudflare paths, or null for other paths. `routed` tells
 * whether a hostname has a CNAME in the DNS stand-in.
 */
export function cloudflareStandIn(routed: (hostname: string) => boolean) {
	const hostnames = new Map<string, Entry>();
	const faults: Fault[] = [];

	const view = (h: Entry) => {
		const waiting = !h.validated;
		const status = h.forced.status ?? (waiting ? "pending" : "active");
		const sslStatus = h.forced.sslStatus ?? (waiting ? "pending_validation" : "active");
		const verificationErrors =
			h.forced.verificationErrors ?? (waiting && h.attemptFailed ? [NO_CNAME] : []);
		const sslErrors = h.forced.sslErrors ?? (waiting && h.attemptFailed ? [SSL_PENDING] : []);
		return {
			id: h.id,
			hostname: h.hostname,
			status,
			ssl: {
				status: sslStatus,
				method: h.ssl.method,
				type: h.ssl.type,
				...(sslErrors.length
					? { validation_errors: sslErrors.map((message) => ({ message })) }
					: {}),
			},
			...(verificationErrors.length ? { verification_errors: verificationErrors } : {}),
			created_at: h.created_at,
		};
	};

	/** Validation as Cloudflare runs it on create and on PATCH: passes only if the CNAME is there. */
	const attemptValidation = (h: Entry) => {
		if (h.validated) return;
		h.validated = routed(h.hostname);
		h.attemptFailed = !h.validated;
	};

	const takeFault = (method: string, hostname: string | undefined): boolean => {
		const index = faults.findIndex(
			(f) =>
				f.remaining > 0 &&
				(!f.method || f.method === method) &&
				(!f.hostname || f.hostname === hostname),
		);
		const fault = faults[index];
		if (!fault) return false;
		fault.remaining -= 1;
		if (fault.remaining === 0) faults.splice(index, 1);
		return true;
	};

	const findByName = (hostname: string) =>
		[...hostnames.values()].find((h) => h.hostname === hostname);

	return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
		if (req.method === "POST" && url.pathname === "/_dev/cloudflare/faults") {
			const body = (await readJson(req)) as Partial<Fault> & { count?: number };
			faults.push({
				remaining: typeof body?.count === "number" ? body.count : 1,
				...(body?.method ? { method: String(body.method).toUpperCase() } : {}),
				...(body?.hostname ? { hostname: String(body.hostname).toLowerCase() } : {}),
			});
			sendJson(res, 200, { ok: true });
			return true;
		}
		if (req.method === "GET" && url.pathname === "/_dev/cloudflare/hostnames") {
			sendJson(res, 200, { hostnames: [...hostnames.values()].map(view) });
			return true;
		}
		const force = /^\/_dev\/cloudflare\/hostnames\/([^/]+)$/.exec(url.pathname);
		if (force && req.method === "POST") {
			const entry = findByName((force[1] ?? "").toLowerCase());
			if (!entry) {
				sendJson(res, 404, { error: "unknown hostname" });
				return true;
			}
			entry.forced = ((await readJson(req)) as Entry["forced"] | null) ?? {};
			sendJson(res, 200, view(entry));
			return true;
		}

		const cf = /^\/client\/v4\/zones\/([\w-]+)\/custom_hostnames(?:\/([\w-]+))?$/.exec(
			url.pathname,
		);
		if (!cf) return false;
		if (!req.headers.authorization?.startsWith("Bearer ")) {
			sendJson(res, 403, failure(10000, "Authentication error"));
			return true;
		}
		const method = req.method ?? "GET";
		const [, , hostnameId] = cf;
		const entry = hostnameId ? hostnames.get(hostnameId) : undefined;
		const body = method === "POST" || method === "PATCH" ? await readJson(req) : null;
		const named = (body as { hostname?: unknown } | null)?.hostname;
		const target = entry?.hostname ?? (typeof named === "string" ? named.toLowerCase() : undefined);
		if (takeFault(method, target)) {
			sendJson(res, 500, failure(1000, "An internal error occurred (injected fault)."));
			return true;
		}

		if (!hostnameId) {
			if (method === "GET") {
				const wanted = url.searchParams.get("hostname")?.toLowerCase();
				const list = [...hostnames.values()].filter((h) => !wanted || h.hostname === wanted);
				sendJson(res, 200, envelope(list.map(view)));
				return true;
			}
			if (method === "POST") {
				const request = body as { hostname?: string; ssl?: Partial<Entry["ssl"]> } | null;
				const hostname = request?.hostname?.toLowerCase();
				if (!hostname) {
					sendJson(res, 400, failure(1409, "hostname required"));
					return true;
				}
				if (findByName(hostname)) {
					sendJson(res, 409, failure(1406, "Duplicate custom hostname found."));
					return true;
				}
				const created: Entry = {
					id: `ch_${Math.random().toString(16).slice(2, 14)}`,
					hostname,
					created_at: new Date().toISOString(),
					ssl: { method: request?.ssl?.method ?? "http", type: request?.ssl?.type ?? "dv" },
					validated: false,
					attemptFailed: false,
					forced: {},
				};
				attemptValidation(created);
				hostnames.set(created.id, created);
				sendJson(res, 201, envelope(view(created)));
				return true;
			}
		}
		if (!entry) {
			sendJson(res, 404, failure(1436, "Custom hostname not found."));
			return true;
		}
		if (method === "GET") {
			sendJson(res, 200, envelope(view(entry)));
			return true;
		}
		if (method === "PATCH") {
			const ssl = (body as { ssl?: Partial<Entry["ssl"]> } | null)?.ssl;
			if (ssl)
				entry.ssl = { method: ssl.method ?? entry.ssl.method, type: ssl.type ?? entry.ssl.type };
			attemptValidation(entry);
			sendJson(res, 200, envelope(view(entry)));
			return true;
		}
		if (method === "DELETE") {
			hostnames.delete(entry.id);
			sendJson(res, 200, envelope({ id: entry.id }));
			return true;
		}
		sendJson(res, 405, failure(10405, "Method not allowed"));
		return true;
	};
}
