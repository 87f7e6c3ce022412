/** Deutsche Texte des Einstiegs und der Checkliste auf der Startseite (Issue 19), getypt gegen ./onboarding-en.ts. */
import type { onboardingEn } from "./onboarding-en";

export const onboardingDe: typeof onboardingEn = {
	heading: "Los geht’s mit Ihrer Seite",
	intro:
		"Wählen Sie einen Ausgangspunkt – jeden Text, Link und jede Farbe können Sie danach ändern.",
	typeLegend: "Wofür ist Ihre Seite?",
	types: {
		artist: { name: "Kunst", hint: "Portfolio, Ausstellungen, Drucke" },
		shop: { name: "Laden", hint: "Produkte, Öffnungszeiten, Newsletter" },
		coach: { name: "Coaching", hint: "Termine, Angebote, Referenzen" },
		musician: { name: "Musik", hint: "Veröffentlichungen, Tourdaten, Merch" },
		association: { name: "Verein", hint: "Mitmachen, Trainingszeiten, Spenden" },
	},
	aboutLegend: "Über Sie",
	displayName: "Ihr Name oder Ihre Marke",
	handle: "Adresse Ihrer Seite",
	handleHint: (example) => `Kleinbuchstaben, Ziffern und Bindestriche, z. B. ${example}`,
	avatar: "Profilbild",
	avatarHint: "PNG, JPEG, WebP oder GIF, bis 2 MB. Sie können es auch später hinzufügen.",
	avatarInvalid: "Bitte wählen Sie ein PNG-, JPEG-, WebP- oder GIF-Bild mit höchstens 2 MB.",
	submit: "Meine Seite erstellen",
	submitting: "Ihre Seite wird erstellt …",
	created:
		"Ihre Seite ist angelegt. Ersetzen Sie die Beispiel-Links durch Ihre eigenen und veröffentlichen Sie sie dann.",
	checklistHeading: "Erste Schritte",
	checklistProgress: (done, total) => `${done} von ${total} erledigt`,
	steps: {
		confirm: "E-Mail-Adresse bestätigen",
		profile: "Namen und Profilbild hinzufügen",
		links: "Erste Links hinzufügen",
		publish: "Seite veröffentlichen",
		share: "Adresse teilen",
	},
	stepDone: "erledigt",
	stepActions: {
		confirm: "Postfach prüfen",
		profile: "Profil bearbeiten",
		links: "Links hinzufügen",
		publish: "Zum Editor",
		share: "Adresse kopieren",
	},
	copied: (url) => `Kopiert: ${url} – fügen Sie die Adresse in Ihre Bio, Beiträge und E-Mails ein.`,
	makeHome: "Als Startseite festlegen",
	makeHomeLabel: (title) => `„${title}“ als Startseite festlegen`,
	homeChanged: (title) =>
		`„${title}“ ist jetzt Ihre Startseite. Veröffentlichen Sie beide Seiten erneut, damit Suchmaschinen die neuen Adressen erfahren.`,
	successorLabel: "Welche Seite wird Ihre Startseite?",
	successorHint: (title) =>
		`„${title}“ ist Ihre Startseite und erscheint unter Ihrer Adresse ohne Pfad. Wählen Sie die Seite, die an ihre Stelle tritt.`,
	domainAddress: (host) =>
		`Ihre öffentliche Adresse, der Kopieren-Knopf und der QR-Code verwenden jetzt https://${host}. Veröffentlichen Sie Ihre Seiten noch einmal, damit auch Suchmaschinen und geteilte Links diese Domain nennen.`,
};
