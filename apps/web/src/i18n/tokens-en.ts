/**
 * English texts of Account → API tokens and the API reference page (issue 21). A module of its
 * own, included in the dictionary as `apiTokens`, so the German module is typed against this one.
 */
import type { TokenScope } from "@smartpages/contracts";

export const tokensEn = {
	heading: "API tokens",
	intro:
		"A personal access token lets a script or another service use the SmartPages API on your behalf, only for what you allow it. Send it as “Authorization: Bearer …”.",
	passwordNote:
		"Changing your password does not revoke tokens. Revoke a token here as soon as you no longer need it or think it was seen by someone else.",
	docs: "API reference",
	none: "You have no API tokens.",
	nameLabel: "Name",
	nameHint: "What uses it, e.g. “Shop sync” or “Statistics sheet”.",
	scopesLegend: "What this token may do",
	scopesHint: "Choose only what the script needs.",
	readGroup: "Read",
	writeGroup: "Change",
	scopes: {
		"profile:read": "Read the profile",
		"profile:write": "Change the profile and picture",
		"pages:read": "Read pages and links",
		"pages:write": "Create, change and publish pages and links",
		"domains:read": "Read custom domains",
		"domains:write": "Add, check and remove custom domains",
		"stats:read": "Read statistics",
	} satisfies Record<TokenScope, string>,
	scopeRequired: "Choose at least one permission.",
	expiryLabel: "Expires",
	expiryHint: "A token without an expiry date works until you revoke it.",
	expiry: {
		never: "Never",
		d30: "In 30 days",
		d90: "In 90 days",
		d365: "In one year",
	},
	createHeading: "New token",
	create: "Create token",
	creating: "Creating…",
	limit: (max: number) =>
		`An account can have at most ${max} tokens. Revoke one to create another.`,
	secretHeading: "Your new token",
	secretIntro:
		"Copy it now: it is shown only once. SmartPages stores only a fingerprint of it and cannot show it again.",
	secretLabel: "The new token",
	copy: "Copy token",
	secretDone: "I have copied it",
	created: (date: string) => `Created ${date}`,
	lastUsed: (date: string) => `last used ${date}`,
	neverUsed: "never used",
	expires: (date: string) => `expires ${date}`,
	expired: (date: string) => `expired ${date}`,
	revoke: "Revoke",
	revokeLabel: (name: string) => `Revoke token ${name}`,
	revokeTitle: (name: string) => `Revoke “${name}”?`,
	revokeText:
		"Scripts using this token stop working at once. This cannot be undone; you can create a new token.",
	revoked: "The token was revoked. It no longer works.",
};

export const apiDocsEn = {
	title: "API reference",
	intro:
		"Everything the SmartPages API offers, generated from the same schemas the server checks requests with. Scripts authenticate with a personal access token (Account → API tokens); each route says which permission it needs.",
	download: "Download the OpenAPI document (openapi.json)",
	baseUrl: "Base address",
	authHeading: "Authentication",
	authText:
		"Send “Authorization: Bearer sp_…”. A missing permission answers 403 forbidden; a revoked, expired or unknown token 401 unauthenticated. Account, password, session, token and billing routes only work in the dashboard.",
	scope: "Token permission",
	noToken: "Dashboard only",
	publicRoute: "No sign-in needed",
	parameters: "Parameters",
	requestBody: "Request body",
	responses: "Responses",
	required: "required",
	optional: "optional",
	contents: "Contents",
	schemas: "Schemas",
	success: { 200: "OK", 201: "Created", 202: "Accepted, no body", 204: "Done, no body" } as Record<
		string,
		string
	>,
	error: "Error",
	tags: {
		health: "Liveness",
		auth: "Sign-up, sign-in and passwords",
		me: "Your account: settings, sessions, passkeys, two-factor sign-in, API tokens, export",
		profile: "Profile",
		pages: "Pages, links, publishing and versions",
		domains: "Custom domains (Pro)",
		stats: "Statistics",
		billing: "Plans and payment",
		webhooks: "Called by Stripe",
		"openapi.json": "This reference as OpenAPI",
	} as Record<string, string>,
};
