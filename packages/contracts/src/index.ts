/** Public surface of the shared contracts: schemas, error codes, results and the R2 layout. */
export * from "./errors";
export * from "./r2-keys";
