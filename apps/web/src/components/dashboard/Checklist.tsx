/**
 * The getting-started checklist on the dashboard home (issue 19 item 6): confirm the address,
 * name and picture, first links, publish, share — each with where to do it, until all are done.
 * Sharing is done by copying the page's public address here (on the custom domain once one is
 * active), remembered in this browser.
 */
import type { Page, Profile } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { localePath } from "../../i18n";
import { useI18n } from "../../lib/i18n-context";
import { CHECKLIST_STEPS, type ChecklistStep, checklist, SHARED_KEY } from "../../lib/onboarding";
import { editorPath } from "../../lib/pages";

function rememberedShared(): boolean {
	try {
		return localStorage.getItem(SHARED_KEY) === "1";
	} catch {
		return false;
	}
}

export function Checklist({
	emailVerified,
	profile,
	firstPage,
	links,
}: {
	emailVerified: boolean;
	profile: Profile | null;
	firstPage: Page | null;
	links: number;
}) {
	const { t, locale } = useI18n();
	const o = t.onboarding;
	const [shared, setShared] = useState(rememberedShared);
	const [copied, setCopied] = useState(false);
	const published = firstPage?.status === "published";
	const state = checklist({
		emailVerified,
		hasName: Boolean(profile?.displayName),
		hasAvatar: Boolean(profile?.avatarUrl),
		links,
		published,
		shared,
	});
	if (!state.visible) return null;
	const doneCount = CHECKLIST_STEPS.filter((s) => state.done[s]).length;
	const editor = firstPage ? localePath(locale, editorPath(firstPage.id)) : localePath(locale, "/");

	const share = async () => {
		const url = firstPage?.publishedUrl;
		if (!url) return;
		try {
			await navigator.clipboard.writeText(url);
			setCopied(true);
		} catch {
			// Without clipboard access the address is shown beside the button to copy by hand.
			setCopied(false);
		}
		try {
			localStorage.setItem(SHARED_KEY, "1");
		} catch {
			// Storage disabled: the step shows as done for this visit only.
		}
		setShared(true);
	};

	const action = (step: ChecklistStep) => {
		if (state.done[step] || step !== state.next) return null;
		if (step === "confirm") return null;
		if (step === "share") {
			return (
				<button
					type="button"
					class="button button-primary button-small"
					onClick={() => void share()}
				>
					{o.stepActions.share}
				</button>
			);
		}
		const href = step === "profile" ? localePath(locale, "/profile") : editor;
		return (
			<a class="button button-primary button-small" href={href}>
				{o.stepActions[step]}
			</a>
		);
	};

	return (
		<section class="card checklist" aria-labelledby="checklist-heading">
			<h2 id="checklist-heading">{o.checklistHeading}</h2>
			<p class="row-meta">{o.checklistProgress(doneCount, CHECKLIST_STEPS.length)}</p>
			<ol class="checklist-steps">
				{CHECKLIST_STEPS.map((step) => (
					<li
						key={step}
						class={
							state.done[step] ? "checklist-done" : step === state.next ? "checklist-next" : ""
						}
						aria-current={step === state.next ? "step" : undefined}
					>
						<span class="checklist-mark" aria-hidden="true">
							{state.done[step] ? "✓" : ""}
						</span>
						<span class="checklist-text">
							{o.steps[step]}
							{state.done[step] ? <span class="visually-hidden"> ({o.stepDone})</span> : null}
						</span>
						{action(step)}
					</li>
				))}
			</ol>
			{copied && firstPage?.publishedUrl ? (
				<p class="notice notice-success" role="status">
					{o.copied(firstPage.publishedUrl)}
				</p>
			) : null}
		</section>
	);
}
