/**
 * Where the social icons sit, in the design panel (issue 19: one place for how the page looks).
 * The placement belongs to the profile (PATCH /profile {socialsPlacement}) because the icons are
 * the profile's and appear on every page; the profiles themselves are edited on the profile
 * screen, which this links to when there are none yet. Saved as soon as it is chosen.
 */
import { patchProfileBody, SOCIALS_PLACEMENTS, type SocialsPlacement } from "@smartpages/contracts";
import { useEffect, useId, useState } from "preact/hooks";
import { localePath } from "../../i18n";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import type { Enqueue } from "../../lib/queue";
import { FieldSaveState, useAutosave } from "./autosave";
import { saveField } from "./fieldSave";

interface Props {
	enqueue: Enqueue;
	onSaved: () => void;
}

export function SocialsPlacementField({ enqueue, onSaved }: Props) {
	const { t, locale } = useI18n();
	const w = t.workspace.placement;
	const [loaded, setLoaded] = useState<{ count: number; placement: SocialsPlacement } | null>(null);

	useEffect(() => {
		let current = true;
		void api("GET /profile").then((res) => {
			if (current && res.ok)
				setLoaded({
					count: res.data.profile.socials.length,
					placement: res.data.profile.socialsPlacement,
				});
		});
		return () => {
			current = false;
		};
	}, []);

	return (
		<fieldset class="socials-placement">
			<legend>{w.heading}</legend>
			<p class="hint">{w.hint}</p>
			{loaded === null ? null : loaded.count === 0 ? (
				<p>
					{w.none} <a href={localePath(locale, "/profile")}>{w.toProfile}</a>
				</p>
			) : (
				<Placement initial={loaded.placement} enqueue={enqueue} onSaved={onSaved} />
			)}
		</fieldset>
	);
}

function Placement({ initial, enqueue, onSaved }: Props & { initial: SocialsPlacement }) {
	const { t } = useI18n();
	const id = useId();
	const [placement, setPlacement] = useState(initial);
	const saving = useAutosave({
		value: placement,
		delay: 0,
		save: (value) =>
			saveField({
				t,
				schema: patchProfileBody,
				body: { socialsPlacement: value },
				enqueue,
				send: (body) => api("PATCH /profile", { body }),
				onSaved,
			}),
	});
	return (
		<>
			<div class="radio-row">
				{SOCIALS_PLACEMENTS.map((value) => (
					<label class="checkbox" key={value}>
						<input
							type="radio"
							name={`${id}-placement`}
							checked={placement === value}
							onChange={() => setPlacement(value)}
						/>
						{t.profile.placements[value]}
					</label>
				))}
			</div>
			<FieldSaveState state={saving} />
		</>
	);
}
