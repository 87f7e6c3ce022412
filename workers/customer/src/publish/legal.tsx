/**
 * The legal pages generated from `profile.legal` (issue 18.5): /impressum and /datenschutz in
 * German, /imprint and /privacy in English, each a static document in the site's design (the
 * home page's stylesheet), no JavaScript, escaped by Hono's JSX like every page. The privacy
 * notice describes what this system really does on a published site — no cookies, no scripts,
 * the anonymous statistics of issue 17 (contracts/stats.ts, the Domain Worker's stats.ts), the
 * delivery through Cloudflare — and names the customer as the controller. Change it whenever
 * what a published page processes changes. Also the footer links every page shows while the
 * profile has `legal`.
 */
/** @jsxImportSource hono/jsx */
import {
	LEGAL_PATHS,
	type LegalPath,
	type LegalResource,
	type Locale,
} from "@smartpages/contracts";
import type { Child } from "hono/jsx";
import { cspHash } from "./render";

/** Extra rules for the legal pages, appended to the site's stylesheet. */
export const LEGAL_CSS =
	".legal{text-align:left}.legal h1{margin-bottom:1.5rem}.legal h2{font-size:1.1rem;margin:1.75rem 0 .5rem}.legal p,.legal li{margin:0 0 .75rem}.legal a{color:var(--accent)}.legal address{font-style:normal}";

const TITLES = {
	de: { imprint: "Impressum", privacy: "Datenschutzerklärung", back: "Zur Startseite" },
	en: { imprint: "Imprint", privacy: "Privacy policy", back: "Back to the home page" },
} as const;

/** The footer links to the site's legal pages in the page's language (relative: any host). */
export function LegalLinks({ lang }: { lang: Locale }) {
	const t = TITLES[lang];
	const paths = LEGAL_PATHS[lang];
	return (
		<p class="legal-links">
			<a href={`/${paths.imprint}`}>{t.imprint}</a> · <a href={`/${paths.privacy}`}>{t.privacy}</a>
		</p>
	);
}

export interface LegalPageInput {
	legal: LegalResource;
	/** Shown in the way back to the home page ("← Anna Beispiel"). */
	siteName: string;
	/** The site's stylesheet (the home page's design), without LEGAL_CSS. */
	css: string;
}

export interface RenderedLegalPage {
	path: LegalPath;
	html: string;
	/** CSP source of the page's one inline stylesheet. */
	styleHash: string;
}

function countryName(code: string, lang: Locale): string {
	try {
		return new Intl.DisplayNames([lang], { type: "region" }).of(code) ?? code;
	} catch {
		return code;
	}
}

function Address({ legal, lang }: { legal: LegalResource; lang: Locale }) {
	return (
		<address>
			{legal.name}
			<br />
			{legal.street}
			<br />
			{legal.postalCode} {legal.city}
			<br />
			{countryName(legal.country, lang)}
		</address>
	);
}

function Contact({ legal, lang }: { legal: LegalResource; lang: Locale }) {
	const de = lang === "de";
	return (
		<p>
			{de ? "E-Mail" : "E-mail"}: <a href={`mailto:${legal.email}`}>{legal.email}</a>
			{legal.phone ? (
				<>
					<br />
					{de ? "Telefon" : "Phone"}:{" "}
					<a href={`tel:${legal.phone.replace(/[^0-9+]/g, "")}`}>{legal.phone}</a>
				</>
			) : null}
		</p>
	);
}

function Imprint({ legal, lang }: { legal: LegalResource; lang: Locale }) {
	if (lang === "de") {
		return (
			<>
				<h2>Angaben gemäß § 5 DDG</h2>
				<Address legal={legal} lang={lang} />
				<h2>Kontakt</h2>
				<Contact legal={legal} lang={lang} />
				{legal.register ? (
					<>
						<h2>Registereintrag</h2>
						<p>
							Registergericht: {legal.registerCourt}
							<br />
							Registernummer: {legal.register}
						</p>
					</>
				) : null}
				{legal.vatId ? (
					<>
						<h2>Umsatzsteuer-ID</h2>
						<p>Umsatzsteuer-Identifikationsnummer gemäß § 27a Umsatzsteuergesetz: {legal.vatId}</p>
					</>
				) : null}
				{legal.responsible ? (
					<>
						<h2>Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV</h2>
						<p>{legal.responsible}</p>
					</>
				) : null}
			</>
		);
	}
	return (
		<>
			<h2>Information pursuant to § 5 DDG (German Digital Services Act)</h2>
			<Address legal={legal} lang={lang} />
			<h2>Contact</h2>
			<Contact legal={legal} lang={lang} />
			{legal.register ? (
				<>
					<h2>Register entry</h2>
					<p>
						Register court: {legal.registerCourt}
						<br />
						Registration number: {legal.register}
					</p>
				</>
			) : null}
			{legal.vatId ? (
				<>
					<h2>VAT ID</h2>
					<p>VAT identification number pursuant to § 27a of the German VAT Act: {legal.vatId}</p>
				</>
			) : null}
			{legal.responsible ? (
				<>
					<h2>Responsible for the content pursuant to § 18 (2) MStV</h2>
					<p>{legal.responsible}</p>
				</>
			) : null}
		</>
	);
}

