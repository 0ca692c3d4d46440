/** Builds the console into packages/web/dist unless it is up to date. */
export function buildWeb(): Promise<void>;
/** Gzip bytes of the JS the first page loads, and what the flight and upload pages add. */
export function pageSizes(dist?: string): { first: number; flight: number; upload: number };
