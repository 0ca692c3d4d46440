import { detectFlightLogFormat } from './detect.ts';
import { FlightLogError, NoFlightDataError } from './errors.ts';
import { parseAirdataCsv } from './formats/airdata-csv/index.ts';
import { parseAirlockRecord } from './formats/airlock/index.ts';
import { parseDataFlash } from './formats/dataflash/index.ts';
import { parseDjiTxt } from './formats/dji-txt/index.ts';
import { parseGpx } from './formats/gpx/index.ts';
import { parseKml } from './formats/kml/index.ts';
import { parseTlog } from './formats/tlog/index.ts';
import { parseULog } from './formats/ulog/index.ts';
import {
  type BuildOptions,
  type Flight,
  type FlightLogFormat,
  type FlightSummary,
  hasFlightData,
  summarize,
} from './model/index.ts';

/**
 * Options of `parseFlightLog`: a file name to help detection, a format to skip it, and the sample rate.
 *
 * @example
 * const options: ParseFlightLogOptions = { name: 'flight.tlog', sampleRateHz: 10 };
 * const { flight, summary } = parseFlightLog(bytes, options);
 */
export interface ParseFlightLogOptions extends BuildOptions {
  /** File name, used only when the content does not tell the format. */
  name?: string;
  /** Skip detection. */
  format?: FlightLogFormat;
  /**
   * Refuse a file that holds no flight data (default true). Off only to re-read a log stored before
   * this rule, so its exports still work.
   */
  requireFlightData?: boolean;
}

/**
 * What `parseFlightLog` returns: the flight, its summary and the warnings.
 *
 * @example
 * const parsed: ParsedFlightLog = parseFlightLog(bytes, { name: 'log171.bin' });
 * for (const w of parsed.warnings) console.warn(w);
 */
export interface ParsedFlightLog {
  flight: Flight;
  summary: FlightSummary;
  /** Same as flight.warnings: truncation, skipped bytes, guessed units, what a format cannot hold. */
  warnings: string[];
}

const PARSERS: Record<FlightLogFormat, (bytes: Uint8Array, o: BuildOptions) => Flight> = {
  ulog: parseULog,
  dataflash: parseDataFlash,
  tlog: parseTlog,
  'airdata-csv': parseAirdataCsv,
  gpx: parseGpx,
  kml: parseKml,
  'dji-txt': parseDjiTxt,
  airlock: parseAirlockRecord,
};

/**
 * Any supported flight log → the flight model, its summary and warnings. Pure: bytes in, data out.
 * Throws FlightLogError (naming the byte offset or line) for a file that cannot be read at all or holds
 * no flight data; a truncated or partly corrupt file imports what it can, with warnings. Every parser
 * is fuzzed to throw nothing else (testing/fuzz, `npm run bench fuzz-parsers`).
 * @example
 * const { summary } = parseFlightLog(new Uint8Array(buf), { name: 'log171.bin' });
 * summary.distance_m // 405.07
 */
export function parseFlightLog(
  input: Uint8Array | string,
  options: ParseFlightLogOptions = {},
): ParsedFlightLog {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const format = options.format ?? detectFlightLogFormat(options.name, bytes);
  if (!format) {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new FlightLogError(
      `Unrecognised flight log format${options.name ? ` for "${options.name}"` : ''}: the first bytes (${head || 'none'}) ` +
        'match none of ULog, DataFlash, tlog, DJI .txt, Airdata CSV, GPX, KML or Airlock AFLR',
      { offset: 0 },
    );
  }
  const flight: Flight = PARSERS[format](bytes, options);
  if (options.requireFlightData !== false && !hasFlightData(flight)) {
    throw new NoFlightDataError(
      `No flight data: this ${format} file (${bytes.length} bytes) holds no position, no sampled value ` +
        'and no flight figures, only headers or definitions',
    );
  }
  return { flight, summary: summarize(flight), warnings: flight.warnings };
}
