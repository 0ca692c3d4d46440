import { type BuildOptions, type Flight, FlightBuilder, isoFromEpochMs } from '../../model/index.ts';
import { countDjiRecords } from './count-dji-records.ts';
import { appName, DJI_FLY, DJI_PILOT, productName } from './dji-names.ts';
import { type DjiDetails, readDjiDetails } from './read-dji-details.ts';

/** Said to the user whenever a v13+ record is imported: what is missing and why. */
export const DJI_KEY_NOTICE =
  'DJI flight record version 13 or later: its position and telemetry records are AES-encrypted, and ' +
  "the keys come only from DJI's keychain service, which needs an operator-supplied DJI API key and " +
  'sends data about the record to DJI. That decode is off by default and not done here; only the ' +
  "record's own summary (time, duration, distance, max height and speed, model) was read. Import the " +
  'Airdata/DJI CSV export for the full track.';

/**
 * DJI flight record (.txt) → Flight with the summary the file states about itself, read offline: no
 * track and no samples (those are encrypted from v13). Location names, home coordinates, the user's
 * aircraft name and all serial numbers in the details are never read into the Flight.
 * @example parseDjiTxt(bytes).stated.distance_m // 739.1 for the Mini 2 sample
 */
export function parseDjiTxt(bytes: Uint8Array, options: BuildOptions = {}): Flight {
  const d = readDjiDetails(bytes);
  const b = new FlightBuilder('dji-txt');
  b.start = isoFromEpochMs(d.startMs);
  b.duration_s = d.totalTimeS;
  b.aircraft = productName(d.productType);
  b.app = appName(d.department, d.appVersion);
  b.stated = {
    duration_s: d.totalTimeS,
    distance_m: distanceMetres(d, b),
    max_alt_m: d.maxHeightM,
    max_speed_mps: d.maxHSpeedMps,
  };
  const { counts, warning } = countDjiRecords(bytes, d.version, d.recordsStart, d.recordsEnd);
  for (const [name, n] of counts) b.count(name, n);
  if (warning) b.warn(warning);
  if (d.version >= 13) b.warn(DJI_KEY_NOTICE);
  else
    b.warn(
      `DJI flight record version ${d.version}: only the summary was read; the records are not decoded yet`,
    );
  return b.build(options);
}

/** Apps whose records store totalDistance in kilometres (the app is named in the version block). */
const KM_APPS = new Set([DJI_FLY, DJI_PILOT]);

/**
 * totalDistance has no fixed unit: DJI Fly and DJI Pilot (enterprise) files store kilometres (the Mini
 * 2 sample says 0.739 for a 739 m path; a 1,482 m DJI Pilot flight says 1.482), DJI GO and older apps
 * metres (the GO 4 sample: 170.4 in 94.7 s). The unit comes from the app that wrote the record, and
 * the value is held against the stated top speed and time; summarize checks it once more.
 */
function distanceMetres(d: DjiDetails, b: FlightBuilder): number | undefined {
  const raw = d.totalDistanceRaw;
  if (!(Number.isFinite(raw) && raw >= 0)) return undefined;
  const reachable = Math.max(d.maxHSpeedMps, 0.1) * Math.max(d.totalTimeS, 1) * 1.2;
  if (d.department !== null && KM_APPS.has(d.department)) {
    if (raw * 1000 <= reachable) return raw * 1000;
    b.warn(`DJI details distance ${raw} km is not plausible for the stated speed and time; ignored`);
    return undefined;
  }
  if (raw <= reachable) return raw;
  b.warn(`DJI details distance ${raw} is not plausible for the stated speed and time; ignored`);
  return undefined;
}
