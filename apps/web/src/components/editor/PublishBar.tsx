/**
 * The editor's sticky bar (issue 19), always in view: the page's state in words that cannot be
 * misread ("Published" / "Changes not published" / "Draft"), whether the draft is saved, and the
 * one Publish button. Publishing first sends whatever the fields still hold (their changes then
 * reach Core before the publish, through the same queue). Publishing needs a confirmed address;
 * the 403 says so and offers a fresh confirmation link.
 */
import type { Page } from "@smartpages/contracts";
import { useEffect, useState } from "preact/hooks";
import type { Me } from "../../lib/account";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import { pageState, useWasPublished } from "../../lib/pages";
import type { Enqueue } from "../../lib/queue";
import { VerifyBanner } from "../ui/VerifyBanner";
import type { OverallStatus } from "./autosave";

interface Props {
	me: Me;
	page: Page;
	setPage: (page: Page) => void;
	enqueue: Enqueue;
	saveStatus: OverallStatus;
	flushAll: () => Promise<void>;
}

export function PublishBar({ me, page, setPage, enqueue, saveStatus, flushAll }: Props) {
	const { t } = useI18n();
	const w = t.workspace;
	const [busy, setBusy] = useState(false);
	const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
	const [notVerified, setNotVerified] = useState(false);
	const state = pageState(page, useWasPublished(page));
	// "Published" belongs to the moment of publishing; the next change retires it.
	useEffect(() => {
		if (state !== "published") setMessage((m) => (m?.ok ? null : m));
	}, [state]);

	const publish = async () => {
		if (busy) return;
		setBusy(true);
		setMessage(null);
		await flushAll();
		const res = await enqueue(() => api("POST /pages/:id/publish", { params: { id: page.id } }));
		setBusy(false);
		if (!res.ok) {
			if (res.code === "email_not_verified") return setNotVerified(true);
			return setMessage({ ok: false, text: failureText(t, res) });
		}
		setNotVerified(false);
		setPage(res.data.page);
		setMessage({ ok: true, text: t.editor.publish.published });
	};

	const saveText =
		saveStatus === "saving" ? w.saving : saveStatus === "failed" ? w.failed : w.saved;
	// Publishing changes only when there is something the visitors do not see yet.
	const upToDate = state === "published" && saveStatus === "saved";

	return (
		<div class="publish-bar" data-page-state={state}>
			<div class="publish-bar-state">
				<p class="publish-state">
					<span class={`state-dot state-${state}`} aria-hidden="true" />
					<strong>{w.state[state]}</strong>
				</p>
				<p class={`publish-save save-${saveStatus}`} aria-live="polite">
					{saveText}
				</p>
			</div>
			<button
				type="button"
				class="button button-primary publish-button"
				disabled={upToDate}
				aria-disabled={busy ? "true" : undefined}
				aria-describedby="publish-hint"
				onClick={() => void publish()}
			>
				{busy
					? t.editor.publish.publishing
					: upToDate
						? w.upToDate
						: state === "changes"
							? w.publishChanges
							: w.publish}
			</button>
			<p id="publish-hint" class="visually-hidden">
				{w.publishHint[state]}
			</p>
			<div class="publish-bar-message" aria-live="polite">
				{message ? (
					<p
						class={message.ok ? "notice notice-success" : "notice notice-error"}
						role={message.ok ? undefined : "alert"}
					>
						{message.text}
					</p>
				) : null}
			</div>
			{notVerified ? (
				<div class="publish-bar-message">
					<VerifyBanner email={me.user.email} text={t.editor.publish.notVerified} />
				</div>
			) : null}
		</div>
	);
}
