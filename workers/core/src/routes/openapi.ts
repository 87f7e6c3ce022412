/**
 * GET /api/v1/openapi.json — the public API as an OpenAPI 3.1 document, generated from the
 * contract's endpoint table and schemas (@smartpages/contracts/api, openapi.ts). Built on the
 * first request and kept for the isolate's life: it depends on the deployed code only.
 */
import { openApiDocument, type ResponseOf } from "@smartpages/contracts";
import { Hono } from "hono";
import type { AppEnv } from "../types";

let cached: string | null = null;

export const openapi = new Hono<AppEnv>().get("/openapi.json", (c) => {
	cached ??= JSON.stringify(openApiDocument() satisfies ResponseOf<"GET /openapi.json">);
	c.header("Cache-Control", "public, max-age=300");
	return c.body(cached, 200, { "Content-Type": "application/json; charset=utf-8" });
});
