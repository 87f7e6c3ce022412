/**
 * Path parameters. Ids that are not even well-formed are treated like unknown ids (404), never
 * passed on to the internal workers.
 */
import { idParam } from "@smartpages/contracts";
import type { Context } from "hono";
import type { AppEnv } from "../types";
import { ApiError } from "./errors";

export function idFrom(c: Context<AppEnv>, name: string, what: string): string {
	const value = c.req.param(name) ?? "";
	if (!idParam.safeParse(value).success) throw new ApiError("not_found", `No such ${what}.`);
	return value;
}

export function versionFrom(c: Context<AppEnv>): number {
	const raw = c.req.param("version") ?? "";
	const version = /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : Number.NaN;
	if (!Number.isSafeInteger(version)) throw new ApiError("not_found", "No such version.");
	return version;
}
