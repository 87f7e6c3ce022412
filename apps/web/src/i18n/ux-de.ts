/**
 * German texts of the dashboard's frame and shared controls (issue 19), in the formal "Sie",
 * typed against the English module.
 */
import type { uxEn } from "./ux-en";

export const uxDe: typeof uxEn = {
	menu: {
		open: "Menü",
		label: "Hauptmenü",
	},
	status: {
		ok: "SmartPages ist erreichbar",
		down: "SmartPages ist gerade nicht erreichbar. Ihre Änderungen werden möglicherweise nicht gespeichert.",
	},
	toast: {
		dismiss: "Schließen",
	},
	confirm: {
		cancel: "Abbrechen",
		offlineTitle: "Diese Seite offline nehmen?",
		offlineText:
			"Besucher sehen statt Ihrer Seite den Hinweis „Seite nicht gefunden“, bis Sie sie wieder veröffentlichen. Ihre Links und Einstellungen bleiben erhalten.",
		offlineConfirm: "Offline nehmen",
		restoreTitle: (n: number) => `Version ${n} wiederherstellen?`,
		restoreText:
			"Diese Version wird wieder veröffentlicht und ersetzt, was jetzt online ist. Ihr Entwurf bleibt, wie er ist.",
		restoreConfirm: "Wiederherstellen und veröffentlichen",
	},
	file: {
		choose: "Datei auswählen",
		none: "Keine Datei ausgewählt",
	},
	qr: {
		png: "PNG herunterladen",
		svg: "SVG herunterladen",
	},
	sessions: {
		activeNow: "Gerade aktiv",
	},
	versions: {
		items: (n: number) => `${n} ${n === 1 ? "Eintrag" : "Einträge"}`,
		added: (titles: string) => `Neu: ${titles}`,
		removed: (titles: string) => `Entfernt: ${titles}`,
		preview: "Ansehen",
		previewLabel: (n: number) => `Version ${n} ansehen (öffnet in einem neuen Tab)`,
		sameItems: "Dieselben Links wie in der Version davor",
	},
	deleteAccount: {
		paid: (plan: string) =>
			`Ihr ${plan}-Abo wird mit dem Löschen des Kontos sofort gekündigt. Der bereits bezahlte Rest des Zeitraums wird nicht erstattet, und es werden keine weiteren Zahlungen abgebucht.`,
	},
};
