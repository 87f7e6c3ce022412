/** Creates a page from a title and an optional address; a 402 becomes an upgrade prompt. */
import { createPageBody, type Page } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";

export function CreatePageForm({ onCreated }: { onCreated: (page: Page) => void }) {
	const { t } = useI18n();
	const form = useFormState();
	const [title, setTitle] = useState("");
	const [slug, setSlug] = useState("");

	const submit = async () => {
		form.start();
		const checked = check(createPageBody, {
			title,
			...(slug.trim() ? { slug: slug.trim() } : {}),
		});
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await api("POST /pages", { body: checked.data });
		if (!res.ok) return form.failed(res);
		form.done();
		onCreated(res.data.page);
	};

	return (
		<Form state={form} onSubmit={submit}>
			<FormMessage message={form.message} />
			<TextField
				id="page-title"
				name="title"
				label={t.dashboard.create.title}
				required
				maxLength={100}
				value={title}
				onValue={setTitle}
				error={form.fields.title}
			/>
			<TextField
				id="page-slug"
				name="slug"
				label={t.dashboard.create.slug}
				optional
				autocapitalize="none"
				spellcheck={false}
				value={slug}
				onValue={setSlug}
				error={form.fields.slug}
				hint={t.dashboard.create.slugHint}
			/>
			<SubmitButton
				busy={form.busy}
				label={t.dashboard.create.submit}
				busyLabel={t.dashboard.create.submitting}
			/>
		</Form>
	);
}
