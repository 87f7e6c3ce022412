/**
 * The links of a page: show/hide, edit, highlight, delete, and reorder three ways: dragging the
 * handle, the row menu's move items, or Alt + Arrow keys anywhere in a row. Every move is
 * announced, keeps the focus in the row that moved, and is saved with PUT /links/order.
 */
import type { Link } from "@smartpages/contracts";
import type { TargetedKeyboardEvent } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { withSavedItem } from "../../lib/items";
import { failureText } from "../../lib/messages";
import { moveItem } from "../../lib/pages";
import type { Enqueue } from "../../lib/queue";
import type { EditFocus } from "./LinkEditForm";
import { type FocusTarget, LinkRow } from "./LinkRow";
import { useDragSort } from "./useDragSort";

interface Props {
	pageId: string;
	links: Link[];
	/** Clicks of the last 30 days by link id; null when unknown. */
	clicks?: ReadonlyMap<string, number> | null;
	setLinks: (links: Link[]) => void;
	enqueue: Enqueue;
	onChanged: () => void;
}

export function LinkList({ pageId, links, clicks, setLinks, enqueue, onChanged }: Props) {
	const { t } = useI18n();
	const [announcement, setAnnouncement] = useState("");
	const [error, setError] = useState<string | null>(null);
	const [editing, setEditing] = useState<{ id: string; focus: EditFocus } | null>(null);
	const [confirming, setConfirming] = useState<string | null>(null);
	const listRef = useRef<HTMLUListElement>(null);
	const headingRef = useRef<HTMLHeadingElement>(null);
	// The latest order, also between renders (pointer moves arrive faster than renders).
	const current = useRef(links);
	current.current = links;
	const focusAfter = useRef<{ id: string; target: FocusTarget } | null>(null);

	// Before paint: a moved row is re-inserted into the DOM, which drops the focus for a moment.
	useLayoutEffect(() => {
		const wanted = focusAfter.current;
		if (!wanted) return;
		focusAfter.current = null;
		listRef.current
			?.querySelector<HTMLElement>(`[data-link-id="${wanted.id}"] [data-focus="${wanted.target}"]`)
			?.focus();
	});

	const update = (next: Link[]) => {
		current.current = next;
		setLinks(next);
	};

	/** Sends a change; on failure says why and shows what Core has. */
	const send = (request: () => ReturnType<typeof api>) =>
		enqueue(async () => {
			const res = await request();
			if (res.ok || res.code === "not_found") {
				onChanged();
				return true;
			}
			setError(failureText(t, res));
			const fresh = await api("GET /pages/:id/links", { params: { id: pageId } });
			if (fresh.ok) update(fresh.data.links);
			return false;
		});

	const saveOrder = (next: Link[], moved: Link) => {
		setAnnouncement(
			t.editor.links.moved(moved.title, next.findIndex((l) => l.id === moved.id) + 1, next.length),
		);
		const ids = next.map((l) => l.id);
		void send(() => api("PUT /pages/:id/links/order", { params: { id: pageId }, body: { ids } }));
	};

	const { dragId, startDrag } = useDragSort({
		listRef,
		current,
		update,
		onDrop: (next, moved) => {
			setError(null);
			saveOrder(next, moved);
		},
	});

	const move = (from: number, to: number, focus: FocusTarget) => {
		const list = current.current;
		const link = list[from];
		if (!link || to < 0 || to >= list.length || from === to) return;
		setError(null);
		const next = moveItem(list, from, to);
		update(next);
		focusAfter.current = { id: link.id, target: focus };
		saveOrder(next, link);
	};

	const onRowKeyDown = (event: TargetedKeyboardEvent<HTMLLIElement>, index: number) => {
		if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
		const target = event.target as HTMLElement;
		if (target.closest("input:not([type=checkbox]), textarea, select")) return;
		event.preventDefault();
		const focus = (target.dataset.focus as FocusTarget | undefined) ?? "menu";
		move(index, event.key === "ArrowUp" ? index - 1 : index + 1, focus);
	};

	const toggle = (link: Link, enabled: boolean) => {
		setError(null);
		update(current.current.map((l) => (l.id === link.id ? { ...l, enabled } : l)));
		void send(() =>
			api("PATCH /pages/:id/links/:linkId", {
				params: { id: pageId, linkId: link.id },
				body: { enabled },
			}),
		);
	};

	const remove = async (link: Link) => {
		setError(null);
		const params = { id: pageId, linkId: link.id };
		if (!(await send(() => api("DELETE /pages/:id/links/:linkId", { params })))) return;
		setConfirming(null);
		update(current.current.filter((l) => l.id !== link.id));
		setAnnouncement(t.editor.links.deleted(link.title));
		headingRef.current?.focus();
	};

	const highlight = (link: Link, on: boolean) => {
		setError(null);
		// One highlighted link per page: Core moves it, so the list is read back afterwards.
		void send(() =>
			api("PATCH /pages/:id/links/:linkId", {
				params: { id: pageId, linkId: link.id },
				body: { highlight: on },
			}),
		).then(async (ok) => {
			if (!ok) return;
			const fresh = await api("GET /pages/:id/links", { params: { id: pageId } });
			if (fresh.ok) update(fresh.data.links);
		});
	};

	const saved = (link: Link) => {
		update(withSavedItem(current.current, link));
		onChanged();
	};

	const editDone = (link: Link) => {
		setEditing(null);
		focusAfter.current = { id: link.id, target: "menu" };
		const now = current.current.find((l) => l.id === link.id);
		if (now) setAnnouncement(t.editor.links.updated(now.title));
	};

	return (
		<section class="card" aria-labelledby="links-heading">
			<h2 id="links-heading" ref={headingRef} tabIndex={-1}>
				{t.editor.links.heading}
			</h2>
			<p class="visually-hidden" aria-live="polite">
				{announcement}
			</p>
			{error ? (
				<p class="notice notice-error" role="alert">
					{error}
				</p>
			) : null}
			{links.length === 0 ? (
				<p>{t.workspace.empty}</p>
			) : (
				<>
					<p class="hint" id="reorder-hint">
						{t.workspace.reorderHint}
					</p>
					<ul class="plain-list" ref={listRef} aria-describedby="reorder-hint">
						{links.map((link, index) => (
							<LinkRow
								key={link.id}
								pageId={pageId}
								link={link}
								clicks={clicks ? (clicks.get(link.id) ?? 0) : null}
								first={index === 0}
								last={index === links.length - 1}
								dragging={dragId === link.id}
								editing={editing?.id === link.id ? editing.focus : null}
								confirming={confirming === link.id}
								enqueue={enqueue}
								onStartDrag={(event) => {
									setError(null);
									startDrag(event, link.id);
								}}
								onKeyDown={(event) => onRowKeyDown(event, index)}
								onMove={(step) => move(index, index + step, "menu")}
								onToggle={(enabled) => toggle(link, enabled)}
								onHighlight={(on) => highlight(link, on)}
								onEdit={(focus) => {
									setConfirming(null);
									setEditing({ id: link.id, focus });
								}}
								onSaved={saved}
								onEditDone={() => editDone(link)}
								onAskDelete={() => {
									setConfirming(link.id);
									focusAfter.current = { id: link.id, target: "confirm" };
								}}
								onCancelDelete={() => {
									setConfirming(null);
									focusAfter.current = { id: link.id, target: "menu" };
								}}
								onDelete={() => void remove(link)}
							/>
						))}
					</ul>
				</>
			)}
		</section>
	);
}
