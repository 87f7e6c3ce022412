/**
 * English texts of the prices and plan states on the plan screen (issue 19 item 5 and the
 * new-user pass's billing defects). A module of its own, included in the dictionary as `plans`;
 * the German module is typed against this one.
 */
const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

export const plansEn = {
	pricesLabel: "Prices of SmartPages Pro",
	monthlyName: "Monthly",
	yearlyName: "Yearly",
	perMonth: (price: string) => `${price} / month`,
	perYear: (price: string) => `${price} / year`,
	/** The yearly price broken down, e.g. "€7.50 a month, billed yearly". */
	yearlyPerMonth: (price: string) => `${price} a month, billed yearly`,
	billedMonthly: "Billed every month",
	saving: (freeMonths: number, percent: number) =>
		freeMonths > 0
			? `${freeMonths} ${plural(freeMonths, "month", "months")} free – save ${percent} %`
			: `Save ${percent} %`,
	vatIncluded: "incl. VAT",
	vatExcluded: "plus VAT",
	cancelAnyTime: "Cancel any time, effective at the end of the billing period.",
	chooseMonthly: "Pay monthly",
	chooseYearly: "Pay yearly",
	pricesUnavailable:
		"The prices could not be loaded just now. The secure checkout page shows the exact price before you pay.",
	confirmFirst:
		"Please confirm your e-mail address first (open the link in the mail we sent you). Then you can upgrade here.",
	offlineHeading: "Pages on the Free plan",
	freeLimits: (pages: number, links: number) =>
		`The Free plan allows ${pages} ${plural(pages, "page", "pages")} with up to ${links} visible links.`,
	offlineUpcoming: (date: string) => `When Pro ends on ${date}, these pages go offline:`,
	offlineUpcomingNoDate: "Without Pro, these pages would go offline:",
	offlineNow: "These pages stay offline on it:",
	offlineLinks: (excess: number) =>
		`${excess} more visible ${plural(excess, "link", "links")} than Free allows: hide or delete ${excess} to publish it again.`,
	offlinePages: (max: number) => `Free includes ${max} ${plural(max, "page", "pages")} only.`,
	offlineKept:
		"Nothing is deleted: the pages and links stay in your dashboard and come back online when you upgrade again.",
	editPage: (title: string) => `Edit “${title}”`,
};
