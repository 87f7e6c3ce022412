/**
 * The design panel (issue 18, made the one place for the look in issue 19; PATCH /pages/:id
 * {theme, design}, saved automatically as it changes): presets as miniature pages, the four
 * colours with their contrast shown live (the same maths the server checks with, from
 * contracts/design) and a "nearest passing colour" fix per pair, button shape, font, and the
 * optional background image (PUT/DELETE /pages/:id/background), and where the profile's social
 * icons sit (PATCH /profile, for every page). A preset chosen and left unchanged sends only the
 * theme, which resets the page to exactly that preset.
 */
import {
	BUTTON_SHAPES,
	type ButtonShape,
	CONTRAST_PAIRS,
	contrastRatio,
	DESIGN_FONTS,
	DESIGN_PRESETS,
	type Design,
	type DesignFont,
	formatRatio,
	IMAGE_LIMIT,
	IMAGE_TYPES,
	MIN_CONTRAST,
	nearestPassingColour,
	type Page,
	patchPageBody,
	THEME_DESIGNS,
	type Theme,
} from "@smartpages/contracts";
import { useId, useRef, useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import type { Enqueue } from "../../lib/queue";
import { FilePicker } from "../ui/FilePicker";
import { SelectField } from "../ui/form";
import { FieldSaveState, useAutosave } from "./autosave";
import { saveField } from "./fieldSave";
import { SocialsPlacementField } from "./SocialsPlacementField";

interface Props {
	page: Page;
	enqueue: Enqueue;
	onSaved: (page: Page) => void;
	/** The profile's part of the look (social icon placement) was saved. */
	onProfileSaved: () => void;
}

type Colours = Pick<Design, "background" | "text" | "button" | "buttonText">;
const COLOUR_FIELDS: (keyof Colours)[] = ["background", "text", "button", "buttonText"];

/** The design without the read-only image flag: what a PATCH sends. */
function editable(design: Page["design"]): Design {
	const { backgroundImage: _readOnly, ...rest } = design;
	return rest;
}

function sameDesign(a: Design, b: Design): boolean {
	return (
		COLOUR_FIELDS.every((k) => a[k].toLowerCase() === b[k].toLowerCase()) &&
		a.buttonShape === b.buttonShape &&
		a.font === b.font
	);
}

export function DesignForm({ page, enqueue, onSaved, onProfileSaved }: Props) {
	const { t } = useI18n();
	const d = t.editor.design;
	const id = useId();
	const [theme, setTheme] = useState<Theme>(page.theme);
	const [design, setDesign] = useState<Design>(editable(page.design));

	const set = <K extends keyof Design>(key: K, value: Design[K]) =>
		setDesign((current) => ({ ...current, [key]: value }));

	const usePreset = (preset: Theme) => {
		setTheme(preset);
		setDesign({ ...THEME_DESIGNS[preset] });
	};

	const pairs = CONTRAST_PAIRS.map(([fg, bg]) => ({
		fg,
		bg,
		label: fg === "text" ? d.pairText : d.pairButton,
		ratio: contrastRatio(design[fg], design[bg]),
	}));

	// The whole design is one value: colours are checked as pairs, so they are sent together.
	const saving = useAutosave({
		value: { theme, design },
		save: async (value) => {
			const passes = CONTRAST_PAIRS.every(
				([fg, bg]) => contrastRatio(value.design[fg], value.design[bg]) >= MIN_CONTRAST,
			);
			if (!passes) return d.notReadable;
			// Exactly the preset: send the theme alone (the page follows the preset, no own design).
			const body = sameDesign(value.design, THEME_DESIGNS[value.theme])
				? { theme: value.theme }
				: value;
			return saveField({
				t,
				schema: patchPageBody,
				body,
				enqueue,
				send: (checked) => api("PATCH /pages/:id", { params: { id: page.id }, body: checked }),
				onSaved: (data) => onSaved(data.page),
			});
		},
	});

	return (
		<section class="card design-form" aria-labelledby={`${id}-heading`}>
			<h2 id={`${id}-heading`}>{d.heading}</h2>
			<p class="hint">{d.intro}</p>
			<FieldSaveState state={saving} />
			<fieldset class="design-presets">
				<legend>{d.presets}</legend>
				<div class="swatches">
					{DESIGN_PRESETS.map((preset) => {
						const p = THEME_DESIGNS[preset];
						const active = theme === preset && sameDesign(design, p);
						return (
							<button
								key={preset}
								type="button"
								class={`swatch swatch-shape-${p.buttonShape}`}
								aria-pressed={active ? "true" : "false"}
								onClick={() => usePreset(preset)}
							>
								{/* A page in miniature: avatar, name and two buttons in the preset's colours. Set
								    through the DOM (not a style attribute), which the CSP allows. */}
								<span
									class="swatch-page"
									aria-hidden="true"
									style={{ background: p.background, color: p.text }}
								>
									<span class="swatch-avatar" style={{ background: p.text }} />
									<span class="swatch-line" style={{ background: p.text }} />
									<span class="swatch-button" style={{ background: p.button, color: p.buttonText }}>
										Aa
									</span>
									<span class="swatch-button" style={{ background: p.button }} />
								</span>
								<span class="swatch-name">{t.editor.themes[preset]}</span>
							</button>
						);
					})}
				</div>
			</fieldset>
			<fieldset>
				<legend>{d.colours}</legend>
				<div class="colour-grid">
					{COLOUR_FIELDS.map((key) => (
						<div class="field colour-field" key={key}>
							<label for={`${id}-${key}`}>{d[key]}</label>
							<input
								id={`${id}-${key}`}
								type="color"
								value={design[key]}
								onInput={(e) => set(key, e.currentTarget.value)}
							/>
							<code>{design[key]}</code>
						</div>
					))}
				</div>
				<ul class="contrast-list" aria-live="polite">
					{pairs.map((p) => {
						const passes = p.ratio >= MIN_CONTRAST;
						return (
							<li key={p.fg} class={passes ? "contrast-ok" : "contrast-low"}>
								<span>
									{p.label}: {d.ratio(formatRatio(p.ratio))} – {passes ? d.passes : d.fails}
								</span>
								{passes ? null : (
									<button
										type="button"
										class="button button-quiet"
										aria-label={d.fixLabel(p.label)}
										onClick={() => set(p.fg, nearestPassingColour(design[p.fg], design[p.bg]))}
									>
										{d.fix}
									</button>
								)}
							</li>
						);
					})}
				</ul>
			</fieldset>
			<SelectField
				id={`${id}-shape`}
				label={d.shape}
				value={design.buttonShape}
				options={BUTTON_SHAPES.map((value) => ({ value, label: d.shapes[value] }))}
				onValue={(value: ButtonShape) => set("buttonShape", value)}
			/>
			<SelectField
				id={`${id}-font`}
				label={d.font}
				value={design.font}
				options={DESIGN_FONTS.map((value) => ({ value, label: d.fonts[value] }))}
				onValue={(value: DesignFont) => set("font", value)}
				hint={d.fontHint}
			/>
			<BackgroundImage page={page} onSaved={onSaved} />
			<SocialsPlacementField enqueue={enqueue} onSaved={onProfileSaved} />
		</section>
	);
}

const ACCEPTED: readonly string[] = Object.values(IMAGE_TYPES);

/** Upload or removal of the page's background image. */
function BackgroundImage({ page, onSaved }: Pick<Props, "page" | "onSaved">) {
	const { t } = useI18n();
	const d = t.editor.design;
	const id = useId();
	const input = useRef<HTMLInputElement>(null);
	const [busy, setBusy] = useState(false);
	const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

	const upload = async () => {
		const file = input.current?.files?.[0];
		if (busy || !file) return setNote(file ? null : { ok: false, text: t.profile.avatar.missing });
		if (!ACCEPTED.includes(file.type))
			return setNote({ ok: false, text: t.profile.avatar.wrongType });
		if (file.size > IMAGE_LIMIT) return setNote({ ok: false, text: t.profile.avatar.tooLarge });
		setBusy(true);
		const res = await api("PUT /pages/:id/background", {
			params: { id: page.id },
			body: file,
			contentType: file.type,
		});
		setBusy(false);
		if (!res.ok) {
			const text = res.status === 400 ? t.profile.avatar.unreadable : failureText(t, res);
			return setNote({ ok: false, text });
		}
		if (input.current) input.current.value = "";
		setNote({ ok: true, text: d.imageUploaded });
		onSaved(res.data.page);
	};

	const remove = async () => {
		if (busy) return;
		setBusy(true);
		const res = await api("DELETE /pages/:id/background", { params: { id: page.id } });
		setBusy(false);
		if (!res.ok) return setNote({ ok: false, text: failureText(t, res) });
		setNote({ ok: true, text: d.imageRemoved });
		onSaved({ ...page, design: { ...page.design, backgroundImage: false } });
	};

	return (
		<fieldset class="design-image">
			<legend>{d.image}</legend>
			<p>{page.design.backgroundImage ? d.imageSet : d.imageNone}</p>
			<FilePicker
				id={`${id}-file`}
				label={d.imageChoose}
				hint={d.imageHint}
				accept={ACCEPTED.join(",")}
				inputRef={input}
			/>
			<div class="actions">
				<button
					type="button"
					class="button"
					aria-disabled={busy ? "true" : undefined}
					onClick={() => void upload()}
				>
					{d.imageUpload}
				</button>
				{page.design.backgroundImage ? (
					<button
						type="button"
						class="button button-quiet"
						aria-disabled={busy ? "true" : undefined}
						onClick={() => void remove()}
					>
						{d.imageRemove}
					</button>
				) : null}
			</div>
			<div aria-live="polite">
				{note ? (
					<p
						class={note.ok ? "notice notice-success" : "notice notice-error"}
						role={note.ok ? undefined : "alert"}
					>
						{note.text}
					</p>
				) : null}
			</div>
		</fieldset>
	);
}
