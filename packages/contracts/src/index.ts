/**
 * Public surface of the shared contracts: schemas, error codes, results, plans, the R2 layout and
 * the HTTP API's contract with its typed client (also alone as `@smartpages/contracts/api`).
 */
export * from "./api";
export * from "./branding";
export * from "./crypto";
export * from "./design";
export * from "./errors";
export * from "./html";
export * from "./images";
export * from "./import";
export * from "./plans";
export * from "./r2-keys";
export * from "./rpc/customer";
export * from "./schemas/account";
export * from "./schemas/api-tokens";
export * from "./schemas/billing";
export * from "./schemas/domains";
export * from "./schemas/handle";
export * from "./schemas/import";
export * from "./schemas/legal";
export * from "./schemas/mail";
export * from "./schemas/pages";
export * from "./schemas/profile";
export * from "./schemas/socials";
export * from "./schemas/stats";
export * from "./schemas/two-factor";
export * from "./schemas/url";
export * from "./stand-ins";
export * from "./starters";
export * from "./stats";
export * from "./totp";
