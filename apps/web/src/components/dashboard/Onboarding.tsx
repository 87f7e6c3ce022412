/**
 * The first-run path on the dashboard home (issue 19 item 6), shown while the account has no
 * page: choose a starter by creator type, give a name, an address and (optionally) a picture,
 * and get a page with the starter's theme, a header and example links in the account's language
 * (lib/onboarding.ts decides what is written). Then the editor opens, where the links are made
 * the customer's own and the page is published. Each request's failure is shown at its field or
 * next to the button; a half-applied starter is harmless (the page then simply exists).
 */
import {
	CREATOR_TYPES,
	type CreatorType,
	type Page,
	type Profile,
	patchProfileBody,
} from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { starterPlan } from "../../lib/onboarding";
import { check } from "../../lib/validate";
import { Field, Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";

const MAX_AVATAR = 2 * 1024 * 1024;

export function Onboarding({
	profile,
	onCreated,
}: {
	profile: Profile | null;
	onCreated: (page: Page) => void;
}) {
	const { t, locale } = useI18n();
	const o = t.onboarding;
	const form = useFormState();
	const [type, setType] = useState<CreatorType>("artist");
	const [displayName, setDisplayName] = useState(profile?.displayName ?? "");
	const [handle, setHandle] = useState(profile?.handle ?? "");
	const [avatar, setAvatar] = useState<File | null>(null);
	const [avatarError, setAvatarError] = useState<string | undefined>(undefined);

	const submit = async () => {
		form.start();
		const plan = starterPlan(type, locale, { displayName, handle });
		const checked = check(patchProfileBody, plan.profile);
		if (!checked.ok) return form.invalid(checked.fields);
		const saved = await api("PATCH /profile", { body: checked.data });
		if (!saved.ok) return form.failed(saved);
		if (avatar) {
			const uploaded = await api("PUT /profile/avatar", { body: avatar, contentType: avatar.type });
			if (!uploaded.ok) return form.failed(uploaded);
		}
		const created = await api("POST /pages", { body: plan.page });
		if (!created.ok) return form.failed(created);
		const id = created.data.page.id;
		await api("PATCH /pages/:id", { params: { id }, body: { theme: plan.theme } });
		for (const item of plan.items) {
			const added = await api("POST /pages/:id/links", { params: { id }, body: item });
			if (!added.ok) break;
		}
		form.done({ kind: "success", text: o.created });
		onCreated(created.data.page);
	};

	const chooseAvatar = (file: File | null) => {
		setAvatar(null);
		setAvatarError(undefined);
		if (!file) return;
		if (!/^image\/(png|jpeg|webp|gif)$/.test(file.type) || file.size > MAX_AVATAR) {
			setAvatarError(o.avatarInvalid);
			return;
		}
		setAvatar(file);
	};

	return (
		<section class="card onboarding" aria-labelledby="onboarding-heading">
			<h2 id="onboarding-heading">{o.heading}</h2>
			<p>{o.intro}</p>
			<Form state={form} onSubmit={submit}>
				<fieldset class="starter-types">
					<legend>{o.typeLegend}</legend>
					<div class="starter-grid">
						{CREATOR_TYPES.map((id) => (
							<label key={id} class="starter-option" data-type={id}>
								<input
									type="radio"
									name="creator-type"
									value={id}
									checked={type === id}
									onChange={() => setType(id)}
								/>
								<span class="starter-name">{o.types[id].name}</span>
								<span class="starter-hint">{o.types[id].hint}</span>
							</label>
						))}
					</div>
				</fieldset>
				<fieldset>
					<legend>{o.aboutLegend}</legend>
					<TextField
						id="onboarding-name"
						name="displayName"
						label={o.displayName}
						maxLength={60}
						autocomplete="name"
						value={displayName}
						onValue={setDisplayName}
						error={form.fields.displayName}
					/>
					<TextField
						id="onboarding-handle"
						name="handle"
						label={o.handle}
						autocapitalize="none"
						spellcheck={false}
						maxLength={30}
						value={handle}
						onValue={setHandle}
						error={form.fields.handle}
						hint={o.handleHint("anna-berg")}
					/>
					<Field
						id="onboarding-avatar"
						label={o.avatar}
						optional
						hint={o.avatarHint}
						error={avatarError}
					>
						{(a11y) => (
							<input
								{...a11y}
								type="file"
								accept="image/png,image/jpeg,image/webp,image/gif"
								onChange={(e) => chooseAvatar(e.currentTarget.files?.[0] ?? null)}
							/>
						)}
					</Field>
				</fieldset>
				<FormMessage message={form.message} />
				<SubmitButton busy={form.busy} label={o.submit} busyLabel={o.submitting} />
			</Form>
		</section>
	);
}
