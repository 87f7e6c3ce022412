/**
 * The import screen (issue 21): a profile address (Linktree, LittleLink, LinkStack) or a file (a
 * CSV of links or a SmartPages export) → Core's preview of exactly what will be created, with the
 * items left out and why and what the plan cuts off → "Import as draft page" → the editor of the
 * first new page. Nothing is created before the second step; the file is read in the browser and
 * sent as text.
 */
import type { ImportBody, ImportPreview } from "@smartpages/contracts";
import { cleanLine, IMPORT_MAX_BYTES, PLANS, shorten } from "@smartpages/contracts";
import { useEffect, useState } from "preact/hooks";
import { type Locale, localePath } from "../../i18n";
import { type ApiFailure, api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import { editorPath } from "../../lib/pages";
import { FilePicker } from "../ui/FilePicker";
import { Form, SubmitButton, TextField, useFormState } from "../ui/form";
import { showToast } from "../ui/toast";
import { UpgradePrompt } from "../ui/UpgradePrompt";
import { itemReason, sourceReason } from "./reasons";

export default function ImportIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<ImportScreen />
		</I18n>
	);
}

/** Items of a page shown in the preview before "… and n more". */
const SHOWN_ITEMS = 12;

/** A SmartPages export is JSON; anything else is read as CSV. */
function fileBody(name: string, text: string): ImportBody {
	if (/\.json$/i.test(name) || text.trimStart().startsWith("{")) {
		return { source: "smartpages", content: text };
	}
	// The file's name names the page (cleaned as the importer cleans titles).
	const title = shorten(cleanLine(name.replace(/\.[a-z0-9]+$/i, "")), 100).text;
	return { source: "csv", content: text, ...(title ? { title } : {}) };
}

function ImportScreen() {
	const { t, locale } = useI18n();
	const form = useFormState();
	const [kind, setKind] = useState<"url" | "file">("url");
	const [url, setUrl] = useState("");
	const [file, setFile] = useState<File | null>(null);
	const [sent, setSent] = useState<ImportBody | null>(null);
	const [preview, setPreview] = useState<ImportPreview | null>(null);
	const [importing, setImporting] = useState(false);
	const [failure, setFailure] = useState<ApiFailure | null>(null);

	const field = kind === "url" ? "url" : "file";

	// The preview replaces nothing on screen: focus moves to its heading so it is announced.
	useEffect(() => {
		if (preview) document.getElementById("import-preview-heading")?.focus();
	}, [preview]);

	/** The source's own refusal at its field, in the dashboard's language. */
	const refused = (res: ApiFailure) => {
		const reason = res.fields?.url ?? res.fields?.content;
		if (res.code === "validation_failed" && reason) {
			form.invalid({}, { [field]: sourceReason(t, reason) });
		} else form.failed(res);
	};

	const submit = async () => {
		form.start();
		setPreview(null);
		setFailure(null);
		let body: ImportBody;
		if (kind === "url") {
			if (!url.trim()) return form.invalid({}, { url: t.importer.reasons.notAddress });
			body = { source: "url", url: url.trim() };
		} else {
			if (!file) return form.invalid({}, { file: t.importer.fileMissing });
			if (file.size > IMPORT_MAX_BYTES) return form.invalid({}, { file: t.importer.fileTooLarge });
			body = fileBody(file.name, await file.text());
		}
		const res = await api("POST /import/preview", { body });
		if (!res.ok) return refused(res);
		form.done();
		setSent(body);
		setPreview(res.data);
	};

	const runImport = async () => {
		if (!sent || importing) return;
		setImporting(true);
		setFailure(null);
		const res = await api("POST /import", { body: sent });
		if (!res.ok) {
			setImporting(false);
			setFailure(res);
			return;
		}
		const { pages, links } = res.data;
		showToast(t.importer.done(pages.length, links), "success", t.ux.toast.dismiss);
		const first = pages[0];
		if (first) window.location.assign(localePath(locale, editorPath(first.id)));
	};

	const reset = () => {
		setPreview(null);
		setSent(null);
		setFailure(null);
	};

	return (
		<>
			<section class="card" aria-labelledby="import-source">
				<h2 id="import-source">{t.importer.source}</h2>
				<Form state={form} onSubmit={submit}>
					<fieldset class="radio-row">
						<legend class="visually-hidden">{t.importer.source}</legend>
						<label class="checkbox">
							<input
								type="radio"
								name="import-kind"
								checked={kind === "url"}
								onChange={() => {
									setKind("url");
									reset();
								}}
							/>
							{t.importer.sourceUrl}
						</label>
						<label class="checkbox">
							<input
								type="radio"
								name="import-kind"
								checked={kind === "file"}
								onChange={() => {
									setKind("file");
									reset();
								}}
							/>
							{t.importer.sourceFile}
						</label>
					</fieldset>
					{kind === "url" ? (
						<TextField
							id="import-url"
							name="url"
							type="url"
							inputMode="url"
							label={t.importer.url}
							autocapitalize="none"
							spellcheck={false}
							placeholder="linktr.ee/…"
							value={url}
							onValue={(value) => {
								setUrl(value);
								reset();
							}}
							error={form.fields.url}
							hint={t.importer.urlHint}
						/>
					) : (
						<div class={form.fields.file ? "field-invalid" : undefined}>
							<FilePicker
								id="import-file"
								label={t.importer.file}
								hint={t.importer.fileHint}
								accept=".csv,.txt,.json,text/csv,application/json"
								chosen={file}
								onFile={(chosen) => {
									setFile(chosen);
									reset();
								}}
							/>
							{form.fields.file ? (
								<p class="field-error" role="alert">
									{form.fields.file}
								</p>
							) : null}
						</div>
					)}
					<SubmitButton
						busy={form.busy}
						label={t.importer.preview}
						busyLabel={t.importer.previewing}
						variant={preview ? "secondary" : "primary"}
					/>
				</Form>
			</section>
			{preview ? (
				<Preview
					preview={preview}
					importing={importing}
					failure={failure}
					onImport={() => void runImport()}
				/>
			) : null}
		</>
	);
}

