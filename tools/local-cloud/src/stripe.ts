/**
 * Stripe stand-in: the subset of Stripe's `/v1` API the Billing Worker uses (customers, prices, checkout
 * and billing-portal sessions, subscriptions, invoices), a hosted checkout page (4242 4242 4242
 * 4242 succeeds, 4000 0000 0000 0002 is declined), a portal page (cancel at period end, resume,
 * switch interval), and webhooks signed exactly as Stripe signs them, retried on non-2xx.
 * `Idempotency-Key` works as on Stripe (same key and parameters → the saved answer replayed;
 * same key, other parameters → 400 idempotency_error), so double submits can be tested.
 *
 * As on Stripe, Checkout substitutes `{CHECKOUT_SESSION_ID}` in its success URL, accepts
 * `automatic_tax` and `tax_id_collection` (refusing them for an existing customer without the
 * `customer_update` Stripe requires) and echoes them on the session; a renewal can need the
 * customer's authentication (`invoice.payment_action_required` with a hosted invoice page where
 * the payment is confirmed).
 *
 * Control endpoints for scripts and tests live under /_dev/ (see README and api.md).
 */
import { createHmac, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml, listen, type RunningServer, readBody, sendHtml, sendJson } from "./http.ts";

export interface StripeOptions {
	port: number;
	/** Where webhooks go (Core's /api/v1/webhooks/stripe); null = none. */
	webhookUrl: string | null;
	webhookSecret: string;
}

type Obj = Record<string, unknown>;
/**
 * The configured Price objects (workers/billing/wrangler.jsonc), gross amounts in cents as a
 * German consumer price is shown: `tax_behavior: "inclusive"`. Each stand-in copies them, and
 * `POST /_dev/prices/{id} {"amount": n}` changes its copy (issue 19: the plan page follows).
 */
const PRICES: Record<string, { amount: number; interval: "month" | "year" }> = {
	price_pro_month: { amount: 900, interval: "month" },
	price_pro_year: { amount: 9000, interval: "year" },
};
const DAY = 86_400;

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

/** A form flag such as `automatic_tax[enabled]=true`, as Stripe reads it. */
const enabled = (param: unknown): boolean =>
	typeof param === "object" && param !== null && (param as Obj).enabled === "true";

/** Parses Stripe's form encoding with bracket notation (a[b][0][c]=v) into nested objects. */
export function parseForm(body: string): Obj {
	const out: Obj = {};
	for (const [rawKey, value] of new URLSearchParams(body)) {
		const path = rawKey.replace(/\]/g, "").split("[");
		let node: Obj = out;
		path.forEach((key, i) => {
			if (i === path.length - 1) {
				node[key] = value;
				return;
			}
			node[key] ??= {};
			node = node[key] as Obj;
		});
	}
	return out;
}

function stripeError(
	res: ServerResponse,
	status: number,
	message: string,
	type = "invalid_request_error",
) {
	sendJson(res, status, { error: { type, message } });
}

/** An API answer, built before it is sent so an idempotency key can save and replay it. */
interface Reply {
	status: number;
	body: unknown;
}
const json = (status: number, body: unknown): Reply => ({ status, body });
const fault = (status: number, message: string, type = "invalid_request_error"): Reply => ({
	status,
	body: { error: { type, message } },
});

/** Stripe forgets idempotency keys after 24 hours. */
const IDEMPOTENCY_WINDOW = DAY;

