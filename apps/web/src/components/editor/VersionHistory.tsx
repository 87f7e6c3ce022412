/**
 * Published versions of a page with restore (plan feature `versionHistory`). The Free plan sees
 * what Pro offers instead; a 402 from the server (the plan changed meanwhile) shows the same.
 */
import type { Page, PageVersion, PlanLimit } from "@smartpages/contracts";
import { useCallback, useEffect, useState } from "preact/hooks";
import { formatDateTime } from "../../i18n";
import type { Me } from "../../lib/account";
import { type ApiFailure, api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import type { Enqueue } from "../../lib/queue";
import { useConfirm } from "../ui/ConfirmDialog";
import { Loading } from "../ui/LoadFailure";
import { UpgradePrompt } from "../ui/UpgradePrompt";

interface Props {
	me: Me;
	page: Page;
	setPage: (page: Page) => void;
	enqueue: Enqueue;
}

export function VersionHistory({ me, page, setPage, enqueue }: Props) {
	const { t } = useI18n();
	const allowed = me.entitlements.versionHistory;
	return (
		<section class="card" aria-labelledby="versions-heading">
			<h2 id="versions-heading">{t.editor.versions.heading}</h2>
			{allowed ? (
				<Versions page={page} setPage={setPage} enqueue={enqueue} />
			) : (
				<UpgradePrompt
					limit={{ name: "versionHistory", max: 0, plan: me.plan.id }}
					announce={false}
				/>
			)}
		</section>
	);
}

function Versions({ page, setPage, enqueue }: Omit<Props, "me">) {
	const { t, locale } = useI18n();
	const [versions, setVersions] = useState<PageVersion[] | null>(null);
	const [loadFailure, setLoadFailure] = useState<ApiFailure | null>(null);
	const [busy, setBusy] = useState<number | null>(null);
	const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
	const [limit, setLimit] = useState<PlanLimit | null>(null);
	const { confirm, dialog } = useConfirm();

	const load = useCallback(async () => {
		setLoadFailure(null);
		const res = await api("GET /pages/:id/versions", { params: { id: page.id } });
		if (res.ok) setVersions([...res.data.versions].sort((a, b) => b.version - a.version));
		else setLoadFailure(res);
	}, [page.id]);

	// Reloaded after every publish or restore (the live version changes).
	useEffect(() => {
		void load();
	}, [load, page.publishedVersion, page.status]);

	const restore = async (version: number) => {
		if (busy !== null) return;
		// Restoring replaces what is live: asked first (issue 19).
		const c = t.ux.confirm;
		const sure = await confirm({
			title: c.restoreTitle(version),
			text: <p>{c.restoreText}</p>,
			confirmLabel: c.restoreConfirm,
		});
		if (!sure) return;
		setBusy(version);
		setMessage(null);
		setLimit(null);
		const res = await enqueue(() =>
			api("POST /pages/:id/versions/:version/restore", { params: { id: page.id, version } }),
		);
		setBusy(null);
		if (!res.ok) {
			if (res.status === 402 && res.limit) setLimit(res.limit);
			else setMessage({ ok: false, text: failureText(t, res) });
			return;
		}
		setPage(res.data.page);
		setMessage({ ok: true, text: t.editor.versions.restored(version) });
	};

	if (loadFailure) {
		return (
			<>
				<p class="notice notice-error" role="alert">
					{failureText(t, loadFailure)}
				</p>
				<button type="button" class="button button-secondary" onClick={() => void load()}>
					{t.common.retry}
				</button>
			</>
		);
	}
	if (!versions) return <Loading />;
	const live = page.status === "published" ? page.publishedVersion : undefined;
	return (
		<>
			<p class="hint">{t.editor.versions.intro}</p>
			{dialog}
			<div aria-live="polite">
				{limit ? <UpgradePrompt limit={limit} /> : null}
				{message ? (
					<p class={message.ok ? "notice notice-success" : "notice notice-error"}>{message.text}</p>
				) : null}
			</div>
			{versions.length === 0 ? (
				<p>{t.editor.versions.empty}</p>
			) : (
				<ul class="plain-list">
					{versions.map((v) => (
						<li key={v.version} class="row" data-version={v.version}>
							<div class="row-main">
								<p class="row-title">{t.editor.versions.version(v.version)}</p>
								<p class="row-meta">
									{t.editor.versions.publishedAt(formatDateTime(locale, v.publishedAt))}
									{v.items !== undefined ? ` · ${t.ux.versions.items(v.items)}` : null}
								</p>
								<VersionChanges version={v} />
							</div>
							<a
								class="button button-quiet button-small"
								href={`/api/v1/pages/${encodeURIComponent(page.id)}/versions/${v.version}/preview`}
								target="_blank"
								rel="noopener"
								aria-label={t.ux.versions.previewLabel(v.version)}
							>
								{t.ux.versions.preview}
							</a>
							{v.version === live ? (
								<span class="badge badge-published">{t.editor.versions.live}</span>
							) : (
								<button
									type="button"
									class="button button-secondary button-small"
									aria-label={t.editor.versions.restoreLabel(v.version)}
									aria-disabled={busy !== null ? "true" : undefined}
									onClick={() => void restore(v.version)}
								>
									{busy === v.version ? t.editor.versions.restoring : t.editor.versions.restore}
								</button>
							)}
						</li>
					))}
				</ul>
			)}
		</>
	);
}

/** What a version changed (issue 19): items added and removed since the version before it. */
function VersionChanges({ version }: { version: PageVersion }) {
	const { t, locale } = useI18n();
	const { changes } = version;
	if (!changes) return null;
	const list = (titles: string[]) =>
		new Intl.ListFormat(locale === "de" ? "de-DE" : "en-GB", { type: "conjunction" }).format(
			titles.map((title) => (locale === "de" ? `„${title}“` : `“${title}”`)),
		);
	if (changes.added.length === 0 && changes.removed.length === 0) {
		return <p class="row-meta">{t.ux.versions.sameItems}</p>;
	}
	return (
		<p class="row-meta version-changes">
			{changes.added.length > 0 ? (
				<span class="change-added">{t.ux.versions.added(list(changes.added))}</span>
			) : null}
			{changes.added.length > 0 && changes.removed.length > 0 ? " · " : null}
			{changes.removed.length > 0 ? (
				<span class="change-removed">{t.ux.versions.removed(list(changes.removed))}</span>
			) : null}
		</p>
	);
}
