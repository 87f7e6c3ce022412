/**
 * Edits one link's title and address in place; Escape or "Cancel" leaves it unchanged. Its
 * thumbnail (issue 18) is uploaded or removed on its own, right away (ThumbnailControl).
 */
import { type Link, patchLinkBody } from "@smartpages/contracts";
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import type { Enqueue } from "../../lib/queue";
import { completeWebAddress } from "../../lib/typed-address";
import { useUnsavedWarning } from "../../lib/unsaved";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";
import { ThumbnailControl } from "./ThumbnailControl";

interface Props {
	pageId: string;
	link: Link;
	enqueue: Enqueue;
	/** Called with the saved link, or null when editing was cancelled. */
	onDone: (saved: Link | null) => void;
}

export function LinkEditForm({ pageId, link, enqueue, onDone }: Props) {
	const { t } = useI18n();
	const form = useFormState();
	const [title, setTitle] = useState(link.title);
	const [url, setUrl] = useState(link.url);
	const firstInput = useRef<HTMLDivElement>(null);
	useUnsavedWarning(title !== link.title || url !== link.url);

	useEffect(() => {
		firstInput.current?.querySelector("input")?.focus();
	}, []);

	const submit = async () => {
		form.start();
		const address = completeWebAddress(url);
		setUrl(address);
		const checked = check(patchLinkBody, { title, url: address });
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await enqueue(() =>
			api("PATCH /pages/:id/links/:linkId", {
				params: { id: pageId, linkId: link.id },
				body: checked.data,
			}),
		);
		if (!res.ok) return form.failed(res);
		form.done();
		onDone(res.data.link);
	};

	return (
		<Form
			state={form}
			class="link-edit"
			onSubmit={submit}
			onKeyDown={(e) => {
				if (e.key === "Escape") onDone(null);
			}}
		>
			<FormMessage message={form.message} />
			<div ref={firstInput}>
				<TextField
					id={`edit-title-${link.id}`}
					name="title"
					label={t.editor.links.title}
					required
					value={title}
					onValue={setTitle}
					error={form.fields.title}
				/>
			</div>
			<TextField
				id={`edit-url-${link.id}`}
				name="url"
				type="url"
				inputMode="url"
				label={t.editor.links.url}
				required
				autocapitalize="none"
				spellcheck={false}
				value={url}
				onValue={setUrl}
				error={form.fields.url}
				hint={t.editor.links.urlHint}
			/>
			<div class="actions">
				<SubmitButton busy={form.busy} label={t.common.save} busyLabel={t.common.saving} />
				<button type="button" class="button button-quiet" onClick={() => onDone(null)}>
					{t.common.cancel}
				</button>
			</div>
			<ThumbnailControl pageId={pageId} link={link} onSaved={onDone} />
		</Form>
	);
}
