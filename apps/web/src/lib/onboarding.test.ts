/** The first-run path (issue 19 item 6): starter templates and the getting-started checklist. */
import { CREATOR_TYPES, createLinkBody, patchProfileBody } from "@smartpages/contracts";
import { describe, expect, it } from "vitest";
import { checklist, starterPlan } from "./onboarding";

describe("starter templates", () => {
	it("every creator type writes a valid profile, a header first and links with one highlighted, in both languages", () => {
		for (const type of CREATOR_TYPES) {
			for (const locale of ["de", "en"] as const) {
				const plan = starterPlan(type, locale, { displayName: "Anna Berg", handle: "Anna-Berg" });
				expect(patchProfileBody.safeParse(plan.profile).success, `${type} ${locale}`).toBe(true);
				expect(plan.profile.handle).toBe("anna-berg");
				expect(plan.page.title).toBe("Anna Berg");
				expect(plan.items[0]?.kind).toBe("header");
				expect(plan.items.length).toBeGreaterThanOrEqual(4);
				expect(plan.items.filter((i) => i.highlight).length).toBe(1);
				for (const item of plan.items) {
					expect(createLinkBody.safeParse(item).success, `${type} ${item.title}`).toBe(true);
				}
			}
		}
	});

	it("writes the account's language and keeps empty fields out", () => {
		const de = starterPlan("musician", "de", { displayName: " ", handle: "" });
		const en = starterPlan("musician", "en", { displayName: "", handle: "" });
		expect(de.page.title).toBe("Musik & Konzerte");
		expect(en.page.title).toBe("Music & shows");
		expect(de.profile).not.toHaveProperty("displayName");
		expect(de.profile).not.toHaveProperty("handle");
		expect(de.theme).toBe("dark");
	});
});

describe("checklist", () => {
	const none = {
		emailVerified: false,
		hasName: false,
		hasAvatar: false,
		links: 0,
		published: false,
		shared: false,
	};

	it("leads through the steps in order and disappears once all are done", () => {
		expect(checklist(none).next).toBe("confirm");
		expect(checklist({ ...none, emailVerified: true }).next).toBe("profile");
		expect(checklist({ ...none, emailVerified: true, hasName: true }).next).toBe("profile");
		const all = {
			emailVerified: true,
			hasName: true,
			hasAvatar: true,
			links: 3,
			published: true,
			shared: true,
		};
		expect(checklist({ ...all, published: false }).next).toBe("publish");
		expect(checklist({ ...all, published: false }).done.share).toBe(false);
		expect(checklist(all)).toMatchObject({ next: null, visible: false });
	});
});
