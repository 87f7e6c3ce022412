/** The shape of a locale's template set: one builder per template, typed by its data. */
import type { MailData, MailTemplate } from "@smartpages/contracts";
import type { MailContent } from "./layout";

/** Links every template may use, all built from the configured app origin. */
export interface MailLinks {
	app: string;
	login: string;
	forgotPassword: string;
	billing: string;
	domains: string;
	verify(token: string): string;
	reset(token: string): string;
}

export type TemplateSet = {
	[T in MailTemplate]: (data: MailData<T>, links: MailLinks) => MailContent;
} & { signature: string };
