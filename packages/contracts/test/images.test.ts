/**
 * Strict image validation (avatars, later link thumbnails): real dimensions from each format's
 * header, size caps against decompression bombs, trailing bytes after the end marker dropped,
 * structurally broken files refused — and never an exception, whatever the bytes.
 */
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { IMAGE_MAX_SIDE, type ImageExt, inspectImage } from "../src/images";

// 3×2 images as real encoders write them (sharp/libvips), one per accepted format and variant.
const FIXTURES: Record<string, { ext: ImageExt; base64: string }> = {
	png: {
		ext: "png",
		base64:
			"iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4ISICQQxwFgA8jAWh2DfZ2gAAAABJRU5ErkJggg==",
	},
	jpeg: {
		ext: "jpg",
		base64:
			"/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAMDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABgf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCbgDqzv//Z",
	},
	"progressive jpeg": {
		ext: "jpg",
		base64:
			"/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wgARCAACAAMDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAVAQEBAAAAAAAAAAAAAAAAAAAFBv/aAAwDAQACEAMQAAABmwdZ/wD/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/9oACAEBAAEFAn//xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oACAEDAQE/AX//xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oACAECAQE/AX//xAAUEAEAAAAAAAAAAAAAAAAAAAAA/9oACAEBAAY/An//xAAUEAEAAAAAAAAAAAAAAAAAAAAA/9oACAEBAAE/IX//2gAMAwEAAgADAAAAEAf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oACAEDAQE/EH//xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oACAECAQE/EH//xAAUEAEAAAAAAAAAAAAAAAAAAAAA/9oACAEBAAE/EH//2Q==",
	},
	"webp (lossy)": {
		ext: "webp",
		base64:
			"UklGRjoAAABXRUJQVlA4IC4AAADQAQCdASoDAAIAAUAmJaACdLoB+AADsAD+9Bi3/hV8bkLW//voB70A96Af4IAA",
	},
	"webp (lossless)": {
		ext: "webp",
		base64: "UklGRh4AAABXRUJQVlA4TBEAAAAvAkAAAAdQiiKXov+BiOh/AAA=",
	},
	"webp (extended, alpha)": {
		ext: "webp",
		base64:
			"UklGRlwAAABXRUJQVlA4WAoAAAAQAAAAAgAAAQAAQUxQSAcAAAAAgICAgICAAFZQOCAuAAAA0AEAnQEqAwACAAFAJiWgAnS6AfgAA7AA/vQYt/4VfG5C1v/76Ae9APegH+CAAA==",
	},
	gif: { ext: "gif", base64: "R0lGODlhAwACAIAAAExpccgUFCH5BAUAAAAALAAAAAADAAIAAAICjF8AOw==" },
};

const bytesOf = (base64: string) => Uint8Array.from(Buffer.from(base64, "base64"));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));
const ascii = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));
const TRAILER = ascii("<html><script>alert(document.domain)</script></html>");

/** A PNG chunk with a correct CRC. */
function chunk(type: string, data: Uint8Array): Uint8Array {
	const head = Buffer.alloc(4);
	head.writeUInt32BE(data.byteLength);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(concat(ascii(type), data)));
	return concat(head, ascii(type), data, crc);
}

/** A structurally valid PNG that declares `width`×`height` (a bomb when large). */
function pngDeclaring(width: number, height: number): Uint8Array {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	return concat(
		bytesOf("iVBORw0KGgo="),
		chunk("IHDR", ihdr),
		chunk("IDAT", Uint8Array.from([0x78, 0x9c, 0x03, 0, 0, 0, 0, 1])),
		chunk("IEND", new Uint8Array()),
	);
}

/** The fixture with its 16-bit dimension fields at `offset` overwritten. */
function patched(name: string, write: (b: Buffer) => void): Uint8Array {
	const b = Buffer.from(bytesOf(FIXTURES[name]?.base64 ?? ""));
	write(b);
	return Uint8Array.from(b);
}

