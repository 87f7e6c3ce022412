/**
 * Image uploads (avatars, link thumbnails): the type is decided by the bytes (magic numbers),
 * never by the Content-Type header alone, and the file is then checked strictly without decoding
 * it: the real dimensions come from the format's own header (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/
 * VP8X, GIF screen and frames), so a decompression bomb is refused before anything renders it;
 * a structurally broken file is refused; bytes after the format's end marker are dropped, so a
 * polyglot (an image with a payload appended) is never stored. SVG is deliberately absent (it can
 * carry script).
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
	/** Byte ranges [from, to) before `end` that are not stored (metadata, text, private data). */
	drop?: [number, number][];
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

/** The bytes to store: up to the end marker, without the dropped ranges. */
function storedBytes(bytes: Uint8Array, { end, drop = [] }: Parsed): Uint8Array {
	if (drop.length === 0) return end === bytes.byteLength ? bytes : bytes.slice(0, end);
	const out = new Uint8Array(end - drop.reduce((n, [from, to]) => n + (to - from), 0));
	let at = 0;
	let written = 0;
	for (const [from, to] of [...drop, [end, end] as [number, number]]) {
		out.set(bytes.subarray(at, from), written);
		written += from - at;
		at = to;
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
	const drop: [number, number][] = [];
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
		if (!PNG_KEPT.has(type)) drop.push([at, at + 12 + length]);
		at += 12 + length;
		if (type === "IEND") {
			if (!sawData) throw new Broken();
			return { width, height, frames: [], end: at, drop };
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

function parseJpeg(r: Reader): Parsed {
	let at = 2;
	let size: [number, number] | null = null;
	for (;;) {
		if (r.u8(at) !== 0xff) throw new Broken();
		while (r.u8(at) === 0xff) at++; // fill bytes before a marker
		const marker = r.u8(at);
		at++;
		if (marker === 0xd9) {
			if (!size) throw new Broken();
			return { width: size[0], height: size[1], frames: [], end: at };
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
		at += length;
		if (marker === 0xda) {
			if (!size) throw new Broken();
			at = skipEntropyCoded(r, at);
		}
	}
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
	for (;;) {
		const block = r.u8(at);
		if (block === 0x3b) {
			if (frames.length === 0) throw new Broken();
			return { width, height, frames, end: at + 1 };
		}
		if (block === 0x21) {
			r.u8(at + 1); // label
			at = skipSubBlocks(r, at + 2);
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
		};
	}
	if (chunks.length !== 1) throw new Broken(); // simple formats hold exactly one bitstream
	const [size] = frames;
	if (!size) throw new Broken();
	return { width: size[0], height: size[1], frames, end };
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
