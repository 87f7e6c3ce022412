/**
 * The one mail layout: responsive HTML with inline CSS that stays readable in dark mode, and a
 * plain-text twin. Every value that reaches it is escaped here, once.
 */
import { escapeHtml } from "@smartpages/contracts";

export interface MailContent {
	subject: string;
	/** Greeting / opening line. */
	heading: string;
	paragraphs: string[];
	action?: { label: string; url: string };
	/** Small print under the button (e.g. "this link expires in 24 hours"). */
	footnote?: string;
}

export interface RenderedMail {
	subject: string;
	html: string;
	text: string;
}

export { escapeHtml };

export function renderLayout(
	content: MailContent,
	lang: "de" | "en",
	signature: string,
): RenderedMail {
	const paragraphs = content.paragraphs
		.map((p) => `<p style="margin:0 0 16px;font-size:16px;line-height:1.55;">${escapeHtml(p)}</p>`)
		.join("");
	const action = content.action
		? `<table role="presentation" cellspacing="0" cellpadding="0" style="margin:8px 0 24px;"><tr><td style="border-radius:8px;background:#4f46e5;"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:12px 22px;font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:8px;">${escapeHtml(content.action.label)}</a></td></tr></table><p style="margin:0 0 16px;font-size:13px;line-height:1.5;color:#52525b;word-break:break-all;">${escapeHtml(content.action.url)}</p>`
		: "";
	const footnote = content.footnote
		? `<p style="margin:0 0 16px;font-size:13px;line-height:1.5;color:#52525b;">${escapeHtml(content.footnote)}</p>`
		: "";
	const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"><title>${escapeHtml(content.subject)}</title><style>@media (prefers-color-scheme: dark){.card{background:#18181b!important;color:#f4f4f5!important}.page{background:#09090b!important}}</style></head><body class="page" style="margin:0;padding:24px 12px;background:#f4f4f5;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#18181b;"><table role="presentation" width="100%" cellspacing="0" cellpadding="0"><tr><td align="center"><table role="presentation" class="card" width="100%" cellspacing="0" cellpadding="0" style="max-width:560px;background:#ffffff;border-radius:12px;"><tr><td style="padding:32px 28px;"><p style="margin:0 0 24px;font-size:18px;font-weight:700;color:#4f46e5;">SmartPages</p><h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;">${escapeHtml(content.heading)}</h1>${paragraphs}${action}${footnote}<p style="margin:24px 0 0;font-size:14px;color:#52525b;">${escapeHtml(signature)}</p></td></tr></table></td></tr></table></body></html>`;
	const text = [
		content.heading,
		"",
		...content.paragraphs.flatMap((p) => [p, ""]),
		...(content.action ? [`${content.action.label}: ${content.action.url}`, ""] : []),
		...(content.footnote ? [content.footnote, ""] : []),
		signature,
	].join("\n");
	return { subject: content.subject, html, text };
}
