/**
 * The screen's language for every component of an island: each island root wraps its tree in
 * <I18n locale=…>, and components read texts with useI18n() instead of passing them down.
 */
import { type ComponentChildren, createContext } from "preact";
import { useContext } from "preact/hooks";
import { type Dictionary, dictionary, type Locale } from "../i18n";

interface I18nValue {
	locale: Locale;
	t: Dictionary;
}

const I18nContext = createContext<I18nValue>({ locale: "en", t: dictionary("en") });

export function I18n({ locale, children }: { locale: Locale; children: ComponentChildren }) {
	return (
		<I18nContext.Provider value={{ locale, t: dictionary(locale) }}>
			{children}
		</I18nContext.Provider>
	);
}

export function useI18n(): I18nValue {
	return useContext(I18nContext);
}
