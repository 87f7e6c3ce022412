/** Deutsche Texte aller Systemmails (Sie-Form). */
import type { TemplateSet } from "./types";

export const de: TemplateSet = {
	signature: "— Ihr SmartPages-Team",
	verify_email: ({ token }, links) => ({
		subject: "Bitte bestätigen Sie Ihre E-Mail-Adresse",
		heading: "Willkommen bei SmartPages!",
		paragraphs: [
			"Bitte bestätigen Sie Ihre E-Mail-Adresse, damit Sie Ihre Seiten veröffentlichen können. Ein Klick genügt.",
		],
		action: { label: "E-Mail-Adresse bestätigen", url: links.verify(token) },
		footnote:
			"Der Link ist 24 Stunden gültig. Falls Sie sich nicht registriert haben, können Sie diese E-Mail ignorieren.",
	}),
	welcome: (_data, links) => ({
		subject: "Ihr SmartPages-Konto ist bereit",
		heading: "Alles startklar",
		paragraphs: [
			"Ihre E-Mail-Adresse ist bestätigt. Legen Sie Ihre Linkseite an, wählen Sie ein Design und veröffentlichen Sie sie – Ihre Besucher erhalten eine schnelle, aufgeräumte Seite unter Ihrer eigenen Adresse.",
			"Am schnellsten geht es so: Wählen Sie im Dashboard die Vorlage für Ihre Art von Seite (Kunst, Laden, Coaching, Musik oder Verein), ergänzen Sie Namen und Profilbild, ersetzen Sie die Beispiel-Links durch Ihre eigenen und veröffentlichen Sie. Die Checkliste dort zeigt, was noch fehlt.",
		],
		action: { label: "Zum Dashboard", url: links.app },
	}),
	password_reset: ({ token }, links) => ({
		subject: "Ihr SmartPages-Passwort zurücksetzen",
		heading: "Passwort zurücksetzen",
		paragraphs: [
			"Für Ihr SmartPages-Konto wurde das Zurücksetzen des Passworts angefordert. Über die Schaltfläche unten vergeben Sie ein neues Passwort.",
		],
		action: { label: "Neues Passwort festlegen", url: links.reset(token) },
		footnote:
			"Der Link funktioniert einmal und ist eine Stunde gültig. Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail – Ihr Passwort bleibt unverändert.",
	}),
	password_changed: (_data, links) => ({
		subject: "Ihr SmartPages-Passwort wurde geändert",
		heading: "Ihr Passwort wurde geändert",
		paragraphs: [
			"Das Passwort Ihres SmartPages-Kontos wurde soeben geändert; alle anderen Sitzungen wurden abgemeldet.",
			"Falls Sie das nicht waren, setzen Sie Ihr Passwort bitte sofort zurück.",
		],
		action: { label: "Passwort zurücksetzen", url: links.forgotPassword },
	}),
	email_change_confirm: ({ token, newEmail }, links) => ({
		subject: "Bitte bestätigen Sie Ihre neue E-Mail-Adresse",
		heading: "Neue Adresse bestätigen",
		paragraphs: [
			`Bitte bestätigen Sie, dass ${newEmail} die neue E-Mail-Adresse Ihres SmartPages-Kontos werden soll.`,
		],
		action: { label: "Neue Adresse bestätigen", url: links.verify(token) },
		footnote:
			"Der Link ist 24 Stunden gültig. Falls Sie diese Änderung nicht angefordert haben, ignorieren Sie diese E-Mail.",
	}),
	email_change_notice: ({ newEmail }, links) => ({
		subject: "Die E-Mail-Adresse Ihres SmartPages-Kontos wurde geändert",
		heading: "Ihre E-Mail-Adresse wurde geändert",
		paragraphs: [
			`Ihr SmartPages-Konto verwendet jetzt ${newEmail}. Nachrichten zu Ihrem Konto gehen ab sofort an diese Adresse.`,
			"Falls Sie diese Änderung nicht vorgenommen haben, setzen Sie bitte umgehend Ihr Passwort zurück und kontaktieren Sie uns.",
		],
		action: { label: "Passwort zurücksetzen", url: links.forgotPassword },
	}),
	signup_attempt: (_data, links) => ({
		subject: "Registrierungsversuch mit Ihrer E-Mail-Adresse",
		heading: "Sie haben bereits ein Konto",
		paragraphs: [
			"Soeben wurde versucht, mit dieser E-Mail-Adresse ein SmartPages-Konto anzulegen. Da bereits eines besteht, wurde nichts angelegt.",
			"Wenn Sie das waren, melden Sie sich einfach an – oder setzen Sie Ihr Passwort zurück, falls Sie es vergessen haben.",
		],
		action: { label: "Anmelden", url: links.login },
		footnote:
			"Falls Sie das nicht waren, können Sie diese E-Mail ignorieren; Ihr Konto bleibt unverändert.",
	}),
	subscription_started: ({ plan, billing }, links) => ({
		subject: "Willkommen bei SmartPages Pro",
		heading: "Vielen Dank für Ihr Upgrade",
		paragraphs: [
			`Ihr ${plan}-Abonnement ist aktiv. Mehr Seiten, mehr Links, eigene Domains und der Versionsverlauf stehen Ihnen jetzt zur Verfügung.`,
			...(billing
				? [
						`Sie zahlen ${billing.amount}${billing.taxInclusive ? " inkl. MwSt." : ""} ${billing.interval === "year" ? "jährlich" : "monatlich"}. Die nächste Zahlung ist am ${billing.nextBillingDate} fällig; die Rechnungen finden Sie unter „Tarif“.`,
					]
				: []),
		],
		action: { label: "Abrechnung verwalten", url: links.billing },
	}),
	payment_failed: (_data, links) => ({
		subject: "Ihre SmartPages-Zahlung ist fehlgeschlagen",
		heading: "Die Zahlung konnte nicht abgebucht werden",
		paragraphs: [
			"Die letzte Zahlung für Ihr SmartPages-Abonnement ist fehlgeschlagen. Bitte aktualisieren Sie Ihre Zahlungsmethode, damit Ihre Pro-Funktionen erhalten bleiben.",
		],
		action: { label: "Zahlungsmethode aktualisieren", url: links.billing },
	}),
	// The one action that links away from the app (see en.ts): Stripe's hosted invoice page.
	payment_action_required: ({ invoiceUrl }, links) => ({
		subject: "Bitte bestätigen Sie Ihre SmartPages-Zahlung",
		heading: "Ihre Bank bittet Sie, die Zahlung zu bestätigen",
		paragraphs: [
			"Die Verlängerung Ihres SmartPages-Pro-Abos wartet auf Ihre Bestätigung: Ihre Bank möchte sichergehen, dass die Zahlung wirklich von Ihnen stammt (starke Kundenauthentifizierung).",
			"Öffnen Sie die sichere Zahlungsseite unseres Zahlungsanbieters Stripe und bestätigen Sie die Zahlung bei Ihrer Bank, zum Beispiel in Ihrer Banking-App. Das dauert nur eine Minute, und Ihre Pro-Funktionen bleiben erhalten.",
		],
		action: { label: "Zahlung bestätigen", url: invoiceUrl },
		footnote: `Diesen Link finden Sie auch auf Ihrer Tarifseite: ${links.billing}`,
	}),
	subscription_ending: ({ endsAt }, links) => ({
		subject: "Ihr SmartPages-Pro-Abonnement endet",
		heading: "Ihr Abonnement endet bald",
		paragraphs: [
			`Ihr Pro-Abonnement wurde gekündigt und endet am ${endsAt}. Bis dahin funktioniert alles wie gewohnt, und Sie können die Kündigung jederzeit zurücknehmen.`,
		],
		action: { label: "Abrechnung verwalten", url: links.billing },
	}),
	subscription_ended: (_data, links) => ({
		subject: "Ihr SmartPages-Pro-Abonnement ist beendet",
		heading: "Sie nutzen jetzt wieder den kostenlosen Tarif",
		paragraphs: [
			"Ihr Pro-Abonnement ist beendet. Ihre Seiten bleiben im Rahmen des kostenlosen Tarifs online; Sie können jederzeit wieder upgraden.",
		],
		action: { label: "Tarife ansehen", url: links.billing },
	}),
	domain_active: ({ hostname }, links) => ({
		subject: `${hostname} ist online`,
		heading: "Ihre Domain ist aktiv",
		paragraphs: [
			`${hostname} ist verifiziert und per HTTPS gesichert. Ihre veröffentlichten Seiten werden ab sofort dort ausgeliefert.`,
		],
		action: { label: "Domains öffnen", url: links.domains },
	}),
	domain_failed: ({ hostname, reason }, links) => ({
		subject: `${hostname} konnte nicht aktiviert werden`,
		heading: "Ihre Domain braucht Aufmerksamkeit",
		paragraphs: [
			`Wir konnten ${hostname} nicht aktivieren: ${reason}`,
			"Bitte prüfen Sie die DNS-Einträge und versuchen Sie es erneut.",
		],
		action: { label: "Domains öffnen", url: links.domains },
	}),
	account_deleted: () => ({
		subject: "Ihr SmartPages-Konto wurde gelöscht",
		heading: "Auf Wiedersehen",
		paragraphs: [
			"Ihr SmartPages-Konto, Ihre Seiten und alle damit gespeicherten Daten wurden gelöscht; ein laufendes Abonnement wurde gekündigt.",
			"Vielen Dank, dass Sie SmartPages genutzt haben. Sie sind jederzeit wieder willkommen.",
		],
	}),
	passkey_added: ({ name }, links) => ({
		subject: "Ihrem SmartPages-Konto wurde ein Passkey hinzugefügt",
		heading: "Neuer Passkey hinzugefügt",
		paragraphs: [
			`Mit dem Passkey „${name}“ kann man sich jetzt bei Ihrem SmartPages-Konto anmelden.`,
			"Falls Sie das nicht waren, setzen Sie Ihr Passwort bitte sofort zurück und entfernen Sie den Passkey unter Konto → Sicherheit.",
		],
		action: { label: "Passwort zurücksetzen", url: links.forgotPassword },
	}),
	two_factor_enabled: (_data, links) => ({
		subject: "Die Zwei-Faktor-Anmeldung ist aktiv",
		heading: "Zwei-Faktor-Anmeldung eingeschaltet",
		paragraphs: [
			"Für die Anmeldung bei Ihrem SmartPages-Konto ist jetzt neben dem Passwort ein Code aus Ihrer Authenticator-App (oder ein Passkey) nötig. Bewahren Sie Ihre Wiederherstellungscodes sicher auf.",
			"Falls Sie das nicht waren, setzen Sie Ihr Passwort bitte sofort zurück: Dann kennt jemand Ihr Passwort und hat Zugriff auf eine Sitzung.",
		],
		action: { label: "Passwort zurücksetzen", url: links.forgotPassword },
	}),
	two_factor_disabled: (_data, links) => ({
		subject: "Die Zwei-Faktor-Anmeldung wurde ausgeschaltet",
		heading: "Zwei-Faktor-Anmeldung ausgeschaltet",
		paragraphs: [
			"Ihr SmartPages-Konto fragt bei der Anmeldung nicht mehr nach einem Code aus einer Authenticator-App.",
			"Falls Sie das nicht waren, setzen Sie Ihr Passwort bitte sofort zurück und schalten Sie die Zwei-Faktor-Anmeldung unter Konto → Sicherheit wieder ein.",
		],
		action: { label: "Passwort zurücksetzen", url: links.forgotPassword },
	}),
	recovery_code_used: ({ remaining }, links) => ({
		subject: "Anmeldung mit einem Wiederherstellungscode",
		heading: "Mit einem Wiederherstellungscode angemeldet",
		paragraphs: [
			`Soeben hat sich jemand mit einem Ihrer Wiederherstellungscodes bei Ihrem SmartPages-Konto angemeldet; ${remaining} unbenutzte Codes sind noch übrig. Jeder Code funktioniert nur einmal.`,
			"Falls Sie das nicht waren, setzen Sie Ihr Passwort bitte sofort zurück und erzeugen Sie unter Konto → Sicherheit neue Wiederherstellungscodes.",
		],
		action: { label: "Passwort zurücksetzen", url: links.forgotPassword },
	}),
};