function Preview({
	preview,
	importing,
	failure,
	onImport,
}: {
	preview: ImportPreview;
	importing: boolean;
	failure: ApiFailure | null;
	onImport: () => void;
}) {
	const { t } = useI18n();
	const { pages, dropped, droppedTotal, shortened, trimmed } = preview;
	const items = pages.reduce((n, page) => n + page.links.length, 0);
	const planName = t.plan.names[trimmed.plan];
	return (
		<section class="card import-preview" aria-labelledby="import-preview-heading">
			<h2 id="import-preview-heading" tabIndex={-1}>
				{pages.length > 0 ? t.importer.summary(pages.length, items) : t.importer.nothing}
			</h2>
			{pages.map((page, index) => (
				<section class="import-page" key={`${index}-${page.title}`} aria-label={page.title}>
					<h3>{page.title}</h3>
					{page.description ? <p class="row-meta">{page.description}</p> : null}
					<p class="row-meta">{t.importer.pageItems(page.links.length)}</p>
					<ul class="import-items">
						{page.links.slice(0, SHOWN_ITEMS).map((item, i) =>
							item.kind === "header" ? (
								<li key={i} class="import-header">
									<span class="visually-hidden">{t.importer.header}: </span>
									{item.title}
								</li>
							) : (
								<li key={i}>
									<span class="import-title">{item.title}</span>
									{!item.enabled ? <span class="badge">{t.importer.hidden}</span> : null}
									{item.startsAt || item.endsAt ? (
										<span class="badge">{t.importer.scheduled}</span>
									) : null}
									<span class="import-url">{item.url}</span>
								</li>
							),
						)}
						{page.links.length > SHOWN_ITEMS ? (
							<li class="row-meta">{t.importer.more(page.links.length - SHOWN_ITEMS)}</li>
						) : null}
					</ul>
				</section>
			))}
			{trimmed.pages > 0 || trimmed.links > 0 ? (
				<div class="notice notice-info">
					<p>
						{t.importer.trimmed(
							planName,
							trimmed.pages,
							trimmed.links,
							trimmed.maxPages,
							trimmed.maxLinksPerPage,
						)}
					</p>
					{trimmed.plan !== "pro" ? (
						<p>
							{t.plan.proOffer(
								PLANS.pro.maxPages,
								PLANS.pro.maxLinksPerPage,
								PLANS.pro.maxCustomDomains,
							)}
						</p>
					) : null}
				</div>
			) : null}
			{shortened > 0 ? <p class="notice notice-info">{t.importer.shortened(shortened)}</p> : null}
			{droppedTotal > 0 ? (
				<details class="import-dropped" open={droppedTotal <= 5}>
					<summary>{t.importer.droppedHeading(droppedTotal)}</summary>
					<ul class="import-items">
						{dropped.map((item, i) => (
							<li key={i}>
								<span class="import-title">{item.title}</span>
								{item.url ? <span class="import-url">{item.url}</span> : null}
								<span class="row-meta">{itemReason(t, item.reason)}</span>
							</li>
						))}
					</ul>
					{droppedTotal > dropped.length ? (
						<p class="row-meta">{t.importer.droppedMore(droppedTotal - dropped.length)}</p>
					) : null}
				</details>
			) : null}
			<div aria-live="polite">
				{failure?.limit && failure.status === 402 ? (
					<UpgradePrompt limit={failure.limit} />
				) : failure ? (
					<p class="notice notice-error" role="alert">
						{failureText(t, failure)}
					</p>
				) : null}
			</div>
			{pages.length > 0 ? (
				<p>
					<button
						type="button"
						class="button button-primary"
						aria-disabled={importing ? "true" : undefined}
						onClick={onImport}
					>
						{importing ? t.importer.submitting : t.importer.submit(pages.length)}
					</button>
				</p>
			) : (
				<UpgradePrompt
					limit={{ name: "maxPages", max: trimmed.maxPages, plan: trimmed.plan }}
					announce={false}
				/>
			)}
		</section>
	);
}
