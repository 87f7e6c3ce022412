/**
 * The public profile shown on every page: handle (the address), display name, bio, social
 * links (rows added and removed freely; each field takes what people type — `@name`, a URL, an
 * address — and shows the URL it will be stored as, by the server's own normaliser), the old
 * free-text imprint and privacy policy address, and the structured
 * Impressum (LegalForm, issue 18.5). The look — the pages' design and where the social icons
 * sit — is chosen in the editor's design panel (issue 19: one place, not a theme here and there).
 */
import {
	normaliseSocial,
	type Profile,
	patchProfileBody,
	SOCIAL_NETWORKS,
	type SocialNetwork,
} from "@smartpages/contracts";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Locale } from "../../i18n";
import { useAccount } from "../../lib/account";
import { api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { completeWebAddress } from "../../lib/typed-address";
import { useUnsavedWarning } from "../../lib/unsaved";
import { check } from "../../lib/validate";
import {
	Form,
	FormMessage,
	SelectField,
	SubmitButton,
	TextArea,
	TextField,
	useFormState,
} from "../ui/form";
import { LoadFailure, Loading } from "../ui/LoadFailure";
import { AvatarForm } from "./AvatarForm";
import { LegalForm } from "./LegalForm";

export default function ProfileIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<ProfileScreen />
		</I18n>
	);
}

function ProfileScreen() {
	const { locale } = useI18n();
	const account = useAccount(locale);
	if (account.status === "failed") {
		return <LoadFailure failure={account.failure} retry={account.retry} />;
	}
	if (account.status === "loading") return <Loading />;
	const { me, setMe } = account;
	return (
		<>
			<AvatarForm profile={me.profile} onChanged={(profile) => setMe({ ...me, profile })} />
			<ProfileForm profile={me.profile} />
			<LegalForm profile={me.profile} onChanged={(profile) => setMe({ ...me, profile })} />
		</>
	);
}

/** A social link row; `key` keeps rows apart while they are added and removed. */
interface SocialRow {
	key: number;
	network: SocialNetwork;
	url: string;
}

const MAX_SOCIALS = 20;

/** What the field of a network expects, as an example (the same in every language). */
function socialPlaceholder(network: SocialNetwork): string {
	if (network === "email") return "name@example.org";
	if (network === "whatsapp") return "+49 151 23456789";
	if (network === "mastodon") return "@name@mastodon.social";
	if (network === "website") return "example.org";
	return "@name";
}

/** The editable part of a profile, in the order the form sends it. */
function profileBody(profile: Profile) {
	return {
		handle: profile.handle,
		displayName: profile.displayName,
		bio: profile.bio,
		socials: profile.socials.map(({ network, url }) => ({ network, url })),
		imprint: profile.imprint,
		privacyUrl: profile.privacyUrl,
	};
}

