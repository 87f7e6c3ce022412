/**
 * Logs of the running stack (issue #11, observability): one request id follows a call from Core
 * through the service bindings into the internal workers' JSON log lines, and a whole account
 * journey (sign-up, verification, login, password change, reset, Stripe checkout and webhooks,
 * Resend mails) leaves no password, session token, single-use token, password hash or configured
 * secret in any log line.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import { client, mailTo, randomIp, stack, tokenFrom, uniqueEmail, until } from "../support/api.ts";
import { ROOT } from "../support/binding-table.ts";

type LogLine = { level?: string; msg?: string; requestId?: string; worker?: string };

/** The log written since `offset`: this test's share of the stack log. */
const logSince = (offset: number) => readFileSync(stack.logFile, "utf8").slice(offset);
const logSize = () => statSync(stack.logFile).size;

/** Structured lines, with the worker name wrangler prefixes (`[smartpages-customer] {...}`). */
function jsonLines(text: string): (LogLine & { source: string })[] {
	const lines: (LogLine & { source: string })[] = [];
	for (const raw of text.split("\n")) {
		const match = /^(?:\[([\w-]+)\] )?(\{.*\})\s*$/.exec(raw);
		if (!match?.[2]) continue;
		try {
			lines.push({ ...(JSON.parse(match[2]) as LogLine), source: match[1] ?? "" });
		} catch {
			// not a JSON line
		}
	}
	return lines;
}

const vars = (worker: string) =>
	(
		parse(readFileSync(join(ROOT, "workers", worker, "wrangler.jsonc"), "utf8")) as {
			vars: Record<string, string>;
		}
	).vars;

describe("request id across service bindings", () => {
	it("Core's access line and the Customer Worker's lines carry the same request id", async () => {
		const offset = logSize();
		const api = client();
		const email = uniqueEmail("trace");
		const signup = await api.call("POST /auth/signup", {
			body: {
				email,
				password: `pw ${randomBytes(8).toString("hex")}`,
			},
		});
		expect(signup.status).toBe(201);
		const res = await api.call("GET /me");
		expect(res.status).toBe(200);
		const requestId = res.headers.get("X-Request-Id") ?? "";
		expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

		const lines = await until(
			async () => jsonLines(logSince(offset)).filter((l) => l.requestId === requestId),
			(found) =>
				found.some((l) => l.msg === "request") && found.some((l) => l.worker === "customer"),
			`log lines of request ${requestId} from core and customer`,
		);
		const core = lines.find((l) => l.msg === "request");
		expect(core).toMatchObject({ source: "smartpages-core", path: "/api/v1/me", status: 200 });
		const customer = lines.filter((l) => l.worker === "customer");
		expect(customer.length).toBeGreaterThan(0);
		for (const line of customer) {
			expect(line).toMatchObject({ source: "smartpages-customer", msg: "rpc" });
		}
		// Another request's lines never carry this id (no id leaks from one request to the next).
		const other = await api.call("GET /me");
		const otherId = other.headers.get("X-Request-Id");
		expect(otherId).not.toBe(requestId);
		await until(
			async () => jsonLines(logSince(offset)).filter((l) => l.requestId === otherId),
			(found) => found.some((l) => l.worker === "customer"),
			`customer log lines of request ${otherId}`,
		);
	});

	it("a mail sent on behalf of a request is delivered under that request's id", async () => {
		const offset = logSize();
		const api = client();
		const email = uniqueEmail("trace-mail");
		const signup = await api.call("POST /auth/signup", {
			body: {
				email,
				password: `pw ${randomBytes(8).toString("hex")}`,
			},
		});
		const requestId = signup.headers.get("X-Request-Id");
		await mailTo(email, /Confirm your e-mail|E-Mail-Adresse/);
		const lines = await until(
			async () => jsonLines(logSince(offset)).filter((l) => l.requestId === requestId),
			(found) => found.some((l) => l.msg === "mail sent"),
			"the mailer's delivery line",
		);
		expect(lines.map((l) => l.source)).toEqual(
			expect.arrayContaining(["smartpages-core", "smartpages-customer", "smartpages-mailer"]),
		);
	});
});