describe("inspectImage", () => {
	it.each(Object.entries(FIXTURES))("accepts a real %s with its dimensions", (_name, fixture) => {
		const bytes = bytesOf(fixture.base64);
		const result = inspectImage(bytes);
		expect(result).toEqual({ ok: true, ext: fixture.ext, width: 3, height: 2, bytes });
	});

	it.each(Object.entries(FIXTURES))(
		"#14.12 drops trailing bytes after the end of a %s (no polyglot is stored)",
		(_name, fixture) => {
			const clean = bytesOf(fixture.base64);
			const result = inspectImage(concat(clean, TRAILER));
			expect(result.ok && Buffer.from(result.bytes).equals(Buffer.from(clean))).toBe(true);
		},
	);

	it.each(["tEXt", "zTXt", "iTXt", "eXIf", "prVt"])(
		"#14.12 drops a PNG's %s chunk (text, metadata or private data is not hosted)",
		(type) => {
			const clean = bytesOf(FIXTURES.png?.base64 ?? "");
			// After IHDR (8-byte signature + 25-byte chunk), where encoders put metadata.
			const carrying = concat(clean.subarray(0, 33), chunk(type, TRAILER), clean.subarray(33));
			const result = inspectImage(carrying);
			expect(result.ok && Buffer.from(result.bytes).equals(Buffer.from(clean))).toBe(true);
		},
	);

	it.each(Object.entries(FIXTURES))(
		"#14.12 refuses every truncated %s as broken",
		(_name, fixture) => {
			const bytes = bytesOf(fixture.base64);
			for (let length = 0; length < bytes.byteLength; length++) {
				const result = inspectImage(bytes.subarray(0, length));
				expect(result.ok, `first ${length} bytes`).toBe(false);
			}
		},
	);

	it("#14.12 refuses a magic number followed by anything (the review's SP-12 payload)", () => {
		for (const magic of ["iVBORw0KGgo=", "/9j/", "R0lGODlh", "UklGRgAAAABXRUJQ"]) {
			const result = inspectImage(concat(bytesOf(magic), TRAILER));
			expect(result).toMatchObject({ ok: false, reason: "broken" });
		}
	});

	it("refuses a PNG whose chunk checksum is wrong", () => {
		const bytes = Buffer.from(bytesOf(FIXTURES.png?.base64 ?? ""));
		bytes[29] = (bytes[29] ?? 0) ^ 0xff; // inside the IHDR CRC
		expect(inspectImage(Uint8Array.from(bytes))).toMatchObject({ ok: false, reason: "broken" });
	});

	it.each([
		["a PNG of 30000×30000 px (decompression bomb)", pngDeclaring(30_000, 30_000)],
		["a PNG wider than 4096 px", pngDeclaring(IMAGE_MAX_SIDE + 1, 1)],
		["a PNG taller than 4096 px", pngDeclaring(1, IMAGE_MAX_SIDE + 1)],
		[
			"a JPEG of 60000×60000 px",
			patched("jpeg", (b) => {
				const sof = b.indexOf(Buffer.from([0xff, 0xc0]));
				b.writeUInt16BE(60_000, sof + 5);
				b.writeUInt16BE(60_000, sof + 7);
			}),
		],
		[
			"a progressive JPEG of 5000×10 px",
			patched("progressive jpeg", (b) => {
				const sof = b.indexOf(Buffer.from([0xff, 0xc2]));
				b.writeUInt16BE(5000, sof + 7);
			}),
		],
		["a GIF with a 65535×65535 screen", patched("gif", (b) => b.writeUInt32LE(0xffffffff, 6))],
		[
			"a GIF whose frame is 65535×65535",
			patched("gif", (b) => b.writeUInt32LE(0xffffffff, b.indexOf(0x2c) + 5)),
		],
		[
			"a lossy WebP of 16383×16383",
			patched("webp (lossy)", (b) => {
				b.writeUInt16LE(0x3fff, 26);
				b.writeUInt16LE(0x3fff, 28);
			}),
		],
		[
			"a lossless WebP of 16384×16384",
			patched("webp (lossless)", (b) => b.writeUInt32LE(0x0fffffff, 21)),
		],
		[
			"an extended WebP with a 16777216×1 canvas",
			patched("webp (extended, alpha)", (b) => b.writeUIntLE(0xffffff, 24, 3)),
		],
	])("#14.12 refuses %s as too large", (_name, bytes) => {
		const result = inspectImage(bytes);
		expect(result).toMatchObject({ ok: false, reason: "too_large" });
	});

	it("accepts the largest allowed size", () => {
		expect(inspectImage(pngDeclaring(IMAGE_MAX_SIDE, IMAGE_MAX_SIDE))).toMatchObject({
			ok: true,
			width: IMAGE_MAX_SIDE,
			height: IMAGE_MAX_SIDE,
		});
	});

	it("calls what no accepted format starts with unsupported (SVG, HTML, empty)", () => {
		for (const text of ["<svg xmlns='http://www.w3.org/2000/svg'/>", "<html>", ""]) {
			expect(inspectImage(ascii(text))).toMatchObject({ ok: false, reason: "unsupported" });
		}
	});

	it("never throws, whatever follows a magic number", () => {
		const magics = ["iVBORw0KGgo=", "/9j/", "R0lGODlh", "UklGRgAAAABXRUJQ"].map(bytesOf);
		let seed = 42;
		const random = () => {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			return seed & 0xff;
		};
		for (let i = 0; i < 2000; i++) {
			const magic = magics[i % magics.length] ?? new Uint8Array();
			const tail = Uint8Array.from({ length: random() }, random);
			expect(() => inspectImage(concat(magic, tail))).not.toThrow();
		}
		// Mutations of real files: every byte flipped in turn.
		for (const fixture of Object.values(FIXTURES)) {
			const bytes = bytesOf(fixture.base64);
			for (let i = 0; i < bytes.byteLength; i++) {
				const copy = Uint8Array.from(bytes);
				copy[i] = (copy[i] ?? 0) ^ 0xff;
				expect(() => inspectImage(copy)).not.toThrow();
			}
		}
	});
});

