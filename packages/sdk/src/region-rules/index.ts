export {
  COUNTRY_PATH,
  type GpsCountries,
  type GpsFix,
  type RegionInput,
  type RegionResult,
  regionOf,
  resolveRegionWith,
} from './resolve-region-with.ts';
