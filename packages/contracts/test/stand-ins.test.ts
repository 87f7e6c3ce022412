/** Without its secret, an outside API client may only talk to a local stand-in. */
import { describe, expect, it } from "vitest";
import { isLocalStandIn, requireSecretOrStandIn } from "../src/stand-ins";

describe("outside APIs without a secret", () => {
	it("are allowed on loopback only", () => {
		for (const base of ["http://localhost:12111", "http://127.0.0.1:1/v4", "http://[::1]:8080"])
			expect(isLocalStandIn(base), base).toBe(true);
		for (const base of [
			"https://api.stripe.com",
			"https://localhost.example.com",
			"http://10.0.0.1",
		])
			expect(isLocalStandIn(base), base).toBe(false);
	});

	it("refuse a real API without the secret, and allow it with one", () => {
		expect(() =>
			requireSecretOrStandIn("https://api.stripe.com", undefined, "STRIPE_SECRET_KEY", "Stripe"),
		).toThrow("STRIPE_SECRET_KEY is not set; refusing to use a non-local Stripe API");
		expect(() =>
			requireSecretOrStandIn("https://api.stripe.com", "sk_live_x", "STRIPE_SECRET_KEY", "Stripe"),
		).not.toThrow();
		expect(() =>
			requireSecretOrStandIn("http://localhost:12111", undefined, "STRIPE_SECRET_KEY", "Stripe"),
		).not.toThrow();
	});
});
