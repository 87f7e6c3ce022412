/**
 * The Stripe SDK configured for Workers (fetch HTTP client, SubtleCrypto for signatures). With
 * real keys it talks to Stripe; without them to the local stand-in, and only on loopback, so a
 * production deploy that forgot its secrets fails loudly instead of trusting a public secret.
 */
import { requireSecretOrStandIn } from "@smartpages/contracts";
import Stripe from "stripe";

/** Secrets are set with `wrangler secret put` and so are not part of the generated types. */
export type Env = BillingEnv & { STRIPE_SECRET_KEY?: string; STRIPE_WEBHOOK_SECRET?: string };

export interface StripeSetup {
	stripe: Stripe;
	webhookSecret: string;
}

export function stripeFor(env: Env): StripeSetup {
	const base = new URL(env.STRIPE_API_BASE);
	const live = Boolean(env.STRIPE_SECRET_KEY);
	requireSecretOrStandIn(base, env.STRIPE_SECRET_KEY, "STRIPE_SECRET_KEY", "Stripe");
	if (live && !env.STRIPE_WEBHOOK_SECRET) throw new Error("STRIPE_WEBHOOK_SECRET is not set");
	const stripe = new Stripe(env.STRIPE_SECRET_KEY ?? "sk_test_local_development", {
		httpClient: Stripe.createFetchHttpClient(),
		host: base.hostname,
		port: base.port || (base.protocol === "https:" ? 443 : 80),
		protocol: base.protocol === "https:" ? "https" : "http",
		maxNetworkRetries: 1,
		timeout: 10_000,
	});
	return {
		stripe,
		webhookSecret: live ? (env.STRIPE_WEBHOOK_SECRET ?? "") : env.LOCAL_STRIPE_WEBHOOK_SECRET,
	};
}

export const cryptoProvider = Stripe.createSubtleCryptoProvider();
