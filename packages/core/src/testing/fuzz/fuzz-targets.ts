import {
  parseEd269,
  parseEd318,
  parseGeoJSONZones,
  parseOpenAir,
  parseOurAirports,
  zonesToGeoJSON,
} from '../../importers/index.ts';
import { airlockSeed } from './airlock-seed.ts';
import { flightTarget } from './flight-target.ts';
import { dataflashExcerpt, tlogExcerpt } from './record-excerpts.ts';
import {
  csvRows,
  firstItems,
  head,
  ourAirportsSeed,
  type ReadSample,
  RUNWAYS_MARK,
  shortText,
  whole,
} from './seed-files.ts';
import { TELEMETRY_TARGET } from './telemetry-target.ts';
import { ulogExcerpt } from './ulog-excerpt.ts';
import { zoneTarget } from './zone-target.ts';

/**
 * One parser under fuzz: its seeds (cut from the real files in shared/data), how to run it on one input
 * and check what it accepted, and which thrown errors are its documented refusals. Anything else thrown
 * — by the parser or by the checks on what it accepted — is a crash.
 */
export interface FuzzTarget {
  name: string;
  seeds(read: ReadSample): Uint8Array[];
  /** Parses, then turns what was accepted into everything the product makes of it; returns it. */
  run(input: Uint8Array, seed: number): unknown;
  /** The parser's documented refusal (FlightLogError, ImportError, a JSON SyntaxError for JSON bodies). */
  refusal(e: unknown): boolean;
}

const FL = 'flightlogs/';
const AS = 'airspace/';
const options = { dataset: 'fuzz' };
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const text = (b: Uint8Array) => decoder.decode(b);
const geojsonOf = (zones: Parameters<typeof zonesToGeoJSON>[0]) =>
  encoder.encode(JSON.stringify(zonesToGeoJSON(zones)));

/**
 * Every parser the product runs on a file from outside, with seeds from the real sample files: 2–10 KB
 * each (the DJI files aside: their reader is someone else's, and cheap on them), mid-flight where
 * the file has a GPS fix, so an unmutated seed is a flight with a track.
 */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  flightTarget('ulog', (r) => [
    ulogExcerpt(r, `${FL}ulog/sample_px4_events.ulg`, 780_000),
    ulogExcerpt(r, `${FL}ulog/sample_log_small.ulg`, 230_000),
    ulogExcerpt(r, `${FL}ulog/sample_logging_tagged_and_default_params.ulg`, 1_700_000),
  ]),
  flightTarget('dataflash', (r) => [
    dataflashExcerpt(r, `${FL}dataflash/log171.bin`, 1_500_000),
    dataflashExcerpt(r, `${FL}dataflash/pymavlink_test.BIN`, 30_000),
    dataflashExcerpt(r, `${FL}dataflash/backend_log_80k.bin`, 20_000),
  ]),
  flightTarget('tlog', (r) => [
    whole(r, `${FL}tlog/capture.mav2.battery_status.tlog`),
    tlogExcerpt(r, `${FL}tlog/vtol.tlog`, 100_000),
    tlogExcerpt(r, `${FL}tlog/vtol.tlog`, 400_000),
  ]),
  flightTarget('airdata-csv', (r) => [
    csvRows(r, `${FL}csv/airdata_mini2_2021-09-05.csv`, 2000, 10),
    csvRows(r, `${FL}csv/airdata_air2s_2021-09-05.csv`, 2000, 10),
  ]),
  flightTarget('gpx', (r) => [shortText(r, `${FL}gpx/airdata_mini2_2021-09-05.gpx`, 50, 4)]),
  flightTarget('kml', (r) => [shortText(r, `${FL}kml/airdata_mini2_2021-09-05.kml`, 60, 6)]),
  flightTarget('dji-txt', (r) => [
    head(r, `${FL}dji-txt/V132_DJIFlightRecord_2020-06-18_[19-01-24].txt`, 64 * 1024),
    head(r, `${FL}dji-txt/DJIFlightRecord_2021-09-05_[19-23-47]_mini2.txt`, 32 * 1024),
    whole(r, `${FL}dji-txt/V132_DJIFlightRecord_2020-06-18_[19-01-24].txt`),
  ]),
  flightTarget('airlock', (r) => [airlockSeed(r, 40), airlockSeed(r, 25, false)]),
  zoneTarget(
    'openair',
    (r) => [
      whole(r, `${AS}openair/ksgu-airspaces.txt`),
      whole(r, `${AS}openair/ksgu-ultralight-restricted-airspaces.txt`),
      whole(r, `${AS}openair/openaip-parser-version-2-commands.txt`),
    ],
    (t) => parseOpenAir(t, options),
  ),
  zoneTarget(
    'ed269',
    (r) => [
      whole(r, `${AS}ed269/interuss-cis_source_sample_ed269.json`),
      firstItems(r, `${AS}ed269/interuss-geo-awareness-che-1.json`, 'features', 3),
    ],
    (t) => parseEd269(t, options),
  ),
  zoneTarget(
    'ed318',
    (r) => [
      whole(r, `${AS}ed318/examples/Example_Collection.json`),
      whole(r, `${AS}ed318/examples/Example_GeoZone_2_Layers.json`),
      whole(r, `${AS}ed318/examples/Example_GeoZone_Circle.json`),
    ],
    (t) => parseEd318(t, options),
  ),
  zoneTarget(
    'geojson',
    (r) => [
      geojsonOf(parseOpenAir(text(whole(r, `${AS}openair/ksgu-airspaces.txt`)), options).zones),
      geojsonOf(parseEd318(text(whole(r, `${AS}ed318/examples/Example_Collection.json`)), options).zones),
    ],
    (t) => parseGeoJSONZones(t, options),
  ),
  zoneTarget(
    'ourairports',
    (r) => [ourAirportsSeed(r, 97, 6), ourAirportsSeed(r, 1009, 3)],
    (t) => {
      const at = t.indexOf(RUNWAYS_MARK);
      return at < 0
        ? parseOurAirports(t, '', options)
        : parseOurAirports(t.slice(0, at), t.slice(at + RUNWAYS_MARK.length), options);
    },
  ),
  TELEMETRY_TARGET,
];
