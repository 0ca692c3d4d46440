import { describeOffset } from '../../errors.ts';
import { type BuildOptions, type Flight, FlightBuilder, isoFromEpochMs } from '../../model/index.ts';
import { type DjiDetails, type DjiLayout, readDjiLayout } from './dji-layout.ts';
import { appName, DJI_FLY, DJI_PILOT, productName, recordName } from './dji-names.ts';
import { type DjiRecordScan, scanDjiRecords } from './dji-records.ts';
import { readDjiTrack } from './dji-track.ts';

/**
 * Said to the user whenever a v13+ record is imported: what is missing and why.
 *
 * @example
 * const flight = parseDjiTxt(bytes);
 * if (flight.warnings.includes(DJI_KEY_NOTICE)) showNotice(DJI_KEY_NOTICE);
 */
export const DJI_KEY_NOTICE =
  'DJI flight record version 13 or later: its position and telemetry records are AES-encrypted, and ' +
  "the keys come only from DJI's keychain service, which needs an operator-supplied DJI API key and " +
  'sends data about the record to DJI. That decode is off by default and not done here; only the ' +
  "record's own summary (time, duration, distance, max height and speed, model) was read. Import the " +
  'Airdata/DJI CSV export for the full track.';

/**
 * DJI flight record (.txt) → Flight, offline and without keys. Versions 1–12: the track and telemetry
 * from the records (OSD position, height, velocity, heading and mode; RC sticks; battery; the
 * app's messages; home point set or moved), on the app's own clock, plus the summary the file states
 * about itself. Versions 13+: that summary only (DJI_KEY_NOTICE). Location names, home coordinates, the
 * user's aircraft name and all serial numbers are never read into the Flight.
 * @example parseDjiTxt(bytes).track.lat_deg.length // one fix per OSD record with a position
 */
export function parseDjiTxt(bytes: Uint8Array, options: BuildOptions = {}): Flight {
  const layout = readDjiLayout(bytes);
  const d = layout.details;
  const b = new FlightBuilder('dji-txt');
  b.app = appName(layout.department, d?.appVersion ?? null);
  if (d) {
    b.aircraft = productName(d.productType);
    b.stated = {
      duration_s: d.totalTimeS,
      distance_m: distanceMetres(d, layout.department, b),
      max_alt_m: d.maxHeightM,
      max_speed_mps: d.maxHSpeedMps,
    };
  } else b.warn(`DJI record: ${layout.detailsProblem}; its start time, aircraft and summary are unknown`);
  let scan: DjiRecordScan;
  let startMs = d?.startMs ?? null;
  let duration = d?.totalTimeS ?? null;
  if (layout.version <= 12) {
    const read = readDjiTrack(b, bytes, layout);
    scan = read.scan;
    startMs = read.t0Ms;
    if (read.lastT !== null) duration = read.lastT;
    else b.warn(`DJI flight record version ${layout.version}: it holds no OSD (position) record`);
  } else {
    scan = scanDjiRecords(bytes, layout.version, layout.recordsStart, layout.recordsEnd);
    b.warn(DJI_KEY_NOTICE);
  }
  b.start = startMs === null ? null : isoFromEpochMs(startMs);
  b.duration_s = duration;
  report(b, scan);
  return b.build(options);
}

/** Counts by record name, and what the walk over the records could not read. */
function report(b: FlightBuilder, scan: DjiRecordScan): void {
  for (const [type, n] of scan.counts) b.count(recordName(type), n);
  if (scan.images > 0) b.count('JPEG', scan.images);
  if (scan.firstSkipAt !== null)
    b.warn(
      `DJI record framing lost at ${describeOffset(scan.firstSkipAt)}: ${scan.skippedBytes} bytes in all ` +
        'were skipped to the next whole records (corrupt data); the records around them were read',
    );
  if (scan.truncatedAt !== null)
    b.warn(
      `DJI record file is truncated: the record at ${describeOffset(scan.truncatedAt)} is cut off; ` +
        'the records before it were read',
    );
}

/** Apps whose records store totalDistance in kilometres (the app is named in the v13+ version block). */
const KM_APPS = new Set([DJI_FLY, DJI_PILOT]);
const JITTER_M = 25;

/**
 * totalDistance has no fixed unit: DJI Fly and DJI Pilot (enterprise) files store kilometres (the Mini
 * 2 sample says 0.739 for a 739 m path; a 1,482 m DJI Pilot flight says 1.482), DJI GO and older apps
 * metres (the GO 4 sample: 170.4 in 94.7 s; v3, v4 and v8 DJI GO files agree with their tracks in
 * metres). The unit comes from the app that wrote the record, and the value is held against the stated
 * top speed and time; summarize checks it once more, against the track where there is one.
 */
function distanceMetres(
  d: DjiDetails,
  department: DjiLayout['department'],
  b: FlightBuilder,
): number | undefined {
  const raw = d.totalDistanceRaw;
  if (!(Number.isFinite(raw) && raw >= 0)) return undefined;
  // GPS jitter adds length even to a hover (the v8 sample: 3.03 m in 22.9 s at a top speed of 0.1 m/s).
  const reachable = Math.max(d.maxHSpeedMps, 0.1) * Math.max(d.totalTimeS, 1) * 1.2 + JITTER_M;
  if (department !== null && KM_APPS.has(department)) {
    if (raw * 1000 <= reachable) return raw * 1000;
    b.warn(`DJI details distance ${raw} km is not plausible for the stated speed and time; ignored`);
    return undefined;
  }
  if (raw <= reachable) return raw;
  b.warn(`DJI details distance ${raw} is not plausible for the stated speed and time; ignored`);
  return undefined;
}
