/** A page's public address in the dashboard (issue 19 item 7: the custom domain once active). */
import { describe, expect, it } from "vitest";
import { publicAddress } from "./public-address";

describe("public address", () => {
	it("is the custom domain Core answers, marked as such", () => {
		expect(
			publicAddress(
				{ status: "published", publishedUrl: "https://links.anna.example/" },
				"localhost",
			),
		).toEqual({
			url: "https://links.anna.example/",
			display: "links.anna.example",
			customDomain: true,
		});
	});

	it("is the subdomain without one, and nothing while unpublished", () => {
		expect(
			publicAddress(
				{ status: "published", publishedUrl: "http://anna.localhost:8788/shop" },
				"localhost",
			),
		).toEqual({
			url: "http://anna.localhost:8788/shop",
			display: "anna.localhost:8788/shop",
			customDomain: false,
		});
		expect(publicAddress({ status: "draft", publishedUrl: undefined }, "localhost")).toBeNull();
	});
});
