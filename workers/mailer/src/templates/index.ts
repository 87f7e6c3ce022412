/** Renders a validated mail request into subject, HTML and text in the recipient's language. */
import type { MailData, MailTemplate } from "@smartpages/contracts";
import { de } from "./de";
import { en } from "./en";
import { type MailContent, type RenderedMail, renderLayout } from "./layout";
import type { MailLinks, TemplateSet } from "./types";

const SETS: Record<"de" | "en", TemplateSet> = { de, en };

export function mailLinks(appOrigin: string): MailLinks {
	const origin = appOrigin.replace(/\/+$/, "");
	return {
		app: `${origin}/`,
		login: `${origin}/login`,
		forgotPassword: `${origin}/forgot-password`,
		billing: `${origin}/billing`,
		domains: `${origin}/domains`,
		// Tokens travel in the fragment: never sent to a server, never in a Referer or access log.
		verify: (token) => `${origin}/verify-email#token=${encodeURIComponent(token)}`,
		reset: (token) => `${origin}/reset-password#token=${encodeURIComponent(token)}`,
	};
}

export function renderMail<T extends MailTemplate>(
	template: T,
	locale: "de" | "en",
	data: MailData<T>,
	appOrigin: string,
): RenderedMail {
	const set = SETS[locale];
	// TypeScript cannot correlate `set[template]` with `MailData<T>`; TemplateSet guarantees it.
	const build = set[template] as unknown as (data: MailData<T>, links: MailLinks) => MailContent;
	return renderLayout(build(data, mailLinks(appOrigin)), locale, set.signature);
}
