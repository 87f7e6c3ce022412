/**
 * English texts of the editor's workspace (issue 19): the sticky publish bar, automatic saving,
 * the tabs, the phone's preview dialog, a link row's menu and the design panel's additions. Kept
 * in a module of their own and included in the dictionary as `workspace`, so the German module
 * is typed against this one like the rest of the dictionary.
 */
export const workspaceEn = {
	state: {
		draft: "Draft – not published yet",
		offline: "Offline – visitors don't see this page",
		published: "Published",
		changes: "Changes not published",
	},
	publishHint: {
		draft: "Only you can see this page until you publish it.",
		offline: "Your page was taken offline; publish it to put it back online.",
		published: "Your page shows everything you see in the preview.",
		changes: "Your visitors still see the last published version.",
	},
	publish: "Publish",
	publishChanges: "Publish changes",
	upToDate: "Published",
	saving: "Saving …",
	saved: "All changes saved",
	pending: "Changes are being saved …",
	failed: "Not saved – see the marked field",
	fieldSaving: "Saving …",
	fieldSaved: "Saved",
	fieldFailed: (reason: string) => `Not saved: ${reason}`,
	retry: "Try again",
	autosaveHint: "Changes are saved automatically as a draft; the preview shows them right away.",
	tabsLabel: "Edit the page",
	tabs: {
		links: "Links",
		design: "Design",
		settings: "Settings",
		share: "Share",
		versions: "Versions",
	},
	preview: {
		open: "Preview",
		close: "Close preview",
		dialogLabel: "Preview of your page",
	},
	menu: {
		button: (title: string) => `Actions for “${title}”`,
		edit: "Edit",
		highlight: "Highlight",
		unhighlight: "Remove highlight",
		schedule: "Schedule …",
		thumbnail: "Thumbnail …",
		moveUp: "Move up",
		moveDown: "Move down",
		delete: "Delete",
	},
	visibleLabel: (title: string) => `Show “${title}” on the page`,
	editLabel: (title: string) => `Edit “${title}”`,
	reorderHint:
		"To reorder, drag a link by its handle ⠿, use “Move up” / “Move down” in its menu ⋯, or press Alt + Arrow up / down.",
	empty: "No links yet. Add your first link above.",
	done: "Done",
	editHint: "Saved automatically as you type.",
	placement: {
		heading: "Social icons",
		hint: "Where the icons of your social profiles appear. This applies to all your pages; the profiles themselves are set on your profile.",
		none: "You have not added any social profiles yet.",
		toProfile: "Add social profiles",
		saved: "Placement saved.",
	},
	profileHint:
		"Where the icons appear, and how each page looks, is chosen in the page editor under “Design”.",
	swatchLabel: (name: string) => `Preset “${name}”`,
};
