/**
 * The published address as a QR code: uqr encodes it (loaded only when a published page is open,
 * so the editor's first bundle stays small), the modules become one SVG path drawn inline, and
 * the same SVG is offered as a download, beside a PNG of about 1024 px drawn from the same modules
 * (issue 19: print shops and stories want PNG).
 */
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../../lib/i18n-context";

/** About this many pixels a side, in whole pixels per module (sharp edges). */
const PNG_PIXELS = 1024;

/** The modules as a PNG data URL, or null where the browser cannot draw one. */
function pngOf(data: boolean[][]): string | null {
	const modules = data.length;
	const scale = Math.max(1, Math.floor(PNG_PIXELS / modules));
	const canvas = document.createElement("canvas");
	canvas.width = modules * scale;
	canvas.height = modules * scale;
	const context = canvas.getContext("2d");
	if (!context) return null;
	context.fillStyle = "#fff";
	context.fillRect(0, 0, canvas.width, canvas.height);
	context.fillStyle = "#000";
	data.forEach((row, y) => {
		row.forEach((dark, x) => {
			if (dark) context.fillRect(x * scale, y * scale, scale, scale);
		});
	});
	return canvas.toDataURL("image/png");
}

export function QrCode({ url, slug }: { url: string; slug: string }) {
	const { t } = useI18n();
	const [qr, setQr] = useState<{ size: number; path: string; png: string | null } | null>(null);

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
			setQr({ size, path, png: pngOf(data) });
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
			<div class="qr-downloads">
				{qr.png ? (
					<a
						class="button button-secondary button-small"
						href={qr.png}
						download={`smartpages-${slug}-qr.png`}
					>
						{t.ux.qr.png}
					</a>
				) : null}
				<a
					class="button button-secondary button-small"
					href={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(file)}`}
					download={`smartpages-${slug}-qr.svg`}
				>
					{t.ux.qr.svg}
				</a>
			</div>
		</div>
	);
}
