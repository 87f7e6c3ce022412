/**
 * The queue consumer against the real local Resend stand-in: delivery, retries with backoff on
 * failures and hangs, idempotency, and the dead-letter hand-off after the last attempt.
 */

import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { MailRequest } from "@smartpages/contracts";
import { parse } from "jsonc-parser";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { type Env, MAX_ATTEMPTS } from "../src/deliver";
import worker, { MailerService } from "../src/index";
import wranglerConfig from "../wrangler.jsonc?raw";

/** The request context Core passes first on every call; these tests call as Core does. */
const ctx = { requestId: "test-delivery" };

const inbox = env.RESEND_API_BASE;

async function messagesTo(to: string): Promise<{ subject: string; text: string }[]> {
	const res = await fetch(`${inbox}/api/messages?to=${encodeURIComponent(to)}`);
	return ((await res.json()) as { messages: { subject: string; text: string }[] }).messages;
}

async function failNext(
	count: number,
	status: number | "hang" = 500,
	extra: { name?: string; retryAfter?: number } = {},
) {
	await fetch(`${inbox}/_dev/faults`, {
		method: "POST",
		body: JSON.stringify({ status, count, ...extra }),
	});
}

/** The stand-in's own rate limit (Resend's per-team limit); 0 turns it off. */
async function rateLimit(perSecond: number) {
	await fetch(`${inbox}/_dev/rate-limit`, { method: "POST", body: JSON.stringify({ perSecond }) });
}

type Received = { subject: string; text: string; idempotencyKey?: string };

async function received(to: string): Promise<Received[]> {
	const res = await fetch(`${inbox}/api/messages?to=${encodeURIComponent(to)}`);
	return ((await res.json()) as { messages: Received[] }).messages;
}

function request(to: string, key = crypto.randomUUID()): MailRequest<"password_reset"> {
	return {
		template: "password_reset",
		to,
		locale: "en",
		data: { token: "A".repeat(43) },
		idempotencyKey: key,
	};
}

async function deliver(body: MailRequest, attempts: number, queue = "smartpages-mail") {
	const batch = createMessageBatch<MailRequest>(queue, [
		{ id: crypto.randomUUID(), timestamp: new Date(), attempts, body },
	]);
	const [message] = batch.messages;
	const retry = message ? vi.spyOn(message, "retry") : null;
	const ctx = createExecutionContext();
	await (worker as ExportedHandler<Env, MailRequest>).queue?.(batch, env, ctx);
	const result = await getQueueResult(batch, ctx);
	return { ...result, retryDelay: retry?.mock.calls[0]?.[0]?.delaySeconds };
}

/** Delivers several messages as one batch, as Queues hands them to the consumer. */
async function deliverAll(bodies: MailRequest[]) {
	const batch = createMessageBatch<MailRequest>(
		"smartpages-mail",
		bodies.map((body) => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body })),
	);
	const ctx = createExecutionContext();
	await (worker as ExportedHandler<Env, MailRequest>).queue?.(batch, env, ctx);
	return getQueueResult(batch, ctx);
}

beforeEach(async () => {
	await failNext(0);
	await rateLimit(0);
});

describe("delivery through Resend", () => {
	it("sends a queued mail once and acknowledges it", async () => {
		const to = `ok-${crypto.randomUUID()}@example.com`;
		const result = await deliver(request(to), 1);
		expect(result.explicitAcks).toHaveLength(1);
		const messages = await messagesTo(to);
		expect(messages).toHaveLength(1);
		expect(messages[0]?.text).toContain("https://app.smartpages.example/reset-password#token=");
	});

	it("retries with backoff while Resend fails three times, then exactly one message arrives", async () => {
		const to = `flaky-${crypto.randomUUID()}@example.com`;
		const mail = request(to);
		await failNext(3, 503);
		for (let attempt = 1; attempt <= 3; attempt++) {
			const result = await deliver(mail, attempt);
			expect(result.retryMessages).toHaveLength(1);
			expect(result.retryDelay).toBe(10 * 2 ** (attempt - 1));
		}
		const last = await deliver(mail, 4);
		expect(last.explicitAcks).toHaveLength(1);
		expect(await messagesTo(to)).toHaveLength(1);
	});

	it("delivers the same idempotency key only once, even when the message is delivered twice", async () => {
		const to = `dup-${crypto.randomUUID()}@example.com`;
		const mail = request(to, "same-key-for-both-deliveries");
		await deliver(mail, 1);
		await deliver(mail, 1);
		expect(await messagesTo(to)).toHaveLength(1);
	});

	it("hands the message to the dead-letter queue after the last attempt, with a structured log line", async () => {
		const log = vi.spyOn(console, "error").mockImplementation(() => {});
		const to = `dead-${crypto.randomUUID()}@example.com`;
		await failNext(1, 500);
		const result = await deliver(request(to), MAX_ATTEMPTS);
		expect(result.retryMessages).toHaveLength(1);
		const line = JSON.parse(String(log.mock.calls.at(-1)?.[0])) as { msg: string; attempt: number };
		expect(line).toMatchObject({ msg: "mail moved to dead-letter queue", attempt: MAX_ATTEMPTS });
		expect(await messagesTo(to)).toHaveLength(0);
		log.mockRestore();
	});

	it("does not retry a message Resend refuses as invalid (4xx)", async () => {
		const log = vi.spyOn(console, "error").mockImplementation(() => {});
		await failNext(1, 422);
		const result = await deliver(request(`bad-${crypto.randomUUID()}@example.com`), 1);
		expect(result.explicitAcks).toHaveLength(1);
		expect(result.retryMessages).toHaveLength(0);
		log.mockRestore();
	});
});

