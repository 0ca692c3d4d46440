import {
  encodeAirlockEnd,
  encodeAirlockHeader,
  encodeAirlockInfo,
  encodeAirlockMode,
  encodeAirlockSamples,
  FlightLogError,
  type FlightLogFormat,
  parseFlightLog,
} from '../../flightlog/index.ts';
import { ZoneIndex } from '../../geofence/index.ts';
import {
  ImportError,
  type ImportResult,
  parseEd269,
  parseEd318,
  parseGeoJSONZones,
  parseOpenAir,
  parseOurAirports,
  zonesToGeoJSON,
} from '../../importers/index.ts';
import { fastReportCheck, parseTelemetryReport } from '../../telemetry/index.ts';
import { checkAcceptedFlight } from './flight-checks.ts';
import {
  csvRows,
  dataflashExcerpt,
  head,
  ourAirportsSeed,
  type ReadSample,
  RUNWAYS_MARK,
  shortText,
  tlogExcerpt,
  ulogExcerpt,
  whole,
} from './seed-files.ts';

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

const decoder = new TextDecoder();
const text = (b: Uint8Array) => decoder.decode(b);
const isFlightLogError = (e: unknown) => e instanceof FlightLogError;
const isImportError = (e: unknown) => e instanceof ImportError;

const EXTENSION: Record<FlightLogFormat, string> = {
  ulog: 'ulg',
  dataflash: 'bin',
  tlog: 'tlog',
  'airdata-csv': 'csv',
  gpx: 'gpx',
  kml: 'kml',
  'dji-txt': 'txt',
  airlock: 'aflr',
};

function flightTarget(format: FlightLogFormat, seeds: (read: ReadSample) => Uint8Array[]): FuzzTarget {
  return {
    name: format,
    seeds,
    run(input, seed) {
      // One case in four goes through detection by content and name, as an upload does.
      const parsed =
        seed % 4 === 0
          ? parseFlightLog(input, { name: `fuzz.${EXTENSION[format]}` })
          : parseFlightLog(input, { format });
      checkAcceptedFlight(parsed);
      return parsed;
    },
    refusal: isFlightLogError,
  };
}

/** What the server does with imported zones: store them as GeoJSON and build the index it answers from. */
function checkZones(r: ImportResult): ImportResult {
  JSON.stringify(zonesToGeoJSON(r.zones));
  const index = ZoneIndex.build(r.zones);
  const z = r.zones[0]?.volumes[0]?.geometry;
  const at = z?.type === 'Circle' ? z.center : z?.type === 'Polygon' ? z.coordinates[0]?.[0] : undefined;
  if (at) {
    index.near(at[0], at[1], 5000);
    index.containing(at[0], at[1]);
  }
  return r;
}

function zoneTarget(
  name: string,
  seeds: (read: ReadSample) => Uint8Array[],
  parse: (t: string) => ImportResult,
) {
  return {
    name,
    seeds,
    run: (input: Uint8Array) => checkZones(parse(text(input))),
    refusal: isImportError,
  } satisfies FuzzTarget;
}

const options = { dataset: 'fuzz' };

