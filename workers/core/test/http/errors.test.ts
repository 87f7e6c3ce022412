/**
 * The one error path (src/http/errors.ts): unexpected exceptions become a generic 500 with the
 * request id, and the details go only to the log line carrying the same id; an unknown path is
 * the contract's 404.
 */
import { env } from "cloudflare:workers";
import { tally } from "@smartpages/testing/security-meta";
import { Hono } from "hono";
import { describe, expect, it, vi } from "vitest";
import { ApiError, handleError, handleNotFound } from "../../src/http/errors";
import { requestId } from "../../src/middleware/request-id";
import type { AppEnv } from "../../src/types";
import { raw } from "../support/request";

function appThatThrows(error: Error) {
	const app = new Hono<AppEnv>();
	app.use("*", requestId);
	app.get("/boom", () => {
		throw error;
	});
	app.notFound(handleNotFound);
	app.onError(handleError);
	return app;
}

describe("error handling", () => {
	it("answers an unexpected exception with a generic 500 and logs the details under the request id", async ({
		task,
	}) => {
		tally(task, { faults: 1 });
		const log = vi.spyOn(console, "error").mockImplementation(() => {});
		const res = await appThatThrows(
			new Error("D1_ERROR: no such column: password_hash at users.ts:42"),
		).request("/boom", {}, env);
		expect(res.status).toBe(500);
		const body = (await res.json()) as {
			error: { code: string; message: string; requestId: string };
		};
		expect(body.error.code).toBe("internal_error");
		expect(JSON.stringify(body)).not.toMatch(/D1_ERROR|password_hash|users\.ts|at /);
		expect(body.error.requestId).toBe(res.headers.get("X-Request-Id"));
		const line = JSON.parse(String(log.mock.calls[0]?.[0])) as {
			requestId: string;
			detail: string;
		};
		expect(line.requestId).toBe(body.error.requestId);
		expect(line.detail).toContain("no such column");
		log.mockRestore();
	});

	it("keeps the status and code of expected errors", async () => {
		const res = await appThatThrows(
			new ApiError("rate_limited", "Slow down.", { headers: { "Retry-After": "60" } }),
		).request("/boom", {}, env);
		expect(res.status).toBe(429);
		expect(res.headers.get("Retry-After")).toBe("60");
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
	});
});

describe("unknown paths", () => {
	it("answers unknown API paths with the contract's 404 error shape", async () => {
		const res = await raw("GET", "/nope");
		expect(res.status).toBe(404);
		const body = res.body as { error: { code: string; requestId: string } };
		expect(body.error.code).toBe("not_found");
		expect(body.error.requestId).toBe(res.headers.get("X-Request-Id"));
	});
});
