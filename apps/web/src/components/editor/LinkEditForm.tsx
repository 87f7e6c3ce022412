/**
 * Edits one link's title and address in place — a section header only its title — with its
 * highlight and schedule (issue 18, ItemOptions); Escape or "Cancel" leaves it unchanged. Its
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
import { ItemOptions, itemOptionsBody, itemOptionsOf } from "./ItemOptions";
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
	const header = link.kind === "header";
	const [url, setUrl] = useState(link.url ?? "");
	const [options, setOptions] = useState(itemOptionsOf(link));
	const firstInput = useRef<HTMLDivElement>(null);
	const initial = itemOptionsOf(link);
	useUnsavedWarning(
		title !== link.title ||
			url !== (link.url ?? "") ||
			options.highlight !== initial.highlight ||
			options.startsAt !== initial.startsAt ||
			options.endsAt !== initial.endsAt,
	);

	useEffect(() => {
		firstInput.current?.querySelector("input")?.focus();
	}, []);

	const submit = async () => {
		form.start();
		const address = header ? "" : completeWebAddress(url);
		setUrl(address);
		const checked = check(patchLinkBody, {
			title,
			...(header ? {} : { url: address }),
			...itemOptionsBody(options, header),
		});
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
			{header ? null : (
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
			)}
			<ItemOptions
				id={`edit-${link.id}`}
				value={options}
				onValue={setOptions}
				header={header}
				errors={form.fields}
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
