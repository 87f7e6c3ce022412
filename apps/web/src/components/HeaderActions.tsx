/**
 * The header's actions. Signed out: a link to this screen in the other language (it works before
 * any script runs: "?lang=" makes the head script remember the choice). Signed in: a button that
 * changes the account's language, which also sets the language of its e-mails; and logging out.
 */
import { useEffect, useState } from "preact/hooks";
import { dictionary, type Locale, localePath, rememberLocale, screenPath } from "../i18n";
import { api } from "../lib/api";
import { failureText } from "../lib/messages";
import { useHydrated } from "./ui/form";
import { showToast } from "./ui/toast";

interface Props {
	locale: Locale;
	signedIn: boolean;
	/** Screen path of this page (without language prefix), for the server render of the link. */
	path: string;
}

/** This screen in another language, keeping query and fragment. */
function otherLanguageUrl(locale: Locale, withChoice: boolean): string {
	const { pathname, search, hash } = window.location;
	const params = new URLSearchParams(search);
	if (withChoice) params.set("lang", locale);
	const query = params.toString();
	return `${localePath(locale, screenPath(pathname))}${query ? `?${query}` : ""}${hash}`;
}

export default function HeaderActions({ locale, signedIn, path }: Props) {
	const t = dictionary(locale);
	const other: Locale = locale === "de" ? "en" : "de";
	const otherName = dictionary(other).meta.languageName;
	const hydrated = useHydrated();
	const [busy, setBusy] = useState(false);
	// The server render cannot know the query; once running, the link keeps it.
	const [href, setHref] = useState(`${localePath(other, path)}?lang=${other}`);
	useEffect(() => setHref(otherLanguageUrl(other, true)), [other]);

	const switchAccountLanguage = async () => {
		if (busy) return;
		setBusy(true);
		const res = await api("PATCH /me", { body: { locale: other } });
		setBusy(false);
		// A toast: the header (on a phone, its closed menu) is no place to read an error.
		if (!res.ok) return void showToast(failureText(t, res), "error", t.ux.toast.dismiss);
		rememberLocale(other);
		window.location.assign(otherLanguageUrl(other, false));
	};

	const logout = async () => {
		if (busy) return;
		setBusy(true);
		const res = await api("POST /auth/logout");
		setBusy(false);
		if (!res.ok) return void showToast(failureText(t, res), "error", t.ux.toast.dismiss);
		window.location.assign(`${localePath(locale, "/login")}?notice=logged-out`);
	};

	return (
		<div class="header-actions">
			{signedIn ? (
				<>
					<button
						type="button"
						class="button button-quiet button-small"
						lang={other}
						disabled={!hydrated}
						aria-disabled={busy ? "true" : undefined}
						onClick={switchAccountLanguage}
					>
						{otherName}
					</button>
					<button
						type="button"
						class="button button-secondary button-small"
						disabled={!hydrated}
						aria-disabled={busy ? "true" : undefined}
						onClick={logout}
					>
						{t.common.logout}
					</button>
				</>
			) : (
				<a href={href} hreflang={other} lang={other} class="language-switch">
					{otherName}
				</a>
			)}
		</div>
	);
}
