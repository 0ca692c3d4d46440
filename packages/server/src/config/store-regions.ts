/** The stores that hold data and the settings naming their regions. */
export const STORE_REGION_SETTINGS = {
  database: 'AIRLOCK_DATABASE_REGION',
  'flight-log blobs': 'AIRLOCK_FLIGHTLOG_REGION',
  'community media': 'AIRLOCK_MEDIA_REGION',
} as const;

type RegionConfig = { AIRLOCK_ALLOWED_REGIONS: string[] } & Record<
  (typeof STORE_REGION_SETTINGS)[keyof typeof STORE_REGION_SETTINGS],
  string
>;

/**
 * One problem per store whose region is not in AIRLOCK_ALLOWED_REGIONS. Where data lives is
 * configuration, so a store outside the allowed list stops the server before it writes anything.
 */
export function storeRegionProblems(config: RegionConfig): string[] {
  const allowed = config.AIRLOCK_ALLOWED_REGIONS;
  const problems: string[] = [];
  for (const [store, setting] of Object.entries(STORE_REGION_SETTINGS)) {
    const region = config[setting];
    if (!allowed.includes(region))
      problems.push(
        `${setting}: the ${store} store is in region "${region}", which is not in AIRLOCK_ALLOWED_REGIONS (${allowed.join(', ') || 'empty'})`,
      );
  }
  return problems;
}
