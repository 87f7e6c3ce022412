/**
 * Edits one link in place below its row — a section header only its title — with its highlight
 * and schedule (issue 18, ItemOptions) and thumbnail (ThumbnailControl). Issue 19: each field is
 * saved as the customer types (title, address, the options as one group), so the list and the
 * preview follow without a save click; "Done" or Escape closes it after sending what is waiting.
 */
import { type Link, patchLinkBody } from "@smartpages/contracts";
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import type { Enqueue } from "../../lib/queue";
import { completeWebAddress } from "../../lib/typed-address";
import { TextField } from "../ui/form";
import { type Autosave, FieldSaveState, useAutosave } from "./autosave";
import { saveField } from "./fieldSave";
import { ItemOptions, type ItemOptionsValue, itemOptionsBody, itemOptionsOf } from "./ItemOptions";
import { ThumbnailControl } from "./ThumbnailControl";

/** Where the form starts: its title, the schedule, or the thumbnail. */
export type EditFocus = "title" | "schedule" | "thumbnail";

interface Props {
	pageId: string;
	link: Link;
	focus: EditFocus;
	enqueue: Enqueue;
	/** Called with every saved state of the link. */
	onSaved: (saved: Link) => void;
	onDone: () => void;
}

function useLinkField<T>(props: Props, value: T, body: (value: T) => unknown): Autosave {
	const { t } = useI18n();
	return useAutosave({
		value,
		save: (typed) =>
			saveField({
				t,
				schema: patchLinkBody,
				body: body(typed),
				enqueue: props.enqueue,
				send: (checked) =>
					api("PATCH /pages/:id/links/:linkId", {
						params: { id: props.pageId, linkId: props.link.id },
						body: checked,
					}),
				onSaved: (data) => props.onSaved(data.link),
			}),
	});
}

export function LinkEditForm(props: Props) {
	const { t } = useI18n();
	const { link } = props;
	const header = link.kind === "header";
	const [title, setTitle] = useState(link.title);
	const [url, setUrl] = useState(link.url ?? "");
	const [options, setOptions] = useState<ItemOptionsValue>(itemOptionsOf(link));
	const box = useRef<HTMLFieldSetElement>(null);
	const titleSave = useLinkField(props, title, (value) => ({ title: value }));
	// Typed without a scheme, as people do: sent completed to https://.
	const urlSave = useLinkField(props, url, (value) => ({ url: completeWebAddress(value) }));
	const optionsSave = useLinkField(props, options, (value) => itemOptionsBody(value, header));

	useEffect(() => {
		const selector =
			props.focus === "schedule"
				? "details.item-options input"
				: props.focus === "thumbnail"
					? ".thumbnail-control input"
					: "input";
		box.current?.querySelector<HTMLElement>(selector)?.focus();
	}, [props.focus]);

	const done = () => {
		void Promise.all([titleSave.flush(), urlSave.flush(), optionsSave.flush()]);
		props.onDone();
	};

	return (
		<fieldset
			class="link-edit"
			ref={box}
			onKeyDown={(e) => {
				if (e.key === "Escape") {
					e.preventDefault();
					done();
				}
			}}
		>
			<legend class="visually-hidden">{t.workspace.editLabel(link.title)}</legend>
			<p class="hint">{t.workspace.editHint}</p>
			<div class="autosave-field">
				<TextField
					id={`edit-title-${link.id}`}
					name="title"
					label={t.editor.links.title}
					required
					value={title}
					onValue={setTitle}
					error={titleSave.error ?? undefined}
				/>
				<FieldSaveState state={titleSave} />
			</div>
			{header ? null : (
				<div class="autosave-field">
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
						onBlur={() => {
							// Completed where the customer sees it once they are done typing.
							if (url.trim() !== "") setUrl(completeWebAddress(url));
						}}
						error={urlSave.error ?? undefined}
						hint={t.editor.links.urlHint}
					/>
					<FieldSaveState state={urlSave} />
				</div>
			)}
			<ItemOptions
				id={`edit-${link.id}`}
				value={options}
				onValue={setOptions}
				header={header}
				open={props.focus === "schedule"}
				errors={{}}
			/>
			<FieldSaveState state={optionsSave} />
			{header ? null : (
				<ThumbnailControl pageId={props.pageId} link={link} onSaved={props.onSaved} />
			)}
			<div class="actions">
				<button type="button" class="button button-secondary" onClick={done}>
					{t.workspace.done}
				</button>
			</div>
		</fieldset>
	);
}
