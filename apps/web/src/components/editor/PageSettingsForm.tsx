/**
 * Title, address and description of a page (PATCH /pages/:id), each saved on its own as the
 * customer types (issue 19: drafts saved automatically, the preview follows), with its state and
 * any refusal next to it. The address waits longer: half-typed addresses are often refused. The
 * theme is chosen in the design panel (DesignForm).
 */
import { type Page, patchPageBody } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import type { Enqueue } from "../../lib/queue";
import { TextArea, TextField } from "../ui/form";
import { type Autosave, FieldSaveState, useAutosave } from "./autosave";
import { saveField } from "./fieldSave";

interface Props {
	page: Page;
	enqueue: Enqueue;
	onSaved: (page: Page) => void;
}

type Field = "title" | "slug" | "description";

function usePageField(props: Props, field: Field, value: string, delay?: number): Autosave {
	const { t } = useI18n();
	return useAutosave({
		value,
		delay,
		save: (typed) =>
			saveField({
				t,
				schema: patchPageBody,
				body: { [field]: field === "slug" ? typed.trim() : typed },
				enqueue: props.enqueue,
				send: (body) => api("PATCH /pages/:id", { params: { id: props.page.id }, body }),
				onSaved: (data) => props.onSaved(data.page),
			}),
	});
}

export function PageSettingsForm(props: Props) {
	const { t } = useI18n();
	const { page } = props;
	const [title, setTitle] = useState(page.title);
	const [slug, setSlug] = useState(page.slug);
	const [description, setDescription] = useState(page.description);
	const titleSave = usePageField(props, "title", title);
	const slugSave = usePageField(props, "slug", slug, 1500);
	const descriptionSave = usePageField(props, "description", description);

	return (
		<section class="card" aria-labelledby="settings-heading">
			<h2 id="settings-heading">{t.editor.settings.heading}</h2>
			<p class="hint">{t.workspace.autosaveHint}</p>
			<div class="autosave-field">
				<TextField
					id="settings-title"
					name="title"
					label={t.editor.settings.title}
					required
					value={title}
					onValue={setTitle}
					error={titleSave.error ?? undefined}
				/>
				<FieldSaveState state={titleSave} />
			</div>
			<div class="autosave-field">
				<TextField
					id="settings-slug"
					name="slug"
					label={t.editor.settings.slug}
					autocapitalize="none"
					spellcheck={false}
					value={slug}
					onValue={setSlug}
					onBlur={() => void slugSave.flush()}
					error={slugSave.error ?? undefined}
					hint={page.isHome ? t.editor.settings.homeHint : t.editor.settings.slugHint}
				/>
				<FieldSaveState state={slugSave} />
			</div>
			<div class="autosave-field">
				<TextArea
					id="settings-description"
					label={t.editor.settings.description}
					optional
					max={300}
					value={description}
					onValue={setDescription}
					error={descriptionSave.error ?? undefined}
				/>
				<FieldSaveState state={descriptionSave} />
			</div>
		</section>
	);
}
