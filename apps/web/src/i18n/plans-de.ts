/**
 * Deutsche Texte zu Preisen und Tarifzuständen auf der Tarifseite (Issue 19), getypt gegen
 * ./plans-en.ts.
 */
import type { plansEn } from "./plans-en";

export const plansDe: typeof plansEn = {
	pricesLabel: "Preise von SmartPages Pro",
	monthlyName: "Monatlich",
	yearlyName: "Jährlich",
	perMonth: (price) => `${price} / Monat`,
	perYear: (price) => `${price} / Jahr`,
	yearlyPerMonth: (price) => `${price} im Monat, jährlich abgerechnet`,
	billedMonthly: "Monatlich abgerechnet",
	saving: (freeMonths, percent) =>
		freeMonths > 0
			? `${freeMonths} ${freeMonths === 1 ? "Monat" : "Monate"} geschenkt – Sie sparen ${percent} %`
			: `Sie sparen ${percent} %`,
	vatIncluded: "inkl. MwSt.",
	vatExcluded: "zzgl. MwSt.",
	cancelAnyTime: "Jederzeit zum Ende des Abrechnungszeitraums kündbar.",
	chooseMonthly: "Monatlich zahlen",
	chooseYearly: "Jährlich zahlen",
	pricesUnavailable:
		"Die Preise konnten gerade nicht geladen werden. Die sichere Bezahlseite zeigt den genauen Preis, bevor Sie bezahlen.",
	confirmFirst:
		"Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse (über den Link in der Mail, die wir Ihnen geschickt haben). Danach können Sie hier upgraden.",
	offlineHeading: "Seiten im Tarif Free",
	freeLimits: (pages, links) =>
		`Der Tarif Free erlaubt ${pages} ${pages === 1 ? "Seite" : "Seiten"} mit bis zu ${links} sichtbaren Links.`,
	offlineUpcoming: (date) => `Wenn Pro am ${date} endet, gehen diese Seiten offline:`,
	offlineUpcomingNoDate: "Ohne Pro würden diese Seiten offline gehen:",
	offlineNow: "Diese Seiten bleiben darin offline:",
	offlineLinks: (excess) =>
		`${excess} sichtbare ${excess === 1 ? "Link" : "Links"} mehr, als Free erlaubt: Blenden Sie ${excess} aus oder löschen Sie sie, um die Seite wieder zu veröffentlichen.`,
	offlinePages: (max) => `Free enthält nur ${max} ${max === 1 ? "Seite" : "Seiten"}.`,
	offlineKept:
		"Es wird nichts gelöscht: Seiten und Links bleiben in Ihrem Dashboard und sind wieder online, sobald Sie erneut upgraden.",
	editPage: (title) => `„${title}“ bearbeiten`,
};
