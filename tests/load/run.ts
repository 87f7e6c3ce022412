/**
 * Load on loopback (`npm run test:load`): many accounts at once sign up, verify, edit, reorder
 * and publish through Core while visitors read the published pages from the Domain Worker.
 * Bounded in accounts, requests and time. Reports requests, 5xx, lost writes (acknowledged
 * writes missing from D1, read straight from the local D1 file), wrong-tenant responses and
 * p50/p99 latency; exits non-zero unless every required zero is a zero.
 *
 * LOAD_ACCOUNTS (default 24) and LOAD_SECONDS (default 90, an upper bound) scale it.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import {
	ApiClient,
	type ApiResponse,
	getWithHost,
	type Stack,
	startStack,
	tokenFrom,
	waitForMail,
} from "../../tools/stack/src/index.ts";
import { formatSummary, writeSummary } from "../support/security-summary.ts";

const ACCOUNTS = Number(process.env.LOAD_ACCOUNTS ?? 24);
const DEADLINE = Date.now() + Number(process.env.LOAD_SECONDS ?? 90) * 1000;
const LINKS = 8;
const VISITORS = 6;
const PASSWORD = "load test passphrase 9";

interface Tenant {
	marker: string;
	api: ApiClient;
	pageId: string;
	/** What Core acknowledged, which D1 must hold afterwards. */
	links: Map<string, string>;
	order: string[];
	title: string;
	publishedVersion: number;
	url: string | null;
}

const latency = { api: [] as number[], delivery: [] as number[] };
const counts = { requests: 0, serverErrors: 0, otherFailures: 0, visits: 0, leaks: 0 };
const problems: string[] = [];

function note(problem: string) {
	if (problems.length < 20) problems.push(problem);
}

async function timed<T>(
	kind: "api" | "delivery",
	run: () => Promise<T & { status: number }>,
): Promise<T & { status: number }> {
	const started = performance.now();
	const res = await run();
	latency[kind].push(performance.now() - started);
	counts.requests += 1;
	if (res.status >= 500) counts.serverErrors += 1;
	return res;
}

/** One API call; anything but the expected status is a failure of the run. */
async function expectStatus<T>(
	what: string,
	expected: number,
	run: () => Promise<ApiResponse<T>>,
): Promise<ApiResponse<T>> {
	const res = await timed("api", run);
	if (res.status !== expected) {
		if (res.status < 500) counts.otherFailures += 1;
		note(`${what}: ${res.status} ${res.text.slice(0, 160)}`);
		throw new Error(`${what} answered ${res.status}`);
	}
	return res;
}

function shuffled<T>(items: T[]): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
	}
	return copy;
}

/** One customer's session of work: everything it does is acknowledged or the run fails. */
async function customer(stack: Stack, index: number, tenants: Tenant[]): Promise<void> {
	const marker = `ldt${randomBytes(6).toString("hex")}`;
	const api = new ApiClient({
		core: stack.urls.core,
		origin: stack.urls.web,
		ip: `10.77.${index >> 8}.${index & 255}`,
	});
	const email = `${marker}@example.com`;
	await expectStatus("signup", 201, () =>
		api.call("POST /auth/signup", { body: { email, password: PASSWORD } }),
	);
	const mail = await waitForMail(stack.urls.mail, email, (m) => /confirm/i.test(m.subject), 60_000);
	await expectStatus("verify", 200, () =>
		api.call("POST /auth/verify-email", { body: { token: tokenFrom(mail) } }),
	);
	await expectStatus("profile", 200, () =>
		api.call("PATCH /profile", { body: { displayName: `Tenant ${marker}` } }),
	);
	const page = await expectStatus("create page", 201, () =>
		api.call("POST /pages", { body: { title: `Home ${marker}` } }),
	);
	const tenant: Tenant = {
		marker,
		api,
		pageId: page.body.page.id,
		links: new Map(),
		order: [],
		title: `Home ${marker}`,
		publishedVersion: 0,
		url: null,
	};
	for (let i = 0; i < LINKS; i++) {
		const title = `${marker} link ${i}`;
		const link = await expectStatus("add link", 201, () =>
			api.call("POST /pages/:id/links", {
				params: { id: tenant.pageId },
				body: {
					title,
					url: `https://example.com/${marker}/${i}`,
				},
			}),
		);
		tenant.links.set(link.body.link.id, title);
		tenant.order.push(link.body.link.id);
	}
	const publish = async () => {
		const res = await expectStatus("publish", 200, () =>
			api.call("POST /pages/:id/publish", { params: { id: tenant.pageId } }),
		);
		tenant.publishedVersion = Math.max(tenant.publishedVersion, res.body.version);
		tenant.url = res.body.url;
	};
	await publish();
	tenants.push(tenant);

	// Keep editing while visitors read: renames, reorders and republishing.
	for (let round = 0; round < 3 && Date.now() < DEADLINE; round++) {
		const ids = [...tenant.links.keys()];
		const renamed = ids[round % ids.length] as string;
		const title = `${marker} renamed ${round}`;
		await expectStatus("rename link", 200, () =>
			api.call("PATCH /pages/:id/links/:linkId", {
				params: { id: tenant.pageId, linkId: renamed },
				body: { title },
			}),
		);
		tenant.links.set(renamed, title);
		const order = shuffled(tenant.order);
		await expectStatus("reorder", 200, () =>
			api.call("PUT /pages/:id/links/order", {
				params: { id: tenant.pageId },
				body: { ids: order },
			}),
		);
		tenant.order = order;
		tenant.title = `Home ${marker} ${round}`;
		await expectStatus("rename page", 200, () =>
			api.call("PATCH /pages/:id", {
				params: { id: tenant.pageId },
				body: { title: tenant.title },
			}),
		);
		await publish();
	}
}

