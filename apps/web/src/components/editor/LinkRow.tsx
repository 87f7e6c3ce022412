/**
 * One link of the editor's list: drag handle, title and address, show/hide, edit in place,
 * delete after confirmation, and move up/down buttons. Controls carry `data-focus` so the list
 * can give the focus back to the same control after the row moved.
 */
import type { Link } from "@smartpages/contracts";
import type { TargetedKeyboardEvent, TargetedPointerEvent } from "preact";
import { useI18n } from "../../lib/i18n-context";
import type { Enqueue } from "../../lib/queue";
import { formatCount } from "../stats/format";
import { ScheduleBadge } from "./ItemOptions";
import { LinkEditForm } from "./LinkEditForm";
import { LINK_CLICK_DAYS } from "./useLinkClicks";

export type FocusTarget = "up" | "down" | "edit" | "toggle" | "delete" | "confirm";

interface Props {
	pageId: string;
	link: Link;
	/** Clicks of the last 30 days; null when unknown (then nothing is shown). */
	clicks?: number | null;
	first: boolean;
	last: boolean;
	dragging: boolean;
	editing: boolean;
	confirming: boolean;
	enqueue: Enqueue;
	onStartDrag: (event: TargetedPointerEvent<HTMLElement>) => void;
	onKeyDown: (event: TargetedKeyboardEvent<HTMLLIElement>) => void;
	onMove: (step: -1 | 1) => void;
	onToggle: (enabled: boolean) => void;
	onEdit: () => void;
	onEditDone: (saved: Link | null) => void;
	onAskDelete: () => void;
	onCancelDelete: () => void;
	onDelete: () => void;
}

export function LinkRow(props: Props) {
	const { t, locale } = useI18n();
	const { link, first, last } = props;
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
				class="drag-handle button icon-button"
				aria-hidden="true"
				title={t.editor.links.dragHandle(link.title)}
				onPointerDown={props.onStartDrag}
			>
				⠿
			</span>
			<div class="link-body">
				{props.editing ? (
					<LinkEditForm
						pageId={props.pageId}
						link={link}
						enqueue={props.enqueue}
						onDone={props.onEditDone}
					/>
				) : (
					<>
						<p class="row-title" id={titleId}>
							{link.title}
						</p>
						<p class="row-meta">
							{link.kind === "header" ? t.editor.items.header : link.url}{" "}
							{link.highlight ? <span class="badge">{t.editor.items.highlighted}</span> : null}
							<ScheduleBadge link={link} />
						</p>
						{props.clicks == null ? null : (
							<p class="row-meta link-clicks">
								{t.stats.linkClicks(formatCount(locale, props.clicks), LINK_CLICK_DAYS)}
							</p>
						)}
						<div class="link-controls">
							<label class="checkbox">
								<input
									type="checkbox"
									data-focus="toggle"
									checked={link.enabled}
									aria-describedby={titleId}
									onChange={(e) => props.onToggle(e.currentTarget.checked)}
								/>
								{t.editor.links.visible}
							</label>
							<button
								type="button"
								class="button button-quiet button-small"
								data-focus="edit"
								aria-label={t.editor.links.editLabel(link.title)}
								onClick={props.onEdit}
							>
								{t.common.edit}
							</button>
							<button
								type="button"
								class="button button-quiet button-small"
								data-focus="delete"
								aria-label={t.editor.links.deleteLabel(link.title)}
								onClick={props.onAskDelete}
							>
								{t.common.delete}
							</button>
						</div>
						{props.confirming ? (
							<div class="notice notice-error link-edit">
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
					</>
				)}
			</div>
			<div class="move-buttons">
				<button
					type="button"
					class="button button-quiet icon-button"
					data-focus="up"
					aria-label={t.editor.links.moveUp(link.title)}
					aria-disabled={first ? "true" : undefined}
					onClick={() => props.onMove(-1)}
				>
					↑
				</button>
				<button
					type="button"
					class="button button-quiet icon-button"
					data-focus="down"
					aria-label={t.editor.links.moveDown(link.title)}
					aria-disabled={last ? "true" : undefined}
					onClick={() => props.onMove(1)}
				>
					↓
				</button>
			</div>
		</li>
	);
}
