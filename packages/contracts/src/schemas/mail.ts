/**
 * The Mailer's templates and the data each one needs. Core sends a template name, a locale and
 * this data; the Mailer validates it again before anything is queued.
 */
import * as z from "zod";
import { localeSchema } from "./account";

const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const email = z.string().max(254);

/**
 * Stripe's hosted invoice page, the one link in a mail that leaves the app origin: only Stripe's
 * invoice host (or the local stand-in on loopback) is accepted, so the template can never be made
 * to carry an arbitrary link.
 */
const stripeInvoiceUrl = z
	.string()
	.max(2000)
	.refine((value) => {
		try {
			const url = new URL(value);
			if (url.protocol === "https:") return url.hostname === "invoice.stripe.com";
			return url.protocol === "http:" && ["localhost", "127.0.0.1"].includes(url.hostname);
		} catch {
			return false;
		}
	}, "must be a Stripe hosted invoice page");

export const MAIL_TEMPLATES = {
	verify_email: z.strictObject({ token }),
	welcome: z.strictObject({}),
	password_reset: z.strictObject({ token }),
	password_changed: z.strictObject({}),
	email_change_confirm: z.strictObject({ token, newEmail: email }),
	email_change_notice: z.strictObject({ newEmail: email }),
	signup_attempt: z.strictObject({}),
	/**
	 * Issue 19: `billing` states what the customer pays (German customers expect a payment
	 * confirmation): the amount as Core formatted it in the customer's locale ("9,00 €"), the
	 * interval and the next billing date; absent when Stripe's prices could not be read.
	 */
	subscription_started: z.strictObject({
		plan: z.string().max(40),
		billing: z
			.strictObject({
				amount: z.string().max(40),
				interval: z.enum(["month", "year"]),
				taxInclusive: z.boolean(),
				nextBillingDate: z.string().max(40),
			})
			.optional(),
	}),
	payment_failed: z.strictObject({}),
	payment_action_required: z.strictObject({ invoiceUrl: stripeInvoiceUrl }),
	subscription_ending: z.strictObject({ endsAt: z.string().max(40) }),
	subscription_ended: z.strictObject({}),
	domain_active: z.strictObject({ hostname: z.string().max(253) }),
	domain_failed: z.strictObject({ hostname: z.string().max(253), reason: z.string().max(300) }),
	account_deleted: z.strictObject({}),
	// Issue 20: sign-in security notices, each telling the owner what to do if it was not them.
	passkey_added: z.strictObject({ name: z.string().max(64) }),
	two_factor_enabled: z.strictObject({}),
	two_factor_disabled: z.strictObject({}),
	recovery_code_used: z.strictObject({ remaining: z.number().int().min(0).max(10) }),
} as const;

export type MailTemplate = keyof typeof MAIL_TEMPLATES;
export type MailData<T extends MailTemplate> = z.infer<(typeof MAIL_TEMPLATES)[T]>;

export const mailRequestSchema = z.strictObject({
	template: z.enum(Object.keys(MAIL_TEMPLATES) as [MailTemplate, ...MailTemplate[]]),
	to: email,
	locale: localeSchema,
	data: z.record(z.string(), z.unknown()),
	idempotencyKey: z.string().min(8).max(200),
});

export interface MailRequest<T extends MailTemplate = MailTemplate> {
	template: T;
	to: string;
	locale: "de" | "en";
	data: MailData<T>;
	idempotencyKey: string;
}
