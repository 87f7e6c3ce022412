/**
 * The demo account's profile picture (issue 19 item 6), drawn here as a PNG so the seed needs no
 * network and no image file in the repository: a 256 × 256 record-like disc — a warm gradient,
 * grooves and a label — that reads as a musician's avatar at 96 px. Uncompressed pixels go
 * through zlib; the PNG chunks carry their CRC-32 as the format requires.
 */
import { deflateSync } from "node:zlib";

const SIZE = 256;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, "ascii");
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

const mix = (a: number, b: number, t: number) => Math.round(a + (b - a) * t);

/** The colour of one pixel: background gradient, the disc with grooves, its label and hole. */
function pixel(x: number, y: number): [number, number, number] {
	const t = (x + y) / (2 * SIZE);
	// Background: coral to violet.
	const bg: [number, number, number] = [mix(255, 124, t), mix(122, 58, t), mix(89, 237, t)];
	const dx = x - SIZE / 2 + 0.5;
	const dy = y - SIZE / 2 + 0.5;
	const r = Math.hypot(dx, dy);
	if (r > 104) return bg;
	if (r < 5) return bg; // the spindle hole
	if (r < 38) {
		// The label: warm yellow with a soft highlight towards the top left.
		const light = Math.max(0, 1 - Math.hypot(dx + 12, dy + 12) / 40) * 0.25;
		return [mix(250, 255, light), mix(204, 240, light), mix(21, 160, light)];
	}
	// Vinyl: near-black with fine grooves and a sheen across one diagonal.
	const groove = Math.sin(r * 1.9) * 6;
	const angle = Math.atan2(dy, dx);
	const sheen = Math.max(0, Math.cos(2 * (angle + Math.PI / 4))) ** 6 * 55;
	const v = Math.max(0, Math.min(255, 28 + groove + sheen));
	return [v, v, Math.min(255, v + 6)];
}

/** The avatar as PNG bytes (RGB, 8 bits per channel). */
export function demoAvatarPng(): Uint8Array {
	const raw = Buffer.alloc((SIZE * 3 + 1) * SIZE);
	let o = 0;
	for (let y = 0; y < SIZE; y++) {
		raw[o++] = 0; // filter: none
		for (let x = 0; x < SIZE; x++) {
			const [r, g, b] = pixel(x, y);
			raw[o++] = r;
			raw[o++] = g;
			raw[o++] = b;
		}
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(SIZE, 0);
	header.writeUInt32BE(SIZE, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type: RGB
	return new Uint8Array(
		Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk("IHDR", header),
			chunk("IDAT", deflateSync(raw, { level: 9 })),
			chunk("IEND", new Uint8Array(0)),
		]),
	);
}
