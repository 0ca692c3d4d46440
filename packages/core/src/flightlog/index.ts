/**
 * Flight logs: one flight model with SI units, pure importers (no I/O, browser-safe), summaries and
 * exports. The server keeps the original file; everything here is derived from its bytes.
 */
export { detectFlightLogFormat } from './detect.ts';
export { describeOffset, FlightLogError, NoFlightDataError } from './errors.ts';
export { parseAirdataCsv } from './formats/airdata-csv/index.ts';
export {
  AFLR_EVENT_KINDS,
  AFLR_MAGIC,
  AFLR_SAMPLE_FIELDS,
  AFLR_VERSION,
  type AirlockContents,
  type AirlockInfo,
  type AirlockSample,
  type AirlockSampleField,
  encodeAirlockEnd,
  encodeAirlockEvent,
  encodeAirlockHeader,
  encodeAirlockInfo,
  encodeAirlockMode,
  encodeAirlockSamples,
  parseAirlockRecord,
  readAirlockRecord,
} from './formats/airlock/index.ts';
export { parseDataFlash, readDataFlash } from './formats/dataflash/index.ts';
export { DJI_KEY_NOTICE, parseDjiTxt } from './formats/dji-txt/index.ts';
export { parseGpx } from './formats/gpx/index.ts';
export { parseKml } from './formats/kml/index.ts';
export { parseTlog, readTlog } from './formats/tlog/index.ts';
export { parseULog, readULog } from './formats/ulog/index.ts';
export {
  type BuildOptions,
  CHANNEL_BOUNDS,
  diffParameters,
  downsampleTrack,
  FLIGHT_LIMITS,
  type Flight,
  type FlightEvent,
  type FlightEventKind,
  type FlightLogFormat,
  type FlightModeChange,
  type FlightParameter,
  type FlightParameterChange,
  type FlightParameters,
  type FlightSamples,
  type FlightSummary,
  type FlightTrack,
  flightToCsv,
  flightToGeoJSON,
  flightToGpx,
  flightToKml,
  type GeoJsonExportOptions,
  hasFlightData,
  type ParameterDiff,
  SAMPLE_CHANNELS,
  type SampleChannel,
  type StatedFigures,
  shortestFloat32,
  summarize,
  trackDistance,
} from './model/index.ts';
export { type ParsedFlightLog, type ParseFlightLogOptions, parseFlightLog } from './parse-flight-log.ts';
export { MIN_UPLOAD_CHUNK_BYTES } from './upload-limits.ts';
