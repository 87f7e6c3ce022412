/**
 * The published address as a QR code: uqr encodes it (loaded only when a published page is open,
 * so the editor's first bundle stays small), the modules become one SVG path drawn inline, and
 * the same SVG is offered as a download.
 */
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n-context";

export function QrCode({ url, slug }: { url: string; slug: string }) {
	const { t } = useI18n();
	const [qr, setQr] = useState<{ size: number; path: string } | null>(null);

	useEffect(() => {
		let current = true;
		void import("uqr").then(({ encode }) => {
			if (!current) return;
			const { size, data } = encode(url, { ecc: "M", border: 2 });
			let path = "";
			data.forEach((row, y) => {
				row.forEach((dark, x) => {
					if (dark) path += `M${x},${y}h1v1h-1z`;
				});
			});
			setQr({ size, path });
		});
		return () => {
			current = false;
		};
	}, [url]);

	if (!qr) return null;
	const viewBox = `0 0 ${qr.size} ${qr.size}`;
	const file = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}" shape-rendering="crispEdges"><rect width="${qr.size}" height="${qr.size}" fill="#fff"/><path d="${qr.path}" fill="#000"/></svg>`;
	return (
		<div class="qr">
			<h3>{t.editor.publish.qrHeading}</h3>
			<svg
				class="qr-code"
				xmlns="http://www.w3.org/2000/svg"
				viewBox={viewBox}
				shape-rendering="crispEdges"
				role="img"
				aria-label={t.editor.publish.qrLabel(url)}
			>
				<rect width={qr.size} height={qr.size} fill="#fff" />
				<path d={qr.path} fill="#000" />
			</svg>
			<p class="hint">{t.editor.publish.qrHint}</p>
			<a
				class="button button-secondary button-small"
				href={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(file)}`}
				download={`smartpages-${slug}-qr.svg`}
			>
				{t.editor.publish.qrDownload}
			</a>
		</div>
	);
}
