/**
 * The profile picture: the current one, a file chooser with a preview of the chosen image, upload
 * (PUT /profile/avatar with the image bytes) and removal. Type and size are checked here first
 * (PNG, JPEG, WebP or GIF, ≤ 2 MiB); Core checks again by content, and its 400/413/415 answers are
 * said in the same words.
 */
import { IMAGE_LIMIT, IMAGE_TYPES, type Profile } from "@smartpages/contracts";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { type ApiFailure, api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import { useUnsavedWarning } from "../../lib/unsaved";
import { FilePicker } from "../ui/FilePicker";
import { useHydrated } from "../ui/form";

const ACCEPTED: readonly string[] = Object.values(IMAGE_TYPES);

type Note = { ok: boolean; text: string } | null;

export function AvatarForm({
	profile,
	onChanged,
}: {
	profile: Profile;
	onChanged: (profile: Profile) => void;
}) {
	const { t } = useI18n();
	const id = useId();
	const hydrated = useHydrated();
	const [file, setFile] = useState<File | null>(null);
	const [preview, setPreview] = useState<string | null>(null);
	const [busy, setBusy] = useState<"upload" | "remove" | null>(null);
	const [note, setNote] = useState<Note>(null);
	const [currentBroken, setCurrentBroken] = useState(false);
	const input = useRef<HTMLInputElement>(null);
	useUnsavedWarning(file !== null);

	useEffect(() => {
		if (!file) return setPreview(null);
		const url = URL.createObjectURL(file);
		setPreview(url);
		return () => URL.revokeObjectURL(url);
	}, [file]);

	/** Why an image cannot be uploaded, or null when it can. */
	const problem = (chosen: File): string | null => {
		if (!ACCEPTED.includes(chosen.type)) return t.profile.avatar.wrongType;
		if (chosen.size > IMAGE_LIMIT) return t.profile.avatar.tooLarge;
		return null;
	};

	const failure = (res: ApiFailure): string => {
		if (res.status === 413 || res.code === "payload_too_large") return t.profile.avatar.tooLarge;
		if (res.status === 415) return t.profile.avatar.wrongType;
		// 400: a recognised image that is broken or over the pixel limit (Core reads its header).
		if (res.status === 400) return t.profile.avatar.unreadable;
		return failureText(t, res);
	};

	const choose = (chosen: File | null) => {
		setNote(null);
		if (!chosen) return setFile(null);
		const reason = problem(chosen);
		if (reason) {
			setFile(null);
			if (input.current) input.current.value = "";
			setNote({ ok: false, text: reason });
			return;
		}
		setFile(chosen);
	};

	const send = async () => {
		if (busy) return;
		if (!file) return setNote({ ok: false, text: t.profile.avatar.missing });
		setBusy("upload");
		setNote(null);
		const res = await api("PUT /profile/avatar", { body: file, contentType: file.type });
		setBusy(null);
		if (!res.ok) return setNote({ ok: false, text: failure(res) });
		setFile(null);
		if (input.current) input.current.value = "";
		setCurrentBroken(false);
		onChanged(res.data.profile);
		setNote({ ok: true, text: t.profile.avatar.uploaded });
	};

	const remove = async () => {
		if (busy) return;
		setBusy("remove");
		setNote(null);
		const res = await api("DELETE /profile/avatar");
		setBusy(null);
		if (!res.ok) return setNote({ ok: false, text: failureText(t, res) });
		const { avatarUrl: _removed, ...rest } = profile;
		onChanged(rest);
		setNote({ ok: true, text: t.profile.avatar.removed });
	};

	const current = profile.avatarUrl && !currentBroken ? profile.avatarUrl : null;
	return (
		<section class="card" aria-labelledby={`${id}-heading`}>
			<h2 id={`${id}-heading`}>{t.profile.avatar.heading}</h2>
			<div class="avatar-row">
				{preview ? (
					<img
						class="avatar"
						src={preview}
						alt={t.profile.avatar.preview}
						onError={() => {
							// Named like an image but not one (review L4): refused before the upload.
							setFile(null);
							if (input.current) input.current.value = "";
							setNote({ ok: false, text: t.profile.avatar.unreadable });
						}}
					/>
				) : current ? (
					<img
						class="avatar"
						src={current}
						alt={t.profile.avatar.current}
						onError={() => setCurrentBroken(true)}
					/>
				) : (
					<p class="avatar avatar-empty">{t.profile.avatar.none}</p>
				)}
				<div class="avatar-controls">
					<FilePicker
						id={`${id}-file`}
						label={t.profile.avatar.choose}
						hint={t.profile.avatar.hint}
						accept={ACCEPTED.join(",")}
						inputRef={input}
						chosen={file}
						disabled={!hydrated}
						onFile={choose}
					/>
					<div class="actions">
						<button
							type="button"
							class="button button-primary"
							disabled={!hydrated}
							aria-disabled={busy ? "true" : undefined}
							onClick={() => void send()}
						>
							{busy === "upload" ? t.profile.avatar.uploading : t.profile.avatar.upload}
						</button>
						{profile.avatarUrl ? (
							<button
								type="button"
								class="button button-quiet"
								aria-disabled={busy ? "true" : undefined}
								onClick={() => void remove()}
							>
								{busy === "remove" ? t.profile.avatar.removing : t.profile.avatar.remove}
							</button>
						) : null}
					</div>
				</div>
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
		</section>
	);
}
