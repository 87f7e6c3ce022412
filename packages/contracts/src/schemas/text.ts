/**
 * Free-text fields: one line or several, trimmed, counted in code points, without control or
 * bidirectional override characters (which can make text read differently from what it is).
 */
import * as z from "zod";

/** Single-line text: no control characters, trimmed, at most `max` characters (code points). */
export function lineSchema(max: number) {
	return (
		z
			.string({ error: "must be a string" })
			.trim()
			// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
			.refine((s) => !/[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(s), {
				error: "must not contain control or bidirectional override characters",
			})
			.refine((s) => [...s].length <= max, { error: `must be at most ${max} characters` })
	);
}

/** Multi-line text: like lineSchema but line breaks are allowed. */
export function textSchema(max: number) {
	return (
		z
			.string({ error: "must be a string" })
			.trim()
			// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
			.refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(s), {
				error: "must not contain control or bidirectional override characters",
			})
			.refine((s) => [...s].length <= max, { error: `must be at most ${max} characters` })
	);
}
