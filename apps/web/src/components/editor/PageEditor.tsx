/**
 * The page editor (`/pages/edit?id=…`), issue 19's workspace: a sticky bar with the page's state
 * and the one Publish button; the tools in tabs (links with the add form on top, design,
 * settings with deleting the page, sharing with the address and QR code, versions); the live
 * preview in a phone's outline beside them on a wide screen, behind a floating "Preview" button
 * on a phone. Fields save themselves as drafts (autosave.tsx) and the preview follows each save.
 * Changes go through one queue (lib/queue.ts), so they reach Core in order.
 */
import type { Page, ResponseOf } from "@smartpages/contracts";
import { useCallback, useEffect, useState } from "preact/hooks";
import { type Locale, localePath } from "../../i18n";
import { type Me, useAccount } from "../../lib/account";
import { type ApiFailure, api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { withSavedItem } from "../../lib/items";
import { queryParam } from "../../lib/location";
import { useQueue } from "../../lib/queue";
import { LoadFailure, Loading } from "../ui/LoadFailure";
import { AddLinkForm } from "./AddLinkForm";
import { SaveTracker } from "./autosave";
import { DeletePage } from "./DeletePage";
import { DesignForm } from "./DesignForm";
import { EditorTabs, type TabSpec } from "./EditorTabs";
import { LinkList } from "./LinkList";
import { PageSettingsForm } from "./PageSettingsForm";
import { PreviewDialog } from "./PreviewDialog";
import { PreviewFrame } from "./PreviewFrame";
import { PublishBar } from "./PublishBar";
import { PublishPanel } from "./PublishPanel";
import { useLinkClicks } from "./useLinkClicks";
import { VersionHistory } from "./VersionHistory";

export default function PageEditorIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<PageEditor />
		</I18n>
	);
}

/** The page with its links (GET /pages/:id). */
type Loaded = ResponseOf<"GET /pages/:id">;

function PageEditor() {
	const { t, locale } = useI18n();
	const account = useAccount(locale);
	// undefined until the address bar was read; null when it names no page.
	const [pageId, setPageId] = useState<string | null | undefined>(undefined);
	const [loaded, setLoaded] = useState<Loaded | null>(null);
	const [failure, setFailure] = useState<ApiFailure | null>(null);

	const load = useCallback(async (id: string) => {
		setFailure(null);
		const res = await api("GET /pages/:id", { params: { id } });
		if (res.ok) setLoaded(res.data);
		else if (res.code !== "unauthenticated") setFailure(res);
	}, []);

	useEffect(() => {
		const id = queryParam("id");
		setPageId(id);
		if (id) void load(id);
	}, [load]);

	const back = (
		<p>
			<a href={localePath(locale, "/")}>← {t.editor.back}</a>
		</p>
	);

	if (pageId === null || failure?.code === "not_found" || failure?.code === "validation_failed") {
		return (
			<>
				<h1>{t.titles.editor}</h1>
				<p class="notice notice-error" role="alert">
					{pageId === null ? t.editor.missingId : t.editor.notFound}
				</p>
				{back}
			</>
		);
	}
	if (account.status === "failed") {
		return <LoadFailure failure={account.failure} retry={account.retry} />;
	}
	if (failure && pageId) return <LoadFailure failure={failure} retry={() => void load(pageId)} />;
	if (account.status === "loading" || !loaded) {
		return (
			<>
				<h1>{t.titles.editor}</h1>
				<Loading />
			</>
		);
	}
	return <Editor me={account.me} initial={loaded} />;
}

/** The layout switches at this width: preview beside the tools, or behind a button. */
const WIDE = "(min-width: 60rem)";

function useWide(): boolean {
	const [wide, setWide] = useState(() => window.matchMedia(WIDE).matches);
	useEffect(() => {
		const query = window.matchMedia(WIDE);
		const changed = () => setWide(query.matches);
		query.addEventListener("change", changed);
		return () => query.removeEventListener("change", changed);
	}, []);
	return wide;
}