/** A visitor reading random published pages until the customers are done. */
async function visitor(stack: Stack, tenants: Tenant[], done: () => boolean): Promise<void> {
	while (!done() && Date.now() < DEADLINE) {
		const tenant = tenants[Math.floor(Math.random() * tenants.length)];
		if (!tenant?.url) {
			await new Promise((r) => setTimeout(r, 50));
			continue;
		}
		const res = await timed("delivery", () =>
			getWithHost(tenant.url as string, stack.ports.domain),
		);
		counts.visits += 1;
		const body = await res.text();
		const seen = new Set(body.match(/ldt[0-9a-f]{12}/g) ?? []);
		if (res.status !== 200) {
			if (res.status < 500) counts.otherFailures += 1;
			note(`visit ${tenant.url}: ${res.status}`);
		} else if (!seen.has(tenant.marker) || seen.size !== 1) {
			counts.leaks += 1;
			note(`visit ${tenant.url} showed ${[...seen].join(", ")}`);
		}
	}
}

/** Acknowledged writes that D1 does not hold (read from the local D1 file itself). */
function lostWrites(stateDir: string, tenants: Tenant[]): number {
	const dir = join(stateDir, "v3", "d1", "miniflare-D1DatabaseObject");
	const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
	if (!file) throw new Error(`no D1 database under ${dir}`);
	const db = new DatabaseSync(join(dir, file), { readOnly: true });
	let lost = 0;
	try {
		const links = db.prepare("SELECT id, title FROM links WHERE page_id = ? ORDER BY position");
		const page = db.prepare("SELECT title, published_version FROM pages WHERE id = ?");
		for (const t of tenants) {
			const rows = links.all(t.pageId) as { id: string; title: string }[];
			for (const [id, title] of t.links) {
				const row = rows.find((r) => r.id === id);
				if (!row || row.title !== title) {
					lost += 1;
					note(
						`${t.marker}: link ${id} is ${row ? `"${row.title}"` : "missing"}, acknowledged "${title}"`,
					);
				}
			}
			if (rows.map((r) => r.id).join() !== t.order.join()) {
				lost += 1;
				note(`${t.marker}: order differs from the last acknowledged reorder`);
			}
			const stored = page.get(t.pageId) as { title: string; published_version: number } | undefined;
			if (!stored || stored.title !== t.title || stored.published_version < t.publishedVersion) {
				lost += 1;
				note(`${t.marker}: page is ${JSON.stringify(stored)}`);
			}
		}
	} finally {
		db.close();
	}
	return lost;
}

function percentile(values: number[], p: number): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<number> {
	const stateDir = mkdtempSync(join(tmpdir(), "smartpages-load-"));
	const logFile = join(stateDir, "stack.log");
	console.log(`load: starting the stack (state and log in ${stateDir})`);
	const stack = await startStack({ stateDir, web: false, log: { kind: "file", path: logFile } });
	const stopAll = () => void stack.stop();
	process.once("SIGINT", stopAll);
	process.once("SIGTERM", stopAll);
	const tenants: Tenant[] = [];
	let finished = false;
	let ok = false;
	const started = performance.now();
	try {
		console.log(`load: ${ACCOUNTS} customers editing and publishing, ${VISITORS} visitors reading`);
		const visitors = Array.from({ length: VISITORS }, () =>
			visitor(stack, tenants, () => finished),
		);
		const results = await Promise.allSettled(
			Array.from({ length: ACCOUNTS }, (_, i) => customer(stack, i, tenants)),
		);
		finished = true;
		await Promise.all(visitors);
		const failedCustomers = results.filter((r) => r.status === "rejected").length;
		const lost = lostWrites(stateDir, tenants);
		const seconds = (performance.now() - started) / 1000;
		const figures = {
			customers: ACCOUNTS,
			customersFailed: failedCustomers,
			requests: counts.requests,
			visits: counts.visits,
			serverErrors: counts.serverErrors,
			otherFailures: counts.otherFailures,
			lostWrites: lost,
			tenantLeaks: counts.leaks,
			seconds: Number(seconds.toFixed(1)),
			apiP50ms: Number(percentile(latency.api, 50).toFixed(1)),
			apiP99ms: Number(percentile(latency.api, 99).toFixed(1)),
			deliveryP50ms: Number(percentile(latency.delivery, 50).toFixed(1)),
			deliveryP99ms: Number(percentile(latency.delivery, 99).toFixed(1)),
		};
		writeSummary("load", figures);
		console.log(
			[
				"",
				"Load on loopback",
				`  customers            ${figures.customers} (${figures.customersFailed} failed)`,
				`  requests             ${figures.requests} in ${figures.seconds} s (${figures.visits} page visits)`,
				`  5xx                  ${figures.serverErrors}`,
				`  other failures       ${figures.otherFailures}`,
				`  lost writes          ${figures.lostWrites}`,
				`  wrong-tenant pages   ${figures.tenantLeaks}`,
				`  API p50 / p99        ${figures.apiP50ms} / ${figures.apiP99ms} ms`,
				`  delivery p50 / p99   ${figures.deliveryP50ms} / ${figures.deliveryP99ms} ms`,
				...problems.map((p) => `  ! ${p}`),
				"",
			].join("\n"),
		);
		ok =
			failedCustomers === 0 &&
			figures.serverErrors === 0 &&
			figures.otherFailures === 0 &&
			lost === 0 &&
			counts.leaks === 0;
		console.log(formatSummary());
		if (!ok) console.error(`load: FAILED (state and stack log kept in ${stateDir})`);
		return ok ? 0 : 1;
	} finally {
		await stack.stop();
		if (ok) rmSync(stateDir, { recursive: true, force: true });
	}
}

process.exitCode = await main();