const CLOUDFLARE = "Cloudflare, Inc., 101 Townsend St., San Francisco, CA 94107, USA";

function Privacy({ legal, lang }: { legal: LegalResource; lang: Locale }) {
	if (lang === "de") {
		return (
			<>
				<h2>Verantwortlicher</h2>
				<p>Verantwortlich für die Verarbeitung personenbezogener Daten auf dieser Website ist:</p>
				<Address legal={legal} lang={lang} />
				<Contact legal={legal} lang={lang} />
				<h2>Keine Cookies, kein Tracking</h2>
				<p>
					Diese Website setzt keine Cookies, speichert nichts auf Ihrem Gerät, enthält kein
					JavaScript und lädt keine Inhalte von Dritten nach (keine Schriftarten, Skripte, Videos
					oder Zählpixel). Es findet kein seitenübergreifendes Tracking statt.
				</p>
				<h2>Hosting und Auslieferung</h2>
				<p>
					Diese Website wird mit SmartPages betrieben. Die Seiten werden über das Netzwerk von{" "}
					{CLOUDFLARE}, ausgeliefert, die dabei als Auftragsverarbeiter tätig ist (Art. 28 DSGVO).
					Um eine Seite auszuliefern und vor Angriffen zu schützen, verarbeitet Cloudflare technisch
					notwendig Ihre IP-Adresse und die Angaben, die Ihr Browser mitsendet. Wir speichern diese
					Angaben nicht. Rechtsgrundlage ist unser berechtigtes Interesse an einer sicheren und
					schnellen Auslieferung (Art. 6 Abs. 1 lit. f DSGVO). Soweit dabei Daten in die USA
					übermittelt werden, stützt sich dies auf das EU-US Data Privacy Framework bzw. die
					EU-Standardvertragsklauseln.
				</p>
				<h2>Anonyme Besucherstatistik</h2>
				<p>
					Damit wir wissen, wie oft diese Seite besucht und welche Links angeklickt werden, wird bei
					jedem Seitenaufruf und jedem Klick auf einen Link dieser Seite ein Zählereignis
					gespeichert. Es enthält nur: die aufgerufene Seite bzw. den angeklickten Link, den
					Zeitpunkt, den Domainnamen der Seite, von der Sie kamen (etwa „instagram.com“, ohne Pfad),
					das Land, aus dem der Aufruf kam, und die Geräteklasse (Smartphone, Tablet oder Desktop).
					Nicht gespeichert werden Ihre IP-Adresse, die vollständige Kennung Ihres Browsers
					(User-Agent), Cookies oder andere Kennungen. Einzelne Besucher lassen sich damit weder
					wiedererkennen noch über mehrere Seiten verfolgen. Aufrufe bekannter Bots werden nicht
					gezählt. Die einzelnen Zählereignisse werden nach spätestens drei Monaten gelöscht; danach
					bleiben nur Tagessummen. Rechtsgrundlage ist unser berechtigtes Interesse an einer
					Reichweitenmessung ohne Eingriff in Ihre Privatsphäre (Art. 6 Abs. 1 lit. f DSGVO).
				</p>
				<h2>Links zu anderen Websites</h2>
				<p>
					Die Links auf dieser Seite führen zu Angeboten Dritter, etwa sozialen Netzwerken. Ein
					Klick auf einen Link in der Linkliste wird zunächst über diese Website weitergeleitet und
					dabei wie oben beschrieben gezählt; die Symbole der sozialen Netzwerke führen direkt
					dorthin. Sobald Sie diese Website verlassen, gilt die Datenschutzerklärung des jeweiligen
					Anbieters.
				</p>
				<h2>Kontakt per E-Mail oder Telefon</h2>
				<p>
					Wenn Sie uns schreiben oder anrufen, verarbeiten wir Ihre Angaben nur, um Ihre Anfrage zu
					beantworten (Art. 6 Abs. 1 lit. b bzw. f DSGVO), und löschen sie, wenn sie dafür nicht
					mehr gebraucht werden und keine Aufbewahrungspflicht besteht.
				</p>
				<h2>Ihre Rechte</h2>
				<p>
					Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der
					Verarbeitung, auf Datenübertragbarkeit und auf Widerspruch gegen eine Verarbeitung auf
					Grundlage berechtigter Interessen (Art. 15–21 DSGVO), sowie das Recht, sich bei einer
					Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO). Die Besucherstatistik enthält
					keine Angaben, die sich Ihnen zuordnen lassen (Art. 11 DSGVO). Schreiben Sie uns dazu an{" "}
					<a href={`mailto:${legal.email}`}>{legal.email}</a>.
				</p>
			</>
		);
	}
	return (
		<>
			<h2>Controller</h2>
			<p>The controller responsible for processing personal data on this website is:</p>
			<Address legal={legal} lang={lang} />
			<Contact legal={legal} lang={lang} />
			<h2>No cookies, no tracking</h2>
			<p>
				This website sets no cookies, stores nothing on your device, contains no JavaScript and
				loads nothing from third parties (no fonts, scripts, videos or tracking pixels). There is no
				tracking across websites.
			</p>
			<h2>Hosting and delivery</h2>
			<p>
				This website runs on SmartPages. Its pages are delivered through the network of {CLOUDFLARE}
				, acting as our processor (Art. 28 GDPR). To deliver a page and protect it against attacks,
				Cloudflare necessarily processes your IP address and the information your browser sends. We
				do not store this information. The legal basis is our legitimate interest in secure and fast
				delivery (Art. 6(1)(f) GDPR). Where data is transferred to the USA in the process, this
				relies on the EU-US Data Privacy Framework or the EU standard contractual clauses.
			</p>
			<h2>Anonymous visitor statistics</h2>
			<p>
				So that we know how often this page is visited and which links are clicked, every page view
				and every click on a link of this page records one counting event. It holds only: the page
				viewed or the link clicked, the time, the domain name of the page you came from (such as
				“instagram.com”, without the path), the country the visit came from and the device class
				(phone, tablet or desktop). Your IP address, your browser's full identification (user
				agent), cookies or any other identifiers are not stored. Individual visitors can neither be
				recognised nor followed across pages. Visits by known bots are not counted. The single
				events are deleted after three months at the latest; only daily totals remain. The legal
				basis is our legitimate interest in measuring reach without intruding on your privacy (Art.
				6(1)(f) GDPR).
			</p>
			<h2>Links to other websites</h2>
			<p>
				The links on this page lead to third-party services such as social networks. A click on a
				link in the list of links passes through this website first and is counted as described
				above; the social network icons lead there directly. Once you leave this website, the
				privacy policy of the respective provider applies.
			</p>
			<h2>Contact by e-mail or phone</h2>
			<p>
				If you write to us or call us, we process your details only to answer your request (Art.
				6(1)(b) or (f) GDPR) and delete them once they are no longer needed for it and no retention
				obligation applies.
			</p>
			<h2>Your rights</h2>
			<p>
				You have the right of access, rectification, erasure and restriction of processing, to data
				portability and to object to processing based on legitimate interests (Art. 15–21 GDPR), and
				the right to lodge a complaint with a data protection supervisory authority (Art. 77 GDPR).
				The visitor statistics hold nothing that could be linked to you (Art. 11 GDPR). To exercise
				your rights, write to <a href={`mailto:${legal.email}`}>{legal.email}</a>.
			</p>
		</>
	);
}