function Editor({ me, initial }: { me: Me; initial: Loaded }) {
	const { t, locale } = useI18n();
	const w = t.workspace;
	const [page, setPage] = useState(initial.page);
	const clicks = useLinkClicks(initial.page.id);
	const [links, setLinks] = useState(initial.links);
	const [previewVersion, setPreviewVersion] = useState(0);
	// A restored version replaces the draft: the forms start again from it.
	const [revision, setRevision] = useState(0);
	const enqueue = useQueue();
	const wide = useWide();

	useEffect(() => {
		document.title = `${page.title} · ${t.titles.editor} · SmartPages`;
	}, [page.title, t]);

	/** A change of links was saved: the preview reloads and a live page now has changes. */
	const linksChanged = useCallback(() => {
		setPage((p) => (p.status === "published" ? { ...p, hasUnpublishedChanges: true } : p));
		setPreviewVersion((v) => v + 1);
	}, []);

	const pageSaved = useCallback((next: Page) => {
		setPage(next);
		setPreviewVersion((v) => v + 1);
	}, []);

	/** The profile's part of the look changed (social icons): the draft renders anew. */
	const profileSaved = useCallback(() => {
		setPage((p) => (p.status === "published" ? { ...p, hasUnpublishedChanges: true } : p));
		setPreviewVersion((v) => v + 1);
	}, []);

	const restored = useCallback(async (next: Page) => {
		setPage(next);
		const fresh = await api("GET /pages/:id/links", { params: { id: next.id } });
		if (fresh.ok) setLinks(fresh.data.links);
		setRevision((r) => r + 1);
		setPreviewVersion((v) => v + 1);
	}, []);

	const tabs: TabSpec[] = [
		{
			key: "links",
			label: w.tabs.links,
			panel: (
				<>
					<AddLinkForm
						pageId={page.id}
						count={links.length}
						max={me.entitlements.maxLinksPerPage}
						plan={me.plan.id}
						enqueue={enqueue}
						onAdded={(link) => {
							setLinks((list) => withSavedItem(list, link));
							linksChanged();
						}}
					/>
					<LinkList
						pageId={page.id}
						links={links}
						clicks={clicks}
						setLinks={setLinks}
						enqueue={enqueue}
						onChanged={linksChanged}
					/>
				</>
			),
		},
		{
			key: "design",
			label: w.tabs.design,
			panel: (
				<DesignForm
					key={revision}
					page={page}
					enqueue={enqueue}
					onSaved={pageSaved}
					onProfileSaved={profileSaved}
				/>
			),
		},
		{
			key: "settings",
			label: w.tabs.settings,
			panel: (
				<>
					<PageSettingsForm key={revision} page={page} enqueue={enqueue} onSaved={pageSaved} />
					<DeletePage page={page} enqueue={enqueue} />
				</>
			),
		},
		{
			key: "share",
			label: w.tabs.share,
			panel: <PublishPanel me={me} page={page} setPage={setPage} enqueue={enqueue} />,
		},
		{
			key: "versions",
			label: w.tabs.versions,
			panel: (
				<VersionHistory
					me={me}
					page={page}
					setPage={(next) => void restored(next)}
					enqueue={enqueue}
				/>
			),
		},
	];

	return (
		<SaveTracker>
			{({ status, flushAll }) => (
				<div class="workspace">
					<div class="workspace-head">
						<a href={localePath(locale, "/")}>← {t.editor.back}</a>
						<a href={localePath(locale, `/stats?pageId=${encodeURIComponent(page.id)}`)}>
							{t.stats.editorLink}
						</a>
					</div>
					<h1 class="workspace-title">{page.title}</h1>
					<PublishBar
						me={me}
						page={page}
						setPage={setPage}
						enqueue={enqueue}
						saveStatus={status}
						flushAll={flushAll}
					/>
					<div class="workspace-grid">
						<div class="workspace-main">
							<EditorTabs label={w.tabsLabel} tabs={tabs} />
						</div>
						{wide ? (
							<section class="workspace-preview" aria-labelledby="preview-heading">
								<h2 id="preview-heading">{t.editor.preview.heading}</h2>
								<PreviewFrame page={page} version={previewVersion} />
							</section>
						) : (
							<PreviewDialog page={page} version={previewVersion} />
						)}
					</div>
				</div>
			)}
		</SaveTracker>
	);
}
