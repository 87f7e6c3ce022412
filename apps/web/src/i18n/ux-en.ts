/**
 * English texts of the dashboard's frame and shared controls (issue 19): the phone menu, the
 * service status, toasts, the confirm dialog, the file picker, QR downloads and account safety.
 */
export const uxEn = {
	menu: {
		open: "Menu",
		label: "Main menu",
	},
	status: {
		ok: "SmartPages is reachable",
		down: "SmartPages cannot be reached right now. Your changes may not be saved.",
	},
	toast: {
		dismiss: "Dismiss",
	},
	confirm: {
		cancel: "Cancel",
		offlineTitle: "Take this page offline?",
		offlineText:
			"Visitors will see a “page not found” notice instead of your page until you publish it again. Your links and settings stay as they are.",
		offlineConfirm: "Take offline",
		restoreTitle: (n: number) => `Restore version ${n}?`,
		restoreText:
			"This version is published again and replaces what is live now. Your draft stays as it is.",
		restoreConfirm: "Restore and publish",
	},
	file: {
		choose: "Choose a file",
		none: "No file chosen",
	},
	qr: {
		png: "Download PNG",
		svg: "Download SVG",
	},
	sessions: {
		activeNow: "Active now",
	},
	versions: {
		items: (n: number) => `${n} ${n === 1 ? "item" : "items"}`,
		added: (titles: string) => `Added: ${titles}`,
		removed: (titles: string) => `Removed: ${titles}`,
		preview: "Preview",
		previewLabel: (n: number) => `Preview version ${n} (opens in a new tab)`,
		sameItems: "Same links as the version before",
	},
	deleteAccount: {
		paid: (plan: string) =>
			`Your ${plan} subscription is cancelled immediately when you delete your account. The rest of the period you have already paid for is not refunded, and no further payments are taken.`,
	},
};
