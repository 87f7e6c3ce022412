/**
 * GET a URL on a loopback port with the URL's host as the Host header (fetch cannot set Host;
 * {handle}.localhost does not resolve everywhere). Used for the Domain Worker's host routing by
 * tests and benchmarks.
 */
import { request as httpRequest } from "node:http";

export interface HostResponse {
	status: number;
	headers: Headers;
	text(): Promise<string>;
}

export function getWithHost(
	url: string,
	port: number,
	headers: Record<string, string> = {},
	/** Another method than GET (HEAD for the statistics tests); redirects are never followed. */
	method = "GET",
): Promise<HostResponse> {
	const u = new URL(url);
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				host: "127.0.0.1",
				port,
				path: `${u.pathname}${u.search}`,
				method,
				headers: { ...headers, Host: u.host },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on("data", (c: Buffer) => chunks.push(c));
				res.on("end", () => {
					const h = new Headers();
					// Set-Cookie arrives as a list: kept too, so a test can see that there is none.
					for (const [k, v] of Object.entries(res.headers)) {
						if (typeof v === "string") h.set(k, v);
						else if (Array.isArray(v)) for (const item of v) h.append(k, item);
					}
					const body = Buffer.concat(chunks).toString("utf8");
					resolve({ status: res.statusCode ?? 0, headers: h, text: async () => body });
				});
			},
		);
		req.on("error", reject);
		req.end();
	});
}
