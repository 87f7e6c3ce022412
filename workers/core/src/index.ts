/** Core Worker entry: the public API gateway, and the cron (custom domains, manifest upgrades). */
import { createApp } from "./app";
import { recheckDomains, upgradeManifests } from "./scheduled";

const app = createApp();

export default {
	fetch: (request, env, ctx) => app.fetch(request, env, ctx),
	scheduled: (controller, env, ctx) => {
		ctx.waitUntil(recheckDomains(env, controller.scheduledTime));
		ctx.waitUntil(upgradeManifests(env));
	},
} satisfies ExportedHandler<CoreEnv>;
