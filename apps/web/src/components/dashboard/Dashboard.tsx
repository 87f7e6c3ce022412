/**
 * The dashboard home: a reminder to confirm the e-mail address, the account's pages with their
 * state, and a form to create another page (or, at the plan's limit, what an upgrade offers).
 */
import type { Page } from "@smartpages/contracts";
import { formatDateTime, type Locale, localePath } from "../../i18n";
import { type Me, useAccount } from "../../lib/account";
import { api } from "../../lib/api";
import { I18n, useI18n } from "../../lib/i18n-context";
import { queryParam } from "../../lib/location";
import { editorPath, pageState } from "../../lib/pages";
import { useResource } from "../../lib/resource";
import { LoadFailure, Loading } from "../ui/LoadFailure";
import { UpgradePrompt } from "../ui/UpgradePrompt";
import { VerifyBanner } from "../ui/VerifyBanner";
import { CreatePageForm } from "./CreatePageForm";

export default function DashboardIsland({ locale }: { locale: Locale }) {
	return (
		<I18n locale={locale}>
			<Dashboard />
		</I18n>
	);
}

async function loadPages() {
	const res = await api("GET /pages");
	return res.ok ? { ok: true as const, data: res.data.pages } : res;
}

function Dashboard() {
	const { locale } = useI18n();
	const account = useAccount(locale);
	const { data: pages, failure, reload } = useResource(loadPages);

	if (account.status === "failed")
		return <LoadFailure failure={account.failure} retry={account.retry} />;
	if (failure) return <LoadFailure failure={failure} retry={reload} />;
	if (account.status === "loading" || pages === null) return <Loading />;
	return <Overview me={account.me} pages={pages} />;
}

function Overview({ me, pages }: { me: Me; pages: Page[] }) {
	const { t, locale } = useI18n();
	const { maxPages } = me.entitlements;
	const atLimit = pages.length >= maxPages;
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
			<div class="card">
				<p class="row-meta">{t.dashboard.usage(pages.length, maxPages)}</p>
				{pages.length === 0 ? (
					<p>{t.dashboard.empty}</p>
				) : (
					<ul class="plain-list">
						{pages.map((page) => (
							<PageRow key={page.id} page={page} />
						))}
					</ul>
				)}
			</div>
			<section class="card" aria-labelledby="create-heading">
				<h2 id="create-heading">{t.dashboard.create.heading}</h2>
				{atLimit ? (
					<UpgradePrompt
						limit={{ name: "maxPages", max: maxPages, plan: me.plan.id }}
						announce={false}
					/>
				) : (
					<CreatePageForm
						onCreated={(page) => window.location.assign(localePath(locale, editorPath(page.id)))}
					/>
				)}
			</section>
		</>
	);
}

function PageRow({ page }: { page: Page }) {
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
			<a
				class="button button-secondary button-small"
				href={localePath(locale, editorPath(page.id))}
				aria-label={t.dashboard.editPage(page.title)}
			>
				{t.common.edit}
			</a>
		</li>
	);
}
