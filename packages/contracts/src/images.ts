/**
 * Image uploads (avatars, link thumbnails): the type is decided by the bytes (magic numbers),
 * never by the Content-Type header alone, and the file is then checked strictly without decoding
 * it: the real dimensions come from the format's own header (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/
 * VP8X, GIF screen and frames), so a decompression bomb is refused before anything renders it;
 * a structurally broken file is refused; bytes after the format's end marker are dropped, so a
 * polyglot (an image with a payload appended) is never stored; metadata that is not needed to show
 * the image (Exif with its GPS position and camera serial, XMP, IPTC, comments, private chunks) is
 * removed, because avatars and thumbnails are published to everyone. A JPEG keeps its Exif
 * orientation, rewritten as a minimal Exif block, so a phone's portrait photo stays upright. SVG
 * is deliberately absent (it can carry script).
 */
import { fail, ok, type Result } from "./errors";

export const IMAGE_LIMIT = 2 * 1024 * 1024;
/** Longest side accepted, in pixels. */
export const IMAGE_MAX_SIDE = 4096;
/** Pixel budget per image or frame (16.7 MP): what a decoder must allocate stays bounded. */
export const IMAGE_MAX_PIXELS = IMAGE_MAX_SIDE * IMAGE_MAX_SIDE;

export const IMAGE_TYPES = {
	png: "image/png",
	jpg: "image/jpeg",
	webp: "image/webp",
	gif: "image/gif",
} as const;
export type ImageExt = keyof typeof IMAGE_TYPES;

