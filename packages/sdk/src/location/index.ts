export type { AreaCover } from './area-cover.ts';
export type { LoadedArea } from './loaded-area.ts';
export { createLocationChecker, noData } from './location-checker.ts';
export type {
  CheckOptions,
  LocationChecker,
  LocationCheckerOptions,
  LocationCheckResult,
  LocationPosition,
  ZonePackChoice,
} from './types.ts';