/** A JPEG marker segment: FF, marker, big-endian length (including itself), data. */
function segment(marker: number, data: Uint8Array): Uint8Array {
	const head = Buffer.alloc(4);
	head.writeUInt8(0xff, 0);
	head.writeUInt8(marker, 1);
	head.writeUInt16BE(data.byteLength + 2, 2);
	return concat(head, data);
}

/** An Exif APP1 payload (big- or little-endian TIFF) with an orientation and a GPS note. */
function exif(orientation: number, littleEndian: boolean): Uint8Array {
	const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4 + 32);
	const u16 = (v: number, at: number) =>
		littleEndian ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at);
	const u32 = (v: number, at: number) =>
		littleEndian ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at);
	tiff.write(littleEndian ? "II" : "MM", 0, "latin1");
	u16(42, 2);
	u32(8, 4);
	u16(2, 8);
	// ImageDescription (ASCII, 32 bytes at offset 38), then Orientation (SHORT).
	u16(0x010e, 10);
	u16(2, 12);
	u32(32, 14);
	u32(38, 18);
	u16(0x0112, 22);
	u16(3, 24);
	u32(1, 26);
	u16(orientation, 30);
	u32(0, 34);
	tiff.write("GPS 52.5200N 13.4050E home\0\0\0\0\0\0", 38, "latin1");
	return concat(ascii("Exif\0\0"), Uint8Array.from(tiff));
}

/** The JPEG fixture with `segments` inserted right after SOI, where cameras put metadata. */
function jpegWith(...segments: Uint8Array[]): Uint8Array {
	const clean = bytesOf(FIXTURES.jpeg?.base64 ?? "");
	return concat(clean.subarray(0, 2), ...segments, clean.subarray(2));
}

/** The orientation a stored JPEG declares, read the way a browser does (IFD0 tag 0x0112). */
function storedOrientation(bytes: Uint8Array): number | null {
	const b = Buffer.from(bytes);
	const at = b.indexOf(ascii("Exif\0\0"));
	if (at < 0) return null;
	const tiff = b.subarray(at + 6);
	const le = tiff.toString("latin1", 0, 2) === "II";
	const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
	const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
	const ifd = u32(4);
	for (let i = 0; i < u16(ifd); i++) {
		const entry = ifd + 2 + i * 12;
		if (u16(entry) === 0x0112) return u16(entry + 8);
	}
	return null;
}

const SECRET = "GPS 52.5200N";
const carries = (bytes: Uint8Array, text: string) =>
	Buffer.from(bytes).includes(Buffer.from(text, "latin1"));

