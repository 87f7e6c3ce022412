/**
 * German texts of the statistics screen and of the link clicks in the editor (issue 17), in the
 * formal "Sie", typed against the English module.
 */
import type { statsEn } from "./stats-en";

const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);

export const statsDe: typeof statsEn = {
	nav: "Statistik",
	title: "Statistik",
	heading: "Statistik",
	intro: "So laufen Ihre Seiten: Besuche, Klicks und woher Ihre Besucher kommen.",
	pageLabel: "Seite",
	allPages: "Alle Seiten",
	rangeLabel: "Zeitraum",
	ranges: { "7": "7 Tage", "30": "30 Tage", "90": "90 Tage", all: "Gesamt" },
	rangeDays: (from: string, to: string) => (from === to ? from : `${from} – ${to}`),
	totalsHeading: "Gesamtzahlen",
	views: "Aufrufe",
	clicks: "Klicks",
	ctr: "Klickrate",
	comparedWith: (days: number) =>
		`im Vergleich zu den ${plural(days, "vorherigen Tag", `vorherigen ${days} Tagen`)}`,
	changeNew: "neu",
	changeSame: "±0 %",
	changeUpLabel: (percent: string) => `plus ${percent}`,
	changeDownLabel: (percent: string) => `minus ${percent}`,
	changeNewLabel: "im vorherigen Zeitraum keine",
	points: (value: string) => `${value} Pkt.`,
	noComparisonPlan: (days: number) =>
		`Ihr Tarif reicht ${days} Tage zurück, daher gibt es keinen vorherigen Zeitraum zum Vergleich.`,
	chartHeading: {
		day: "Aufrufe und Klicks pro Tag",
		week: "Aufrufe und Klicks pro Woche",
		month: "Aufrufe und Klicks pro Monat",
	},
	chartSummary: (period: string, views: string, clicks: string, peak: string) =>
		`Diagramm der Aufrufe und Klicks, ${period}: insgesamt ${views} Aufrufe und ${clicks} Klicks.${peak}`,
	chartPeak: (label: string, views: string) => ` Die meisten Aufrufe: ${label} (${views}).`,
	chartTable: "Zahlen als Tabelle anzeigen",
	bucket: { day: "Tag", week: "Woche ab", month: "Monat" },
	linksHeading: "Meistgeklickte Links",
	link: "Link",
	deletedLink: "Gelöschter Link",
	linkCtr: "Klickrate",
	noClicks: "In diesem Zeitraum wurde kein Link geklickt.",
	referrersHeading: "Woher Ihre Besucher kommen",
	source: "Quelle",
	direct: "Direkt oder unbekannt",
	share: "Anteil",
	countriesHeading: "Länder",
	country: "Land",
	unknownCountry: "Unbekannt",
	devicesHeading: "Geräte",
	device: "Gerät",
	devices: { mobile: "Smartphone", tablet: "Tablet", desktop: "Computer" },
	noViews: "In diesem Zeitraum gab es keine Besuche.",
	emptyHeading: "In diesem Zeitraum wurden keine Besuche gezählt",
	emptyIntro:
		"Sobald jemand Ihre veröffentlichte Seite öffnet, sehen Sie hier, wie viele Besucher kamen, welche Links sie geklickt haben und woher sie kamen.",
	emptyNoPage:
		"Veröffentlichen Sie eine Seite und teilen Sie ihre Adresse, um erste Besucher zu bekommen.",
	howHeading: "So zählt SmartPages",
	how: [
		"Keine Cookies und kein Cookie-Banner: Im Browser Ihrer Besucher wird nichts gespeichert.",
		"Kein JavaScript auf Ihrer Seite: Ein Klick wird gezählt, wenn jemand einem Link folgt.",
		"Keine IP-Adressen und keine personenbezogenen Daten – gespeichert werden nur Tag, Seite, die Website, von der jemand kam, das Land und die Art des Geräts.",
		"Bots und Suchmaschinen-Crawler werden nicht mitgezählt.",
		"Besuche und Klicks erscheinen hier innerhalb einer Minute.",
	],
	privacyNote:
		"Gezählt ohne Cookies, ohne JavaScript und ohne Speicherung von IP-Adressen. Bots werden nicht mitgezählt.",
	exportHeading: "Herunterladen",
	export: "Als CSV herunterladen",
	exportHint: "Alle Seiten, eine Zeile pro Tag und Quelle – für Tabellenkalkulationen.",
	lockedHeading: "Längere Zeiträume mit Pro",
	planReach: (days: number) => `Ihr Tarif zeigt die Statistik der letzten ${days} Tage.`,
	limitDays: (plan: string, days: number) =>
		`Ihr Tarif ${plan} zeigt die Statistik der letzten ${days} Tage. Mit Pro sehen Sie Ihre gesamte Historie und können sie als CSV herunterladen.`,
	limitExport: (plan: string) =>
		`Der Download der Statistik ist in Ihrem Tarif ${plan} nicht enthalten.`,
	editorLink: "Statistik dieser Seite",
	linkClicks: (count: string, days: number) =>
		`${count} ${count === "1" ? "Klick" : "Klicks"} · ${days} Tage`,
};