// Each page: its language, its title's key, the body, and the same page in the other language.
const PAGES: { path: LegalPath; lang: Locale; kind: "imprint" | "privacy"; other: LegalPath }[] = [
	{ path: "impressum", lang: "de", kind: "imprint", other: "imprint" },
	{ path: "datenschutz", lang: "de", kind: "privacy", other: "privacy" },
	{ path: "imprint", lang: "en", kind: "imprint", other: "impressum" },
	{ path: "privacy", lang: "en", kind: "privacy", other: "datenschutz" },
];

function LegalDocument({
	input,
	css,
	page,
}: {
	input: LegalPageInput;
	css: string;
	page: (typeof PAGES)[number];
}) {
	const t = TITLES[page.lang];
	const title = `${t[page.kind]} · ${input.siteName}`;
	const body: Child =
		page.kind === "imprint" ? (
			<Imprint legal={input.legal} lang={page.lang} />
		) : (
			<Privacy legal={input.legal} lang={page.lang} />
		);
	return (
		<html lang={page.lang}>
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width,initial-scale=1" />
				<title>{title}</title>
				<meta name="description" content={title} />
				<link rel="alternate" hreflang={page.lang === "de" ? "en" : "de"} href={`/${page.other}`} />
				<link rel="icon" href="data:," />
				<style dangerouslySetInnerHTML={{ __html: css }} />
			</head>
			<body>
				<main class="legal">
					<p>
						<a href="/">
							← {t.back}: {input.siteName}
						</a>
					</p>
					<h1>{t[page.kind]}</h1>
					{body}
					<p lang={page.lang === "de" ? "en" : "de"}>
						<a href={`/${page.other}`} hreflang={page.lang === "de" ? "en" : "de"}>
							{page.lang === "de" ? "English version" : "Deutsche Fassung"}
						</a>
					</p>
				</main>
				<footer>
					<LegalLinks lang={page.lang} />
				</footer>
			</body>
		</html>
	);
}

/** The four legal pages of a site, rendered with the site's stylesheet. */
export async function renderLegalPages(input: LegalPageInput): Promise<RenderedLegalPage[]> {
	const css = input.css + LEGAL_CSS;
	const styleHash = await cspHash(css);
	return Promise.all(
		PAGES.map(async (page) => ({
			path: page.path,
			html: `<!doctype html>${await (<LegalDocument input={input} css={css} page={page} />).toString()}`,
			styleHash,
		})),
	);
}
