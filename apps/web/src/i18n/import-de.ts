/**
 * Deutsche Texte des Import-Bildschirms (Issue 21): Links aus Linktree, LittleLink oder LinkStack,
 * aus einer CSV-Datei oder einem SmartPages-Export übernehmen, mit der Vorschau vor dem Anlegen. Förmliches „Sie“ wie im übrigen Dashboard.
 */
import type { importEn } from "./import-en";

const count = (n: number) => n.toLocaleString("de-DE");
const seiten = (n: number) => `${count(n)} ${n === 1 ? "Seite" : "Seiten"}`;
const eintraege = (n: number) => `${count(n)} ${n === 1 ? "Eintrag" : "Einträge"}`;

export const importDe: typeof importEn = {
	title: "Links importieren",
	heading: "Links importieren",
	intro:
		"Übernehmen Sie Ihre Links von Linktree, LittleLink oder LinkStack, aus einer Tabelle (CSV) oder aus einem SmartPages-Export. Sie sehen alles, bevor es übernommen wird; es kommt als Entwurf an, den niemand sieht, bis Sie ihn veröffentlichen.",
	entry: "Links aus Linktree, einer CSV-Datei oder einem Export importieren",
	source: "Wo sind Ihre Links?",
	sourceUrl: "Auf einer Profilseite",
	sourceFile: "In einer Datei",
	url: "Adresse des Profils",
	urlHint:
		"Zum Beispiel linktr.ee/ihrname. SmartPages liest linktr.ee, littlelink.io und demo.linkstack.org.",
	file: "CSV-Datei oder SmartPages-Export",
	fileHint:
		"Eine CSV-Datei mit den Spalten title und url (mit Komma oder Semikolon, wie Excel und Numbers speichern) oder die smartpages-export.json aus Konto → „Meine Daten herunterladen“. Höchstens 1 MiB.",
	fileMissing: "Wählen Sie zuerst eine Datei aus.",
	fileTooLarge: "Diese Datei ist größer als 1 MiB.",
	preview: "Vorschau anzeigen",
	previewing: "Wird gelesen …",
	summary: (pages, links) =>
		`${seiten(pages)} mit ${count(links)} ${links === 1 ? "Eintrag" : "Einträgen"} ${pages === 1 ? "wird als Entwurf" : "werden als Entwürfe"} übernommen.`,
	nothing: "Mit Ihrem aktuellen Tarif kann nichts importiert werden.",
	pageItems: (n) => eintraege(n),
	header: "Überschrift",
	hidden: "ausgeblendet",
	scheduled: "zeitgesteuert",
	more: (n) => `… und ${count(n)} weitere`,
	droppedHeading: (n) => `Nicht übernommen (${count(n)})`,
	droppedMore: (n) => `${count(n)} weitere sind nicht aufgeführt.`,
	shortened: (n) =>
		n === 1
			? "Ein Titel war länger als erlaubt und wurde gekürzt."
			: `${count(n)} Titel waren länger als erlaubt und wurden gekürzt.`,
	trimmed: (plan, pages, links, maxPages, maxLinks) => {
		const parts: string[] = [];
		if (pages > 0) parts.push(seiten(pages));
		if (links > 0) parts.push(eintraege(links));
		return `Ihr Tarif (${plan}) erlaubt ${seiten(maxPages)} und ${count(maxLinks)} Einträge pro Seite, deshalb ${pages + links === 1 ? "wird" : "werden"} ${parts.join(" und ")} nicht übernommen.`;
	},
	upgrade: "Mehr Seiten und Links mit Pro",
	submit: (pages) =>
		pages === 1 ? "Als Entwurf importieren" : `Als ${pages} Entwürfe importieren`,
	submitting: "Wird importiert …",
	again: "Etwas anderes wählen",
	done: (pages, links) =>
		`Importiert: ${seiten(pages)} mit ${eintraege(links)}. Der Editor wird geöffnet …`,
	reasons: {
		notAllowedHost:
			"SmartPages liest Profile nur von linktr.ee, littlelink.io und demo.linkstack.org. Speichern Sie Ihre Links stattdessen als CSV-Datei.",
		https: "Geben Sie eine Adresse ein, die mit https:// beginnt.",
		privateAddress: "Diese Adresse ist aus dem Internet nicht erreichbar.",
		notAddress: "Geben Sie die Adresse eines Profils ein, zum Beispiel linktr.ee/ihrname.",
		redirect: "Diese Adresse leitet auf eine andere Website weiter, die SmartPages nicht liest.",
		notFound: "Unter dieser Adresse gibt es kein Profil.",
		unreachable:
			"Die Website war nicht erreichbar. Versuchen Sie es später noch einmal, oder laden Sie eine Datei hoch.",
		tooLarge: "Die Seite ist größer als 1 MiB.",
		noData: "Auf dieser Seite wurden keine Links gefunden.",
		noLinks: "Die Datei oder Seite enthält keinen Link, der übernommen werden kann.",
		notExport: "Diese Datei ist weder eine CSV-Datei mit Links noch ein SmartPages-Export.",
		newerExport:
			"Dieser Export stammt von einer neueren SmartPages-Version und kann hier nicht gelesen werden.",
		unsafeAddress: "keine Web-, E-Mail- oder Telefonadresse (zum Beispiel javascript:)",
		noAddress: "führt nirgendwohin",
		social: "ein Social-Media-Icon: fügen Sie es im Profil unter Social-Media-Profile hinzu",
		image: "Bilder werden nicht übernommen: laden Sie sie neu hoch",
	},
};
