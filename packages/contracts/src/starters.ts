/**
 * Starter templates by creator type (issue 19 item 6): what a new account's first page starts
 * with — a theme (and so its design preset), a page title, a short bio, a section header and a
 * few example links, one of them highlighted — in German and English. The dashboard's first-run
 * path applies one through the public API (profile, page, links); the demo seed uses one too, so
 * the demo shows what a customer would get. Example links point to example.com: the customer
 * replaces them with their own.
 */
import type { Theme } from "./schemas/profile";

export const CREATOR_TYPES = ["artist", "shop", "coach", "musician", "association"] as const;
export type CreatorType = (typeof CREATOR_TYPES)[number];

type Text = { de: string; en: string };

export interface StarterLink {
	title: Text;
	url: string;
	highlight?: boolean;
}

export interface Starter {
	theme: Theme;
	title: Text;
	bio: Text;
	/** A section header above the links. */
	header: Text;
	links: StarterLink[];
}

export const STARTERS: Record<CreatorType, Starter> = {
	artist: {
		theme: "mono",
		title: { de: "Portfolio & Ausstellungen", en: "Portfolio & exhibitions" },
		bio: {
			de: "Malerei und Druckgrafik. Atelier in Leipzig, Aufträge auf Anfrage.",
			en: "Painting and printmaking. Studio in Leipzig, commissions on request.",
		},
		header: { de: "Aktuell", en: "Now showing" },
		links: [
			{
				title: { de: "Neue Serie: Küstenlicht", en: "New series: Coastal Light" },
				url: "https://example.com/coastal-light",
				highlight: true,
			},
			{ title: { de: "Portfolio", en: "Portfolio" }, url: "https://example.com/portfolio" },
			{ title: { de: "Drucke kaufen", en: "Buy prints" }, url: "https://example.com/prints" },
			{
				title: { de: "Auftrag anfragen", en: "Request a commission" },
				url: "mailto:studio@example.com",
			},
		],
	},
	shop: {
		theme: "sunset",
		title: { de: "Unser Laden", en: "Our shop" },
		bio: {
			de: "Handgemachte Keramik aus kleiner Werkstatt – Versand in ganz Europa.",
			en: "Handmade ceramics from a small workshop – shipping across Europe.",
		},
		header: { de: "Jetzt entdecken", en: "Discover" },
		links: [
			{
				title: { de: "Neu im Shop: Herbstkollektion", en: "New in: the autumn collection" },
				url: "https://example.com/shop/autumn",
				highlight: true,
			},
			{
				title: { de: "Zum Onlineshop", en: "Visit the online shop" },
				url: "https://example.com/shop",
			},
			{
				title: { de: "Öffnungszeiten & Anfahrt", en: "Opening hours & directions" },
				url: "https://example.com/visit",
			},
			{
				title: { de: "Newsletter abonnieren", en: "Join the newsletter" },
				url: "https://example.com/newsletter",
			},
		],
	},
	coach: {
		theme: "ocean",
		title: { de: "Coaching & Termine", en: "Coaching & sessions" },
		bio: {
			de: "Ich begleite Menschen durch berufliche Veränderungen – online und in Hamburg.",
			en: "I help people through career changes – online and in Hamburg.",
		},
		header: { de: "Zusammenarbeiten", en: "Work with me" },
		links: [
			{
				title: { de: "Kostenloses Erstgespräch buchen", en: "Book a free intro call" },
				url: "https://example.com/book",
				highlight: true,
			},
			{
				title: { de: "Angebote & Preise", en: "Programmes & prices" },
				url: "https://example.com/offers",
			},
			{
				title: { de: "Stimmen von Klientinnen", en: "What clients say" },
				url: "https://example.com/testimonials",
			},
			{ title: { de: "E-Mail schreiben", en: "Send an e-mail" }, url: "mailto:hello@example.com" },
		],
	},
	musician: {
		theme: "dark",
		title: { de: "Musik & Konzerte", en: "Music & shows" },
		bio: {
			de: "Indie-Pop aus Köln. Neues Album „Nachtlichter“ überall, wo es Musik gibt.",
			en: "Indie pop from Cologne. New album “Night Lights” out everywhere now.",
		},
		header: { de: "Neu", en: "Out now" },
		links: [
			{
				title: {
					de: "Neues Album „Nachtlichter“ hören",
					en: "Listen to the new album “Night Lights”",
				},
				url: "https://example.com/album",
				highlight: true,
			},
			{
				title: { de: "Tour 2027: Tickets", en: "Tour 2027: tickets" },
				url: "https://example.com/tour",
			},
			{
				title: { de: "Musikvideo ansehen", en: "Watch the music video" },
				url: "https://example.com/video",
			},
			{ title: { de: "Merch-Shop", en: "Merch shop" }, url: "https://example.com/merch" },
			{
				title: { de: "Booking-Anfragen", en: "Booking enquiries" },
				url: "mailto:booking@example.com",
			},
		],
	},
	association: {
		theme: "forest",
		title: { de: "Unser Verein", en: "Our club" },
		bio: {
			de: "Gemeinnütziger Sportverein seit 1952 – Training für alle Altersgruppen.",
			en: "Community sports club since 1952 – training for every age group.",
		},
		header: { de: "Mitmachen", en: "Join in" },
		links: [
			{
				title: { de: "Probetraining vereinbaren", en: "Book a trial session" },
				url: "https://example.com/trial",
				highlight: true,
			},
			{
				title: { de: "Trainingszeiten", en: "Training times" },
				url: "https://example.com/schedule",
			},
			{ title: { de: "Mitglied werden", en: "Become a member" }, url: "https://example.com/join" },
			{ title: { de: "Spenden", en: "Donate" }, url: "https://example.com/donate" },
		],
	},
};
