/**
 * One link of the editor's list, compact (issue 19: about 64–80 px, a phone first): drag handle,
 * title and address on one line each, a visible switch, and a menu with the secondary actions
 * (edit, highlight, schedule, thumbnail, move up/down, delete). Editing opens in place below the
 * row and saves as the customer types. Controls carry `data-focus`, so the list can give the
 * focus back to the same control after the row moved.
 */
import type { Link } from "@smartpages/contracts";
import type { TargetedKeyboardEvent, TargetedPointerEvent } from "preact";
import { useI18n } from "../../lib/i18n-context";
import type { Enqueue } from "../../lib/queue";
import { formatCount } from "../stats/format";
import { ScheduleBadge } from "./ItemOptions";
import { type EditFocus, LinkEditForm } from "./LinkEditForm";
import { RowMenu } from "./RowMenu";
import { LINK_CLICK_DAYS } from "./useLinkClicks";

export type FocusTarget = "menu" | "toggle" | "confirm";

interface Props {
	pageId: string;
	link: Link;
	/** Clicks of the last 30 days; null when unknown (then nothing is shown). */
	clicks?: number | null;
	first: boolean;
	last: boolean;
	dragging: boolean;
	/** What the open edit form starts with; null while the row is not edited. */
	editing: EditFocus | null;
	confirming: boolean;
	enqueue: Enqueue;
	onStartDrag: (event: TargetedPointerEvent<HTMLElement>) => void;
	onKeyDown: (event: TargetedKeyboardEvent<HTMLLIElement>) => void;
	onMove: (step: -1 | 1) => void;
	onToggle: (enabled: boolean) => void;
	onHighlight: (highlight: boolean) => void;
	onEdit: (focus: EditFocus) => void;
	onSaved: (saved: Link) => void;
	onEditDone: () => void;
	onAskDelete: () => void;
	onCancelDelete: () => void;
	onDelete: () => void;
}

/** The address as a row shows it: without "https://", which every web link has. */
function shortAddress(url: string): string {
	return url.replace(/^https:\/\//, "");
}

export function LinkRow(props: Props) {
	const { t, locale } = useI18n();
	const m = t.workspace.menu;
	const { link, first, last } = props;
	const header = link.kind === "header";
	const titleId = `link-title-${link.id}`;
	const classes = ["link-row", props.dragging ? "dragging" : "", link.enabled ? "" : "link-hidden"];
	return (
		<li
			data-link-id={link.id}
			data-sort-id={link.id}
			class={classes.join(" ").trim()}
			onKeyDown={props.onKeyDown}
		>
			<span
				class="drag-handle"
				aria-hidden="true"
				title={t.editor.links.dragHandle(link.title)}
				onPointerDown={props.onStartDrag}
			>
				⠿
			</span>
			<div class="link-body">
				<p class="row-title" id={titleId}>
					{link.title}
				</p>
				<p class="row-meta">
					{link.highlight ? <span class="badge">{t.editor.items.highlighted}</span> : null}
					<ScheduleBadge link={link} />{" "}
					{header ? t.editor.items.header : shortAddress(link.url ?? "")}
					{props.clicks == null ? null : (
						<>
							{" · "}
							<span class="link-clicks">
								{t.stats.linkClicks(formatCount(locale, props.clicks), LINK_CLICK_DAYS)}
							</span>
						</>
					)}
				</p>
			</div>
			<label class="switch" title={t.editor.links.visible}>
				<input
					type="checkbox"
					data-focus="toggle"
					checked={link.enabled}
					aria-label={t.workspace.visibleLabel(link.title)}
					onChange={(e) => props.onToggle(e.currentTarget.checked)}
				/>
				<span class="switch-track" aria-hidden="true" />
			</label>
			<RowMenu
				label={m.button(link.title)}
				focusName="menu"
				items={[
					{ key: "edit", label: m.edit, onSelect: () => props.onEdit("title") },
					...(header
						? []
						: [
								{
									key: "highlight",
									label: link.highlight ? m.unhighlight : m.highlight,
									onSelect: () => props.onHighlight(!link.highlight),
								},
							]),
					{ key: "schedule", label: m.schedule, onSelect: () => props.onEdit("schedule") },
					...(header
						? []
						: [
								{ key: "thumbnail", label: m.thumbnail, onSelect: () => props.onEdit("thumbnail") },
							]),
					{ key: "up", label: m.moveUp, disabled: first, onSelect: () => props.onMove(-1) },
					{ key: "down", label: m.moveDown, disabled: last, onSelect: () => props.onMove(1) },
					{ key: "delete", label: m.delete, danger: true, onSelect: props.onAskDelete },
				]}
			/>
			{props.editing ? (
				<div class="link-row-panel">
					<LinkEditForm
						pageId={props.pageId}
						link={link}
						focus={props.editing}
						enqueue={props.enqueue}
						onSaved={props.onSaved}
						onDone={props.onEditDone}
					/>
				</div>
			) : null}
			{props.confirming ? (
				<div class="link-row-panel notice notice-error">
					<p>{t.editor.links.confirmDelete(link.title)}</p>
					<div class="actions">
						<button
							type="button"
							class="button button-danger button-small"
							data-focus="confirm"
							onClick={props.onDelete}
						>
							{t.common.delete}
						</button>
						<button
							type="button"
							class="button button-quiet button-small"
							onClick={props.onCancelDelete}
						>
							{t.common.cancel}
						</button>
					</div>
				</div>
			) : null}
		</li>
	);
}
