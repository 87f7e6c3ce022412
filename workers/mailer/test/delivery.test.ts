/**
 * The queue consumer against the real local Resend stand-in: delivery, retries with backoff on
 * failures and hangs, idempotency, and the dead-letter hand-off after the last attempt.
 */

import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { MailRequest } from "@smartpages/contracts";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { type Env, MAX_ATTEMPTS } from "../src/deliver";
import worker, { MailerService } from "../src/index";

const inbox = env.RESEND_API_BASE;

async function messagesTo(to: string): Promise<{ subject: string; text: string }[]> {
	const res = await fetch(`${inbox}/api/messages?to=${encodeURIComponent(to)}`);
	return ((await res.json()) as { messages: { subject: string; text: string }[] }).messages;
}

async function failNext(count: number, status: number | "hang" = 500) {
	await fetch(`${inbox}/_dev/faults`, { method: "POST", body: JSON.stringify({ status, count }) });
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

async function deliver(body: MailRequest, attempts: number) {
	const batch = createMessageBatch<MailRequest>("smartpages-mail", [
		{ id: crypto.randomUUID(), timestamp: new Date(), attempts, body },
	]);
	const [message] = batch.messages;
	const retry = message ? vi.spyOn(message, "retry") : null;
	const ctx = createExecutionContext();
	await (worker as ExportedHandler<Env, MailRequest>).queue?.(batch, env, ctx);
	const result = await getQueueResult(batch, ctx);
	return { ...result, retryDelay: retry?.mock.calls[0]?.[0]?.delaySeconds };
}

beforeEach(async () => {
	await failNext(0);
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

describe("send (RPC)", () => {
	const service = new MailerService(createExecutionContext(), env);

	it("refuses an unknown template or bad data and queues nothing", async () => {
		const unknown = await service.send({
			...request("x@example.com"),
			template: "nope" as "password_reset",
		});
		expect(unknown.ok).toBe(false);
		const bad = await service.send({ ...request("x@example.com"), data: { token: "short" } });
		expect(bad.ok).toBe(false);
	});

	it("accepts a valid request", async () => {
		expect((await service.send(request("x@example.com"))).ok).toBe(true);
	});
});

describe("backoff", () => {
	it("doubles from the base and is capped at ten minutes", async () => {
		const { backoffSeconds } = await import("../src/deliver");
		expect([1, 2, 3, 4, 10].map((a) => backoffSeconds(a))).toEqual([10, 20, 40, 80, 600]);
		expect([1, 2, 3].map((a) => backoffSeconds(a, 1))).toEqual([1, 2, 4]);
	});
});