describe("inspectImage: metadata is not hosted (location, names, editing history)", () => {
	it("drops a JPEG's Exif, XMP, IPTC and comments and keeps only its orientation", () => {
		for (const littleEndian of [false, true]) {
			const upload = jpegWith(
				segment(0xe1, exif(6, littleEndian)),
				segment(0xe1, ascii(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${SECRET}</x:xmpmeta>`)),
				segment(0xed, ascii(`Photoshop 3.0\0${SECRET}`)),
				segment(0xfe, ascii(SECRET)),
			);
			const result = inspectImage(upload);
			expect(result).toMatchObject({ ok: true, ext: "jpg", width: 3, height: 2 });
			if (!result.ok) return;
			expect(carries(result.bytes, SECRET)).toBe(false);
			expect(carries(result.bytes, "xmpmeta")).toBe(false);
			// A phone's portrait photo still stands upright.
			expect(storedOrientation(result.bytes)).toBe(6);
			// What is stored is itself a valid image that stores unchanged.
			expect(inspectImage(result.bytes)).toMatchObject({ ok: true, bytes: result.bytes });
		}
	});

	it("stores a JPEG whose Exif says nothing but the default orientation without any Exif", () => {
		const result = inspectImage(jpegWith(segment(0xe1, exif(1, false))));
		expect(
			result.ok &&
				Buffer.from(result.bytes).equals(Buffer.from(bytesOf(FIXTURES.jpeg?.base64 ?? ""))),
		).toBe(true);
	});

	it("drops a damaged Exif block instead of refusing the photo", () => {
		const result = inspectImage(
			jpegWith(segment(0xe1, ascii(`Exif\0\0MM\0*\xff\xff\xff\xff${SECRET}`))),
		);
		expect(result.ok && !carries(result.bytes, SECRET)).toBe(true);
	});

	it("keeps what changes how a JPEG looks: JFIF, the ICC colour profile, Adobe's colour transform", () => {
		const kept = [
			segment(0xe0, ascii("JFIF\0\x01\x01\0\0\x01\0\x01\0\0")),
			segment(0xe2, ascii("ICC_PROFILE\0\x01\x01profile-bytes")),
			segment(0xee, ascii("Adobe\0\x64\0\0\0\0\x01")),
		];
		const upload = jpegWith(...kept);
		const result = inspectImage(upload);
		expect(result.ok && Buffer.from(result.bytes).equals(Buffer.from(upload))).toBe(true);
	});

	it("drops a GIF's comments and foreign application blocks and keeps its loop count", () => {
		const clean = bytesOf(FIXTURES.gif?.base64 ?? "");
		const screenEnd = 13 + 3 * 2; // header, screen descriptor, a 2-colour table
		const loop = concat(ascii("\x21\xff\x0bNETSCAPE2.0\x03\x01\0\0\0"));
		const comment = concat(
			ascii("\x21\xfe"),
			Uint8Array.of(SECRET.length),
			ascii(SECRET),
			Uint8Array.of(0),
		);
		const xmp = concat(
			ascii("\x21\xff\x0bXMP DataXMP"),
			Uint8Array.of(SECRET.length),
			ascii(SECRET),
			Uint8Array.of(0),
		);
		const upload = concat(
			clean.subarray(0, screenEnd),
			loop,
			comment,
			xmp,
			clean.subarray(screenEnd),
		);
		const result = inspectImage(upload);
		expect(result).toMatchObject({ ok: true, ext: "gif", width: 3, height: 2 });
		if (!result.ok) return;
		expect(carries(result.bytes, SECRET)).toBe(false);
		expect(
			Buffer.from(result.bytes).equals(
				Buffer.from(concat(clean.subarray(0, screenEnd), loop, clean.subarray(screenEnd))),
			),
		).toBe(true);
	});

	it("drops a WebP's EXIF and XMP chunks and clears their flags and the RIFF size", () => {
		const clean = Buffer.from(bytesOf(FIXTURES["webp (extended, alpha)"]?.base64 ?? ""));
		const riffChunk = (type: string, data: Uint8Array) => {
			const head = Buffer.alloc(8);
			head.write(type, 0, "latin1");
			head.writeUInt32LE(data.byteLength, 4);
			return concat(head, data, data.byteLength % 2 ? Uint8Array.of(0) : new Uint8Array());
		};
		const extra = concat(
			riffChunk("EXIF", exif(6, true)),
			riffChunk("XMP ", ascii(`<x:xmpmeta>${SECRET}</x:xmpmeta>`)),
		);
		const upload = Buffer.from(concat(clean, extra));
		upload.writeUInt32LE(clean.readUInt32LE(4) + extra.byteLength, 4);
		upload[20] = (upload[20] ?? 0) | 0x08 | 0x04; // VP8X: "has EXIF", "has XMP"
		const result = inspectImage(Uint8Array.from(upload));
		expect(result).toMatchObject({ ok: true, ext: "webp", width: 3, height: 2 });
		expect(result.ok && Buffer.from(result.bytes).equals(clean)).toBe(true);
	});
});
