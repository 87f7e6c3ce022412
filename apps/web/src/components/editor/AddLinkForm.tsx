/**
 * Adds a link at the end of the page (the form sits above the list, issue 19). At the plan's limit the form gives way to what an upgrade
 * offers; a 402 from the API (the limit reached meanwhile) shows the same prompt. Issue 18: the
 * item can be a section header (title only), highlighted and scheduled (ItemOptions).
 */
import { createLinkBody, type Link, type PlanId } from "@smartpages/contracts";
import { useRef, useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import type { Enqueue } from "../../lib/queue";
import { completeWebAddress } from "../../lib/typed-address";
import { useUnsavedWarning } from "../../lib/unsaved";
import { check } from "../../lib/validate";
import { Form, FormMessage, SubmitButton, TextField, useFormState } from "../ui/form";
import { UpgradePrompt } from "../ui/UpgradePrompt";
import { ItemOptions, itemOptionsBody, itemOptionsOf } from "./ItemOptions";

interface Props {
	pageId: string;
	count: number;
	max: number;
	plan: PlanId;
	enqueue: Enqueue;
	onAdded: (link: Link) => void;
}

export function AddLinkForm({ pageId, count, max, plan, enqueue, onAdded }: Props) {
	const { t } = useI18n();
	const form = useFormState();
	const [title, setTitle] = useState("");
	const [url, setUrl] = useState("");
	const [header, setHeader] = useState(false);
	const [options, setOptions] = useState(itemOptionsOf());
	const titleField = useRef<HTMLDivElement>(null);
	useUnsavedWarning(title.trim() !== "" || url.trim() !== "");

	const submit = async () => {
		form.start();
		const address = header ? "" : completeWebAddress(url);
		setUrl(address);
		const checked = check(createLinkBody, {
			...(header ? { kind: "header", title } : { title, url: address }),
			...itemOptionsBody(options, header),
		});
		if (!checked.ok) return form.invalid(checked.fields);
		const res = await enqueue(() =>
			api("POST /pages/:id/links", { params: { id: pageId }, body: checked.data }),
		);
		if (!res.ok) return form.failed(res);
		form.done({ kind: "success", text: t.editor.links.added(res.data.link.title) });
		setTitle("");
		setUrl("");
		setOptions(itemOptionsOf());
		onAdded(res.data.link);
		titleField.current?.querySelector("input")?.focus();
	};

	return (
		<section class="card" aria-labelledby="add-link-heading">
			<div class="card-head">
				<h2 id="add-link-heading">{t.editor.links.addHeading}</h2>
				<p class="hint">{t.editor.links.usage(count, max)}</p>
			</div>
			{count >= max ? (
				<UpgradePrompt limit={{ name: "maxLinksPerPage", max, plan }} announce={false} />
			) : (
				<Form state={form} onSubmit={submit}>
					<FormMessage message={form.message} />
					<div ref={titleField}>
						<TextField
							id="link-title"
							name="title"
							label={t.editor.links.title}
							required
							value={title}
							onValue={setTitle}
							error={form.fields.title}
						/>
					</div>
					<fieldset class="radio-row">
						<legend>{t.editor.items.kind}</legend>
						<label class="checkbox">
							<input type="radio" name="kind" checked={!header} onChange={() => setHeader(false)} />
							{t.editor.items.kindLink}
						</label>
						<label class="checkbox">
							<input type="radio" name="kind" checked={header} onChange={() => setHeader(true)} />
							{t.editor.items.kindHeader}
						</label>
					</fieldset>
					{header ? (
						<p class="hint">{t.editor.items.headerHint}</p>
					) : (
						<TextField
							id="link-url"
							name="url"
							type="url"
							inputMode="url"
							label={t.editor.links.url}
							required
							autocapitalize="none"
							spellcheck={false}
							placeholder="https://"
							value={url}
							onValue={setUrl}
							error={form.fields.url}
							hint={t.editor.links.urlHint}
						/>
					)}
					<ItemOptions
						id="link-new"
						value={options}
						onValue={setOptions}
						header={header}
						errors={form.fields}
					/>
					<SubmitButton
						busy={form.busy}
						label={header ? t.editor.items.addHeader : t.editor.links.add}
						busyLabel={t.editor.links.adding}
					/>
				</Form>
			)}
		</section>
	);
}
