/** English texts of every system mail. */
import type { TemplateSet } from "./types";

export const en: TemplateSet = {
	signature: "— The SmartPages team",
	verify_email: ({ token }, links) => ({
		subject: "Confirm your e-mail address",
		heading: "Welcome to SmartPages!",
		paragraphs: [
			"Please confirm your e-mail address so you can publish your pages. It takes one click.",
		],
		action: { label: "Confirm e-mail address", url: links.verify(token) },
		footnote: "This link expires in 24 hours. If you did not sign up, you can ignore this e-mail.",
	}),
	welcome: (_data, links) => ({
		subject: "Your SmartPages account is ready",
		heading: "You're all set",
		paragraphs: [
			"Your e-mail address is confirmed. Build your page of links, choose a theme and publish it — your visitors get a fast, clean page on your own address.",
			"The quickest start: on your dashboard, pick the starter for your kind of page (artist, shop, coach, musician or club), add your name and picture, replace the example links with your own and publish. The checklist there shows what is left.",
		],
		action: { label: "Open your dashboard", url: links.app },
	}),
	password_reset: ({ token }, links) => ({
		subject: "Reset your SmartPages password",
		heading: "Reset your password",
		paragraphs: [
			"Someone (hopefully you) asked to reset the password of your SmartPages account. Choose a new password with the button below.",
		],
		action: { label: "Choose a new password", url: links.reset(token) },
		footnote:
			"This link works once and expires in one hour. If you did not ask for it, ignore this e-mail — your password stays the same.",
	}),
	password_changed: (_data, links) => ({
		subject: "Your SmartPages password was changed",
		heading: "Your password was changed",
		paragraphs: [
			"The password of your SmartPages account was just changed, and every other session was signed out.",
			"If this was not you, reset your password right away.",
		],
		action: { label: "Reset password", url: links.forgotPassword },
	}),
	email_change_confirm: ({ token, newEmail }, links) => ({
		subject: "Confirm your new e-mail address",
		heading: "Confirm your new address",
		paragraphs: [
			`Please confirm that ${newEmail} should become the e-mail address of your SmartPages account.`,
		],
		action: { label: "Confirm new address", url: links.verify(token) },
		footnote:
			"This link expires in 24 hours. If you did not ask for this change, ignore this e-mail.",
	}),
	email_change_notice: ({ newEmail }, links) => ({
		subject: "The e-mail address of your SmartPages account changed",
		heading: "Your e-mail address changed",
		paragraphs: [
			`Your SmartPages account now uses ${newEmail}. Mails about your account will go there from now on.`,
			"If you did not make this change, contact us and reset your password immediately.",
		],
		action: { label: "Reset password", url: links.forgotPassword },
	}),
	signup_attempt: (_data, links) => ({
		subject: "Someone tried to sign up with your address",
		heading: "You already have an account",
		paragraphs: [
			"Someone just tried to create a SmartPages account with this e-mail address. Since you already have one, nothing was created.",
			"If it was you, simply log in — or reset your password if you forgot it.",
		],
		action: { label: "Log in", url: links.login },
		footnote: "If it was not you, you can ignore this e-mail; your account is unchanged.",
	}),
	subscription_started: ({ plan, billing }, links) => ({
		subject: "Welcome to SmartPages Pro",
		heading: "Thank you for upgrading",
		paragraphs: [
			`Your ${plan} subscription is active. More pages, more links, your own domains and version history are now unlocked.`,
			...(billing
				? [
						`You pay ${billing.amount}${billing.taxInclusive ? " incl. VAT" : ""} per ${billing.interval}. Your next payment is due on ${billing.nextBillingDate}; your invoices are on the Plan page.`,
					]
				: []),
		],
		action: { label: "Manage billing", url: links.billing },
	}),
	payment_failed: (_data, links) => ({
		subject: "Your SmartPages payment failed",
		heading: "We could not charge your card",
		paragraphs: [
			"The latest payment for your SmartPages subscription failed. Please update your payment method to keep your Pro features.",
		],
		action: { label: "Update payment method", url: links.billing },
	}),
	// The one action that links away from the app: Stripe's page for this invoice, where the bank's
	// confirmation (3-D Secure) happens. The contract only lets Stripe's invoice host through.
	payment_action_required: ({ invoiceUrl }, links) => ({
		subject: "Please confirm your SmartPages payment",
		heading: "Your bank asks you to confirm the payment",
		paragraphs: [
			"The renewal of your SmartPages Pro subscription is waiting for your confirmation: your bank wants to make sure it is really you (strong customer authentication).",
			"Open the secure payment page of our payment provider Stripe and confirm the payment with your bank, for example in your banking app. It only takes a minute, and your Pro features stay active.",
		],
		action: { label: "Confirm payment", url: invoiceUrl },
		footnote: `You will also find this link on your plan page: ${links.billing}`,
	}),
	subscription_ending: ({ endsAt }, links) => ({
		subject: "Your SmartPages Pro subscription is ending",
		heading: "Your subscription ends soon",
		paragraphs: [
			`Your Pro subscription has been cancelled and ends on ${endsAt}. Until then everything keeps working. You can resume it at any time before that date.`,
		],
		action: { label: "Manage billing", url: links.billing },
	}),
	subscription_ended: (_data, links) => ({
		subject: "Your SmartPages Pro subscription has ended",
		heading: "You're back on the free plan",
		paragraphs: [
			"Your Pro subscription has ended. Your pages stay online within the limits of the free plan; upgrade again at any time to unlock everything.",
		],
		action: { label: "See plans", url: links.billing },
	}),
	domain_active: ({ hostname }, links) => ({
		subject: `${hostname} is live`,
		heading: "Your domain is active",
		paragraphs: [
			`${hostname} is verified and secured with HTTPS. Your published pages are now served there.`,
		],
		action: { label: "Open domains", url: links.domains },
	}),
	domain_failed: ({ hostname, reason }, links) => ({
		subject: `${hostname} could not be activated`,
		heading: "Your domain needs attention",
		paragraphs: [
			`We could not activate ${hostname}: ${reason}`,
			"Check the DNS records and try again.",
		],
		action: { label: "Open domains", url: links.domains },
	}),
	account_deleted: () => ({
		subject: "Your SmartPages account was deleted",
		heading: "Goodbye for now",
		paragraphs: [
			"Your SmartPages account, your pages and everything stored with them have been deleted, and any subscription was cancelled.",
			"Thank you for using SmartPages. You are welcome back at any time.",
		],
	}),
	passkey_added: ({ name }, links) => ({
		subject: "A passkey was added to your SmartPages account",
		heading: "New passkey added",
		paragraphs: [
			`A passkey named "${name}" can now sign in to your SmartPages account.`,
			"If this was not you, reset your password right away, then remove the passkey under Account → Security.",
		],
		action: { label: "Reset password", url: links.forgotPassword },
	}),
	two_factor_enabled: (_data, links) => ({
		subject: "Two-factor sign-in is on",
		heading: "Two-factor sign-in turned on",
		paragraphs: [
			"Signing in to your SmartPages account now needs a code from your authenticator app (or a passkey) besides your password. Keep your recovery codes somewhere safe.",
			"If this was not you, reset your password right away: someone may have your password and your session.",
		],
		action: { label: "Reset password", url: links.forgotPassword },
	}),
	two_factor_disabled: (_data, links) => ({
		subject: "Two-factor sign-in was turned off",
		heading: "Two-factor sign-in turned off",
		paragraphs: [
			"Your SmartPages account no longer asks for a code from an authenticator app when you sign in.",
			"If this was not you, reset your password right away and turn two-factor sign-in on again under Account → Security.",
		],
		action: { label: "Reset password", url: links.forgotPassword },
	}),
	recovery_code_used: ({ remaining }, links) => ({
		subject: "A recovery code was used to sign in",
		heading: "Signed in with a recovery code",
		paragraphs: [
			`One of your recovery codes was just used to sign in to your SmartPages account; ${remaining} unused codes remain. Each code works once.`,
			"If this was not you, reset your password right away and create new recovery codes under Account → Security.",
		],
		action: { label: "Reset password", url: links.forgotPassword },
	}),
};
