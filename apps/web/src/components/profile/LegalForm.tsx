/**
 * The structured Impressum (`profile.legal`, issue 18.5): the fields § 5 DDG asks for, saved on
 * their own (`PATCH /profile {legal}`) so the rest of the profile form is not sent with them, and
 * removable (`legal: null`). With it every published page links generated Impressum and privacy
 * pages, which replace the free-text imprint and privacy address above. Its texts live here,
 * not in the shared dictionaries: nothing else uses them.
 */
import { type LegalResource, type Profile, patchProfileBody } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";

type Field = keyof LegalResource;
const FIELDS: { name: Field; optional?: boolean; autocomplete?: string; type?: string }[] = [
	{ name: "name", autocomplete: "name" },
	{ name: "street", autocomplete: "street-address" },
	{ name: "postalCode", autocomplete: "postal-code" },
	{ name: "city", autocomplete: "address-level2" },
	{ name: "country", autocomplete: "country" },
	{ name: "email", autocomplete: "email", type: "email" },
	{ name: "phone", optional: true, autocomplete: "tel", type: "tel" },
	{ name: "vatId", optional: true },
	{ name: "register", optional: true },
	{ name: "registerCourt", optional: true },
	{ name: "responsible", optional: true },
];

const TEXT = {
	de: {
		heading: "Impressum und Datenschutzerklärung",
		intro:
			"Mit diesen Angaben erzeugt SmartPages für Ihre Seiten ein Impressum nach § 5 DDG und eine Datenschutzerklärung, die genau beschreibt, was Ihre Seiten verarbeiten: keine Cookies, eine anonyme Besucherstatistik, die Auslieferung über Cloudflare. Beide sind auf Deutsch und Englisch unter /impressum, /datenschutz, /imprint und /privacy erreichbar und im Fuß jeder Seite verlinkt. Sie ersetzen dort den Impressum-Text und die Datenschutz-Adresse oben.",
		labels: {
			name: "Name oder Firma",
			street: "Straße und Hausnummer",
			postalCode: "Postleitzahl",
			city: "Ort",
			country: "Land (Ländercode)",
			email: "E-Mail-Adresse",
			phone: "Telefon",
			vatId: "Umsatzsteuer-ID",
			register: "Registernummer",
			registerCourt: "Registergericht",
			responsible: "Verantwortlich nach § 18 Abs. 2 MStV",
		} satisfies Record<Field, string>,
		hints: {
			country: "Zwei Buchstaben, z. B. DE, AT oder CH.",
			register: "Falls eingetragen, z. B. HRB 12345.",
			responsible: "Nur bei journalistisch-redaktionellen Inhalten: Name und Anschrift.",
		} as Partial<Record<Field, string>>,
		submit: "Angaben speichern",
		saved:
			"Gespeichert. Ihre veröffentlichten Seiten verlinken jetzt Impressum und Datenschutzerklärung.",
		remove: "Angaben entfernen",
		removed:
			"Entfernt. Ihre Seiten zeigen wieder den Impressum-Text und die Datenschutz-Adresse oben.",
	},
	en: {
		heading: "Imprint and privacy policy",
		intro:
			"From these details SmartPages generates an imprint (Impressum, § 5 DDG) and a privacy policy that states exactly what your pages process: no cookies, anonymous visitor statistics, delivery through Cloudflare. Both are available in German and English at /impressum, /datenschutz, /imprint and /privacy and linked in the footer of every page, where they replace the imprint text and privacy address above.",
		labels: {
			name: "Name or company",
			street: "Street and number",
			postalCode: "Postal code",
			city: "City",
			country: "Country (country code)",
			email: "E-mail address",
			phone: "Phone",
			vatId: "VAT ID",
			register: "Registration number",
			registerCourt: "Register court",
			responsible: "Responsible under § 18 (2) MStV",
		} satisfies Record<Field, string>,
		hints: {
			country: "Two letters, e.g. DE, AT or GB.",
			register: "If registered, e.g. HRB 12345.",
			responsible: "Only for journalistic or editorial content: name and address.",
		} as Partial<Record<Field, string>>,
		submit: "Save details",
		saved: "Saved. Your published pages now link the imprint and privacy policy.",
		remove: "Remove details",
		removed: "Removed. Your pages show the imprint text and privacy address above again.",
	},
};

function fromProfile(legal: LegalResource | undefined): Record<Field, string> {
	return Object.fromEntries(
		FIELDS.map(({ name }) => [name, legal?.[name] ?? (name === "country" ? "DE" : "")]),
	) as Record<Field, string>;
}

export function LegalForm({
	profile,
	onChanged,
}: {
	profile: Profile;
	onChanged: (profile: Profile) => void;
}) {
	const { locale } = useI18n();
	const text = TEXT[locale];
	const form = useFormState();
	const [values, setValues] = useState(() => fromProfile(profile.legal));
	const [removing, setRemoving] = useState(false);

	const save = async (legal: Record<Field, string> | null) => {
		form.start();
		const checked = check(patchProfileBody, { legal });
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await api("PATCH /profile", { body: checked.data });
		if (!res.ok) return form.failed(res);
		setValues(fromProfile(res.data.profile.legal));
		onChanged(res.data.profile);
		form.done({ kind: "success", text: legal ? text.saved : text.removed });
	};

	return (
		<Form state={form} class="card" onSubmit={() => save(values)}>
			<h2>{text.heading}</h2>
			<p class="hint">{text.intro}</p>
			<FormMessage message={form.message} />
			{FIELDS.map(({ name, optional, autocomplete, type }) => (
				<TextField
					key={name}
					id={`legal-${name}`}
					label={text.labels[name]}
					optional={optional}
					required={!optional}
					autocomplete={autocomplete}
					type={type}
					value={values[name]}
					onValue={(value) => setValues({ ...values, [name]: value })}
					error={form.fields[`legal.${name}`]}
					hint={text.hints[name]}
				/>
			))}
			<SubmitButton busy={form.busy && !removing} label={text.submit} busyLabel={text.submit} />
			{profile.legal ? (
				<button
					type="button"
					class="button button-quiet"
					disabled={form.busy}
					onClick={async () => {
						setRemoving(true);
						await save(null);
						setRemoving(false);
					}}
				>
					{text.remove}
				</button>
			) : null}
		</Form>
	);
}
