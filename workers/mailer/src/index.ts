/**
 * Mailer Worker entry. `send` (RPC from Core) validates a template request and enqueues it
 * (./enqueue); the queue consumer (./deliver) renders and delivers it through Resend. Every RPC
 * method takes the request context first and runs through `traced` (one log line per call, with
 * Core's request id, which also rides along with the queued mail). No HTTP surface.
 */

import { WorkerEntrypoint } from "cloudflare:workers";
import type { MailRequest, MailTemplate, Result } from "@smartpages/contracts";
import { tracer } from "@smartpages/contracts/observability";
import type { RpcContext } from "@smartpages/contracts/rpc-context";
import { deliverBatch, type Env, type QueuedMail } from "./deliver";
import { enqueueMail } from "./enqueue";

/** Runs each method's body with the caller's request id and logs one line per call. */
const traced = tracer("mailer");

export class MailerService extends WorkerEntrypoint<Env> {
	/** Liveness of this worker, used by Core's health check. */
	async ping(ctx: RpcContext): Promise<{ service: "mailer"; ok: boolean }> {
		return traced(ctx, "ping", () => ({ service: "mailer", ok: true }));
	}

	/** Validates and enqueues one mail; never talks to Resend on the caller's time. */
	async send<T extends MailTemplate>(
		ctx: RpcContext,
		request: MailRequest<T>,
	): Promise<Result<{ queued: true }>> {
		return traced(ctx, "send", () => enqueueMail(this.env, request));
	}
}

export default {
	fetch: () => new Response("Not Found", { status: 404 }),
	queue: (batch, env) => deliverBatch(batch, env),
} satisfies ExportedHandler<Env, QueuedMail>;
