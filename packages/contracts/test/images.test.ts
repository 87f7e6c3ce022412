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
