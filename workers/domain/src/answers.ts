/**
 * The hot path of delivery (issue 22): a page or asset this isolate has answered before is
 * answered again from one memory lookup. What resolve.ts and respond.ts decided for a request's
 * Host header and URL — the target, its validator, its bytes (badge applied) and the headers of
 * its `200` and `304` answers — is remembered under that pair until the host mapping or the
 * manifest it came from expires (`MANIFEST_CACHE_SECONDS` from their read from R2, as resolve.ts
 * keeps them), so a repeat view skips host normalisation, path matching, two JSON lookups and
 * the assembly of its validator and headers. A publish, an unpublish or a removed domain is seen
 * within the same window as before. Everything else (first views, `/_l/`, robots.txt, 404s,
 * objects too large to hold) takes the full path.
 *
 * Headers are kept as `Headers` objects: a new answer copies one inside the runtime, markedly
 * cheaper than workerd converting a record's properties on every view (bench/README.md).
 */
import { memory } from "./memory";
import type { Target } from "./resolve";

/** A served object's bytes as served (badge applied) and its validator. */
export interface Held {
	body: Uint8Array;
	etag: string;
	/** The headers of its answers over http and https, made on first use. */
	headers: [AnswerHeaders | undefined, AnswerHeaders | undefined];
}

export interface AnswerHeaders {
	ok: Headers;
	notModified: Headers;
}

/** Everything a repeat request for the same host and URL is answered from. */
export interface Answer {
	target: Target;
	held: Held;
	headers: AnswerHeaders;
}

// Per entry besides the body and the key: the answer, its target and two Headers objects.
const ANSWER_OVERHEAD = 1024;

/** The memory key of a request: its Host header and its URL (scheme, host, path and query). */
export function answerKey(request: Request): string {
	return `${request.headers.get("Host") ?? ""}\n${request.url}`;
}

/** The answer remembered for `key`, if it has not expired. */
export function knownAnswer(key: string, now: number): Answer | undefined {
	return memory.answers.get(key, now) as Answer | undefined;
}

/** Remembers `answer` under `key` until what it was resolved from expires. */
export function rememberAnswer(key: string, answer: Answer, now: number): void {
	const { expiresAt } = answer.target;
	if (expiresAt <= now) return;
	memory.answers.set(key, answer, answer.held.body.byteLength + ANSWER_OVERHEAD, expiresAt);
}

/** `304` when the request's validator matches, else the object (no body for HEAD). */
export function serveAnswer(request: Request, answer: Answer): Response {
	if (matchesEtag(request.headers.get("If-None-Match"), answer.held.etag)) {
		return new Response(null, { status: 304, headers: answer.headers.notModified });
	}
	return new Response(request.method === "HEAD" ? null : answer.held.body, {
		headers: answer.headers.ok,
	});
}

export function matchesEtag(header: string | null, etag: string): boolean {
	if (!header) return false;
	if (header.trim() === "*") return true;
	return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
