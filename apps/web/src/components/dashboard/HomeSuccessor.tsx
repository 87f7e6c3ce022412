/**
 * "Which page becomes your home page?" — shown by a delete confirmation when the page being
 * deleted is the home page and others exist (issue 19 item 7). Loads the account's pages,
 * preselects the oldest other page and reports the choice; renders nothing for any other page.
 * The deletion itself: lib/home-page.ts `deletePageKeepingHome(page.id, choice)`.
 */
import type { Page } from "@smartpages/contracts";
import { useEffect, useState } from "preact/hooks";
import { api } from "../../lib/api";
import { homeCandidates } from "../../lib/home-page";
import { useI18n } from "../../lib/i18n-context";

export function HomeSuccessor({
	page,
	onChoose,
}: {
	page: Page;
	onChoose: (pageId: string | null) => void;
}) {
	const { t } = useI18n();
	const [candidates, setCandidates] = useState<Page[]>([]);
	const [choice, setChoice] = useState<string>("");

	useEffect(() => {
		if (!page.isHome) return;
		let stopped = false;
		void api("GET /pages").then((res) => {
			if (stopped || !res.ok) return;
			const list = homeCandidates(res.data.pages, page);
			setCandidates(list);
			const first = list[0]?.id ?? null;
			setChoice(first ?? "");
			onChoose(first);
		});
		return () => {
			stopped = true;
		};
	}, [page, onChoose]);

	if (candidates.length === 0) return null;
	return (
		<div class="field">
			<label for="home-successor">{t.onboarding.successorLabel}</label>
			<select
				id="home-successor"
				aria-describedby="home-successor-hint"
				value={choice}
				onChange={(e) => {
					setChoice(e.currentTarget.value);
					onChoose(e.currentTarget.value);
				}}
			>
				{candidates.map((p) => (
					<option key={p.id} value={p.id}>
						{p.title}
					</option>
				))}
			</select>
			<p class="hint" id="home-successor-hint">
				{t.onboarding.successorHint(page.title)}
			</p>
		</div>
	);
}
