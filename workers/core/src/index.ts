/**
 * Core Worker entry: the public API gateway, and the cron (custom domains, manifest upgrades,
 * statistics roll-ups, scheduled items).
 */
import { createApp } from "./app";
import { applySchedules, recheckDomains, rollUpStats, upgradeManifests } from "./scheduled";

/**
 * wrangler.jsonc's crons: every minute the schedules run, every five minutes (both fire then) the
 * heavier maintenance jobs; a run with any other expression (a manual local trigger) runs both.
 */
const EVERY_MINUTE = "* * * * *";
const EVERY_FIVE_MINUTES = "*/5 * * * *";

const app = createApp();

export default {
	fetch: (request, env, ctx) => app.fetch(request, env, ctx),
	scheduled: (controller, env, ctx) => {
		// Every minute: scheduled items go live or off within 60 s of their boundary (issue 18).
		// Cloudflare may start a run a little late; the boundary compare uses the later clock.
		if (controller.cron !== EVERY_FIVE_MINUTES)
			ctx.waitUntil(applySchedules(env, Math.max(controller.scheduledTime, Date.now())));
		if (controller.cron === EVERY_MINUTE) return;
		ctx.waitUntil(recheckDomains(env, controller.scheduledTime));
		ctx.waitUntil(upgradeManifests(env));
		ctx.waitUntil(rollUpStats(env, controller.scheduledTime));
	},
} satisfies ExportedHandler<CoreEnv>;