describe("no secrets in logs", () => {
	it("a full account and billing journey logs no password, token, hash or secret", async () => {
		const offset = logSize();
		const secrets: Record<string, string> = {};
		const password = (name: string) => {
			secrets[name] = `pw-${name}-${randomBytes(12).toString("hex")}`;
			return secrets[name];
		};
		const cookie = (api: ReturnType<typeof client>, name: string) => {
			const value = api.cookie?.split("=")[1] ?? "";
			expect(value.length).toBeGreaterThan(20);
			secrets[name] = value;
		};

		const api = client();
		const email = uniqueEmail("no-secrets");
		const first = password("signup");
		expect(
			(await api.call("POST /auth/signup", { body: { email, password: first, locale: "en" } }))
				.status,
		).toBe(201);
		cookie(api, "signup session");
		const verify = tokenFrom(await mailTo(email, /Confirm your e-mail/));
		secrets["verification token"] = verify;
		expect((await api.call("POST /auth/verify-email", { body: { token: verify } })).status).toBe(
			200,
		);

		const browser = client(randomIp());
		expect(
			(await browser.call("POST /auth/login", { body: { email, password: first } })).status,
		).toBe(200);
		cookie(browser, "login session");
		// A failed login too: the wrong password must not be logged either.
		const wrong = password("wrong");
		expect(
			(await client().call("POST /auth/login", { body: { email, password: wrong } })).status,
		).toBe(401);

		const second = password("changed");
		const changed = await browser.call("POST /me/password", {
			body: {
				currentPassword: first,
				newPassword: second,
			},
		});
		expect(changed.status).toBe(204);

		expect((await client().call("POST /auth/password/forgot", { body: { email } })).status).toBe(
			202,
		);
		const reset = tokenFrom(await mailTo(email, /Reset your SmartPages password/));
		secrets["reset token"] = reset;
		const third = password("reset");
		expect(
			(
				await client().call("POST /auth/password/reset", {
					body: { token: reset, password: third },
				})
			).status,
		).toBe(204);

		const buyer = client();
		expect(
			(await buyer.call("POST /auth/login", { body: { email, password: third } })).status,
		).toBe(200);
		cookie(buyer, "buyer session");
		// Stripe: checkout on the stand-in, then its signed webhooks through Core to Billing.
		const checkout = await buyer.call("POST /billing/checkout", {
			body: {
				plan: "pro",
				interval: "month",
			},
		});
		expect(checkout.status).toBe(200);
		const sessionId = /\/checkout\/(cs_test_[0-9a-f]+)$/.exec(checkout.body.url)?.[1];
		const done = await fetch(`${stack.urls.stripe}/_dev/checkout/${sessionId}/complete`, {
			method: "POST",
		});
		expect(done.status).toBe(200);
		await until(
			() => buyer.call("GET /me").then((r) => r.body.plan.id),
			(plan) => plan === "pro",
			"pro plan after the webhook",
		);
		await mailTo(email, /Welcome to SmartPages Pro/);
		// Everything above is in the log once the Pro mail's delivery line is.
		await until(
			async () => jsonLines(logSince(offset)).filter((l) => l.msg === "mail sent").length,
			(n) => n >= 4,
			"the mailer's delivery lines",
		);

		// The configured secret values: the local webhook secret (a var only the stack uses; it is
		// printed once by wrangler's startup banner, before this test's slice) and the keys the
		// workers fall back to without secrets.
		secrets.LOCAL_STRIPE_WEBHOOK_SECRET = vars("billing").LOCAL_STRIPE_WEBHOOK_SECRET ?? "";
		secrets["Stripe fallback key"] = "sk_test_local_development";
		secrets["Resend fallback key"] = "re_local_development";

		const log = logSince(offset);
		expect(log).toContain("/api/v1/billing/checkout");
		const leaked = Object.entries(secrets)
			.filter(([, value]) => value.length > 0 && log.includes(value))
			.map(([name]) => name);
		expect(leaked).toEqual([]);
		// No password hash, no cookie header and no token field in any form.
		expect(log).not.toMatch(/\$argon2id?\$/);
		expect(log).not.toContain("__Host-sp_session=");
		expect(log).not.toMatch(/"(password|passwordHash|token|newPassword|currentPassword)"\s*:/);
		// Personal data stays out of the workers' structured lines as well.
		expect(jsonLines(log).filter((l) => JSON.stringify(l).includes(email))).toEqual([]);
	});
});
