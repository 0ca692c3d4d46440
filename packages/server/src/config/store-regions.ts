import { parseS3Url } from '../blobs/s3-location.ts';

/** The stores that hold data and the settings naming their regions. */
export const STORE_REGION_SETTINGS = {
  database: 'AIRLOCK_DATABASE_REGION',
  'flight-log blobs': 'AIRLOCK_FLIGHTLOG_REGION',
  'community media': 'AIRLOCK_MEDIA_REGION',
} as const;

/** The S3 URL setting of the stores that can live in a bucket, beside their region setting. */
const S3_URL_SETTINGS = {
  AIRLOCK_FLIGHTLOG_REGION: 'AIRLOCK_FLIGHTLOG_S3_URL',
  AIRLOCK_MEDIA_REGION: 'AIRLOCK_MEDIA_S3_URL',
} as const;

type RegionConfig = {
  AIRLOCK_ALLOWED_REGIONS: string[];
  AIRLOCK_FLIGHTLOG_S3_URL?: string;
  AIRLOCK_MEDIA_S3_URL?: string;
} & Record<(typeof STORE_REGION_SETTINGS)[keyof typeof STORE_REGION_SETTINGS], string>;

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
    const urlSetting = S3_URL_SETTINGS[setting as keyof typeof S3_URL_SETTINGS];
    const url = urlSetting && config[urlSetting];
    if (url) {
      // The declared region is what the allow-list is checked against: it must be the bucket's.
      const bucketRegion = parseS3Url(url).region.toLowerCase();
      if (bucketRegion !== region)
        problems.push(
          `${urlSetting}: the bucket is in region "${bucketRegion}" but ${setting} declares "${region}": set ${setting}=${bucketRegion} (and allow it) or use a bucket in "${region}"`,
        );
    }
  }
  if (config.AIRLOCK_FLIGHTLOG_S3_URL && config.AIRLOCK_FLIGHTLOG_S3_URL === config.AIRLOCK_MEDIA_S3_URL)
    problems.push(
      'AIRLOCK_MEDIA_S3_URL: community media need a store of their own, not the flight-log bucket',
    );
  return problems;
}
