/** Core Worker entry: the public API gateway, and the cron that re-checks custom domains. */
import { createApp } from "./app";
import { recheckDomains } from "./scheduled";

const app = createApp();

export default {
	fetch: (request, env, ctx) => app.fetch(request, env, ctx),
	scheduled: (controller, env, ctx) => {
		ctx.waitUntil(recheckDomains(env, controller.scheduledTime));
	},
} satisfies ExportedHandler<CoreEnv>;
