/** The local inbox's message page lists a mail's links (issue 19, review L10). */
import { describe, expect, it } from "vitest";
import { mailLinks } from "../src/mail.ts";

describe("mailLinks", () => {
	it("#19.9 finds the http(s) links of a mail, entities decoded, other schemes left out", () => {
		const html =
			'<a href="http://localhost:12111/invoices/in_ab12">View</a> <a href="mailto:x@example.com">Mail</a> <a href="https://app.example/verify?a=1&amp;b=2">Go</a>';
		expect(mailLinks(html)).toEqual([
			"http://localhost:12111/invoices/in_ab12",
			"https://app.example/verify?a=1&b=2",
		]);
	});
});
