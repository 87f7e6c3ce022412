/**
 * Image uploads: the type is decided by the bytes (magic numbers), never by the Content-Type
 * header alone. SVG is deliberately absent (it can carry script).
 */

export const IMAGE_LIMIT = 2 * 1024 * 1024;

export const IMAGE_TYPES = {
	png: "image/png",
	jpg: "image/jpeg",
	webp: "image/webp",
	gif: "image/gif",
} as const;
export type ImageExt = keyof typeof IMAGE_TYPES;

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
	signature.every((b, i) => bytes[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image format the bytes really are, or null when they are none of the allowed ones. */
export function sniffImage(bytes: Uint8Array): ImageExt | null {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpg";
	if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
	if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
	return null;
}
