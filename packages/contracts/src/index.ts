/** Public surface of the shared contracts: schemas, error codes, results, plans and the R2 layout. */
export * from "./branding";
export * from "./crypto";
export * from "./errors";
export * from "./html";
export * from "./images";
export * from "./plans";
export * from "./r2-keys";
export * from "./rpc/customer";
export * from "./schemas/account";
export * from "./schemas/billing";
export * from "./schemas/domains";
export * from "./schemas/handle";
export * from "./schemas/mail";
export * from "./schemas/pages";
export * from "./schemas/profile";
export * from "./schemas/url";
