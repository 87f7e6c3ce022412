/**
 * English texts of the import screen (issue 21): bringing links from Linktree, LittleLink or
 * LinkStack, a CSV file or a SmartPages export, with the preview of what will be created.
 */
const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);
const count = (n: number) => n.toLocaleString("en-GB");

export const importEn = {
	title: "Import links",
	heading: "Import links",
	intro:
		"Bring your links from Linktree, LittleLink or LinkStack, from a spreadsheet (CSV) or from a SmartPages export. You see everything before it is imported; it arrives as a draft page that nobody sees until you publish it.",
	entry: "Import links from Linktree, a CSV file or an export",
	source: "Where are your links?",
	sourceUrl: "On a profile page",
	sourceFile: "In a file",
	url: "Profile address",
	urlHint:
		"For example linktr.ee/yourname. SmartPages reads linktr.ee, littlelink.io and demo.linkstack.org.",
	file: "CSV file or SmartPages export",
	fileHint:
		"A CSV file with the columns title and url (commas or semicolons, as Excel and Numbers save it), or the smartpages-export.json from Account → Download my data. At most 1 MiB.",
	fileMissing: "Choose a file first.",
	fileTooLarge: "This file is larger than 1 MiB.",
	preview: "Show what will be imported",
	previewing: "Reading…",
	summary: (pages: number, links: number) =>
		`${count(pages)} ${plural(pages, "page", "pages")} with ${count(links)} ${plural(links, "item", "items")} will be imported as ${plural(pages, "a draft", "drafts")}.`,
	nothing: "Nothing can be imported with your current plan.",
	pageItems: (n: number) => `${count(n)} ${plural(n, "item", "items")}`,
	header: "Heading",
	hidden: "hidden",
	scheduled: "scheduled",
	more: (n: number) => `… and ${count(n)} more`,
	droppedHeading: (n: number) => `Not imported (${count(n)})`,
	droppedMore: (n: number) => `${count(n)} more not listed.`,
	shortened: (n: number) =>
		`${count(n)} ${plural(n, "title was", "titles were")} longer than a field allows and ${plural(n, "was", "were")} shortened.`,
	trimmed: (plan: string, pages: number, links: number, maxPages: number, maxLinks: number) => {
		const parts: string[] = [];
		if (pages > 0) parts.push(`${count(pages)} ${plural(pages, "page", "pages")}`);
		if (links > 0) parts.push(`${count(links)} ${plural(links, "item", "items")}`);
		return `Your plan (${plan}) allows ${count(maxPages)} ${plural(maxPages, "page", "pages")} and ${count(maxLinks)} items per page, so ${parts.join(" and ")} will not be imported.`;
	},
	upgrade: "More pages and links with Pro",
	submit: (pages: number) =>
		pages === 1 ? "Import as draft page" : `Import as ${pages} draft pages`,
	submitting: "Importing…",
	again: "Choose something else",
	done: (pages: number, links: number) =>
		`Imported: ${count(pages)} ${plural(pages, "page", "pages")} with ${count(links)} ${plural(links, "item", "items")}. Opening the editor…`,
	reasons: {
		notAllowedHost:
			"SmartPages only reads profiles from linktr.ee, littlelink.io and demo.linkstack.org. Save your links as a CSV file instead.",
		https: "Enter an address that starts with https://.",
		privateAddress: "This address cannot be read from the internet.",
		notAddress: "Enter a profile address, for example linktr.ee/yourname.",
		redirect: "This address forwards to another site, which SmartPages does not read.",
		notFound: "There is no profile at this address.",
		unreachable: "The site could not be reached. Try again later, or upload a file.",
		tooLarge: "The page is larger than 1 MiB.",
		noData: "No links were found on this page.",
		noLinks: "The file or page contains no link that can be imported.",
		notExport: "This file is neither a CSV file of links nor a SmartPages export.",
		newerExport: "This export was written by a newer SmartPages and cannot be read here.",
		unsafeAddress: "not a web, e-mail or phone address (for example javascript:)",
		noAddress: "leads nowhere",
		social: "a social icon: add it under Profile → Social icons",
		image: "images are not imported: upload them again",
	},
};
