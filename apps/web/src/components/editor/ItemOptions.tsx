/**
 * The page-item options of the link forms (issue 18): highlight and the schedule window, and the
 * schedule state a row shows ("scheduled from …", "live until …", "ended"). The window is entered
 * with `datetime-local` inputs in the browser's time zone and sent as ISO 8601 UTC.
 */
import type { Link } from "@smartpages/contracts";
import { useI18n } from "../../lib/i18n-context";
import { fromLocalInput, scheduleState, toLocalInput } from "../../lib/items";
import { TextField } from "../ui/fields";

export interface ItemOptionsValue {
	highlight: boolean;
	/** `datetime-local` values ("" for none). */
	startsAt: string;
	endsAt: string;
}

export function itemOptionsOf(link?: Link): ItemOptionsValue {
	return {
		highlight: link?.highlight ?? false,
		startsAt: toLocalInput(link?.startsAt),
		endsAt: toLocalInput(link?.endsAt),
	};
}

/** The request fields for the options (UTC instants, null clears a bound). */
export function itemOptionsBody(value: ItemOptionsValue, header: boolean) {
	return {
		...(header ? {} : { highlight: value.highlight }),
		startsAt: fromLocalInput(value.startsAt),
		endsAt: fromLocalInput(value.endsAt),
	};
}

interface Props {
	id: string;
	value: ItemOptionsValue;
	onValue: (value: ItemOptionsValue) => void;
	/** A section header has no highlight. */
	header: boolean;
	errors: Record<string, string | undefined>;
	/** Opened from the row menu's "Schedule …" (issue 19). */
	open?: boolean;
}

/** Highlight and schedule inputs, folded away until needed (open when something is set). */
export function ItemOptions({ id, value, onValue, header, errors, open: opened }: Props) {
	const { t } = useI18n();
	const set = (patch: Partial<ItemOptionsValue>) => onValue({ ...value, ...patch });
	const open =
		Boolean(opened) ||
		value.highlight ||
		value.startsAt !== "" ||
		value.endsAt !== "" ||
		Boolean(errors.startsAt || errors.endsAt || errors.highlight);
	return (
		<details class="item-options" open={open}>
			<summary>{t.editor.items.options}</summary>
			{header ? null : (
				<label class="checkbox">
					<input
						type="checkbox"
						name="highlight"
						checked={value.highlight}
						onChange={(e) => set({ highlight: e.currentTarget.checked })}
					/>
					{t.editor.items.highlight}
				</label>
			)}
			{header ? null : <p class="hint">{t.editor.items.highlightHint}</p>}
			<TextField
				id={`${id}-starts`}
				name="startsAt"
				type="datetime-local"
				label={t.editor.items.startsAt}
				optional
				value={value.startsAt}
				onValue={(startsAt) => set({ startsAt })}
				error={errors.startsAt}
			/>
			<TextField
				id={`${id}-ends`}
				name="endsAt"
				type="datetime-local"
				label={t.editor.items.endsAt}
				optional
				value={value.endsAt}
				onValue={(endsAt) => set({ endsAt })}
				error={errors.endsAt}
				hint={t.editor.items.scheduleHint}
			/>
		</details>
	);
}

/** The row's schedule badge: "scheduled (from …)", "live until …" or "ended". */
export function ScheduleBadge({ link }: { link: Link }) {
	const { t, locale } = useI18n();
	const state = scheduleState(link);
	if (!state) return null;
	const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
		new Date(state.at),
	);
	const text =
		state.state === "scheduled"
			? t.editor.items.scheduled(when)
			: state.state === "live"
				? t.editor.items.liveUntil(when)
				: t.editor.items.ended;
	return <span class={`badge schedule-${state.state}`}>{text}</span>;
}
