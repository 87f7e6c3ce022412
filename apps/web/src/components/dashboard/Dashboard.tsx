/**
 * The dashboard home: a reminder to confirm the e-mail address; for a new account the first-run
 * path (a starter by creator type, name, address, picture) and then the getting-started
 * checklist until the page is live and shared (issue 19 item 6); the account's pages with their
 * state and the choice of the home page (item 7); and a form to create another page (or, at the
 * plan's limit, what an upgrade offers).
 */
import type { Page, Profile } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { formatDateTime, type Locale, localePath } from "../../i18n";
import { type Me, useAccount } from "../../lib/account";
import { api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { queryParam } from "../../lib/location";
import { failureText } from "../../lib/messages";
import { editorPath, pageState } from "../../lib/pages";
import { useResource } from "../../lib/resource";
import { LoadFailure, Loading } from "../ui/LoadFailure";
import { UpgradePrompt } from "../ui/UpgradePrompt";
import { VerifyBanner } from "../ui/VerifyBanner";
import { Checklist } from "./Checklist";
import { CreatePageForm } from "./CreatePageForm";
import { Onboarding } from "./Onboarding";

export default function DashboardIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<Dashboard />
		</I18n>
	);
}

interface Home {
	pages: Page[];
	/** Null before the account has a profile. */
	profile: Profile | null;
	/** Links (not headers) on the home page, for the checklist. */
	firstPageLinks: number;
}

async function loadHome() {
	const [pages, profile] = await Promise.all([api("GET /pages"), api("GET /profile")]);
	if (!pages.ok) return pages;
	// The home page is the one the checklist follows (a new account's only page).
	const first = pages.data.pages.find((p) => p.isHome) ?? pages.data.pages[0];
	let firstPageLinks = 0;
	if (first) {
		const page = await api("GET /pages/:id", { params: { id: first.id } });
		if (page.ok) firstPageLinks = page.data.links.filter((l) => l.kind === "link").length;
	}
	return {
		ok: true as const,
		data: {
			pages: pages.data.pages,
			profile: profile.ok ? profile.data.profile : null,
			firstPageLinks,
		} satisfies Home,
	};
}

function Dashboard() {
	const { locale } = useI18n();
	const account = useAccount(locale);
	const { data: home, failure, reload } = useResource(loadHome);

	if (account.status === "failed")
		return <LoadFailure failure={account.failure} retry={account.retry} />;
	if (failure) return <LoadFailure failure={failure} retry={reload} />;
	if (account.status === "loading" || home === null) return <Loading />;
	return <Overview me={account.me} home={home} reload={reload} />;
}

function Overview({ me, home, reload }: { me: Me; home: Home; reload: () => void }) {
	const { t, locale } = useI18n();
	const { pages } = home;
	const { maxPages } = me.entitlements;
	const atLimit = pages.length >= maxPages;
	const [homeNote, setHomeNote] = useState<{ ok: boolean; text: string } | null>(null);
	const openEditor = (page: Page) =>
		window.location.assign(localePath(locale, editorPath(page.id)));
	const makeHome = async (page: Page) => {
		const res = await api("PATCH /pages/:id", { params: { id: page.id }, body: { isHome: true } });
		if (!res.ok) {
			setHomeNote({ ok: false, text: failureText(t, res) });
			return;
		}
		setHomeNote({ ok: true, text: t.onboarding.homeChanged(page.title) });
		reload();
	};
	return (
		<>
			{me.user.emailVerified ? null : (
				<VerifyBanner
					email={me.user.email}
					// Signed up from a Pro deep link: say how the way to Pro continues.
					text={
						queryParam("plan") === "pro"
							? `${t.dashboard.verifyBanner(me.user.email)} ${t.dashboard.verifyThenPro}`
							: undefined
					}
				/>
			)}
			{pages.length === 0 ? (
				<Onboarding profile={home.profile} onCreated={openEditor} />
			) : (
				<Checklist
					emailVerified={me.user.emailVerified}
					profile={home.profile}
					firstPage={pages.find((p) => p.isHome) ?? pages[0] ?? null}
					links={home.firstPageLinks}
				/>
			)}
			<div class="card">
				<p class="row-meta">{t.dashboard.usage(pages.length, maxPages)}</p>
				<div aria-live="polite">
					{homeNote ? (
						<p class={homeNote.ok ? "notice notice-success" : "notice notice-error"}>
							{homeNote.text}
						</p>
					) : null}
				</div>
				{pages.length === 0 ? (
					<p>{t.dashboard.empty}</p>
				) : (
					<ul class="plain-list">
						{pages.map((page) => (
							<PageRow
								key={page.id}
								page={page}
								onMakeHome={pages.length > 1 && !page.isHome ? () => void makeHome(page) : null}
							/>
						))}
					</ul>
				)}
			</div>
			{/* Also for a new account: a blank page is the other way to start. */}
			<section class="card" aria-labelledby="create-heading">
				<h2 id="create-heading">{t.dashboard.create.heading}</h2>
				{atLimit ? (
					<UpgradePrompt
						limit={{ name: "maxPages", max: maxPages, plan: me.plan.id }}
						announce={false}
					/>
				) : (
					<CreatePageForm onCreated={openEditor} />
				)}
				{/* Issue 21: the other way to start — links brought from elsewhere. */}
				<p class="import-entry">
					<a href={localePath(locale, "/import")}>{t.importer.entry}</a>
				</p>
			</section>
		</>
	);
}

function PageRow({ page, onMakeHome }: { page: Page; onMakeHome: (() => void) | null }) {
	const { t, locale } = useI18n();
	const state = pageState(page);
	return (
		<li class="row" data-page-id={page.id}>
			<div class="row-main">
				<p class="row-title">{page.title}</p>
				<p class="row-meta">
					{page.publishedUrl ?? (page.isHome ? "" : `/${page.slug}`)}
					{page.publishedUrl || !page.isHome ? " · " : ""}
					{t.dashboard.updated(formatDateTime(locale, page.updatedAt))}
				</p>
				<div class="badges">
					{page.isHome ? <span class="badge">{t.dashboard.home}</span> : null}
					<span class={`badge badge-${state}`}>{t.dashboard.status[state]}</span>
				</div>
			</div>
			<div class="row-actions">
				{onMakeHome ? (
					<button
						type="button"
						class="button button-secondary button-small"
						aria-label={t.onboarding.makeHomeLabel(page.title)}
						onClick={onMakeHome}
					>
						{t.onboarding.makeHome}
					</button>
				) : null}
				<a
					class="button button-secondary button-small"
					href={localePath(locale, editorPath(page.id))}
					aria-label={t.dashboard.editPage(page.title)}
				>
					{t.common.edit}
				</a>
			</div>
		</li>
	);
}