export const UNSUPPORTED_IMAGE = "Upload a PNG, JPEG, WebP or GIF image.";

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
	signature.every((b, i) => bytes[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image format the bytes claim to be (by magic number), or null when none of the allowed. */
export function sniffImage(bytes: Uint8Array): ImageExt | null {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpg";
	if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
	if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
	return null;
}

export interface ValidImage {
	ext: ImageExt;
	width: number;
	height: number;
	/** The image up to its end marker: what is stored and served. */
	bytes: Uint8Array;
}

export type ImageCheck =
	| ({ ok: true } & ValidImage)
	| { ok: false; reason: "unsupported" | "broken" | "too_large" };

/** Thrown inside the parsers only; `inspectImage` turns it into a refusal. */
class Broken extends Error {}

/** Reads fields with bounds checks: any read past the end means a truncated file. */
class Reader {
	constructor(readonly bytes: Uint8Array) {}
	get length(): number {
		return this.bytes.byteLength;
	}
	u8(at: number): number {
		const v = this.bytes[at];
		if (v === undefined || at < 0) throw new Broken();
		return v;
	}
	u16be(at: number): number {
		return (this.u8(at) << 8) | this.u8(at + 1);
	}
	u16le(at: number): number {
		return this.u8(at) | (this.u8(at + 1) << 8);
	}
	u24le(at: number): number {
		return this.u16le(at) | (this.u8(at + 2) << 16);
	}
	u32be(at: number): number {
		return this.u16be(at) * 0x10000 + this.u16be(at + 2);
	}
	u32le(at: number): number {
		return this.u16le(at) + this.u16le(at + 2) * 0x10000;
	}
	/** Checks that `length` bytes from `at` exist. */
	need(at: number, length: number): void {
		if (at < 0 || length < 0 || at + length > this.length) throw new Broken();
	}
}

interface Parsed {
	width: number;
	height: number;
	/** Every frame's (or the bitstream's) own size, checked against the same caps. */
	frames: [number, number][];
	/** Offset just after the format's end marker. */
	end: number;
	/**
	 * Changes before `end`, in ascending order and not overlapping: the range [from, to) is
	 * replaced by `insert` (removed when there is none) — metadata, text, private data, and the
	 * header fields that describe them.
	 */
	edits?: Edit[];
}

interface Edit {
	from: number;
	to: number;
	insert?: Uint8Array;
}

/**
 * Checks an upload strictly. Never throws: unknown bytes → "unsupported", a damaged or
 * incomplete file → "broken", a side over IMAGE_MAX_SIDE or over the pixel budget → "too_large".
 */
export function inspectImage(bytes: Uint8Array): ImageCheck {
	const ext = sniffImage(bytes);
	if (!ext) return { ok: false, reason: "unsupported" };
	let parsed: Parsed;
	try {
		parsed = PARSERS[ext](new Reader(bytes));
	} catch (error) {
		if (error instanceof Broken) return { ok: false, reason: "broken" };
		throw error;
	}
	const sizes: [number, number][] = [[parsed.width, parsed.height], ...parsed.frames];
	if (sizes.some(([w, h]) => w < 1 || h < 1)) return { ok: false, reason: "broken" };
	if (sizes.some(([w, h]) => w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE || w * h > IMAGE_MAX_PIXELS))
		return { ok: false, reason: "too_large" };
	return {
		ok: true,
		ext,
		width: parsed.width,
		height: parsed.height,
		bytes: storedBytes(bytes, parsed),
	};
}

/** The bytes to store: up to the end marker, with the edits applied. */
function storedBytes(bytes: Uint8Array, { end, edits = [] }: Parsed): Uint8Array {
	if (edits.length === 0) return end === bytes.byteLength ? bytes : bytes.slice(0, end);
	const parts: Uint8Array[] = [];
	let at = 0;
	for (const { from, to, insert } of edits) {
		parts.push(bytes.subarray(at, from));
		if (insert) parts.push(insert);
		at = to;
	}
	parts.push(bytes.subarray(at, end));
	const out = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
	let written = 0;
	for (const part of parts) {
		out.set(part, written);
		written += part.byteLength;
	}
	return out;
}

/**
 * The upload as a Result in the contract's terms: not an image → 415 `unsupported_media_type`
 * (as for a wrong content type); an image that is damaged or too large → 400 `validation_failed`
 * naming the `image` field.
 */
export function checkImage(bytes: Uint8Array): Result<ValidImage> {
	const check = inspectImage(bytes);
	if (check.ok)
		return ok({ ext: check.ext, width: check.width, height: check.height, bytes: check.bytes });
	if (check.reason === "unsupported") return fail("unsupported_media_type", UNSUPPORTED_IMAGE);
	if (check.reason === "too_large") {
		const limit = `must be at most ${IMAGE_MAX_SIDE} × ${IMAGE_MAX_SIDE} pixels`;
		return fail("validation_failed", `The image is too large: it ${limit}.`, {
			fields: { image: limit },
		});
	}
	return fail("validation_failed", "The image file is damaged or incomplete.", {
		fields: { image: "is damaged or incomplete" },
	});
}

/**
 * Link thumbnails (issue 18) are shown at 40 × 40 CSS pixels, so they are held to far less than an
 * avatar: at most 256 KiB (413 beyond, at Core) and 1024 px a side, which keeps a page with many
 * thumbnails light without resizing on the server (Workers have no image codec).
 */
export const THUMBNAIL_LIMIT = 256 * 1024;
export const THUMBNAIL_MAX_SIDE = 1024;

/** `checkImage` with the thumbnail's tighter dimensions. */
export function checkThumbnail(bytes: Uint8Array): Result<ValidImage> {
	const image = checkImage(bytes);
	if (!image.ok) return image;
	if (image.value.width > THUMBNAIL_MAX_SIDE || image.value.height > THUMBNAIL_MAX_SIDE) {
		const limit = `must be at most ${THUMBNAIL_MAX_SIDE} × ${THUMBNAIL_MAX_SIDE} pixels`;
		return fail("validation_failed", `The image is too large for a thumbnail: it ${limit}.`, {
			fields: { image: limit },
		});
	}
	return image;
}

const PARSERS: Record<ImageExt, (r: Reader) => Parsed> = {
	png: parsePng,
	jpg: parseJpeg,
	gif: parseGif,
	webp: parseWebp,
};

// ── PNG: signature, IHDR first, chunks with valid CRCs, at least one IDAT, ends at IEND ───────────

/**
 * The chunks a PNG keeps: the critical ones, and the ancillary ones that change how it looks
 * (transparency, colour, gamma, pixel size) or animate it (APNG). Text, EXIF, timestamps and
 * private chunks are dropped, so an upload cannot carry arbitrary data onto the pages domain.
 */
const PNG_KEPT = new Set([
	"IHDR",
	"PLTE",
	"IDAT",
	"IEND",
	"tRNS",
	"cHRM",
	"gAMA",
	"iCCP",
	"sBIT",
	"sRGB",
	"cICP",
	"bKGD",
	"pHYs",
	"acTL",
	"fcTL",
	"fdAT",
]);

function parsePng(r: Reader): Parsed {
	let at = 8;
	let width = 0;
	let height = 0;
	let sawData = false;
	const edits: Edit[] = [];
	for (let index = 0; ; index++) {
		const length = r.u32be(at);
		const type = String.fromCharCode(r.u8(at + 4), r.u8(at + 5), r.u8(at + 6), r.u8(at + 7));
		r.need(at + 8, length + 4);
		if (crc32(r.bytes, at + 4, length + 4) !== r.u32be(at + 8 + length)) throw new Broken();
		if (index === 0) {
			if (type !== "IHDR" || length !== 13) throw new Broken();
			width = r.u32be(at + 8);
			height = r.u32be(at + 12);
		} else if (type === "IHDR") {
			throw new Broken();
		}
		if (type === "IDAT") sawData = true;
		if (!PNG_KEPT.has(type)) edits.push({ from: at, to: at + 12 + length });
		at += 12 + length;
		if (type === "IEND") {
			if (!sawData) throw new Broken();
			return { width, height, frames: [], end: at, edits };
		}
	}
}

let CRC_TABLE: Uint32Array | null = null;

function crc32(bytes: Uint8Array, from: number, length: number): number {
	if (!CRC_TABLE) {
		CRC_TABLE = new Uint32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			CRC_TABLE[n] = c >>> 0;
		}
	}
	let crc = 0xffffffff;
	for (let i = from; i < from + length; i++)
		crc = (CRC_TABLE[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

// ── JPEG: marker segments, a frame header (SOFn) before the first scan, ends at EOI ──────────────

// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
const SOF_MARKERS = new Set([
	0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);
const isRst = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

/**
 * Application segments a JPEG keeps: APP0 (JFIF), APP2 only as an ICC colour profile, APP14
 * (Adobe's colour transform, which decides how CMYK/YCCK data decodes). APP1 (Exif, XMP),
 * APP13 (IPTC), the other APPn and comments (COM) are removed; Exif's orientation comes back as
 * a minimal Exif block of its own.
 */
const JPEG_APP0 = 0xe0;
const JPEG_APP1 = 0xe1;
const JPEG_APP2 = 0xe2;
const JPEG_APP14 = 0xee;
const JPEG_COM = 0xfe;
const ICC_PROFILE = ascii("ICC_PROFILE\0");
const EXIF_HEADER = ascii("Exif\0\0");

function keepsJpegSegment(r: Reader, marker: number, data: number): boolean {
	if (marker === JPEG_APP0 || marker === JPEG_APP14) return true;
	if (marker === JPEG_APP2) return startsWith(r.bytes, ICC_PROFILE, data);
	return !(marker >= 0xe0 && marker <= 0xef) && marker !== JPEG_COM;
}

function parseJpeg(r: Reader): Parsed {
	let at = 2;
	let size: [number, number] | null = null;
	const edits: Edit[] = [];
	let orientationKept = false;
	for (;;) {
		if (r.u8(at) !== 0xff) throw new Broken();
		const markerStart = at;
		while (r.u8(at) === 0xff) at++; // fill bytes before a marker
		const marker = r.u8(at);
		at++;
		if (marker === 0xd9) {
			if (!size) throw new Broken();
			return { width: size[0], height: size[1], frames: [], end: at, edits };
		}
		if (marker === 0xd8 || marker === 0x00) throw new Broken();
		if (isRst(marker) || marker === 0x01) continue; // markers without a length
		const length = r.u16be(at);
		if (length < 2) throw new Broken();
		r.need(at, length);
		if (SOF_MARKERS.has(marker)) {
			if (size || length < 8) throw new Broken(); // one frame per image
			size = [r.u16be(at + 5), r.u16be(at + 3)];
		}
		if (!keepsJpegSegment(r, marker, at + 2)) {
			const edit: Edit = { from: markerStart, to: at + length };
			if (marker === JPEG_APP1 && !orientationKept) {
				const orientation = exifOrientation(r.bytes.subarray(at + 2, at + length));
				if (orientation !== null) {
					edit.insert = orientationSegment(orientation);
					orientationKept = true;
				}
			}
			edits.push(edit);
		}
		at += length;
		if (marker === 0xda) {
			if (!size) throw new Broken();
			at = skipEntropyCoded(r, at);
		}
	}
}

/**
 * The orientation (2–8) an Exif block gives its image, or null when it has none, the default (1)
 * or cannot be read: a damaged Exif block is dropped rather than the photo refused.
 */
function exifOrientation(data: Uint8Array): number | null {
	if (!startsWith(data, EXIF_HEADER)) return null;
	const tiff = new Reader(data.subarray(EXIF_HEADER.length));
	try {
		const order = String.fromCharCode(tiff.u8(0), tiff.u8(1));
		if (order !== "II" && order !== "MM") return null;
		const le = order === "II";
		const u16 = (at: number) => (le ? tiff.u16le(at) : tiff.u16be(at));
		const u32 = (at: number) => (le ? tiff.u32le(at) : tiff.u32be(at));
		if (u16(2) !== 42) return null;
		const ifd = u32(4);
		const count = u16(ifd);
		for (let i = 0; i < count; i++) {
			const entry = ifd + 2 + i * 12;
			// Tag 0x0112, type SHORT (3), one value, stored in the entry itself.
			if (u16(entry) !== 0x0112) continue;
			if (u16(entry + 2) !== 3 || u32(entry + 4) !== 1) return null;
			const value = u16(entry + 8);
			return value >= 2 && value <= 8 ? value : null;
		}
		return null;
	} catch (error) {
		if (error instanceof Broken) return null;
		throw error;
	}
}

/** An APP1 segment whose Exif holds the orientation and nothing else (big-endian TIFF). */
function orientationSegment(orientation: number): Uint8Array {
	const tiff = [
		...[0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08], // "MM", 42, IFD0 at offset 8
		...[0x00, 0x01], // one entry: tag 0x0112, SHORT, count 1, the value
		...[0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00],
		...[0x00, 0x00, 0x00, 0x00], // no next IFD
	];
	const length = 2 + EXIF_HEADER.length + tiff.length;
	return Uint8Array.from([0xff, JPEG_APP1, length >> 8, length & 0xff, ...EXIF_HEADER, ...tiff]);
}

/** Skips a scan's entropy-coded data: up to the next marker that is not a stuffed 0 or RSTn. */
function skipEntropyCoded(r: Reader, from: number): number {
	let at = from;
	for (;;) {
		if (r.u8(at) !== 0xff) {
			at++;
			continue;
		}
		const next = r.u8(at + 1);
		if (next === 0x00 || isRst(next)) at += 2;
		else if (next === 0xff) at++;
		else return at;
	}
}

// ── GIF: header, logical screen, colour tables, image and extension blocks, ends at the trailer ──

function parseGif(r: Reader): Parsed {
	const width = r.u16le(6);
	const height = r.u16le(8);
	const packed = r.u8(10);
	let at = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
	const frames: [number, number][] = [];
	const edits: Edit[] = [];
	for (;;) {
		const block = r.u8(at);
		if (block === 0x3b) {
			if (frames.length === 0) throw new Broken();
			return { width, height, frames, end: at + 1, edits };
		}
		if (block === 0x21) {
			const from = at;
			const label = r.u8(at + 1);
			at = skipSubBlocks(r, at + 2);
			if (!keepsGifExtension(r, label, from + 2)) edits.push({ from, to: at });
		} else if (block === 0x2c) {
			frames.push([r.u16le(at + 5), r.u16le(at + 7)]);
			const local = r.u8(at + 9);
			at += 10 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0);
			const minCodeSize = r.u8(at);
			if (minCodeSize < 2 || minCodeSize > 11) throw new Broken();
			at = skipSubBlocks(r, at + 1);
		} else {
			throw new Broken();
		}
	}
}

/**
 * GIF extensions kept: graphic control (timing, transparency), plain text, and the application
 * blocks that make an animation loop (NETSCAPE2.0, ANIMEXTS1.0). Comments and every other
 * application block (XMP, private data) are removed.
 */
const GIF_LOOP_BLOCKS = ["NETSCAPE2.0", "ANIMEXTS1.0"].map(ascii);

function keepsGifExtension(r: Reader, label: number, data: number): boolean {
	if (label === 0xf9 || label === 0x01) return true;
	if (label !== 0xff) return false;
	return r.u8(data) === 11 && GIF_LOOP_BLOCKS.some((id) => startsWith(r.bytes, id, data + 1));
}

function skipSubBlocks(r: Reader, from: number): number {
	let at = from;
	for (;;) {
		const size = r.u8(at);
		at++;
		if (size === 0) return at;
		r.need(at, size);
		at += size;
	}
}

// ── WebP: a RIFF container whose declared size ends the file; VP8, VP8L or VP8X first ────────────

function parseWebp(r: Reader): Parsed {
	const riffSize = r.u32le(4);
	const end = 8 + riffSize;
	if (riffSize % 2 !== 0 || riffSize < 4 + 8) throw new Broken();
	r.need(0, end);
	const chunks = riffChunks(r, 12, end);
	const first = chunks[0];
	if (!first) throw new Broken();
	const frames: [number, number][] = [];
	let hasImage = false;
	for (const chunk of chunks) {
		const size = bitstreamSize(r, chunk);
		if (size) {
			frames.push(size);
			hasImage = true;
		}
		if (chunk.type === "ANMF") {
			r.need(chunk.at, 16);
			frames.push([r.u24le(chunk.at + 6) + 1, r.u24le(chunk.at + 9) + 1]);
			for (const inner of riffChunks(r, chunk.at + 16, chunk.at + chunk.size)) {
				const innerSize = bitstreamSize(r, inner);
				if (innerSize) {
					frames.push(innerSize);
					hasImage = true;
				}
			}
		}
	}
	if (!hasImage) throw new Broken();
	if (first.type === "VP8X") {
		r.need(first.at, 10);
		return {
			width: r.u24le(first.at + 4) + 1,
			height: r.u24le(first.at + 7) + 1,
			frames,
			end,
			edits: webpMetadataEdits(r, riffSize, first, chunks),
		};
	}
	if (chunks.length !== 1) throw new Broken(); // simple formats hold exactly one bitstream
	const [size] = frames;
	if (!size) throw new Broken();
	return { width: size[0], height: size[1], frames, end };
}

/** Top-level chunks of an extended WebP that take part in showing it; EXIF, XMP and unknown go. */
const WEBP_KEPT = new Set(["VP8X", "ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L"]);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/**
 * Removes an extended WebP's metadata chunks, clears the VP8X flags that announce them and
 * shrinks the RIFF size to match, so the stored file is a valid WebP again.
 */
function webpMetadataEdits(
	r: Reader,
	riffSize: number,
	vp8x: RiffChunk,
	chunks: RiffChunk[],
): Edit[] {
	const removed = chunks.filter((chunk) => !WEBP_KEPT.has(chunk.type));
	const flags = r.u8(vp8x.at);
	const cleared = flags & ~(VP8X_EXIF | VP8X_XMP);
	if (removed.length === 0 && cleared === flags) return [];
	const span = (chunk: RiffChunk) => 8 + chunk.size + (chunk.size % 2);
	const size = riffSize - removed.reduce((n, chunk) => n + span(chunk), 0);
	return [
		{ from: 4, to: 8, insert: Uint8Array.of(size, size >>> 8, size >>> 16, size >>> 24) },
		{ from: vp8x.at, to: vp8x.at + 1, insert: Uint8Array.of(cleared) },
		...removed.map((chunk) => ({ from: chunk.at - 8, to: chunk.at + span(chunk) - 8 })),
	];
}

interface RiffChunk {
	type: string;
	/** Offset of the chunk's data. */
	at: number;
	size: number;
}

function riffChunks(r: Reader, from: number, end: number): RiffChunk[] {
	const chunks: RiffChunk[] = [];
	let at = from;
	while (at < end) {
		const type = String.fromCharCode(r.u8(at), r.u8(at + 1), r.u8(at + 2), r.u8(at + 3));
		const size = r.u32le(at + 4);
		const padded = size + (size % 2);
		if (at + 8 + padded > end) throw new Broken();
		chunks.push({ type, at: at + 8, size });
		at += 8 + padded;
	}
	return chunks;
}

/** Width and height of a VP8 (lossy) or VP8L (lossless) bitstream chunk; null for other chunks. */
function bitstreamSize(r: Reader, chunk: RiffChunk): [number, number] | null {
	if (chunk.type === "VP8 ") {
		if (chunk.size < 10) throw new Broken();
		if (r.u8(chunk.at + 3) !== 0x9d || r.u8(chunk.at + 4) !== 0x01 || r.u8(chunk.at + 5) !== 0x2a)
			throw new Broken();
		return [r.u16le(chunk.at + 6) & 0x3fff, r.u16le(chunk.at + 8) & 0x3fff];
	}
	if (chunk.type === "VP8L") {
		if (chunk.size < 5 || r.u8(chunk.at) !== 0x2f) throw new Broken();
		const bits = r.u32le(chunk.at + 1);
		return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
	}
	return null;
}
