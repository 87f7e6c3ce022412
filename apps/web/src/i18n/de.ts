/**
 * German texts of the dashboard, in the formal "Sie" like the system mails. Typed against the
 * English dictionary, so a missing or extra key is a compile error.
 */
import { socialNetworkLabels } from "@smartpages/contracts";
import type { Dictionary } from "./en";
import { importDe } from "./import-de";
import { onboardingDe } from "./onboarding-de";
import { plansDe } from "./plans-de";
import { securityDe } from "./security-de";
import { statsDe } from "./stats-de";
import { apiDocsDe, tokensDe } from "./tokens-de";
import { uxDe } from "./ux-de";
import { workspaceDe } from "./workspace-de";

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

export const de: Dictionary = {
	meta: {
		description: "SmartPages-Dashboard: Link-Seiten erstellen und veröffentlichen.",
		languageName: "Deutsch",
	},
	common: {
		skip: "Zum Inhalt springen",
		mainNav: "Hauptmenü",
		dashboard: "Dashboard",
		profile: "Profil",
		account: "Konto",
		billing: "Tarif",
		domains: "Domains",
		logout: "Abmelden",
		language: "Sprache",
		loading: "Wird geladen …",
		save: "Speichern",
		saving: "Wird gespeichert …",
		saved: "Gespeichert.",
		cancel: "Abbrechen",
		delete: "Löschen",
		edit: "Bearbeiten",
		optional: "optional",
		retry: "Erneut versuchen",
		charactersLeft: (n: number) => `Noch ${n} ${plural(n, "Zeichen", "Zeichen")}`,
		statusChecking: "Dienst wird geprüft …",
		statusOk: "Alle Systeme laufen",
		statusDown: "Der Dienst ist gerade nicht erreichbar",
	},
	titles: {
		dashboard: "Dashboard",
		login: "Anmelden",
		signup: "Registrieren",
		verifyEmail: "E-Mail-Adresse bestätigen",
		forgotPassword: "Passwort vergessen",
		resetPassword: "Neues Passwort wählen",
		editor: "Seite bearbeiten",
		profile: "Profil",
		account: "Konto",
		billing: "Tarif",
		domains: "Eigene Domains",
	},
	errors: {
		network:
			"SmartPages ist gerade nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal.",
		rateLimited: (seconds: number) =>
			`Zu viele Versuche. Bitte warten Sie ${seconds} ${plural(seconds, "Sekunde", "Sekunden")} und versuchen Sie es dann noch einmal.`,
		checkFields: "Bitte prüfen Sie die markierten Felder.",
		invalidCredentials: "Die E-Mail-Adresse oder das Passwort ist nicht richtig.",
		emailNotVerified:
			"Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse: Öffnen Sie den Link, den wir Ihnen bei der Registrierung geschickt haben.",
		csrf: "Diese Anfrage wurde zu Ihrer Sicherheit blockiert. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
		sessionExpired: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
		notFound:
			"Das gibt es nicht mehr. Bitte laden Sie die Seite neu, um den aktuellen Stand zu sehen.",
		conflict: "Das wird bereits verwendet.",
		tooLarge: "Das ist zu viel auf einmal. Bitte kürzen Sie Ihre Eingabe.",
		forbidden: "Dazu sind Sie leider nicht berechtigt.",
		server: "Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.",
		unavailable:
			"SmartPages ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.",
	},
	fields: {
		required: "Bitte füllen Sie dieses Feld aus.",
		colour: "Bitte wählen Sie eine Farbe im Format #rrggbb.",
		contrast: (ratio: string) =>
			`Dieses Farbpaar hat nur einen Kontrast von ${ratio.replace(".", ",")}; mindestens 4,5:1 ist nötig.`,
		email: "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.",
		minChars: (n: number) => `Bitte verwenden Sie mindestens ${n} Zeichen.`,
		maxChars: (n: number) => `Bitte verwenden Sie höchstens ${n} Zeichen.`,
		passwordCommon:
			"Dieses Passwort ist zu verbreitet. Bitte wählen Sie eines, das andere wahrscheinlich nicht benutzen.",
		passwordWrong: "Dieses Passwort ist nicht richtig.",
		passwordsDiffer: "Die beiden Passwörter stimmen nicht überein.",
		tokenInvalid: "Dieser Link ist ungültig, abgelaufen oder wurde schon verwendet.",
		sameEmail: "Das ist bereits Ihre E-Mail-Adresse.",
		handleTaken: "Dieser Name ist schon vergeben. Bitte wählen Sie einen anderen.",
		slugTaken: "Eine andere Ihrer Seiten verwendet diese Adresse bereits.",
		reserved: "Dieser Name ist reserviert. Bitte wählen Sie einen anderen.",
		slugRules:
			"Verwenden Sie 3–30 Zeichen: Kleinbuchstaben a–z, Ziffern und Bindestriche, nicht am Anfang oder Ende.",
		controlChars: "Hier sind unsichtbare Steuerzeichen enthalten. Bitte entfernen Sie sie.",
		linkUrl:
			"Bitte geben Sie eine Webadresse (https://…), einen E-Mail-Link (mailto:…) oder einen Telefon-Link (tel:…) ein.",
		webUrl: "Bitte geben Sie eine Webadresse ein, die mit https:// oder http:// beginnt.",
		network: "Bitte wählen Sie ein Netzwerk aus der Liste.",
		tooMany: (n: number) => `Sie können höchstens ${n} hinzufügen.`,
		confirmWord: (word: string) => `Bitte tippen Sie zur Bestätigung ${word} ein.`,
		social:
			"Das passt nicht zu diesem Netzwerk. Geben Sie @name, name oder die Adresse Ihres Profils ein (bei Mastodon @name@server).",
		phone: "Bitte geben Sie die Nummer mit Ländervorwahl ein, z. B. +49 151 23456789.",
		vatId: "Bitte geben Sie eine USt-IdNr. wie DE123456789 ein.",
		country: "Bitte geben Sie den Ländercode aus zwei Buchstaben ein, z. B. DE, AT oder CH.",
		postalCode: "Bitte geben Sie eine Postleitzahl ein.",
		registerCourt: "Bitte geben Sie zur Registernummer das Registergericht an.",
		invalid: "Dieser Wert ist ungültig.",
		hostname:
			"Bitte geben Sie einen Domainnamen wie links.example.com ein, ohne https://, Port oder Pfad.",
		endsAfterStart: "Das Ende muss nach dem Beginn liegen.",
	},
	plan: {
		names: { free: "Free", pro: "Pro" },
		upgradeTitle: "Auf SmartPages Pro upgraden",
		maxPages: (plan: string, max: number) =>
			`Ihr Tarif ${plan} enthält ${max} ${plural(max, "Seite", "Seiten")}, und Sie nutzen bereits alle.`,
		maxLinksPerPage: (plan: string, max: number) =>
			`Ihr Tarif ${plan} erlaubt ${max} Links pro Seite, und diese Seite hat das Limit erreicht.`,
		featureMissing: (plan: string) => `Das ist in Ihrem Tarif ${plan} nicht enthalten.`,
		maxCustomDomains: (plan: string, max: number) =>
			max === 0
				? `Eigene Domains sind in Ihrem Tarif ${plan} nicht enthalten.`
				: `Ihr Tarif ${plan} enthält ${max} ${plural(max, "eigene Domain", "eigene Domains")}, und Sie nutzen bereits alle.`,
		versionHistory: (plan: string) =>
			`Frühere Versionen wiederherzustellen ist in Ihrem Tarif ${plan} nicht enthalten.`,
		proOffer: (pages: number, links: number, domains: number) =>
			`Mit Pro erhalten Sie bis zu ${pages} Seiten, ${links} Links pro Seite, ${domains} eigene Domains und kein SmartPages-Branding.`,
		seePlans: "Tarife vergleichen",
	},
	stats: statsDe,
	ux: uxDe,
	importer: importDe,
	workspace: workspaceDe,
	plans: plansDe,
	onboarding: onboardingDe,
	security: securityDe,
	apiTokens: tokensDe,
	apiDocs: apiDocsDe,
	auth: {
		email: "E-Mail-Adresse",
		password: "Passwort",
		login: {
			heading: "Bei SmartPages anmelden",
			submit: "Anmelden",
			submitting: "Anmeldung läuft …",
			forgot: "Passwort vergessen?",
			noAccount: "Neu bei SmartPages?",
			signupLink: "Konto erstellen",
			deleted: "Ihr Konto wurde gelöscht. Schade, dass Sie gehen.",
			loggedOut: "Sie wurden abgemeldet.",
			passwordReset: "Ihr Passwort wurde geändert. Bitte melden Sie sich mit dem neuen an.",
		},
		signup: {
			heading: "Ihr SmartPages-Konto erstellen",
			intro: "Eine Seite für all Ihre Links, in wenigen Minuten fertig.",
			proNote:
				"Sie haben SmartPages Pro gewählt. Erstellen Sie zuerst Ihr Konto; Ihr Pro-Abo können Sie direkt danach starten.",
			passwordHint: (min: number) =>
				`Mindestens ${min} Zeichen. Einige zusammenhanglose Wörter ergeben ein starkes Passwort, das man sich gut merken kann.`,
			submit: "Konto erstellen",
			submitting: "Konto wird erstellt …",
			haveAccount: "Sie haben schon ein Konto?",
			loginLink: "Anmelden",
			checkInboxHeading: "Bitte prüfen Sie Ihr Postfach",
			checkInbox: (email: string) =>
				`Wir haben eine E-Mail an ${email} geschickt. Folgen Sie den Hinweisen darin, um fortzufahren.`,
		},
		verify: {
			heading: "E-Mail-Adresse bestätigen",
			verifying: "Ihre Adresse wird bestätigt …",
			success: "Vielen Dank! Ihre E-Mail-Adresse ist bestätigt.",
			toDashboard: "Zum Dashboard",
			invalid: "Dieser Link ist ungültig, abgelaufen oder wurde schon verwendet.",
			invalidHelp: "Melden Sie sich an, um im Dashboard einen neuen Link anzufordern.",
			alreadyConfirmed: (email: string) =>
				`Dieser Link wurde bereits verwendet oder ist abgelaufen. Die Adresse Ihres Kontos, ${email}, ist bestätigt.`,
			missingToken:
				"Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus der E-Mail noch einmal oder kopieren Sie ihn vollständig in die Adresszeile.",
			conflict:
				"Diese E-Mail-Adresse gehört inzwischen zu einem anderen Konto und konnte daher nicht bestätigt werden.",
			toLogin: "Zur Anmeldung",
		},
		forgot: {
			heading: "Passwort vergessen?",
			intro:
				"Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort wählen können.",
			submit: "Link senden",
			submitting: "Wird gesendet …",
			sent: (email: string) =>
				`Falls es ein Konto für ${email} gibt, ist ein Link zum Zurücksetzen unterwegs. Der Link ist eine Stunde gültig.`,
			backToLogin: "Zurück zur Anmeldung",
		},
		reset: {
			heading: "Neues Passwort wählen",
			newPassword: "Neues Passwort",
			repeat: "Neues Passwort wiederholen",
			submit: "Neues Passwort speichern",
			submitting: "Wird gespeichert …",
			requestNew: "Neuen Link anfordern",
		},
	},
	dashboard: {
		heading: "Ihre Seiten",
		verifyBanner: (email: string) =>
			`Bitte bestätigen Sie Ihre E-Mail-Adresse ${email}. Bis dahin können Sie Seiten gestalten, aber noch nicht veröffentlichen.`,
		verifyThenPro: "Der Link in dieser E-Mail führt Sie danach direkt zur Bezahlung von Pro.",
		resend: "Link erneut senden",
		resending: "Wird gesendet …",
		resent: (email: string) => `Wir haben einen neuen Link an ${email} geschickt.`,
		empty: "Sie haben noch keine Seiten. Erstellen Sie unten Ihre erste; sie wird Ihre Startseite.",
		usage: (used: number, max: number) =>
			`${used} von ${max} ${plural(max, "Seite", "Seiten")} genutzt`,
		status: {
			draft: "Entwurf",
			offline: "Offline",
			published: "Veröffentlicht",
			changes: "Unveröffentlichte Änderungen",
		},
		home: "Startseite",
		updated: (date: string) => `Geändert am ${date}`,
		editPage: (title: string) => `„${title}“ bearbeiten`,
		create: {
			heading: "Neue Seite erstellen",
			title: "Titel",
			slug: "Adresse",
			slugHint:
				"Kleinbuchstaben, Ziffern und Bindestriche (3–30). Leer lassen, um sie aus dem Titel abzuleiten.",
			submit: "Seite erstellen",
			submitting: "Wird erstellt …",
		},
	},
	editor: {
		back: "Alle Seiten",
		notFound: "Diese Seite gibt es nicht oder sie wurde gelöscht.",
		missingId: "Es wurde keine Seite gewählt. Öffnen Sie eine Seite aus Ihrem Dashboard.",
		settings: {
			heading: "Seiteneinstellungen",
			title: "Titel",
			slug: "Adresse",
			slugHint: "Kleinbuchstaben, Ziffern und Bindestriche (3–30).",
			homeHint: "Das ist Ihre Startseite; sie erscheint unter Ihrer Hauptadresse.",
			description: "Beschreibung",
			theme: "Design",
			submit: "Einstellungen speichern",
			saved: "Seiteneinstellungen gespeichert.",
		},
		themes: {
			light: "Hell",
			dark: "Dunkel",
			sunset: "Sonnenuntergang",
			forest: "Wald",
			ocean: "Ozean",
			mono: "Schwarzweiß",
		},
		// Issue 18: das Design der Seite (Vorlagen, Farben mit Live-Kontrast, Form, Schrift, Bild).
		design: {
			heading: "Design",
			intro:
				"Wählen Sie eine Vorlage und passen Sie dann Farben, Button-Form und Schrift an. Der Text muss lesbar bleiben: Jedes Farbpaar braucht einen Kontrast von mindestens 4,5:1.",
			presets: "Vorlagen",
			colours: "Farben",
			background: "Hintergrund",
			text: "Text",
			button: "Buttons",
			buttonText: "Button-Text",
			pairText: "Text auf Hintergrund",
			pairButton: "Button-Text auf Buttons",
			ratio: (ratio: string) => `Kontrast ${ratio.replace(".", ",")}`,
			passes: "gut lesbar",
			fails: "zu gering, mindestens 4,5:1 nötig",
			fix: "Nächste lesbare Farbe verwenden",
			fixLabel: (pair: string) => `${pair}: nächste lesbare Farbe verwenden`,
			shape: "Button-Form",
			shapes: { square: "Eckig", rounded: "Abgerundet", pill: "Pille" },
			font: "Schrift",
			fonts: {
				system: "System (serifenlos)",
				serif: "Serifen",
				mono: "Festbreite",
				rounded: "Abgerundet",
			},
			fontHint:
				"Schriften, die auf den Geräten Ihrer Besucher schon vorhanden sind: Die Seite lädt keine Web-Schrift und bleibt schnell.",
			submit: "Design speichern",
			saved: "Design gespeichert.",
			notReadable:
				"Einige Farben liegen zu nah beieinander. Bitte korrigieren Sie zuerst die markierten Paare.",
			image: "Hintergrundbild",
			imageHint:
				"PNG, JPEG, WebP oder GIF, höchstens 2\u00a0MB. Ihre Links bleiben auf der Hintergrundfarbe und damit lesbar.",
			imageSet: "Diese Seite hat ein Hintergrundbild.",
			imageNone: "Kein Hintergrundbild.",
			imageChoose: "Hintergrundbild auswählen",
			imageUpload: "Bild hochladen",
			imageRemove: "Bild entfernen",
			imageUploaded: "Hintergrundbild gespeichert.",
			imageRemoved: "Hintergrundbild entfernt.",
		},
		thumbnail: {
			label: "Vorschaubild",
			choose: "Vorschaubild auswählen",
			hint: "Ein kleines Bild im Button: PNG, JPEG, WebP oder GIF, höchstens 256\u00a0KB und 1024\u00a0Pixel breit und hoch.",
			has: "Dieser Link zeigt ein Vorschaubild.",
			none: "Kein Vorschaubild.",
			upload: "Vorschaubild hochladen",
			uploading: "Wird hochgeladen …",
			uploaded: "Vorschaubild gespeichert.",
			remove: "Vorschaubild entfernen",
			removed: "Vorschaubild entfernt.",
			tooLarge: "Dieses Bild ist größer als 256 KB. Bitte wählen Sie ein kleineres.",
			unreadable:
				"Dieses Bild lässt sich nicht lesen oder ist breiter oder höher als 1024 Pixel. Bitte wählen Sie ein anderes.",
		},
		links: {
			heading: "Links",
			empty: "Noch keine Links. Fügen Sie unten Ihren ersten Link hinzu.",
			usage: (used: number, max: number) => `${used} von ${max} Links`,
			reorderHint:
				"Zum Umsortieren ziehen Sie einen Link am Griff, nutzen die Pfeil-Schaltflächen oder drücken Alt + Pfeil nach oben / unten.",
			dragHandle: (title: string) => `„${title}“ verschieben`,
			moveUp: (title: string) => `„${title}“ nach oben`,
			moveDown: (title: string) => `„${title}“ nach unten`,
			moved: (title: string, position: number, total: number) =>
				`„${title}“ ist jetzt an Position ${position} von ${total}.`,
			visible: "Sichtbar",
			hidden: "Ausgeblendet",
			visibleLabel: (title: string) => `„${title}“ auf der Seite zeigen`,
			editLabel: (title: string) => `„${title}“ bearbeiten`,
			deleteLabel: (title: string) => `„${title}“ löschen`,
			confirmDelete: (title: string) =>
				`„${title}“ löschen? Das lässt sich nicht rückgängig machen.`,
			deleted: (title: string) => `„${title}“ gelöscht.`,
			added: (title: string) => `„${title}“ hinzugefügt.`,
			updated: (title: string) => `„${title}“ gespeichert.`,
			addHeading: "Link hinzufügen",
			title: "Titel",
			url: "URL",
			urlHint: "Eine Webadresse (https://…), ein mailto:- oder tel:-Link.",
			add: "Link hinzufügen",
			adding: "Wird hinzugefügt …",
		},
		items: {
			kind: "Hinzufügen als",
			kindLink: "Link",
			kindHeader: "Abschnittsüberschrift",
			headerHint: "Eine Überschrift über den folgenden Links; sie hat nur einen Titel.",
			header: "Abschnittsüberschrift",
			addHeader: "Überschrift hinzufügen",
			options: "Hervorheben und zeitlich steuern",
			highlight: "Diesen Link hervorheben",
			highlightHint:
				"Ein Link pro Seite sticht hervor; heben Sie diesen hervor, endet die Hervorhebung eines anderen.",
			startsAt: "Anzeigen ab",
			endsAt: "Anzeigen bis",
			scheduleHint:
				"In Ihrer Zeitzone. Ihre veröffentlichte Seite aktualisiert sich innerhalb einer Minute nach jedem Zeitpunkt von selbst, ohne erneutes Veröffentlichen.",
			scheduled: (when: string) => `Geplant (ab ${when})`,
			liveUntil: (when: string) => `Sichtbar bis ${when}`,
			ended: "Abgelaufen",
			highlighted: "Hervorgehoben",
		},
		publish: {
			heading: "Veröffentlichen",
			draft: "Diese Seite ist ein Entwurf und noch für niemanden sichtbar.",
			offline:
				"Diese Seite ist offline: Sie war veröffentlicht, Besucher erhalten jetzt „Seite nicht gefunden“. Mit „Veröffentlichen“ ist sie wieder online.",
			live: "Diese Seite ist online.",
			changes:
				"Diese Seite ist online, aber Ihre letzten Änderungen sind noch nicht veröffentlicht.",
			publish: "Veröffentlichen",
			publishChanges: "Änderungen veröffentlichen",
			publishing: "Wird veröffentlicht …",
			unpublish: "Offline nehmen",
			unpublishing: "Wird offline genommen …",
			published: "Veröffentlicht. Ihre Seite ist online.",
			unpublished: "Ihre Seite ist jetzt offline.",
			address: "Öffentliche Adresse",
			copy: "Adresse kopieren",
			copied: "Adresse in die Zwischenablage kopiert.",
			copyFailed:
				"Das Kopieren hat nicht geklappt. Bitte markieren Sie die Adresse und kopieren Sie sie selbst.",
			open: "Seite öffnen",
			qrHeading: "QR-Code",
			qrLabel: (url: string) => `QR-Code für ${url}`,
			qrDownload: "QR-Code herunterladen (SVG)",
			qrHint:
				"Drucken Sie ihn auf Flyer oder Visitenkarten: Wer ihn scannt, landet auf Ihrer Seite.",
			notVerified:
				"Bitte bestätigen Sie Ihre E-Mail-Adresse, bevor Sie veröffentlichen. Öffnen Sie den Link, den wir Ihnen geschickt haben, oder fordern Sie einen neuen an.",
		},
		preview: {
			heading: "Vorschau",
			frameTitle: (title: string) => `Vorschau von „${title}“`,
			openTab: "Vorschau in neuem Tab öffnen",
			loading: "Die Vorschau wird geladen …",
		},
		versions: {
			heading: "Versionsverlauf",
			intro:
				"Jede Veröffentlichung wird als Version aufbewahrt. Wenn Sie eine Version wiederherstellen, wird sie erneut veröffentlicht; Ihr Entwurf bleibt unverändert.",
			empty: "Es gibt noch keine veröffentlichten Versionen.",
			version: (n: number) => `Version ${n}`,
			publishedAt: (date: string) => `Veröffentlicht am ${date}`,
			live: "Aktuell online",
			restore: "Wiederherstellen",
			restoreLabel: (n: number) => `Version ${n} wiederherstellen`,
			restoring: "Wird wiederhergestellt …",
			restored: (n: number) => `Version ${n} ist wieder online.`,
		},
		unsaved:
			"Sie haben ungespeicherte Änderungen. Bitte speichern Sie sie, bevor Sie diese Seite verlassen.",
		danger: {
			heading: "Diese Seite löschen",
			text: "Die Seite und ihre Links werden endgültig entfernt. Ist sie veröffentlicht, geht sie sofort offline.",
			delete: "Seite löschen",
			confirm: "Ja, diese Seite löschen",
		},
	},
	profile: {
		heading: "Ihr Profil",
		intro: "Ihr Profil erscheint auf all Ihren Seiten.",
		handle: "Name in der Adresse",
		handleHint: "Ihre Adresse bei SmartPages: 3–30 Kleinbuchstaben, Ziffern und Bindestriche.",
		handleMoves: (old: string) =>
			`Beim Speichern ziehen Ihre veröffentlichten Seiten sofort auf die neue Adresse um. Links und QR-Codes mit der alten Adresse (${old}) funktionieren dann nicht mehr.`,
		displayName: "Anzeigename",
		bio: "Über Sie",
		theme: "Design",
		socials: "Social-Media-Links",
		socialsHint:
			"Erscheinen als Symbole auf jeder Ihrer Seiten. Geben Sie ein, was Sie kennen: @name, name, die Adresse Ihres Profils, bei Mastodon @name@server, bei WhatsApp Ihre Nummer mit Ländervorwahl, bei E-Mail Ihre Adresse.",
		savedAs: (url: string) => `Wird gespeichert als ${url}`,
		placement: "Position der Symbole",
		placements: { top: "Über den Links", bottom: "Unter den Links" },
		network: "Netzwerk",
		url: "Adresse",
		addSocial: "Social-Media-Link hinzufügen",
		removeSocial: (n: number, network: string) => `Social-Media-Link ${n} (${network}) löschen`,
		socialsRow: (n: number) => `Social-Media-Link ${n}`,
		imprint: "Impressum",
		imprintHint:
			"Geschäftsmäßige Seiten brauchen in Deutschland ein Impressum: Name, Anschrift und eine Kontaktmöglichkeit.",
		privacyUrl: "Datenschutzerklärung",
		privacyHint: "Adresse Ihrer Datenschutzerklärung, falls Sie eine haben.",
		submit: "Profil speichern",
		saved: "Profil gespeichert.",
		avatar: {
			heading: "Profilbild",
			hint: "PNG, JPEG, WebP oder GIF, höchstens 2\u00a0MB und 4096\u00a0Pixel breit und hoch. Ein quadratisches Bild wirkt am besten.",
			choose: "Bild auswählen",
			current: "Ihr aktuelles Profilbild",
			preview: "Vorschau des ausgewählten Bildes",
			none: "Sie haben noch kein Profilbild.",
			upload: "Bild hochladen",
			uploading: "Wird hochgeladen …",
			uploaded: "Profilbild gespeichert.",
			remove: "Bild entfernen",
			removing: "Wird entfernt …",
			removed: "Profilbild entfernt.",
			tooLarge: "Dieses Bild ist größer als 2 MB. Bitte wählen Sie ein kleineres.",
			wrongType:
				"Diese Datei ist kein PNG-, JPEG-, WebP- oder GIF-Bild. Bitte wählen Sie eine andere.",
			unreadable:
				"Dieses Bild lässt sich nicht lesen, oder es ist breiter oder höher als 4096 Pixel. Bitte wählen Sie ein anderes.",
			missing: "Bitte wählen Sie zuerst ein Bild aus.",
		},
		networks: socialNetworkLabels("de"),
	},
	account: {
		heading: "Ihr Konto",
		plan: {
			heading: "Tarif",
			current: (plan: string) => `Sie nutzen den Tarif ${plan}.`,
		},
		language: {
			heading: "Sprache",
			hint: "Gilt für das Dashboard und für die E-Mails, die wir Ihnen schicken.",
			label: "Sprache",
			submit: "Sprache speichern",
		},
		email: {
			heading: "E-Mail-Adresse",
			current: (email: string) => `Ihre Adresse ist ${email}.`,
			verified: "Bestätigt",
			unverified: "Noch nicht bestätigt",
			newEmail: "Neue E-Mail-Adresse",
			password: "Aktuelles Passwort",
			submit: "E-Mail-Adresse ändern",
			sent: (email: string) =>
				`Wir haben einen Bestätigungslink an ${email} geschickt. Ihre Adresse ändert sich, sobald Sie ihn öffnen.`,
		},
		password: {
			heading: "Passwort",
			current: "Aktuelles Passwort",
			new: "Neues Passwort",
			repeat: "Neues Passwort wiederholen",
			submit: "Passwort ändern",
			done: "Ihr Passwort wurde geändert. Alle anderen Geräte wurden abgemeldet.",
		},
		sessions: {
			heading: "Angemeldete Geräte",
			intro: "Melden Sie Geräte ab, die Sie nicht mehr nutzen oder nicht erkennen.",
			device: (browser: string, os: string) => `${browser} unter ${os}`,
			unknown: "Unbekanntes Gerät",
			current: "Dieses Gerät",
			signedIn: (date: string) => `Angemeldet am ${date}`,
			lastSeen: (date: string) => `Zuletzt aktiv am ${date}`,
			revoke: "Abmelden",
			revokeLabel: (device: string, date: string) => `${device} abmelden (angemeldet am ${date})`,
			revoked: "Das Gerät wurde abgemeldet.",
		},
		export: {
			heading: "Ihre Daten",
			text: "Laden Sie alles, was wir zu Ihrem Konto speichern, als JSON-Datei herunter.",
			link: "Meine Daten herunterladen",
		},
		delete: {
			heading: "Konto löschen",
			text: "Damit löschen Sie Ihr Konto, Ihr Profil, Ihre Seiten und Links endgültig. Veröffentlichte Seiten gehen sofort offline. Das lässt sich nicht rückgängig machen.",
			password: "Passwort",
			word: "LÖSCHEN",
			confirm: (word: string) => `Tippen Sie zur Bestätigung ${word} ein`,
			submit: "Mein Konto endgültig löschen",
			submitting: "Wird gelöscht …",
		},
	},
	billing: {
		heading: "Ihr Tarif",
		current: (plan: string) => `Sie nutzen den Tarif ${plan}.`,
		limits: "Das ist in Ihrem Tarif enthalten",
		pages: (n: number) => `${n} ${plural(n, "Seite", "Seiten")}`,
		links: (n: number) => `${n} Links pro Seite`,
		domains: (n: number) =>
			n === 0 ? "Keine eigenen Domains" : `${n} ${plural(n, "eigene Domain", "eigene Domains")}`,
		branding: (removed: boolean) =>
			removed ? "Kein SmartPages-Branding" : "SmartPages-Branding auf Ihren Seiten",
		history: (versions: number) =>
			versions > 0
				? `Bis zu ${versions} frühere Versionen wiederherstellen`
				: "Keine Versionsgeschichte",
		status: {
			active: "Aktiv",
			trialing: "Testphase",
			past_due: "Zahlung überfällig",
			canceled: "Gekündigt",
			incomplete: "Zahlung unvollständig",
			none: "Aktiv",
		},
		statusLabel: "Status",
		renews: (date: string) => `Verlängert sich am ${date}.`,
		endsOn: (date: string) =>
			`Ihr Pro-Abo endet am ${date}. Bis dahin stehen Ihnen alle Pro-Funktionen zur Verfügung.`,
		pastDue:
			"Ihre letzte Zahlung ist fehlgeschlagen. Bitte aktualisieren Sie Ihre Zahlungsmethode im Kundenportal, damit Ihnen Pro erhalten bleibt.",
		usageHeading: "Nutzung",
		usagePages: (used: number, max: number) => `Seiten: ${used} von ${max}`,
		usageLinks: (max: number) => `Links pro Seite: bis zu ${max}`,
		usageDomains: (used: number, max: number) =>
			max === 0 ? "Eigene Domains: nicht enthalten" : `Eigene Domains: ${used} von ${max}`,
		usageMeter: (name: string) => `${name} genutzt`,
		proIncludes: "SmartPages Pro enthält",
		upgradeIntro:
			"Wählen Sie, wie Sie zahlen möchten. Ihre Zahlungsdaten geben Sie auf der sicheren Bezahlseite unseres Zahlungsanbieters Stripe ein.",
		monthly: "Monatlich zahlen",
		yearly: "Jährlich zahlen",
		redirecting: "Die sichere Bezahlseite wird geöffnet …",
		manageHeading: "Abo verwalten",
		manageText:
			"Im Kundenportal ändern Sie Ihre Zahlungsmethode, wechseln zwischen monatlicher und jährlicher Abrechnung oder kündigen Ihr Abo.",
		portal: "Kundenportal öffnen",
		portalOpening: "Das Kundenportal wird geöffnet …",
		alreadyPro: "Sie haben SmartPages Pro bereits. Sie können es im Kundenportal verwalten.",
		invoicesHeading: "Rechnungen",
		invoicesEmpty: "Es gibt noch keine Rechnungen.",
		invoiceDate: "Datum",
		invoiceNumber: "Nummer",
		invoiceAmount: "Betrag",
		invoiceStatus: "Status",
		invoiceView: "Ansehen",
		invoiceViewLabel: (number: string) => `Rechnung ${number} ansehen`,
		invoiceStatuses: {
			paid: "Bezahlt",
			open: "Offen",
			void: "Storniert",
			uncollectible: "Uneinbringlich",
			draft: "Entwurf",
		},
		activating:
			"Vielen Dank! Ihre Zahlung ist eingegangen. Wir schalten SmartPages Pro jetzt frei; das dauert meist nur wenige Sekunden\u00a0…",
		activated: "SmartPages Pro ist aktiv. Viel Freude mit Ihren neuen Möglichkeiten!",
		activationSlow:
			"Ihre Zahlung ist eingegangen, die Freischaltung dauert aber länger als üblich. Wir schicken Ihnen eine E-Mail, sobald Pro aktiv ist. Sie können diese Seite auch in einer Minute neu laden.",
		checkoutCancelled: "Der Bezahlvorgang wurde abgebrochen. Es wurde nichts berechnet.",
		checkoutIncomplete:
			"Die Zahlung wurde nicht abgeschlossen, es wurde nichts berechnet. Sie können das Upgrade unten erneut starten.",
		checkoutUnknown:
			"Wir konnten diese Zahlung Ihrem Konto nicht zuordnen. Wenn Sie bezahlt haben, wird Ihr Tarif in wenigen Minuten umgestellt; andernfalls starten Sie das Upgrade bitte erneut.",
		actionRequiredHeading: "Bitte bestätigen Sie Ihre Zahlung",
		actionRequired:
			"Ihre Bank bittet Sie, die Verlängerung Ihres Pro-Abos zu bestätigen (starke Kundenauthentifizierung). Öffnen Sie die sichere Zahlungsseite von Stripe und bestätigen Sie die Zahlung, zum Beispiel in Ihrer Banking-App. Bis zu Ihrer Bestätigung bleibt die Zahlung überfällig.",
		actionRequiredLink: "Zahlung bestätigen",
		continueSignup:
			"Vielen Dank für die Bestätigung Ihrer Adresse. Hier starten Sie Ihr Abo für SmartPages Pro.",
	},
	domains: {
		heading: "Eigene Domains",
		intro: "Zeigen Sie Ihre Seiten unter einer eigenen Domain, zum Beispiel links.example.com.",
		usage: (used: number, max: number) =>
			`${used} von ${max} ${plural(max, "eigenen Domain", "eigenen Domains")} genutzt`,
		addHeading: "Domain hinzufügen",
		hostname: "Domain",
		hostnameHint: "Zum Beispiel links.example.com, ohne https:// und ohne Pfad.",
		add: "Domain hinzufügen",
		adding: "Wird hinzugefügt …",
		added: (host: string) =>
			`„${host}“ wurde hinzugefügt. Legen Sie jetzt die beiden angezeigten DNS-Einträge an.`,
		listHeading: "Ihre Domains",
		empty: "Sie haben noch keine eigene Domain hinzugefügt.",
		statusLabel: "Status",
		status: {
			pending: "Wartet auf DNS-Einträge",
			verifying: "Wird eingerichtet",
			active: "Aktiv",
			failed: "Fehlgeschlagen",
		},
		suspended: "Derzeit nicht erreichbar: Ihr aktueller Tarif deckt diese Domain nicht ab.",
		recordsHeading: "DNS-Einträge",
		recordsIntro:
			"Legen Sie diese Einträge dort an, wo das DNS Ihrer Domain verwaltet wird (meist beim Anbieter, bei dem Sie die Domain gekauft haben). Bis Änderungen sichtbar werden, kann es einige Minuten, manchmal auch einige Stunden dauern.",
		recordType: "Typ",
		recordName: "Name",
		recordValue: "Wert",
		txtPurpose: "Belegt, dass die Domain Ihnen gehört.",
		cnamePurpose: "Leitet die Besucher Ihrer Domain zu SmartPages.",
		copyName: (type: string) => `Namen des ${type}-Eintrags kopieren`,
		copyValue: (type: string) => `Wert des ${type}-Eintrags kopieren`,
		copy: "Kopieren",
		copied: "In die Zwischenablage kopiert.",
		copyFailed:
			"Das Kopieren hat nicht geklappt. Bitte markieren Sie den Text und kopieren Sie ihn selbst.",
		apexHint: (target: string) =>
			`Ist das Ihre Hauptdomain ohne Präfix (zum Beispiel example.com)? Viele DNS-Anbieter erlauben dort keinen CNAME-Eintrag. Verwenden Sie stattdessen einen CNAME-Flattening-, ALIAS- oder ANAME-Eintrag auf ${target}.`,
		check: "Jetzt prüfen",
		checking: "Wird geprüft …",
		checkLabel: (host: string) => `Jetzt prüfen: „${host}“`,
		lastChecked: (date: string) => `Zuletzt geprüft am ${date}`,
		activeSince: (date: string) => `Aktiv seit ${date}`,
		addedOn: (date: string) => `Hinzugefügt am ${date}`,
		nowActive: (host: string) => `„${host}“ ist aktiv. Ihre Seiten sind jetzt dort erreichbar.`,
		notYet: (host: string) => `„${host}“ ist noch nicht aktiv.`,
		problems: {
			noTxt:
				"Wir haben den TXT-Eintrag noch nicht gefunden. DNS-Änderungen brauchen etwas Zeit; bitte prüfen Sie in einigen Minuten erneut.",
			wrongTxt:
				"Der TXT-Eintrag ist vorhanden, hat aber einen anderen Wert. Bitte kopieren Sie den Wert genau so, wie er angezeigt wird.",
			waitingCname:
				"Der Besitz ist bestätigt. Jetzt warten wir noch auf den CNAME-Eintrag und das Sicherheitszertifikat; bitte prüfen Sie in einigen Minuten erneut.",
			dns: "Wir konnten Ihre DNS-Einträge gerade nicht abfragen. Bitte versuchen Sie es in einigen Minuten noch einmal.",
			certificate:
				"Unser Zertifikatsdienst war nicht erreichbar. Wir versuchen es automatisch erneut.",
			txtRemoved:
				"Der TXT-Eintrag, der den Besitz belegt, wurde entfernt. Bitte legen Sie ihn erneut an und prüfen Sie dann.",
			timedOut:
				"Die DNS-Einträge wurden nicht innerhalb von 72 Stunden gefunden. Bitte löschen Sie die Domain und fügen Sie sie erneut hinzu, sobald die Einträge angelegt sind.",
			other:
				"Die Prüfung war noch nicht erfolgreich. Bitte kontrollieren Sie die Einträge und versuchen Sie es erneut.",
		},
		deleteLabel: (host: string) => `„${host}“ löschen`,
		confirmDelete: (host: string) =>
			`„${host}“ löschen? Ihre Seiten sind dort dann sofort nicht mehr erreichbar.`,
		confirm: "Ja, löschen",
		deleted: (host: string) => `„${host}“ wurde gelöscht.`,
		taken: "Diese Domain ist bereits mit einem SmartPages-Konto verbunden.",
	},
};
