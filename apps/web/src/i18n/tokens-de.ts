/**
 * Deutsche Texte für Konto → API-Tokens und die API-Referenz (Issue 21), typisiert gegen die
 * englischen (./tokens-en.ts).
 */
import type { apiDocsEn, tokensEn } from "./tokens-en";

export const tokensDe: typeof tokensEn = {
	heading: "API-Tokens",
	intro:
		"Mit einem persönlichen Zugriffstoken kann ein Skript oder ein anderer Dienst die SmartPages-API in Ihrem Namen nutzen – nur für das, was Sie erlauben. Senden Sie es als „Authorization: Bearer …“.",
	passwordNote:
		"Eine Passwortänderung widerruft keine Tokens. Widerrufen Sie ein Token hier, sobald Sie es nicht mehr brauchen oder vermuten, dass es jemand anderes gesehen hat.",
	docs: "API-Referenz",
	none: "Sie haben keine API-Tokens.",
	nameLabel: "Name",
	nameHint: "Wofür es dient, z. B. „Shop-Abgleich“ oder „Statistik-Tabelle“.",
	scopesLegend: "Was dieses Token darf",
	scopesHint: "Wählen Sie nur, was das Skript wirklich braucht.",
	readGroup: "Lesen",
	writeGroup: "Ändern",
	scopes: {
		"profile:read": "Profil lesen",
		"profile:write": "Profil und Bild ändern",
		"pages:read": "Seiten und Links lesen",
		"pages:write": "Seiten und Links anlegen, ändern und veröffentlichen",
		"domains:read": "Eigene Domains lesen",
		"domains:write": "Eigene Domains hinzufügen, prüfen und entfernen",
		"stats:read": "Statistiken lesen",
	},
	scopeRequired: "Wählen Sie mindestens eine Berechtigung.",
	expiryLabel: "Gültig bis",
	expiryHint: "Ein Token ohne Ablaufdatum gilt, bis Sie es widerrufen.",
	expiry: {
		never: "Unbegrenzt",
		d30: "30 Tage",
		d90: "90 Tage",
		d365: "Ein Jahr",
	},
	createHeading: "Neues Token",
	create: "Token erstellen",
	creating: "Wird erstellt …",
	limit: (max: number) =>
		`Ein Konto kann höchstens ${max} Tokens haben. Widerrufen Sie eines, um ein neues zu erstellen.`,
	secretHeading: "Ihr neues Token",
	secretIntro:
		"Kopieren Sie es jetzt: Es wird nur dieses eine Mal angezeigt. SmartPages speichert nur einen Fingerabdruck davon und kann es nicht noch einmal zeigen.",
	secretLabel: "Das neue Token",
	copy: "Token kopieren",
	secretDone: "Ich habe es kopiert",
	created: (date: string) => `Erstellt am ${date}`,
	lastUsed: (date: string) => `zuletzt genutzt am ${date}`,
	neverUsed: "noch nie genutzt",
	expires: (date: string) => `gültig bis ${date}`,
	expired: (date: string) => `abgelaufen am ${date}`,
	revoke: "Widerrufen",
	revokeLabel: (name: string) => `Token ${name} widerrufen`,
	revokeTitle: (name: string) => `„${name}“ widerrufen?`,
	revokeText:
		"Skripte mit diesem Token funktionieren sofort nicht mehr. Das lässt sich nicht rückgängig machen; Sie können aber ein neues Token erstellen.",
	revoked: "Das Token wurde widerrufen und funktioniert nicht mehr.",
};

export const apiDocsDe: typeof apiDocsEn = {
	title: "API-Referenz",
	intro:
		"Alles, was die SmartPages-API bietet – erzeugt aus denselben Schemas, mit denen der Server Anfragen prüft. Skripte melden sich mit einem persönlichen Zugriffstoken an (Konto → API-Tokens); bei jeder Route steht, welche Berechtigung sie braucht.",
	download: "OpenAPI-Dokument herunterladen (openapi.json)",
	baseUrl: "Basisadresse",
	authHeading: "Anmeldung",
	authText:
		"Senden Sie „Authorization: Bearer sp_…“. Fehlt eine Berechtigung, lautet die Antwort 403 forbidden; ein widerrufenes, abgelaufenes oder unbekanntes Token ergibt 401 unauthenticated. Konto-, Passwort-, Sitzungs-, Token- und Abrechnungsrouten funktionieren nur im Dashboard.",
	scope: "Token-Berechtigung",
	noToken: "Nur im Dashboard",
	publicRoute: "Ohne Anmeldung",
	parameters: "Parameter",
	requestBody: "Anfrage",
	responses: "Antworten",
	required: "Pflicht",
	optional: "optional",
	contents: "Inhalt",
	schemas: "Schemas",
	success: {
		200: "OK",
		201: "Angelegt",
		202: "Angenommen, ohne Inhalt",
		204: "Erledigt, ohne Inhalt",
	},
	error: "Fehler",
	tags: {
		health: "Erreichbarkeit",
		auth: "Registrierung, Anmeldung und Passwörter",
		me: "Ihr Konto: Einstellungen, Sitzungen, Passkeys, Zwei-Faktor-Anmeldung, API-Tokens, Export",
		profile: "Profil",
		pages: "Seiten, Links, Veröffentlichen und Versionen",
		domains: "Eigene Domains (Pro)",
		stats: "Statistiken",
		billing: "Tarife und Bezahlung",
		webhooks: "Von Stripe aufgerufen",
		"openapi.json": "Diese Referenz als OpenAPI",
	},
};
