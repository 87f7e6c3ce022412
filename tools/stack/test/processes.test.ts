/**
 * `npm run dev`'s one-line explanations (issue 19 item 10): the reason picked out of a failed
 * start's output, and whether a documented port is free before anything starts.
 */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { freePort, portIsFree, startFailureReason } from "../src/processes.ts";

describe("a failed start in one line", () => {
	it("names the runtime's socket collision before any other error line", () => {
		const output = [
			"⎔ Starting local server...",
			"✘ [ERROR] Something else went wrong first",
			'workerd/server/server.c++:4210: Address already in use (socket "direct:1:default")',
			"    at Object.<anonymous> (/x/y.js:1:1)",
		];
		expect(startFailureReason(output)).toBe(
			'workerd/server/server.c++:4210: Address already in use (socket "direct:1:default")',
		);
		expect(
			startFailureReason(["Error: listen EADDRINUSE: address already in use :::8787"]),
		).toMatch(/EADDRINUSE/);
		expect(startFailureReason(['✘ [ERROR] Could not resolve "x"', "    at foo"])).toBe(
			'✘ [ERROR] Could not resolve "x"',
		);
		expect(startFailureReason(["ready on http://127.0.0.1:8787"])).toBeNull();
	});

	it("tells a free port from a taken one", async () => {
		const port = await freePort();
		expect(await portIsFree(port)).toBe(true);
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
		try {
			expect(await portIsFree(port)).toBe(false);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});
});