function ProfileForm({ profile }: { profile: Profile }) {
	const { t } = useI18n();
	const form = useFormState();
	const [handle, setHandle] = useState(profile.handle);
	const [displayName, setDisplayName] = useState(profile.displayName);
	const [bio, setBio] = useState(profile.bio);
	// How pages look, and where the social icons sit, is chosen in the editor's design panel
	// (issue 19: one place); this form does not send them, so it cannot undo a choice made there.
	const [imprint, setImprint] = useState(profile.imprint);
	const [privacyUrl, setPrivacyUrl] = useState(profile.privacyUrl);
	const nextKey = useRef(profile.socials.length);
	const [socials, setSocials] = useState<SocialRow[]>(() =>
		profile.socials.map((s, key) => ({ key, ...s })),
	);
	const addButton = useRef<HTMLButtonElement>(null);
	const [focusRow, setFocusRow] = useState<number | null>(null);

	useEffect(() => {
		if (focusRow === null) return;
		document.getElementById(`social-network-${focusRow}`)?.focus();
		setFocusRow(null);
	}, [focusRow]);

	const addSocial = () => {
		const used = new Set(socials.map((s) => s.network));
		const network = SOCIAL_NETWORKS.find((n) => !used.has(n)) ?? "website";
		const key = nextKey.current++;
		setSocials([...socials, { key, network, url: "" }]);
		setFocusRow(key);
	};
	const removeSocial = (key: number) => {
		setSocials(socials.filter((s) => s.key !== key));
		requestAnimationFrame(() => addButton.current?.focus());
	};
	const changeSocial = (key: number, change: Partial<SocialRow>) =>
		setSocials(socials.map((s) => (s.key === key ? { ...s, ...change } : s)));

	const body = {
		handle: handle.trim().toLowerCase(),
		displayName,
		bio,
		// Sent as typed: the server normalises (`@name` → the profile URL) and answers what it stored.
		socials: socials.map(({ network, url }) => ({ network, url: url.trim() })),
		imprint,
		privacyUrl: completeWebAddress(privacyUrl),
	};
	// What was last saved (or loaded): the warning before leaving compares against it.
	const [saved, setSaved] = useState(() => JSON.stringify(profileBody(profile)));
	useUnsavedWarning(JSON.stringify(body) !== saved);
	// A new handle moves every published page at once: say so before the old links stop working.
	const [savedHandle, setSavedHandle] = useState(profile.handle);
	const moving = body.handle !== savedHandle;

	const submit = async () => {
		form.start();
		const checked = check(patchProfileBody, body);
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await api("PATCH /profile", { body: checked.data });
		if (!res.ok) return form.failed(res);
		const stored = res.data.profile;
		setHandle(stored.handle);
		setSavedHandle(stored.handle);
		setPrivacyUrl(stored.privacyUrl);
		setSocials(stored.socials.map((s) => ({ key: nextKey.current++, ...s })));
		setSaved(JSON.stringify(profileBody(stored)));
		form.done({ kind: "success", text: t.profile.saved });
	};

	return (
		<Form state={form} class="card" onSubmit={submit}>
			<FormMessage message={form.message} />
			<TextField
				id="handle"
				label={t.profile.handle}
				required
				autocapitalize="none"
				spellcheck={false}
				value={handle}
				onValue={setHandle}
				error={form.fields.handle}
				hint={moving ? t.profile.handleMoves(savedHandle) : t.profile.handleHint}
			/>
			<TextField
				id="displayName"
				label={t.profile.displayName}
				optional
				autocomplete="name"
				value={displayName}
				onValue={setDisplayName}
				error={form.fields.displayName}
			/>
			<TextArea
				id="bio"
				label={t.profile.bio}
				optional
				max={280}
				value={bio}
				onValue={setBio}
				error={form.fields.bio}
			/>
			<fieldset class="field">
				<legend>
					<strong>{t.profile.socials}</strong>
				</legend>
				<p class="hint">{t.profile.socialsHint}</p>
				{form.fields.socials ? <p class="field-error">{form.fields.socials}</p> : null}
				<div>
					{socials.map((row, index) => (
						<fieldset key={row.key} class="social-row">
							<legend class="visually-hidden">{t.profile.socialsRow(index + 1)}</legend>
							<SelectField
								id={`social-network-${row.key}`}
								label={t.profile.network}
								value={row.network}
								options={SOCIAL_NETWORKS.map((value) => ({
									value,
									label: t.profile.networks[value],
								}))}
								onValue={(network) => changeSocial(row.key, { network })}
								error={form.fields[`socials.${index}.network`]}
							/>
							<TextField
								id={`social-url-${row.key}`}
								label={t.profile.url}
								autocapitalize="none"
								autocomplete="off"
								spellcheck={false}
								placeholder={socialPlaceholder(row.network)}
								value={row.url}
								onValue={(url) => changeSocial(row.key, { url })}
								error={form.fields[`socials.${index}.url`]}
								hint={savedAs(row, t.profile.savedAs)}
							/>
							<button
								type="button"
								class="button button-quiet"
								aria-label={t.profile.removeSocial(index + 1, t.profile.networks[row.network])}
								onClick={() => removeSocial(row.key)}
							>
								{t.common.delete}
							</button>
						</fieldset>
					))}
				</div>
				{socials.length > 0 ? <p class="hint">{t.workspace.profileHint}</p> : null}
				{socials.length < MAX_SOCIALS ? (
					<button
						type="button"
						ref={addButton}
						class="button button-secondary button-small"
						onClick={addSocial}
					>
						{t.profile.addSocial}
					</button>
				) : null}
			</fieldset>
			<TextArea
				id="imprint"
				label={t.profile.imprint}
				optional
				max={2000}
				rows={5}
				value={imprint}
				onValue={setImprint}
				error={form.fields.imprint}
				hint={t.profile.imprintHint}
			/>
			<TextField
				id="privacyUrl"
				type="url"
				inputMode="url"
				label={t.profile.privacyUrl}
				optional
				autocapitalize="none"
				spellcheck={false}
				placeholder="https://"
				value={privacyUrl}
				onValue={setPrivacyUrl}
				error={form.fields.privacyUrl}
				hint={t.profile.privacyHint}
			/>
			<SubmitButton busy={form.busy} label={t.profile.submit} busyLabel={t.common.saving} />
		</Form>
	);
}

/** "Saved as https://instagram.com/anna" while the typed value normalises to another URL. */
function savedAs(row: SocialRow, text: (url: string) => string): string | undefined {
	if (row.url.trim() === "") return undefined;
	const result = normaliseSocial(row.network, row.url);
	return result.ok && result.url !== row.url.trim() ? text(result.url) : undefined;
}
