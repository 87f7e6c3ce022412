/**
 * Link URL validation: malformed input of every kind is refused as a validation failure, never
 * thrown (a throw inside a schema becomes a 500 in Core).
 */
import { describe, expect, it } from "vitest";
import { createLinkBody, patchLinkBody } from "../src/schemas/pages";
import { patchProfileBody } from "../src/schemas/profile";
import { httpUrlSchema, linkUrlSchema, safeLinkUrl } from "../src/schemas/url";

const MALFORMED_ESCAPES = [
	"mailto:%E0@example.com",
	"tel:%E0%A4",
	"mailto:a%@example.com",
	"mailto:%@example.com",
	"tel:+49%ZZ123",
	"mailto:anna%C0%AF@example.com",
];

describe("malformed percent-encoding", () => {
	it.each(MALFORMED_ESCAPES)(
		"#14.9 %s is refused as invalid, not thrown (link, patch, social and privacy URL)",
		(url) => {
			expect(() => safeLinkUrl(url)).not.toThrow();
			expect(safeLinkUrl(url)).toBeNull();
			expect(linkUrlSchema.safeParse(url).success).toBe(false);
			const created = createLinkBody.safeParse({ title: "t", url });
			expect(created.success).toBe(false);
			expect(created.error?.issues[0]?.path).toEqual(["url"]);
			expect(patchLinkBody.safeParse({ url }).success).toBe(false);
			expect(httpUrlSchema.safeParse(url).success).toBe(false);
			expect(patchProfileBody.safeParse({ privacyUrl: url }).success).toBe(false);
			expect(patchProfileBody.safeParse({ socials: [{ network: "website", url }] }).success).toBe(
				false,
			);
		},
	);

	it("#14.9 well-formed escapes in mailto: and tel: still work", () => {
		expect(safeLinkUrl("mailto:anna.m%C3%BCller@example.com")).toBe(
			"mailto:anna.m%C3%BCller@example.com",
		);
		expect(safeLinkUrl("tel:+49%2030%20123")).toBe("tel:+49%2030%20123");
		expect(safeLinkUrl("https://example.com/%E0")).toBe("https://example.com/%E0");
	});
});
