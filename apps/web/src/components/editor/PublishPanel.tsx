/**
 * The "Share" tab of a page: the public address with a copy button and its QR code, and taking
 * the page offline. Publishing itself lives in the sticky bar (PublishBar, issue 19).
 */
import type { Page } from "@smartpages/contracts";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Me } from "../../lib/account";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import { pageState, useWasPublished } from "../../lib/pages";
import type { Enqueue } from "../../lib/queue";
import { useConfirm } from "../ui/ConfirmDialog";
import { VerifyBanner } from "../ui/VerifyBanner";
import { QrCode } from "./QrCode";

interface Props {
	me: Me;
	page: Page;
	setPage: (page: Page) => void;
	enqueue: Enqueue;
}

type Busy = "unpublish" | null;

export function PublishPanel({ me, page, setPage, enqueue }: Props) {
	const { t } = useI18n();
	const [busy, setBusy] = useState<Busy>(null);
	const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
	const [notVerified, setNotVerified] = useState(false);
	const [copyNote, setCopyNote] = useState<string | null>(null);
	const urlInput = useRef<HTMLInputElement>(null);
	const state = pageState(page, useWasPublished(page));
	const { confirm, dialog } = useConfirm();
	// "Copied" belongs to the moment of copying; any later change of the page retires it.
	useEffect(() => setCopyNote(null), [page.updatedAt]);

	const run = async (action: "unpublish") => {
		if (busy) return;
		setBusy(action);
		setMessage(null);
		setCopyNote(null);
		const params = { id: page.id };
		const res = await enqueue(() => api("POST /pages/:id/unpublish", { params }));
		setBusy(null);
		if (!res.ok) {
			if (res.code === "email_not_verified") {
				setNotVerified(true);
				return;
			}
			setMessage({ ok: false, text: failureText(t, res) });
			return;
		}
		setNotVerified(false);
		setPage(res.data.page);
		setMessage({ ok: true, text: t.editor.publish.unpublished });
	};

	// Taking a live page offline is asked first (issue 19: it was one click).
	const takeOffline = async () => {
		if (busy) return;
		const c = t.ux.confirm;
		const sure = await confirm({
			title: c.offlineTitle,
			text: <p>{c.offlineText}</p>,
			confirmLabel: c.offlineConfirm,
			danger: true,
		});
		if (sure) await run("unpublish");
	};

	const copy = async () => {
		const url = page.publishedUrl;
		if (!url) return;
		try {
			await navigator.clipboard.writeText(url);
			setCopyNote(t.editor.publish.copied);
		} catch {
			urlInput.current?.select();
			setCopyNote(t.editor.publish.copyFailed);
		}
	};

	return (
		<section class="card" aria-labelledby="publish-heading">
			<h2 id="publish-heading">{t.editor.publish.heading}</h2>
			<p>
				{state === "draft"
					? t.editor.publish.draft
					: state === "offline"
						? t.editor.publish.offline
						: t.editor.publish.live}
			</p>
			{notVerified ? (
				<VerifyBanner email={me.user.email} text={t.editor.publish.notVerified} />
			) : null}
			<div class="actions">
				{state === "published" || state === "changes" ? (
					<button
						type="button"
						class="button button-secondary"
						aria-disabled={busy ? "true" : undefined}
						onClick={() => void takeOffline()}
					>
						{busy === "unpublish" ? t.editor.publish.unpublishing : t.editor.publish.unpublish}
					</button>
				) : null}
			</div>
			{dialog}
			<div aria-live="polite">
				{message ? (
					<p class={message.ok ? "notice notice-success" : "notice notice-error"}>{message.text}</p>
				) : null}
			</div>
			{page.status === "published" && page.publishedUrl ? (
				<div class="field">
					<label for="published-url">{t.editor.publish.address}</label>
					<div class="copy-row">
						<input
							id="published-url"
							ref={urlInput}
							type="url"
							readOnly
							value={page.publishedUrl}
							onFocus={(e) => e.currentTarget.select()}
						/>
						<button type="button" class="button button-secondary" onClick={() => void copy()}>
							{t.editor.publish.copy}
						</button>
					</div>
					<p class="hint">
						<a href={page.publishedUrl} target="_blank" rel="noopener">
							{t.editor.publish.open}
						</a>
					</p>
					<p class="hint" aria-live="polite">
						{copyNote}
					</p>
					<QrCode url={page.publishedUrl} slug={page.slug} />
				</div>
			) : null}
		</section>
	);
}
