/**
 * `@airlock/sdk/region`: the region from country borders on the device. Optional, because the
 * borders weigh about 230 kB gzip and a location check does not need them.
 *
 * @module @airlock/sdk/region
 */
export {
  COUNTRY_PATH,
  type GpsCountries,
  type RegionInput,
  type RegionResult,
} from '../region-rules/index.ts';
export { gpsFromBorders, resolveRegion } from './resolve-region.ts';
