/**
 * Title, address and description of a page (PATCH /pages/:id). The theme is chosen in the design
 * section (DesignForm): sent from here it would reset a custom design to its preset (issue 18).
 */
import { type Page, patchPageBody } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import type { Enqueue } from "../../lib/queue";
import { useUnsavedWarning } from "../../lib/unsaved";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextArea, TextField, useFormState } from "../ui/form";

interface Props {
	page: Page;
	enqueue: Enqueue;
	onSaved: (page: Page) => void;
}

export function PageSettingsForm({ page, enqueue, onSaved }: Props) {
	const { t } = useI18n();
	const form = useFormState();
	const [title, setTitle] = useState(page.title);
	const [slug, setSlug] = useState(page.slug);
	const [description, setDescription] = useState(page.description);
	useUnsavedWarning(
		title !== page.title || slug.trim() !== page.slug || description !== page.description,
	);

	const submit = async () => {
		form.start();
		const checked = check(patchPageBody, { title, slug: slug.trim(), description });
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await enqueue(() =>
			api("PATCH /pages/:id", { params: { id: page.id }, body: checked.data }),
		);
		if (!res.ok) return form.failed(res);
		form.done({ kind: "success", text: t.editor.settings.saved });
		onSaved(res.data.page);
	};

	return (
		<section class="card" aria-labelledby="settings-heading">
			<h2 id="settings-heading">{t.editor.settings.heading}</h2>
			<Form state={form} onSubmit={submit}>
				<FormMessage message={form.message} />
				<TextField
					id="settings-title"
					name="title"
					label={t.editor.settings.title}
					required
					value={title}
					onValue={setTitle}
					error={form.fields.title}
				/>
				<TextField
					id="settings-slug"
					name="slug"
					label={t.editor.settings.slug}
					autocapitalize="none"
					spellcheck={false}
					value={slug}
					onValue={setSlug}
					error={form.fields.slug}
					hint={page.isHome ? t.editor.settings.homeHint : t.editor.settings.slugHint}
				/>
				<TextArea
					id="settings-description"
					label={t.editor.settings.description}
					optional
					max={300}
					value={description}
					onValue={setDescription}
					error={form.fields.description}
				/>
				<SubmitButton
					busy={form.busy}
					label={t.editor.settings.submit}
					busyLabel={t.common.saving}
				/>
			</Form>
		</section>
	);
}