/** A real flight (the Mini 2's Airdata CSV) written as the SDK recorder writes it. */
function airlockSeed(read: ReadSample): Uint8Array {
  const { flight } = parseFlightLog(shortText(read, 'flightlogs/csv/airdata_mini2_2021-09-05.csv', 300), {
    format: 'airdata-csv',
  });
  const s = flight.samples;
  const rows = Array.from(s.t_s, (t, i) => ({
    t_ms: Math.round(t * 1000),
    lat_deg: s.lat_deg[i],
    lon_deg: s.lon_deg[i],
    alt_rel_m: s.alt_rel_m[i],
    alt_amsl_m: s.alt_amsl_m[i],
    h_speed_mps: s.h_speed_mps[i],
    v_speed_mps: s.v_speed_mps[i],
    heading_deg: s.heading_deg[i],
    stick_roll: s.stick_roll[i],
    stick_pitch: s.stick_pitch[i],
    stick_yaw: s.stick_yaw[i],
    stick_throttle: s.stick_throttle[i],
    battery_pct: s.battery_pct[i],
    battery_v: s.battery_v[i],
    fix_ok: Number.isFinite(s.lat_deg[i]) ? 1 : 0,
  }));
  const parts = [
    encodeAirlockHeader(),
    encodeAirlockInfo({
      start_ms: Date.parse(flight.start ?? '2021-09-05T19:23:47Z'),
      aircraft: 'Mini 2',
      app: 'fuzz',
    }),
    encodeAirlockMode(0, 'P-GPS'),
  ];
  for (let i = 0; i < rows.length; i += 25) parts.push(encodeAirlockSamples(rows.slice(i, i + 25)));
  parts.push(encodeAirlockEnd(rows.at(-1)?.t_ms ?? 0));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const TELEMETRY_DAY = '2026-05-10';
const encoder = new TextEncoder();
/** The two report kinds as the SDK sends them (docs/telemetry.md), one per category. */
const TELEMETRY_SEEDS = [
  {
    category: 'app_performance',
    v: 1,
    day: TELEMETRY_DAY,
    context: { app_version: '2.4.1', os: 'android', os_version: '14', device_model: 'Pixel 8 Pro' },
    events: [
      {
        kind: 'error',
        error_type: 'TypeError',
        fingerprint: '0123456789abcdef',
        stack: 'TypeError',
        crash: false,
      },
      { kind: 'feature', name: 'map.open', count: 3 },
      { kind: 'timing', name: 'app.startup', bucket: '1-2s' },
    ],
  },
  {
    category: 'user_experience',
    v: 1,
    day: '2026-05-03',
    context: { app_version: '2.4.1', os: 'ios' },
    flights: [{ duration: '10-20min', distance: '1-2km', photos: '6-20', videos: '1' }],
  },
];

/** A JSON body → both report schemas; the fast check may only ever accept what the schema accepts. */
function runTelemetry(input: Uint8Array): unknown {
  const body = JSON.parse(text(input)) as unknown;
  const out: unknown[] = [];
  for (const category of ['app_performance', 'user_experience'] as const) {
    const fast = fastReportCheck(category, TELEMETRY_DAY)(body);
    const r = parseTelemetryReport(category, body, TELEMETRY_DAY);
    if (fast && !r.ok) throw new Error(`fast check accepted a ${category} report the schema refuses`);
    out.push(r);
  }
  return out;
}

const FL = 'flightlogs/';
const AS = 'airspace/';

/** Every parser the product runs on a file from outside, with seeds from the real sample files. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  flightTarget('ulog', (r) => [
    ulogExcerpt(r, `${FL}ulog/sample_px4_events.ulg`, 780_000, 24 * 1024),
    ulogExcerpt(r, `${FL}ulog/sample_log_small.ulg`, 230_000, 16 * 1024),
    head(r, `${FL}ulog/sample_appended_multiple.ulg`, 48 * 1024),
  ]),
  flightTarget('dataflash', (r) => [
    dataflashExcerpt(r, `${FL}dataflash/log171.bin`, 1_500_000, 16 * 1024),
    whole(r, `${FL}dataflash/pymavlink_test.BIN`),
    head(r, `${FL}dataflash/backend_log_80k.bin`, 32 * 1024),
  ]),
  flightTarget('tlog', (r) => [
    whole(r, `${FL}tlog/capture.mav2.battery_status.tlog`),
    tlogExcerpt(r, `${FL}tlog/vtol.tlog`, 400_000, 16 * 1024),
  ]),
  flightTarget('airdata-csv', (r) => [
    csvRows(r, `${FL}csv/airdata_mini2_2021-09-05.csv`, 2000, 30),
    csvRows(r, `${FL}csv/airdata_air2s_2021-09-05.csv`, 2000, 30),
  ]),
  flightTarget('gpx', (r) => [shortText(r, `${FL}gpx/airdata_mini2_2021-09-05.gpx`, 120, 4)]),
  flightTarget('kml', (r) => [shortText(r, `${FL}kml/airdata_mini2_2021-09-05.kml`, 120, 6)]),
  flightTarget('dji-txt', (r) => [
    head(r, `${FL}dji-txt/V132_DJIFlightRecord_2020-06-18_[19-01-24].txt`, 64 * 1024),
    head(r, `${FL}dji-txt/DJIFlightRecord_2021-09-05_[19-23-47]_mini2.txt`, 32 * 1024),
    whole(r, `${FL}dji-txt/V132_DJIFlightRecord_2020-06-18_[19-01-24].txt`),
  ]),
  flightTarget('airlock', (r) => [airlockSeed(r)]),
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
      whole(r, `${AS}ed269/interuss-geo-awareness-che-1.json`),
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
      encoder.encode(
        JSON.stringify(
          zonesToGeoJSON(parseOpenAir(text(whole(r, `${AS}openair/ksgu-airspaces.txt`)), options).zones),
        ),
      ),
      encoder.encode(
        JSON.stringify(
          zonesToGeoJSON(
            parseEd318(text(whole(r, `${AS}ed318/examples/Example_Collection.json`)), options).zones,
          ),
        ),
      ),
    ],
    (t) => parseGeoJSONZones(t, options),
  ),
  zoneTarget(
    'ourairports',
    (r) => [ourAirportsSeed(r, 97, 12), ourAirportsSeed(r, 1009, 6)],
    (t) => {
      const at = t.indexOf(RUNWAYS_MARK);
      return at < 0
        ? parseOurAirports(t, '', options)
        : parseOurAirports(t.slice(0, at), t.slice(at + RUNWAYS_MARK.length), options);
    },
  ),
  {
    name: 'telemetry',
    seeds: () =>
      TELEMETRY_SEEDS.map(({ category: _c, ...report }) => encoder.encode(JSON.stringify(report, null, 1))),
    run: runTelemetry,
    refusal: (e) => e instanceof SyntaxError,
  },
];