/** The parameters of a request in a stable form (key order does not matter), for comparison. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
	if (value && typeof value === "object") {
		const entries = Object.entries(value as Obj).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
	}
	return JSON.stringify(value);
}

export async function startStripe(
	options: StripeOptions,
): Promise<RunningServer & { events: Obj[] }> {
	const customers = new Map<string, Obj>();
	const checkouts = new Map<string, Obj>();
	const portals = new Map<string, Obj>();
	const subscriptions = new Map<string, Obj>();
	const invoices: Obj[] = [];
	const events: Obj[] = [];
	const failNextInvoice = new Set<string>();
	const prices = structuredClone(PRICES);
	let apiFaults = 0;
	let origin = "";

	const sign = (payload: string) => {
		const t = now();
		const v1 = createHmac("sha256", options.webhookSecret).update(`${t}.${payload}`).digest("hex");
		return `t=${t},v1=${v1}`;
	};

	async function deliver(event: Obj, attempt = 1): Promise<void> {
		if (!options.webhookUrl) return;
		const payload = JSON.stringify(event, null, 2);
		let ok = false;
		let outcome = "";
		try {
			const res = await fetch(options.webhookUrl, {
				method: "POST",
				headers: {
					"Content-Type": "application/json; charset=utf-8",
					"Stripe-Signature": sign(payload),
					"User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
				},
				body: payload,
				signal: AbortSignal.timeout(10_000),
			});
			ok = res.ok;
			outcome = `HTTP ${res.status}`;
			await res.body?.cancel();
		} catch (error) {
			ok = false;
			outcome = String(error);
		}
		if (!ok) {
			console.warn(
				`[stripe] webhook ${String(event.type)} ${String(event.id)} attempt ${attempt} failed: ${outcome}`,
			);
		}
		(event as { delivery_attempts?: number }).delivery_attempts = attempt;
		// Stripe retries for days; locally a few quick attempts show the same behaviour.
		if (!ok && attempt < 6)
			setTimeout(() => void deliver(event, attempt + 1), 500 * 2 ** (attempt - 1)).unref();
	}

	function emit(type: string, object: Obj): Obj {
		const event = {
			id: id("evt"),
			object: "event",
			api_version: "2026-10-28.endive",
			created: now(),
			livemode: false,
			pending_webhooks: 1,
			request: { id: null, idempotency_key: null },
			type,
			data: { object: structuredClone(object) },
		};
		events.push(event);
		void deliver(event);
		return event;
	}

	/**
	 * An invoice of the subscription: paid at once, failed, or waiting for the customer to
	 * authenticate the payment (strong customer authentication), as Stripe reports each.
	 */
	function createInvoice(sub: Obj, outcome: "paid" | "failed" | "action_required"): Obj {
		const item = (sub.items as { data: Obj[] }).data[0] as { price: { id: string } };
		const amount = prices[item.price.id]?.amount ?? 0;
		const paid = outcome === "paid";
		const invoiceId = id("in");
		const invoice = {
			id: invoiceId,
			object: "invoice",
			customer: sub.customer,
			number: `SP-${String(invoices.length + 1).padStart(4, "0")}`,
			status: paid ? "paid" : "open",
			amount_due: amount,
			amount_paid: paid ? amount : 0,
			currency: "eur",
			created: now(),
			hosted_invoice_url: `${origin}/invoices/${invoiceId}`,
			parent: {
				type: "subscription_details",
				subscription_details: { subscription: sub.id, metadata: {} },
			},
		};
		invoices.push(invoice);
		emit(
			paid
				? "invoice.paid"
				: outcome === "failed"
					? "invoice.payment_failed"
					: "invoice.payment_action_required",
			invoice,
		);
		return invoice;
	}

	/** The customer confirmed an open invoice's payment (on its hosted page): paid, sub active. */
	function payInvoice(invoice: Obj): void {
		if (invoice.status !== "open") return;
		Object.assign(invoice, { status: "paid", amount_paid: invoice.amount_due });
		const parent = invoice.parent as { subscription_details?: { subscription?: string } };
		const sub = subscriptions.get(String(parent.subscription_details?.subscription));
		if (sub && sub.status === "past_due") {
			sub.status = "active";
			emit("customer.subscription.updated", sub);
		}
		emit("invoice.paid", invoice);
	}

	function setPeriod(sub: Obj, start: number) {
		const item = (sub.items as { data: Obj[] }).data[0] as Obj & {
			price: { recurring: { interval: string } };
		};
		const length = item.price.recurring.interval === "year" ? 365 * DAY : 30 * DAY;
		item.current_period_start = start;
		item.current_period_end = start + length;
	}

	function priceObject(priceId: string) {
		const price = prices[priceId] ?? { amount: 0, interval: "month" as const };
		return {
			id: priceId,
			object: "price",
			active: true,
			type: "recurring",
			product: "prod_smartpages_pro",
			currency: "eur",
			unit_amount: price.amount,
			tax_behavior: "inclusive",
			recurring: { interval: price.interval, interval_count: 1, usage_type: "licensed" },
		};
	}

	function completeCheckout(session: Obj): Obj {
		if (session.status === "complete") return subscriptions.get(String(session.subscription)) ?? {};
		const priceId = String(
			((session.line_items as Obj[] | undefined)?.[0] as Obj | undefined)?.price ??
				"price_pro_month",
		);
		const sub: Obj = {
			id: id("sub"),
			object: "subscription",
			customer: session.customer,
			status: "active",
			cancel_at_period_end: false,
			canceled_at: null,
			created: now(),
			metadata: (session.subscription_data as { metadata?: Obj } | undefined)?.metadata ?? {},
			items: {
				object: "list",
				data: [
					{ id: id("si"), object: "subscription_item", price: priceObject(priceId), quantity: 1 },
				],
			},
		};
		setPeriod(sub, now());
		subscriptions.set(String(sub.id), sub);
		Object.assign(session, { status: "complete", payment_status: "paid", subscription: sub.id });
		emit("customer.subscription.created", sub);
		createInvoice(sub, "paid");
		emit("checkout.session.completed", session);
		return sub;
	}

	/**
	 * Period end: renew (or fail the invoice, past_due; or, with `requireAction`, leave it open
	 * until the customer authenticates the payment, past_due meanwhile, as an off-session renewal
	 * under strong customer authentication does), or end a subscription set to cancel.
	 */
	function advance(sub: Obj, requireAction = false) {
		const item = (sub.items as { data: Obj[] }).data[0] as Obj;
		if (sub.cancel_at_period_end || sub.status === "past_due") {
			Object.assign(sub, { status: "canceled", canceled_at: now(), ended_at: now() });
			emit("customer.subscription.deleted", sub);
			return;
		}
		setPeriod(sub, Number(item.current_period_end));
		const customer = String(sub.customer);
		if (failNextInvoice.delete(customer) || requireAction) {
			sub.status = "past_due";
			emit("customer.subscription.updated", sub);
			createInvoice(sub, requireAction ? "action_required" : "failed");
			return;
		}
		emit("customer.subscription.updated", sub);
		createInvoice(sub, "paid");
	}

	function page(title: string, body: string) {
		return `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui;max-width:30rem;margin:3rem auto;padding:0 1rem;color:#1a1a2e}h1{font-size:1.4rem}label,input,button{display:block;width:100%;box-sizing:border-box}input{padding:.6rem;margin:.3rem 0 1rem;font-size:1rem}button{padding:.7rem;background:#635bff;color:#fff;border:0;border-radius:.4rem;font-size:1rem;margin:.5rem 0;cursor:pointer}.note{color:#555;font-size:.9rem}.err{color:#b00020}</style><body><p class="note">Local Stripe stand-in — no real payment happens.</p>${body}</body></html>`;
	}

	/**
	 * Idempotency as Stripe documents it: the first response to a key is saved with the request
	 * (method, path, parameters) and replayed for the same key; the same key with another request
	 * is refused (400 idempotency_error); keys are forgotten after 24 hours. As on Stripe, only
	 * requests that executed are saved: a refused validation (4xx) or an injected fault (the API
	 * not reachable) can be retried with the same key.
	 */
	const idempotent = new Map<
		string,
		{ request: string; params: string; at: number; reply: Reply }
	>();

	async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		if (!req.headers.authorization?.startsWith("Bearer ")) {
			return stripeError(res, 401, "You did not provide an API key.", "authentication_error");
		}
		if (apiFaults > 0) {
			apiFaults -= 1;
			return stripeError(res, 500, "Injected fault.", "api_error");
		}
		const body = req.method === "POST" ? parseForm(await readBody(req)) : {};
		const key = req.method === "POST" ? req.headers["idempotency-key"] : undefined;
		if (typeof key !== "string" || key === "") {
			const reply = route(req.method ?? "GET", url, body);
			return sendJson(res, reply.status, reply.body);
		}
		const request = `${req.method} ${url.pathname}`;
		const params = canonical(body);
		const saved = idempotent.get(key);
		if (saved && now() - saved.at < IDEMPOTENCY_WINDOW) {
			if (saved.request !== request || saved.params !== params) {
				return stripeError(
					res,
					400,
					`Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
					"idempotency_error",
				);
			}
			res.setHeader("Idempotent-Replayed", "true");
			return sendJson(res, saved.reply.status, saved.reply.body);
		}
		const reply = route(req.method ?? "GET", url, body);
		if (reply.status < 400 || reply.status >= 500) {
			idempotent.set(key, { request, params, at: now(), reply: structuredClone(reply) });
		}
		return sendJson(res, reply.status, reply.body);
	}

	function route(method: string, url: URL, body: Obj): Reply {
		const parts = url.pathname.split("/").filter(Boolean).slice(1); // drop "v1"
		const [a, b, c, d] = parts;
		const nested = a === "checkout" || a === "billing_portal";
		const key = `${method} ${a}${b ? (nested ? `/${b}` : "/:id") : ""}${c ? "/:id" : ""}${d ? `/${d}` : ""}`;
		switch (key) {
			case "POST customers": {
				const customer = {
					id: id("cus"),
					object: "customer",
					email: body.email ?? null,
					metadata: body.metadata ?? {},
					created: now(),
				};
				customers.set(customer.id, customer);
				return json(200, customer);
			}
			case "GET customers/:id": {
				const customer = customers.get(String(b));
				return customer ? json(200, customer) : fault(404, `No such customer: '${b}'`);
			}
			case "POST checkout/sessions": {
				const customer = customers.get(String(body.customer));
				if (!customer) return fault(400, `No such customer: '${body.customer}'`);
				const items = Object.values((body.line_items ?? {}) as Obj) as Obj[];
				if (!items[0] || !prices[String(items[0].price)]) return fault(400, "No such price");
				const tax = enabled(body.automatic_tax);
				const taxIds = enabled(body.tax_id_collection);
				const update = (body.customer_update ?? {}) as Obj;
				// Stripe's own refusals for an existing customer (docs: tax IDs with Checkout,
				// automatic tax with Checkout): the collected name and address must be saved to it.
				if (taxIds && update.name !== "auto") {
					return fault(
						400,
						"tax_id_collection requires updating business name on the customer. To enable tax id collection for an existing customer, please set `customer_update[name]` to `auto`.",
					);
				}
				if (tax && !customer.address && update.address !== "auto" && update.shipping !== "auto") {
					return fault(
						400,
						"Automatic tax calculation in Checkout requires a valid address on the Customer. Add a valid address to the Customer or set either `customer_update[address]` to 'auto' or `customer_update[shipping]` to 'auto' to save the address entered in Checkout to the Customer.",
					);
				}
				const session = {
					id: id("cs_test"),
					object: "checkout.session",
					created: now(),
					mode: body.mode,
					customer: body.customer,
					client_reference_id: body.client_reference_id ?? null,
					status: "open",
					payment_status: "unpaid",
					subscription: null,
					success_url: body.success_url,
					cancel_url: body.cancel_url,
					metadata: body.metadata ?? {},
					subscription_data: body.subscription_data ?? {},
					line_items: items,
					automatic_tax: {
						enabled: tax,
						liability: null,
						status: tax ? "requires_location_inputs" : null,
					},
					tax_id_collection: { enabled: taxIds, required: "never" },
					customer_update: Object.keys(update).length > 0 ? update : null,
					billing_address_collection: body.billing_address_collection ?? null,
					url: "",
				};
				session.url = `${origin}/checkout/${session.id}`;
				checkouts.set(session.id, session);
				return json(200, { ...session, line_items: undefined, subscription_data: undefined });
			}
			case "GET checkout/sessions": {
				const customer = url.searchParams.get("customer");
				const status = url.searchParams.get("status");
				const data = [...checkouts.values()]
					.filter((s) => (!customer || s.customer === customer) && (!status || s.status === status))
					.map((s) => ({ ...s, line_items: undefined, subscription_data: undefined }));
				return json(200, { object: "list", data, has_more: false, url: "/v1/checkout/sessions" });
			}
			case "GET checkout/sessions/:id": {
				const session = checkouts.get(String(c));
				return session ? json(200, session) : fault(404, `No such checkout.session: '${c}'`);
			}
			case "POST checkout/sessions/:id/expire": {
				const session = checkouts.get(String(c));
				if (!session) return fault(404, `No such checkout.session: '${c}'`);
				if (session.status !== "open")
					return fault(400, "Only Checkout Sessions with a status of open can be expired.");
				Object.assign(session, { status: "expired", url: null });
				emit("checkout.session.expired", session);
				return json(200, session);
			}
			case "POST billing_portal/sessions": {
				if (!customers.has(String(body.customer)))
					return fault(400, `No such customer: '${body.customer}'`);
				const session = {
					id: id("bps"),
					object: "billing_portal.session",
					customer: body.customer,
					return_url: body.return_url ?? null,
					url: "",
				};
				session.url = `${origin}/portal/${session.id}`;
				portals.set(session.id, session);
				return json(200, session);
			}
			case "GET subscriptions/:id": {
				const sub = subscriptions.get(String(b));
				return sub ? json(200, sub) : fault(404, `No such subscription: '${b}'`);
			}
			case "GET subscriptions": {
				const customer = url.searchParams.get("customer");
				const data = [...subscriptions.values()].filter(
					(s) => !customer || s.customer === customer,
				);
				return json(200, { object: "list", data, has_more: false, url: "/v1/subscriptions" });
			}
			case "DELETE subscriptions/:id": {
				const sub = subscriptions.get(String(b));
				if (!sub) return fault(404, `No such subscription: '${b}'`);
				Object.assign(sub, { status: "canceled", canceled_at: now(), ended_at: now() });
				emit("customer.subscription.deleted", sub);
				return json(200, sub);
			}
			case "GET prices/:id": {
				return prices[String(b)]
					? json(200, priceObject(String(b)))
					: fault(404, `No such price: '${b}'`);
			}
			case "GET invoices/:id": {
				const invoice = invoices.find((i) => i.id === b);
				return invoice ? json(200, invoice) : fault(404, `No such invoice: '${b}'`);
			}
			case "GET invoices": {
				const customer = url.searchParams.get("customer");
				const data = invoices.filter((i) => !customer || i.customer === customer).reverse();
				return json(200, { object: "list", data, has_more: false, url: "/v1/invoices" });
			}
			default:
				return fault(404, `Unrecognized request URL (${method}: ${url.pathname}).`);
		}
	}

	function portalAction(sub: Obj, action: string) {
		if (action === "cancel") sub.cancel_at_period_end = true;
		else if (action === "resume") sub.cancel_at_period_end = false;
		else if (action === "switch") {
			const item = (sub.items as { data: Obj[] }).data[0] as Obj & { price: { id: string } };
			item.price = priceObject(
				item.price.id === "price_pro_year" ? "price_pro_month" : "price_pro_year",
			);
		} else return false;
		emit("customer.subscription.updated", sub);
		return true;
	}

	const server = await listen(options.port, async (req, res, url) => {
		if (url.pathname.startsWith("/v1/")) return api(req, res, url);
		const checkout = /^\/checkout\/([\w]+)$/.exec(url.pathname);
		if (checkout) {
			const session = checkouts.get(checkout[1] ?? "");
			if (!session)
				return sendHtml(res, 404, page("Not found", "<h1>Unknown checkout session</h1>"));
			if (session.status === "expired") {
				return sendHtml(res, 410, page("Expired", "<h1>This checkout session has expired.</h1>"));
			}
			if (req.method === "POST") {
				const card =
					new URLSearchParams(await readBody(req)).get("card")?.replace(/\s+/g, "") ?? "";
				if (card === "4000000000000002") {
					return sendHtml(
						res,
						402,
						page(
							"Declined",
							`<h1>Your card was declined.</h1><p class="err">Try 4242 4242 4242 4242.</p><p><a href="/checkout/${escapeHtml(String(session.id))}">Back</a></p>`,
						),
					);
				}
				if (card !== "4242424242424242") {
					return sendHtml(
						res,
						400,
						page(
							"Invalid card",
							`<h1>Invalid card number.</h1><p><a href="/checkout/${escapeHtml(String(session.id))}">Back</a></p>`,
						),
					);
				}
				completeCheckout(session);
				// Stripe fills in the literal template variable with the session's id.
				const success = String(session.success_url).replaceAll(
					"{CHECKOUT_SESSION_ID}",
					String(session.id),
				);
				res.writeHead(303, { Location: success }).end();
				return;
			}
			const item = (session.line_items as Obj[])[0] as Obj;
			const price = prices[String(item.price)];
			return sendHtml(
				res,
				200,
				page(
					"Checkout",
					`<h1>SmartPages Pro</h1><p>${((price?.amount ?? 0) / 100).toFixed(2)} € per ${price?.interval ?? "month"}</p><form method="post"><label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" value="4242 4242 4242 4242" required><button type="submit">Pay and subscribe</button></form><p><a href="${escapeHtml(String(session.cancel_url))}">Cancel</a></p>`,
				),
			);
		}
		// The hosted invoice page (the dashboard's invoice "View"), by id or by number; anything else
		// under /invoices/ is a page saying so, never the API's JSON error (issue 19, review L10).
		const hosted = /^\/invoices\/([^/]+)$/.exec(url.pathname);
		if (hosted) {
			let wanted = hosted[1] ?? "";
			try {
				wanted = decodeURIComponent(wanted);
			} catch {
				// A malformed escape names no invoice; looked up as it is.
			}
			const invoice = invoices.find((i) => i.id === wanted || i.number === wanted);
			if (!invoice) return sendHtml(res, 404, page("Not found", "<h1>Unknown invoice</h1>"));
			// The hosted invoice page: an open invoice waiting for authentication is confirmed here
			// (where Stripe runs 3-D Secure with the customer's bank).
			if (req.method === "POST") {
				payInvoice(invoice);
				res.writeHead(303, { Location: url.pathname }).end();
				return;
			}
			const amount = (Number(invoice.amount_due) / 100).toFixed(2);
			const body =
				invoice.status === "open"
					? `<h1>Invoice ${escapeHtml(String(invoice.number))}</h1><p>${amount} € — your bank asks you to confirm this payment.</p><form method="post"><button type="submit">Confirm payment</button></form>`
					: `<h1>Invoice ${escapeHtml(String(invoice.number))}</h1><p>${amount} € — ${escapeHtml(String(invoice.status))}.</p>`;
			return sendHtml(res, 200, page("Invoice", body));
		}
		const portal = /^\/portal\/([\w]+)$/.exec(url.pathname);
		if (portal) {
			const session = portals.get(portal[1] ?? "");
			if (!session) return sendHtml(res, 404, page("Not found", "<h1>Unknown portal session</h1>"));
			const subs = [...subscriptions.values()].filter(
				(s) => s.customer === session.customer && s.status !== "canceled",
			);
			if (req.method === "POST") {
				const form = new URLSearchParams(await readBody(req));
				const sub = subscriptions.get(form.get("subscription") ?? "");
				if (sub && sub.customer === session.customer) portalAction(sub, form.get("action") ?? "");
				res.writeHead(303, { Location: url.pathname }).end();
				return;
			}
			const rows = subs
				.map((s) => {
					const item = (
						s.items as { data: (Obj & { price: { recurring: { interval: string } } })[] }
					).data[0];
					const end = new Date(Number(item?.current_period_end) * 1000).toISOString().slice(0, 10);
					const act = (action: string, label: string) =>
						`<form method="post"><input type="hidden" name="subscription" value="${escapeHtml(String(s.id))}"><input type="hidden" name="action" value="${action}"><button>${label}</button></form>`;
					return `<h2>Pro (${escapeHtml(item?.price.recurring.interval ?? "")}) — ${escapeHtml(String(s.status))}</h2><p>${s.cancel_at_period_end ? `Ends on ${end}` : `Renews on ${end}`}</p>${s.cancel_at_period_end ? act("resume", "Resume subscription") : act("cancel", "Cancel at period end")}${act("switch", "Switch billing interval")}`;
				})
				.join("");
			return sendHtml(
				res,
				200,
				page(
					"Billing portal",
					`<h1>Your subscription</h1>${rows || "<p>No active subscription.</p>"}<p><a href="${escapeHtml(String(session.return_url ?? "/"))}">Return to SmartPages</a></p>`,
				),
			);
		}
		// ── control endpoints for scripts and tests ──
		const dev = url.pathname.split("/").filter(Boolean);
		if (dev[0] === "_dev" && req.method === "POST") {
			if (dev[1] === "checkout" && dev[3] === "complete") {
				const session = checkouts.get(dev[2] ?? "");
				if (!session) return sendJson(res, 404, { error: "unknown checkout session" });
				if (session.status === "expired")
					return sendJson(res, 410, { error: "checkout session expired" });
				return sendJson(res, 200, { subscription: completeCheckout(session) });
			}
			if (dev[1] === "subscriptions" && (dev[3] === "advance" || dev[3] === "require-action")) {
				const sub = subscriptions.get(dev[2] ?? "");
				if (!sub) return sendJson(res, 404, { error: "unknown subscription" });
				advance(sub, dev[3] === "require-action");
				return sendJson(res, 200, { subscription: sub, invoice: invoices.at(-1) ?? null });
			}
			if (dev[1] === "invoices" && dev[3] === "pay") {
				const invoice = invoices.find((i) => i.id === dev[2]);
				if (!invoice) return sendJson(res, 404, { error: "unknown invoice" });
				payInvoice(invoice);
				return sendJson(res, 200, { invoice });
			}
			if (dev[1] === "subscriptions" && dev[3] && ["cancel", "resume", "switch"].includes(dev[3])) {
				const sub = subscriptions.get(dev[2] ?? "");
				if (!sub) return sendJson(res, 404, { error: "unknown subscription" });
				portalAction(sub, dev[3]);
				return sendJson(res, 200, { subscription: sub });
			}
			if (dev[1] === "customers" && dev[3] === "fail-next-invoice") {
				failNextInvoice.add(dev[2] ?? "");
				return sendJson(res, 200, { ok: true });
			}
			if (dev[1] === "events" && dev[3] === "resend") {
				const event = events.find((e) => e.id === dev[2]);
				if (!event) return sendJson(res, 404, { error: "unknown event" });
				void deliver(event);
				return sendJson(res, 200, { ok: true });
			}
			if (dev[1] === "prices" && dev[2] && prices[dev[2]]) {
				const body = JSON.parse((await readBody(req)) || "{}") as { amount?: unknown };
				const amount = body.amount;
				if (typeof amount !== "number" || !Number.isInteger(amount) || amount < 0)
					return sendJson(res, 400, { error: "amount must be a whole number of cents" });
				const price = prices[dev[2]];
				if (price) price.amount = amount;
				return sendJson(res, 200, { price: priceObject(dev[2]) });
			}
			if (dev[1] === "faults") {
				const body = JSON.parse((await readBody(req)) || "{}") as { count?: number };
				apiFaults = body.count ?? 1;
				return sendJson(res, 200, { ok: true });
			}
		}
		if (req.method === "GET" && url.pathname === "/_dev/events") {
			const customer = url.searchParams.get("customer");
			const list = events.filter((e) => {
				const o = (e.data as { object: Obj }).object;
				return !customer || o.customer === customer;
			});
			return sendJson(res, 200, { events: list });
		}
		if (req.method === "GET" && url.pathname === "/_dev/health")
			return sendJson(res, 200, { ok: true });
		if (req.method === "GET" && url.pathname === "/") {
			return sendHtml(
				res,
				200,
				page(
					"Stripe stand-in",
					`<h1>Stripe stand-in</h1><p>${customers.size} customer(s), ${subscriptions.size} subscription(s), ${events.length} event(s).</p>`,
				),
			);
		}
		return stripeError(res, 404, `Unrecognized request URL (${url.pathname}).`);
	});
	origin = `http://localhost:${server.port}`;
	return { ...server, events };
}