describe("configuration faults", () => {
	it.for([401, 403])(
		"retries a mail Resend refuses with %i (a revoked key is fixed by the operator, the mail is kept)",
		async (status) => {
			vi.spyOn(console, "warn").mockImplementation(() => {});
			const to = `key-${status}-${crypto.randomUUID()}@example.com`;
			await failNext(1, status);
			const result = await deliver(request(to), 1);
			expect(result.retryMessages).toHaveLength(1);
			expect(result.explicitAcks).toHaveLength(0);
			expect((await deliver(request(to), 2)).explicitAcks).toHaveLength(1);
			expect(await messagesTo(to)).toHaveLength(1);
			vi.restoreAllMocks();
		},
	);
});

describe("#15.4 delivery as Resend documents it", () => {
	it("#15.4 a batch is paced within Resend's rate limit: 2 requests a second, none refused", async () => {
		const log = vi.spyOn(console, "warn").mockImplementation(() => {});
		await rateLimit(2);
		const to = Array.from({ length: 5 }, (_, i) => `paced-${i}-${crypto.randomUUID()}@example.com`);
		const result = await deliverAll(to.map((address) => request(address)));
		expect(result.retryMessages).toHaveLength(0);
		expect(result.explicitAcks).toHaveLength(5);
		for (const address of to) expect(await received(address)).toHaveLength(1);
		log.mockRestore();
	});

	it("#15.4 the consumer runs one batch at a time in every environment (max_concurrency 1)", () => {
		const config = parse(wranglerConfig) as {
			queues: { consumers: { max_concurrency?: number }[] };
			env: Record<string, { queues: { consumers: { max_concurrency?: number }[] } }>;
		};
		const consumers = [config, ...Object.values(config.env)].flatMap((c) => c.queues.consumers);
		expect(consumers.length).toBeGreaterThanOrEqual(3);
		for (const consumer of consumers) expect(consumer.max_concurrency).toBe(1);
	});

	it("#15.4 a 429 with Retry-After is retried after exactly that many seconds", async () => {
		const log = vi.spyOn(console, "warn").mockImplementation(() => {});
		const to = `limited-${crypto.randomUUID()}@example.com`;
		await failNext(1, 429, { name: "rate_limit_exceeded", retryAfter: 37 });
		const result = await deliver(request(to), 1);
		expect(result.retryMessages).toHaveLength(1);
		expect(result.retryDelay).toBe(37);
		expect((await deliver(request(to), 2)).explicitAcks).toHaveLength(1);
		log.mockRestore();
	});

	it("#15.4 a 409 concurrent_idempotent_requests is retried, and the mail then arrives once", async () => {
		const log = vi.spyOn(console, "warn").mockImplementation(() => {});
		const to = `concurrent-${crypto.randomUUID()}@example.com`;
		const mail = request(to);
		await failNext(1, 409, { name: "concurrent_idempotent_requests" });
		const result = await deliver(mail, 1);
		expect(result.retryMessages).toHaveLength(1);
		expect(result.explicitAcks).toHaveLength(0);
		expect((await deliver(mail, 2)).explicitAcks).toHaveLength(1);
		expect(await received(to)).toHaveLength(1);
		log.mockRestore();
	});

	it("#15.4 a 409 invalid_idempotent_request (same key, other mail) is dropped with a log line", async () => {
		const log = vi.spyOn(console, "error").mockImplementation(() => {});
		const to = `reused-${crypto.randomUUID()}@example.com`;
		const key = `reused-key-${crypto.randomUUID()}`;
		expect((await deliver(request(to, key), 1)).explicitAcks).toHaveLength(1);
		const other = { ...request(to, key), data: { token: "B".repeat(43) } };
		const result = await deliver(other, 1);
		expect(result.explicitAcks).toHaveLength(1);
		expect(result.retryMessages).toHaveLength(0);
		const line = JSON.parse(String(log.mock.calls.at(-1)?.[0])) as { msg: string; reason: string };
		expect(line.msg).toBe("mail rejected");
		expect(line.reason).toContain("invalid_idempotent_request");
		expect(await received(to)).toHaveLength(1);
		log.mockRestore();
	});

	it("#15.4 a daily-quota 429 goes to the dead-letter queue at once, not after ten minutes of retries", async () => {
		const log = vi.spyOn(console, "error").mockImplementation(() => {});
		const dlq = vi.spyOn(env.MAIL_DLQ, "send");
		const to = `quota-${crypto.randomUUID()}@example.com`;
		const mail = request(to);
		await failNext(1, 429, { name: "daily_quota_exceeded", retryAfter: 3600 });
		const result = await deliver(mail, 1);
		expect(result.retryMessages).toHaveLength(0);
		expect(result.explicitAcks).toHaveLength(1);
		expect(dlq).toHaveBeenCalledTimes(1);
		expect(dlq.mock.calls[0]?.[0]).toMatchObject({ template: mail.template, to });
		const line = JSON.parse(String(log.mock.calls.at(-1)?.[0])) as { msg: string; reason: string };
		expect(line).toMatchObject({ msg: "mail moved to dead-letter queue", attempt: 1 });
		expect(line.reason).toContain("daily_quota_exceeded");
		expect(await received(to)).toHaveLength(0);
		dlq.mockRestore();
		log.mockRestore();
	});

	it("#15.4 a daily-quota 429 met while replaying the dead-letter queue waits there (no loop)", async () => {
		const log = vi.spyOn(console, "warn").mockImplementation(() => {});
		const dlq = vi.spyOn(env.MAIL_DLQ, "send");
		await failNext(1, 429, { name: "daily_quota_exceeded" });
		const result = await deliver(
			request(`replay-${crypto.randomUUID()}@example.com`),
			1,
			"smartpages-mail-dlq",
		);
		expect(result.retryMessages).toHaveLength(1);
		expect(result.retryDelay).toBe(10);
		expect(dlq).not.toHaveBeenCalled();
		dlq.mockRestore();
		log.mockRestore();
	});

	it("#15.4 the idempotency key Resend receives carries no address and fits 256 characters", async () => {
		const to = `${"k".repeat(60)}-${crypto.randomUUID()}@example.com`;
		await deliver(request(to, `${crypto.randomUUID()}:password_reset:${to}`), 1);
		const [mail] = await received(to);
		expect(mail?.idempotencyKey).toBeDefined();
		expect(mail?.idempotencyKey).not.toContain("@");
		expect(mail?.idempotencyKey).not.toContain(to.split("@")[0]);
		expect(mail?.idempotencyKey?.length).toBeLessThanOrEqual(256);
	});

	it("#15.4 a mail to a 250-character address is accepted and sent (Core's key with it is longer than 200)", async () => {
		const service = new MailerService(createExecutionContext(), env);
		const to = `${"l".repeat(250 - "@example.com".length - 37)}-${crypto.randomUUID()}@example.com`;
		expect(to).toHaveLength(250);
		const queued = await service.send(
			ctx,
			request(to, `${crypto.randomUUID()}:password_reset:${to}`),
		);
		expect(queued.ok).toBe(true);
		await vi.waitFor(async () => expect(await received(to)).toHaveLength(1), { timeout: 15_000 });
		expect((await received(to))[0]?.idempotencyKey).not.toContain("@");
	});
});

describe("send (RPC)", () => {
	const service = new MailerService(createExecutionContext(), env);

	it("refuses an unknown template or bad data and queues nothing", async () => {
		const unknown = await service.send(ctx, {
			...request("x@example.com"),
			template: "nope" as "password_reset",
		});
		expect(unknown.ok).toBe(false);
		const bad = await service.send(ctx, { ...request("x@example.com"), data: { token: "short" } });
		expect(bad.ok).toBe(false);
	});

	it("accepts a valid request", async () => {
		expect((await service.send(ctx, request("x@example.com"))).ok).toBe(true);
	});
});

describe("backoff", () => {
	it("doubles from the base and is capped at ten minutes", async () => {
		const { backoffSeconds } = await import("../src/deliver");
		expect([1, 2, 3, 4, 10].map((a) => backoffSeconds(a))).toEqual([10, 20, 40, 80, 600]);
		expect([1, 2, 3].map((a) => backoffSeconds(a, 1))).toEqual([1, 2, 4]);
	});
});
