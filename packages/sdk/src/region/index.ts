export { COUNTRY_PATH, type RegionInput, type RegionResult, resolveRegion } from './resolve-region.ts';
