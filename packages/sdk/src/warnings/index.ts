export { CONSEQUENCE_OF } from './consequence.ts';
export type {
  ApproachingZone,
  Consequence,
  FlightState,
  InsideZone,
  TemporaryRestriction,
  WarningEngineOptions,
  WarningReport,
  WarningStatus,
  ZoneData,
  ZoneRef,
} from './types.ts';
export { createWarningEngine, type WarningEngine } from './warning-engine.ts';
