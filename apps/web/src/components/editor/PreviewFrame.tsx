/**
 * The live preview: Core's rendering of the draft, exactly as it would be published, in a
 * sandboxed frame (no scripts, no same-origin access) inside a phone's outline. The draft is
 * saved automatically as the customer types (issue 19), and every saved change gives the frame
 * a new address, so it shows the change about a second after the last keystroke.
 */
import type { Page } from "@smartpages/contracts";
import { useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n-context";

export function PreviewFrame({ page, version }: { page: Page; version: number }) {
	const { t } = useI18n();
	// The version only makes the address change, so the frame loads the new draft.
	const src = `/api/v1/pages/${encodeURIComponent(page.id)}/preview?v=${version}`;
	// Until the frame has loaded this address, a note says so instead of an empty white box.
	const [loaded, setLoaded] = useState<string | null>(null);
	return (
		<div class="preview">
			<div class="phone-frame">
				<div class="phone-screen">
					<iframe
						class="preview-frame"
						title={t.editor.preview.frameTitle(page.title)}
						src={src}
						sandbox=""
						referrerpolicy="no-referrer"
						data-version={version}
						onLoad={() => setLoaded(src)}
					/>
					{loaded === src ? null : <p class="preview-loading">{t.editor.preview.loading}</p>}
				</div>
			</div>
			<p class="hint preview-open">
				<a href={src} target="_blank" rel="noopener">
					{t.editor.preview.openTab}
				</a>
			</p>
		</div>
	);
}
