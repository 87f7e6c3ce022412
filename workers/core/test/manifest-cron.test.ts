/**
 * The cron's walk over every account that brings older site manifests up to the current format
 * (issue 14.12): it advances a cursor in KV one batch per run through the real Customer worker,
 * and once it has seen every account it stops for good.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MANIFEST_WALK_KEY, upgradeManifests } from "../src/scheduled";

describe("manifest upgrade cron", () => {
	it("walks every account and then stops", async () => {
		await env.SESSIONS.delete(MANIFEST_WALK_KEY);
		for (let run = 0; run < 50; run++) {
			await upgradeManifests(env);
			if ((await env.SESSIONS.get(MANIFEST_WALK_KEY)) === "done") break;
		}
		expect(await env.SESSIONS.get(MANIFEST_WALK_KEY)).toBe("done");
		// A finished walk costs one KV read and calls nothing.
		await upgradeManifests(env);
		expect(await env.SESSIONS.get(MANIFEST_WALK_KEY)).toBe("done");
	});
});
