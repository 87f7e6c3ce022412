/**
 * Core Worker entry: the public API gateway, and the cron (custom domains, manifest upgrades,
 * statistics roll-ups).
 */
import { createApp } from "./app";
import { recheckDomains, rollUpStats, upgradeManifests } from "./scheduled";

const app = createApp();

export default {
	fetch: (request, env, ctx) => app.fetch(request, env, ctx),
	scheduled: (controller, env, ctx) => {
		ctx.waitUntil(recheckDomains(env, controller.scheduledTime));
		ctx.waitUntil(upgradeManifests(env));
		ctx.waitUntil(rollUpStats(env, controller.scheduledTime));
	},
} satisfies ExportedHandler<CoreEnv>;
