/**
 * German texts of the editor's workspace (issue 19), typed against the English module: the
 * sticky publish bar, automatic saving, the tabs, the preview dialog, a link row's menu and the
 * design panel's additions. Formal "Sie" like the rest of the dashboard.
 */
import type { workspaceEn } from "./workspace-en";

export const workspaceDe: typeof workspaceEn = {
	state: {
		draft: "Entwurf – noch nicht online",
		offline: "Offline – Besucher sehen diese Seite nicht",
		published: "Veröffentlicht",
		changes: "Änderungen noch nicht online",
	},
	publishHint: {
		draft: "Nur Sie sehen diese Seite, bis Sie sie veröffentlichen.",
		offline:
			"Ihre Seite wurde offline genommen; veröffentlichen Sie sie, um sie wieder online zu stellen.",
		published: "Ihre Seite zeigt alles, was Sie in der Vorschau sehen.",
		changes: "Ihre Besucher sehen noch die zuletzt veröffentlichte Fassung.",
	},
	publish: "Veröffentlichen",
	publishChanges: "Änderungen veröffentlichen",
	upToDate: "Veröffentlicht",
	saving: "Wird gespeichert …",
	saved: "Alles gespeichert",
	pending: "Änderungen werden gespeichert …",
	failed: "Nicht gespeichert – siehe markiertes Feld",
	fieldSaving: "Wird gespeichert …",
	fieldSaved: "Gespeichert",
	fieldFailed: (reason: string) => `Nicht gespeichert: ${reason}`,
	retry: "Erneut versuchen",
	autosaveHint:
		"Änderungen werden automatisch als Entwurf gespeichert; die Vorschau zeigt sie sofort.",
	tabsLabel: "Seite bearbeiten",
	tabs: {
		links: "Links",
		design: "Design",
		settings: "Einstellungen",
		share: "Teilen",
		versions: "Versionen",
	},
	preview: {
		open: "Vorschau",
		close: "Vorschau schließen",
		dialogLabel: "Vorschau Ihrer Seite",
	},
	menu: {
		button: (title: string) => `Aktionen für „${title}“`,
		edit: "Bearbeiten",
		highlight: "Hervorheben",
		unhighlight: "Hervorhebung entfernen",
		schedule: "Zeitplan …",
		thumbnail: "Vorschaubild …",
		moveUp: "Nach oben",
		moveDown: "Nach unten",
		delete: "Löschen",
	},
	visibleLabel: (title: string) => `„${title}“ auf der Seite zeigen`,
	editLabel: (title: string) => `„${title}“ bearbeiten`,
	reorderHint:
		"Zum Umsortieren ziehen Sie einen Link am Griff ⠿, wählen in seinem Menü ⋯ „Nach oben“ / „Nach unten“ oder drücken Alt + Pfeil nach oben / unten.",
	empty: "Noch keine Links. Fügen Sie oben Ihren ersten Link hinzu.",
	done: "Fertig",
	editHint: "Wird beim Tippen automatisch gespeichert.",
	placement: {
		heading: "Social-Media-Icons",
		hint: "Wo die Icons Ihrer Social-Media-Profile erscheinen. Das gilt für alle Ihre Seiten; die Profile selbst legen Sie in Ihrem Profil fest.",
		none: "Sie haben noch keine Social-Media-Profile hinzugefügt.",
		toProfile: "Social-Media-Profile hinzufügen",
		saved: "Position gespeichert.",
	},
	profileHint:
		"Wo die Icons erscheinen und wie jede Seite aussieht, wählen Sie im Seiten-Editor unter „Design“.",
	swatchLabel: (name: string) => `Vorlage „${name}“`,
};
