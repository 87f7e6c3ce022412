/**
 * A changed response field is a compile error in every caller that reads or produces it (issue 16,
 * "one typed contract"). The contract's resource file is replaced, in memory only, by a copy with
 * fields renamed; each caller project is then typechecked with the TypeScript compiler in-process
 * (one program per project), and each of its files listed in `mustBreak` must report an error
 * that names a renamed field. A caller that types an answer by hand instead of from the contract
 * would keep compiling and fail this test.
 */
import { readFileSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

/** The contract file that is broken, and how: each edit must match exactly once. */
const CONTRACT = "packages/contracts/src/api/resources.ts";
const EDITS: [from: string, to: string][] = [
	["\temailVerified: z.boolean(),", "\temailConfirmed: z.boolean(),"],
	["\tpublishedUrl: z.string().optional(),", "\tpublicUrl: z.string().optional(),"],
];
/** A diagnostic caused by the edits names a field on one side of them. */
const RENAMED = /\b(emailVerified|emailConfirmed|publishedUrl|publicUrl)\b/;

interface Caller {
	name: string;
	/** The project's tsconfig, from the repository root. */
	tsconfig: string;
	/** Files that read or produce a renamed field, from the repository root. */
	mustBreak: string[];
}

/** Every project that calls the API. Add yours with the files that read a renamed field. */
const CALLERS: Caller[] = [
	{
		name: "Core",
		tsconfig: "workers/core/tsconfig.json",
		mustBreak: [
			// Produces a User (the sign-up decoy).
			"workers/core/src/routes/auth/signup.ts",
			// Read `user.emailVerified`.
			"workers/core/src/routes/auth/resend-verification.ts",
			"workers/core/src/http/image-upload.ts",
			"workers/core/src/routes/billing/billing.ts",
		],
	},
	{
		name: "Dashboard",
		tsconfig: "apps/web/tsconfig.json",
		mustBreak: [
			// Read `page.publishedUrl`.
			"apps/web/src/components/editor/PublishPanel.tsx",
			"apps/web/src/components/dashboard/Dashboard.tsx",
			// Read `user.emailVerified`.
			"apps/web/src/components/auth/VerifyEmail.tsx",
			"apps/web/src/components/account/EmailForm.tsx",
		],
	},
	{
		name: "tools/stack",
		tsconfig: "tools/stack/tsconfig.json",
		// The demo seed reads `user.emailVerified` and `page.publishedUrl`.
		mustBreak: ["tools/stack/src/seed.ts"],
	},
	{
		name: "tests",
		tsconfig: "tests/tsconfig.json",
		// Reads `user.emailVerified` after sign-up and verification.
		mustBreak: ["tests/integration/accounts-journey.test.ts"],
	},
	{
		name: "bench",
		tsconfig: "bench/tsconfig.json",
		// No bench file reads a renamed field; the entry still proves the bench is typed by the
		// contract (it reads the broken copy through the typed client).
		mustBreak: [],
	},
];

function brokenContract(): string {
	let text = readFileSync(resolve(ROOT, CONTRACT), "utf8");
	for (const [from, to] of EDITS) {
		// A stale edit would prove nothing: the contract must still have the field to rename.
		expect(text.split(from).length - 1, `${CONTRACT} contains ${JSON.stringify(from)} once`).toBe(
			1,
		);
		text = text.replace(from, to);
	}
	return text;
}

const real = (path: string): string => {
	try {
		return realpathSync(path);
	} catch {
		return path;
	}
};

/** Typechecks `caller` with the contract file swapped; the error messages of each listed file. */
function checkWithBrokenContract(caller: Caller, broken: string): Map<string, string[]> {
	const configPath = resolve(ROOT, caller.tsconfig);
	const config = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
		...ts.sys,
		onUnRecoverableConfigFileDiagnostic: (d) => {
			throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
		},
	});
	if (!config) throw new Error(`cannot read ${caller.tsconfig}`);
	const target = real(resolve(ROOT, CONTRACT));
	const host = ts.createCompilerHost(config.options, true);
	const getSourceFile = host.getSourceFile.bind(host);
	const readFile = host.readFile.bind(host);
	let swapped = false;
	host.getSourceFile = (fileName, language, onError, shouldCreate) => {
		if (real(fileName) !== target) return getSourceFile(fileName, language, onError, shouldCreate);
		swapped = true;
		return ts.createSourceFile(fileName, broken, language, true);
	};
	host.readFile = (fileName) => (real(fileName) === target ? broken : readFile(fileName));

	const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
	const found = new Map<string, string[]>();
	for (const file of caller.mustBreak) {
		const source = program.getSourceFile(resolve(ROOT, file));
		if (!source) throw new Error(`${file} is not part of ${caller.tsconfig}`);
		found.set(
			file,
			program
				.getSemanticDiagnostics(source)
				.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
		);
	}
	// The broken copy must be what the project read, or nothing was tested.
	expect(swapped, `${caller.name} reads ${CONTRACT}`).toBe(true);
	return found;
}

describe("a changed response field breaks every caller that reads it", () => {
	const broken = brokenContract();

	it.each(CALLERS)(
		"$name: each file that reads or produces a renamed field no longer compiles",
		(caller) => {
			const found = checkWithBrokenContract(caller, broken);
			for (const [file, messages] of found) {
				expect(
					messages.some((m) => RENAMED.test(m)),
					`${file} reports an error naming a renamed field; it reported: ${messages.join(" | ") || "nothing"}`,
				).toBe(true);
			}
		},
		180_000,
	);
});
