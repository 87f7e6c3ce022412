/**
 * Architecture invariant 1 on the running stack: internal workers are reachable only through
 * Core. Every TCP port the stack's processes listen on is probed — the documented ones and the
 * runtime's own loopback sockets — including with Miniflare's route-override header that the
 * local runtime understands. No probe may get anything from Customer, Billing or Mailer but the
 * bare 404 of their fetch handler, and nothing listens beyond loopback.
 */
import { describe, expect, it } from "vitest";
import { stack } from "../support/api.ts";
import { listeningSockets } from "../support/ports.ts";

const INTERNAL = ["smartpages-customer", "smartpages-billing", "smartpages-mailer"];
const PATHS = ["/", "/api/v1/health", "/ping", "/cdn-cgi/mf/scheduled", "/__scheduled"];

async function probe(port: number, path: string, headers: Record<string, string>, method = "GET") {
	try {
		const res = await fetch(`http://127.0.0.1:${port}${path}`, {
			method,
			headers,
			signal: AbortSignal.timeout(3000),
			redirect: "manual",
		});
		return { status: res.status, body: await res.text() };
	} catch {
		return null;
	}
}

describe("listening ports of the running stack", () => {
	const sockets = listeningSockets(stack.pids);

	// The web app and the local-cloud stand-ins are Node servers of the test process itself.
	const allPorts = [
		...new Set([
			...sockets.map((s) => s.port),
			stack.ports.web,
			stack.ports.mail,
			stack.ports.stripe,
			stack.ports.dns,
			stack.ports.stats,
		]),
	];

	it("are found, and include the documented Core and Domain ports", () => {
		const ports = new Set(sockets.map((s) => s.port));
		expect(ports.has(stack.ports.core)).toBe(true);
		expect(ports.has(stack.ports.domain)).toBe(true);
	});

	it("listen on loopback only", () => {
		for (const s of sockets)
			expect(["127.0.0.1", "::1"], `${s.address}:${s.port}`).toContain(s.address);
	});

	/** The runtime's loopback debugger ports speak the DevTools protocol; the issue allows them. */
	async function isDebugger(port: number): Promise<boolean> {
		const res = await probe(port, "/json/version", {});
		return res?.body.includes("Protocol-Version") === true;
	}

	it("never reach Customer, Billing or Mailer code beyond their bare 404", async () => {
		// Every socket of the runtime processes, and the web app's forwarding of /api to Core (its
		// other paths are static files; the stand-ins are plain Node servers that call no worker).
		const targets: [number, string[]][] = [
			...[...new Set(sockets.map((s) => s.port))].map((port): [number, string[]] => [port, PATHS]),
			[stack.ports.web, PATHS.filter((p) => p.startsWith("/api/"))],
		];
		for (const [port, paths] of targets) {
			if (await isDebugger(port)) continue;
			for (const worker of INTERNAL) {
				for (const path of paths) {
					for (const method of ["GET", "POST"]) {
						const res = await probe(
							port,
							path,
							{ "MF-Route-Override": worker, Host: "localhost" },
							method,
						);
						if (!res) continue;
						const where = `${method} :${port}${path} → ${worker}`;
						expect(res.status, where).toBeGreaterThanOrEqual(400);
						expect(res.body, where).not.toMatch(/"service":"(customer|billing|mailer)"/);
						expect(res.body, where).not.toMatch(/usr_[0-9a-z]{20}/);
					}
				}
			}
		}
	});

	it("serve Core's API only on the documented Core port (plus the runtime's own proxy hop)", async () => {
		const serving: number[] = [];
		for (const port of allPorts) {
			const res = await probe(port, "/api/v1/health", {});
			if (res?.status === 200 && res.body.includes('"status":"ok"')) serving.push(port);
		}
		expect(serving).toContain(stack.ports.core);
		// The web app proxies /api to Core by design; wrangler's inner runtime socket is the one hop
		// between its proxy and workerd. Anything else answering Core's API would be a leak.
		expect(
			serving.filter((p) => p !== stack.ports.core && p !== stack.ports.web).length,
		).toBeLessThanOrEqual(1);
	});
});
