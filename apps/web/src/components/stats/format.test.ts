/**
 * How the statistics screen writes figures in English and German: rates, changes in per cent and
 * in percentage points, bucket labels, and country names from Intl.DisplayNames (unknown codes
 * fall back instead of showing "XX").
 */
import { describe, expect, it } from "vitest";
import {
	changeText,
	countryName,
	formatBucket,
	formatDay,
	formatPoints,
	formatRate,
} from "./format";

const texts = { changeNew: "new", changeSame: "±0 %" };
/** German number formats put a no-break space before "%". */
const plain = (value: string | null) => value?.replace(/\u00a0/g, " ") ?? null;

describe("statistics formats", () => {
	it("writes rates and changes the way each language does", () => {
		expect(formatRate("en", 0.2567)).toBe("25.7%");
		expect(plain(formatRate("de", 0.2567))).toBe("25,7 %");
		expect(changeText("en", { kind: "up", percent: 129 }, texts)).toBe("+129%");
		expect(plain(changeText("de", { kind: "down", percent: 5 }, texts))).toBe("−5 %");
		expect(changeText("en", { kind: "new" }, texts)).toBe("new");
		expect(changeText("en", { kind: "none" }, texts)).toBeNull();
		expect(formatPoints("en", 0.25 - 0.142857)).toBe("+10.7");
		expect(formatPoints("de", -0.003)).toBe("−0,3");
		expect(formatPoints("en", 0)).toBe("0");
	});

	it("labels days, weeks and months without shifting the day", () => {
		expect(formatDay("en", "2026-03-29")).toBe("29 Mar 2026");
		expect(formatDay("de", "2026-12-03")).toBe("3. Dez. 2026");
		expect(formatBucket("en", "2026-12-03", "day")).toBe("3 Dec");
		expect(formatBucket("de", "2026-12-01", "month")).toBe("Dez. 2026");
	});

	it("names countries in the screen's language, and leaves unknown codes to the caller", () => {
		expect(countryName("en", "DE")).toBe("Germany");
		expect(countryName("de", "AT")).toBe("Österreich");
		expect(countryName("de", "US")).toBe("Vereinigte Staaten");
		expect(countryName("en", "XX")).toBeNull();
		expect(countryName("en", "T1")).toBeNull();
		expect(countryName("en", "<b>")).toBeNull();
	});
});
