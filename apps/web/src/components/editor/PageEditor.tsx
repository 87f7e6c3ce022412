/**
 * The page editor (`/pages/edit?id=…`): publishing state (address, QR code), links, page
 * settings, version history, a live preview and deleting the page. Changes go through one queue (lib/queue.ts), so they reach Core in order.
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
import { DeletePage } from "./DeletePage";
import { DesignForm } from "./DesignForm";
import { LinkList } from "./LinkList";
import { PageSettingsForm } from "./PageSettingsForm";
import { PreviewFrame } from "./PreviewFrame";
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
	return (
		<>
			{back}
			<Editor me={account.me} initial={loaded} />
		</>
	);
}

function Editor({ me, initial }: { me: Me; initial: Loaded }) {
	const { t, locale } = useI18n();
	const [page, setPage] = useState(initial.page);
	const clicks = useLinkClicks(initial.page.id);
	const [links, setLinks] = useState(initial.links);
	const [previewVersion, setPreviewVersion] = useState(0);
	const enqueue = useQueue();

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

	return (
		<>
			<h1>{page.title}</h1>
			<p>
				<a href={localePath(locale, `/stats?pageId=${encodeURIComponent(page.id)}`)}>
					{t.stats.editorLink}
				</a>
			</p>
			<PublishPanel me={me} page={page} setPage={setPage} enqueue={enqueue} />
			<div class="editor">
				<div class="editor-main">
					<LinkList
						pageId={page.id}
						links={links}
						clicks={clicks}
						setLinks={setLinks}
						enqueue={enqueue}
						onChanged={linksChanged}
					/>
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
					<PageSettingsForm page={page} enqueue={enqueue} onSaved={pageSaved} />
					<DesignForm page={page} enqueue={enqueue} onSaved={pageSaved} />
					<VersionHistory me={me} page={page} setPage={setPage} enqueue={enqueue} />
				</div>
				<div class="editor-side">
					<PreviewFrame page={page} version={previewVersion} />
				</div>
			</div>
			<DeletePage page={page} enqueue={enqueue} />
		</>
	);
}
