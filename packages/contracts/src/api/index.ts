/**
 * The public HTTP contract (`@smartpages/contracts/api`): the resources Core answers with, the
 * endpoint table and the typed client built on it.
 */
export * from "./client";
export * from "./endpoints";
export * from "./openapi";
export * from "./prices";
export * from "./resources";
export * from "./token-scopes";
