/**
 * Helpers for tests over real HTTP against the running stack: clients that behave like the
 * dashboard (cookie + Origin), fresh accounts, and reading mails from the local inbox. Every
 * answer a client's `call` gets is checked against the contract's schemas and against the
 * OpenAPI document (./openapi-check.ts).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { ApiClient, inbox, tokenFrom, waitForMail } from "../../tools/stack/src/index.ts";
import { openApiCheck } from "./openapi-check.ts";

export {
	type Answer,
	type ApiError,
	getWithHost,
	type HostResponse,
} from "../../tools/stack/src/index.ts";

export const stack = inject("stack");

/** Every answer of `call` is also checked against the OpenAPI document (issue 21). */
const documented = await openApiCheck();
const inspect = documented.check.bind(documented);

/** A random client address, so each test has its own rate-limit windows. */
export function randomIp(): string {
	const b = randomBytes(3);
	return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export function uniqueEmail(tag = "user"): string {
	return `${tag}-${randomBytes(6).toString("hex")}@example.com`;
}

export const PASSWORD = "a sturdy passphrase 42";

export function client(ip = randomIp()): ApiClient {
	return new ApiClient({ core: stack.urls.core, origin: stack.urls.web, ip, inspect });
}

/** A client without Origin (an API client such as curl): not subject to the CSRF check. */
export function bareClient(ip = randomIp()): ApiClient {
	const c = new ApiClient({ core: stack.urls.core, origin: "", ip, inspect });
	return c;
}

export async function mailTo(email: string, subject?: RegExp) {
	try {
		return await waitForMail(stack.urls.mail, email, (m) =>
			subject ? subject.test(m.subject) : true,
		);
	} catch (error) {
		throw new Error(`${String(error)} (subject ${subject})\n--- stack log ---\n${stackLogTail()}`);
	}
}

export { tokenFrom };

/** Every mail the local inbox holds for `email`, newest first. */
export function inboxOf(email: string) {
	return inbox(stack.urls.mail, email);
}

/** Signs up a fresh account and returns its signed-in client (e-mail not yet verified). */
export async function signedUp(options: { locale?: "de" | "en" } = {}) {
	const api = client();
	const email = uniqueEmail();
	const res = await api.call("POST /auth/signup", {
		body: { email, password: PASSWORD, ...options },
	});
	if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
	return { api, email, userId: res.body.user.id };
}

/** A fresh account with a verified address, signed in. */
export async function verifiedAccount() {
	const account = await signedUp();
	const mail = await mailTo(account.email, /confirm|bestätigen/i);
	const res = await account.api.call("POST /auth/verify-email", {
		body: { token: tokenFrom(mail) },
	});
	if (res.status !== 200) throw new Error(`verify failed: ${res.status} ${res.text}`);
	return account;
}

/** Waits for a newer mail whose token differs from `previous` (after a re-send). */
export async function newerToken(
	email: string,
	subject: RegExp,
	previous: string,
): Promise<string> {
	const message = await waitForMail(
		stack.urls.mail,
		email,
		(m) => subject.test(m.subject) && !m.text.includes(previous),
	);
	return tokenFrom(message);
}

/** The last lines of the stack's log, so a failed wait shows what the servers said. */
export function stackLogTail(lines = 40): string {
	try {
		return readFileSync(stack.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
	} catch {
		return "(no stack log)";
	}
}

/**
 * Polls `probe` until `ok` holds: for effects that arrive asynchronously (webhooks delivered with
 * retries, mails). A harness guard, not a speed assertion; it gives up before the test timeout so
 * the failure names what was awaited, its last value and the stack's recent log.
 */
export async function until<T>(
	probe: () => Promise<T>,
	ok: (v: T) => boolean,
	what: string,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (ok(value)) return value;
		if (Date.now() > deadline) {
			throw new Error(
				`timed out waiting for ${what}; last value ${JSON.stringify(value)}\n--- stack log ---\n${stackLogTail()}`,
			);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
}

/**
 * Upgrades an account the way a customer does it: Checkout on the Stripe stand-in, paid, and the
 * webhook applied (`GET /me` says Pro).
 */
export async function upgradeToPro(api: ApiClient, interval: "month" | "year" = "month") {
	const checkout = await api.call("POST /billing/checkout", { body: { plan: "pro", interval } });
	if (checkout.status !== 200) throw new Error(`checkout failed: ${checkout.status}`);
	const sessionId = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(checkout.body.url)?.[1];
	const paid = await fetch(`${stack.urls.stripe}/_dev/checkout/${sessionId}/complete`, {
		method: "POST",
	});
	if (!paid.ok) throw new Error(`payment failed: ${paid.status}`);
	await until(
		() => api.call("GET /me").then((r) => r.body.plan.id),
		(plan) => plan === "pro",
		"pro plan",
		90_000,
	);
}

/** A verified account on Pro (see `upgradeToPro`). */
export async function proAccount() {
	const account = await verifiedAccount();
	await upgradeToPro(account.api);
	return account;
}
