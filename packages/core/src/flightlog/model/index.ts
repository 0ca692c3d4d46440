export { downsampleTrack } from './downsample-track.ts';
export { flightToCsv } from './export-csv.ts';
export { flightToGeoJSON, type GeoJsonExportOptions } from './export-geojson.ts';
export { flightToGpx } from './export-gpx.ts';
export { flightToKml } from './export-kml.ts';
export type {
  Flight,
  FlightEvent,
  FlightEventKind,
  FlightLogFormat,
  FlightModeChange,
  FlightParameter,
  FlightParameterChange,
  FlightParameters,
  FlightSamples,
  FlightSummary,
  FlightTrack,
  SampleChannel,
  StatedFigures,
} from './flight.ts';
export { SAMPLE_CHANNELS } from './flight.ts';
export { type BuildOptions, FlightBuilder, isoFromEpochMs, isPlausibleFix } from './flight-builder.ts';
export { hasFlightData } from './has-flight-data.ts';
export { diffParameters, type ParameterDiff, shortestFloat32 } from './parameters.ts';
export { CHANNEL_BOUNDS, FLIGHT_LIMITS } from './plausible.ts';
export { emptySamples } from './resample.ts';
export { summarize } from './summarize.ts';
export { maxDistanceFromHome, trackDistance } from './track-distance.ts';
