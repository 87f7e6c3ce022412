/**
 * English texts of the first-run path and the getting-started checklist on the dashboard home
 * (issue 19 item 6), and of choosing the home page. Included in the dictionary as `onboarding`;
 * the German module is typed against this one.
 */
import type { CreatorType } from "@smartpages/contracts";
import type { ChecklistStep } from "../lib/onboarding";

export const onboardingEn = {
	heading: "Let’s build your page",
	intro: "Pick a starting point – you can change every text, link and colour afterwards.",
	typeLegend: "What is your page for?",
	types: {
		artist: { name: "Artist", hint: "Portfolio, exhibitions, prints" },
		shop: { name: "Shop", hint: "Products, opening hours, newsletter" },
		coach: { name: "Coach", hint: "Bookings, offers, testimonials" },
		musician: { name: "Musician", hint: "Releases, tour dates, merch" },
		association: { name: "Club or association", hint: "Join, training times, donations" },
	} satisfies Record<CreatorType, { name: string; hint: string }>,
	aboutLegend: "About you",
	displayName: "Your name or your brand",
	handle: "Your page address",
	handleHint: (example: string) => `Lower-case letters, digits and hyphens, e.g. ${example}`,
	avatar: "Profile picture",
	avatarHint: "PNG, JPEG, WebP or GIF, up to 2 MB. You can add it later too.",
	avatarInvalid: "Please choose a PNG, JPEG, WebP or GIF image of at most 2 MB.",
	submit: "Create my page",
	submitting: "Creating your page …",
	created: "Your page is ready. Replace the example links with your own, then publish.",
	checklistHeading: "Getting started",
	checklistProgress: (done: number, total: number) => `${done} of ${total} done`,
	steps: {
		confirm: "Confirm your e-mail address",
		profile: "Add your name and a profile picture",
		links: "Add your first links",
		publish: "Publish your page",
		share: "Share your address",
	} satisfies Record<ChecklistStep, string>,
	stepDone: "done",
	stepActions: {
		confirm: "Check your inbox",
		profile: "Edit profile",
		links: "Add links",
		publish: "Open the editor",
		share: "Copy address",
	} satisfies Record<ChecklistStep, string>,
	copied: (url: string) => `Copied: ${url} – paste it into your bio, posts and e-mails.`,
	makeHome: "Make home page",
	makeHomeLabel: (title: string) => `Make “${title}” the home page`,
	homeChanged: (title: string) =>
		`“${title}” is now your home page. Publish both pages to update their addresses in search engines.`,
	successorLabel: "Which page becomes your home page?",
	successorHint: (title: string) =>
		`“${title}” is your home page, shown at your address without a path. Choose the page that takes its place.`,
	domainAddress: (host: string) =>
		`Your public address, its copy button and QR code now use https://${host}. Publish your pages once more so that search engines and shared links name this domain too.`,
};
