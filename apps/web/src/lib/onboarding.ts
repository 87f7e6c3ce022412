/**
 * The first-run path's logic (issue 19 item 6), kept apart from the screens so it can be tested:
 * what a starter template writes through the API (profile fields, the page, its items in order)
 * in the account's language, and the getting-started checklist's state.
 */
import { type BodyOf, type CreatorType, type Locale, STARTERS } from "@smartpages/contracts";

/** What applying a starter sends: the profile patch, the page, then its items in order. */
export interface StarterPlan {
	profile: BodyOf<"PATCH /profile">;
	page: BodyOf<"POST /pages">;
	theme: NonNullable<BodyOf<"PATCH /pages/:id">["theme"]>;
	items: BodyOf<"POST /pages/:id/links">[];
}

export function starterPlan(
	type: CreatorType,
	locale: Locale,
	who: { displayName: string; handle: string },
): StarterPlan {
	const starter = STARTERS[type];
	const displayName = who.displayName.trim();
	const handle = who.handle.trim().toLowerCase();
	return {
		profile: {
			...(displayName ? { displayName } : {}),
			...(handle ? { handle } : {}),
			bio: starter.bio[locale],
			theme: starter.theme,
		},
		page: { title: displayName || starter.title[locale] },
		theme: starter.theme,
		items: [
			{ kind: "header", title: starter.header[locale] },
			...starter.links.map((link) => ({
				title: link.title[locale],
				url: link.url,
				...(link.highlight ? { highlight: true } : {}),
			})),
		],
	};
}

export type ChecklistStep = "confirm" | "profile" | "links" | "publish" | "share";
export const CHECKLIST_STEPS: readonly ChecklistStep[] = [
	"confirm",
	"profile",
	"links",
	"publish",
	"share",
];

export interface ChecklistFacts {
	emailVerified: boolean;
	/** A name and a picture: what visitors see first. */
	hasName: boolean;
	hasAvatar: boolean;
	/** Links on the first page (headers not counted). */
	links: number;
	published: boolean;
	/** The address was copied or shared from the checklist (remembered in the browser). */
	shared: boolean;
}

export interface Checklist {
	done: Record<ChecklistStep, boolean>;
	/** The first step not done yet, or null when everything is. */
	next: ChecklistStep | null;
	/** Shown until every step is done. */
	visible: boolean;
}

export function checklist(facts: ChecklistFacts): Checklist {
	const done: Record<ChecklistStep, boolean> = {
		confirm: facts.emailVerified,
		profile: facts.hasName && facts.hasAvatar,
		links: facts.links > 0,
		publish: facts.published,
		share: facts.shared && facts.published,
	};
	const next = CHECKLIST_STEPS.find((step) => !done[step]) ?? null;
	return { done, next, visible: next !== null };
}

/** localStorage key: the account shared its address from the checklist. */
export const SHARED_KEY = "sp.onboarding.shared";
