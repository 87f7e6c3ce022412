/**
 * A link's thumbnail (issue 18): upload (PUT /pages/:id/links/:linkId/thumbnail with the image
 * bytes) or removal, inside the link's edit form. Type and size are checked here first (PNG, JPEG,
 * WebP or GIF, ≤ 256 KiB); Core checks again by content (≤ 1024 px a side). The saved link goes
 * back to the list like a saved edit, so the list and the preview show it at once.
 */
import { IMAGE_TYPES, type Link, THUMBNAIL_LIMIT } from "@smartpages/contracts";
import { useId, useRef, useState } from "preact/hooks";
import { api } from "../../lib/api";
import { useI18n } from "../../lib/i18n-context";
import { failureText } from "../../lib/messages";
import { FilePicker } from "../ui/FilePicker";

const ACCEPTED: readonly string[] = Object.values(IMAGE_TYPES);

interface Props {
	pageId: string;
	link: Link;
	onSaved: (link: Link) => void;
}

export function ThumbnailControl({ pageId, link, onSaved }: Props) {
	const { t } = useI18n();
	const th = t.editor.thumbnail;
	const id = useId();
	const input = useRef<HTMLInputElement>(null);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string | null>(null);
	const params = { id: pageId, linkId: link.id };

	const upload = async () => {
		const file = input.current?.files?.[0];
		if (busy) return;
		if (!file) return setError(t.profile.avatar.missing);
		if (!ACCEPTED.includes(file.type)) return setError(t.profile.avatar.wrongType);
		if (file.size > THUMBNAIL_LIMIT) return setError(th.tooLarge);
		setBusy(true);
		setError(null);
		const res = await api("PUT /pages/:id/links/:linkId/thumbnail", {
			params,
			body: file,
			contentType: file.type,
		});
		setBusy(false);
		if (res.ok) return onSaved(res.data.link);
		if (res.status === 413) return setError(th.tooLarge);
		if (res.status === 415) return setError(t.profile.avatar.wrongType);
		setError(res.status === 400 ? th.unreadable : failureText(t, res));
	};

	const remove = async () => {
		if (busy) return;
		setBusy(true);
		setError(null);
		const res = await api("DELETE /pages/:id/links/:linkId/thumbnail", { params });
		setBusy(false);
		if (!res.ok) return setError(failureText(t, res));
		const { thumbnailUrl: _removed, ...rest } = link;
		onSaved(rest);
	};

	return (
		<fieldset class="thumbnail-control">
			<legend>{th.label}</legend>
			<p>{link.thumbnailUrl ? th.has : th.none}</p>
			<FilePicker
				id={`${id}-file`}
				label={th.choose}
				hint={th.hint}
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
					{busy ? th.uploading : th.upload}
				</button>
				{link.thumbnailUrl ? (
					<button
						type="button"
						class="button button-quiet"
						aria-disabled={busy ? "true" : undefined}
						onClick={() => void remove()}
					>
						{th.remove}
					</button>
				) : null}
			</div>
			{error ? (
				<p class="notice notice-error" role="alert">
					{error}
				</p>
			) : null}
		</fieldset>
	);
}
