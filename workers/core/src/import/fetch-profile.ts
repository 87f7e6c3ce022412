/**
 * Fetches a public profile page for an import (issue 21) without becoming a proxy into anything
 * else: only addresses `importAddress` allows (https, the allow-list's hosts, no IP literal, no
 * private name), redirects followed by hand (`redirect: "manual"`) and each target checked the
 * same way (at most 3), a 5-second time limit for the whole exchange, at most 1 MiB read, HTML
 * only. Core fetches because it is the gateway; the Customer Worker has no outbound need and stays
 * without one. `fetcher` is the runtime's `fetch` (tests pass a stand-in: the network is not
 * reachable there).
 */
import { IMPORT_MAX_BYTES, importAddress } from "@smartpages/contracts";

export const PROFILE_TIMEOUT_MS = 5000;
const MAX_REDIRECTS = 3;

export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

export type FetchedProfile =
	| { ok: true; html: string; url: string; parser: "linktree" | "littlelink" }
	| { ok: false; reason: string };

const refuse = (reason: string): FetchedProfile => ({ ok: false, reason });

/** Reads at most `limit` bytes of a body; null when it is longer. */
async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number) {
	if (!body) return new Uint8Array();
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return out;
}

/** The profile page at `address` (as typed by the customer), or why it could not be read. */
export async function fetchProfile(address: string, fetcher: Fetcher): Promise<FetchedProfile> {
	let target = importAddress(address);
	if (!target.ok) return target;
	const signal = AbortSignal.timeout(PROFILE_TIMEOUT_MS);
	try {
		for (let hop = 0; ; hop++) {
			const res = await fetcher(target.url.href, {
				method: "GET",
				redirect: "manual",
				signal,
				headers: {
					Accept: "text/html",
					"User-Agent": "SmartPages-Import/1 (+https://smartpages.app)",
				},
			});
			if (res.status >= 300 && res.status < 400) {
				await res.body?.cancel();
				const location = res.headers.get("Location");
				if (!location) return refuse(`answered a redirect without a target (${res.status})`);
				if (hop >= MAX_REDIRECTS) return refuse("redirects too often");
				let next: string;
				try {
					next = new URL(location, target.url).href;
				} catch {
					return refuse("redirects to an address that is not valid");
				}
				const checked = importAddress(next);
				if (!checked.ok) return refuse(`redirects to another site (${checked.reason})`);
				target = checked;
				continue;
			}
			if (!res.ok) {
				await res.body?.cancel();
				return refuse(
					res.status === 404
						? "has no profile (the site answered 404)"
						: `could not be read (the site answered ${res.status})`,
				);
			}
			const type = (res.headers.get("Content-Type") ?? "").toLowerCase();
			if (!type.includes("text/html") && !type.includes("application/xhtml")) {
				await res.body?.cancel();
				return refuse("is not an HTML page");
			}
			const bytes = await readCapped(res.body, IMPORT_MAX_BYTES);
			if (!bytes) return refuse("is larger than 1 MiB");
			return {
				ok: true,
				html: new TextDecoder("utf-8").decode(bytes),
				url: target.url.href,
				parser: target.parser,
			};
		}
	} catch (error) {
		if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
			return refuse(`did not answer within ${PROFILE_TIMEOUT_MS / 1000} seconds`);
		}
		return refuse("could not be reached; try again later or upload a file");
	}
}
