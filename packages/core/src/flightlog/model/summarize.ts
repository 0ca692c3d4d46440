import type { Flight, FlightSummary } from './flight.ts';
import { maxDistanceFromHome, trackDistance } from './track-distance.ts';

function maxOf(a: Float64Array): number | null {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return m === Number.NEGATIVE_INFINITY ? null : m;
}

function firstFinite(a: Float64Array, fromEnd = false): number | null {
  for (let k = 0; k < a.length; k++) {
    const v = a[fromEnd ? a.length - 1 - k : k];
    if (Number.isFinite(v)) return v;
  }
  return null;
}

/** Height above take-off from AMSL fixes alone (GPX/KML): the first fix is taken as the take-off. */
function maxRelFromTrack(alt: Float64Array): number | null {
  const home = firstFinite(alt);
  const max = maxOf(alt);
  return home === null || max === null ? null : max - home;
}

function round(v: number | null, digits: number): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/**
 * The figures a pilot looks for first. Computed from the samples and the validated track; where the
 * file has neither (a DJI record without its key) the figures the file states about itself are used.
 * @example summarize(flight).distance_m // 739.1 for the Mini 2 Airdata CSV
 */
export function summarize(flight: Flight): FlightSummary {
  const { track, samples, stated } = flight;
  const hasTrack = track.lat_deg.length > 0;
  const warnings = [...flight.warnings];
  const duration = flight.duration_s ?? stated.duration_s ?? null;
  const maxSpeed = maxOf(samples.h_speed_mps) ?? stated.max_speed_mps ?? null;
  const distance = checkedDistance(
    hasTrack ? trackDistance(track) : null,
    stated.distance_m ?? null,
    duration,
    maxSpeed,
    warnings,
  );
  const maxAlt = maxOf(samples.alt_rel_m) ?? maxRelFromTrack(track.alt_amsl_m) ?? stated.max_alt_m ?? null;
  const amslSamples = maxOf(samples.alt_amsl_m);
  const amslTrack = maxOf(track.alt_amsl_m);
  const maxAmsl =
    amslSamples === null ? amslTrack : amslTrack === null ? amslSamples : Math.max(amslSamples, amslTrack);
  const firstPct = firstFinite(samples.battery_pct);
  const lastPct = firstFinite(samples.battery_pct, true);
  return {
    format: flight.format,
    start: flight.start,
    duration_s: round(duration, 3),
    distance_m: round(distance, 2),
    max_alt_m: round(maxAlt, 2),
    max_alt_amsl_m: round(maxAmsl, 2),
    max_speed_mps: round(maxSpeed, 2),
    max_distance_from_home_m: round(maxDistanceFromHome(track), 2),
    battery_used_pct: firstPct === null || lastPct === null ? null : round(firstPct - lastPct, 1),
    aircraft: flight.aircraft,
    app: flight.app,
    messages: flight.messages,
    crc_failures: flight.crc_failures,
    warnings,
  };
}

/** Slack on duration × max speed: logged top speeds are sampled (a gust between samples), and GPS jitter adds length. */
const SPEED_SLACK = 1.25;
const JITTER_M = 25;

/**
 * The distance to report, held against what the flight could have covered (duration × top speed): a
 * figure in the wrong unit (DJI km read as m, or the reverse) or tracks joined across gaps fails it.
 * The track's length wins over a stated figure; an implausible figure is named in a warning and
 * replaced by the track's length where there is a track, else left out.
 */
function checkedDistance(
  fromTrack: number | null,
  stated: number | null,
  duration: number | null,
  maxSpeed: number | null,
  warnings: string[],
): number | null {
  const bound =
    duration !== null && maxSpeed !== null && duration > 0 && maxSpeed > 0
      ? duration * maxSpeed * SPEED_SLACK + JITTER_M
      : null;
  const plausible = (d: number) => bound === null || d <= bound;
  const say = (what: string, d: number, then: string) =>
    warnings.push(
      `The ${what} (${d.toFixed(1)} m) is more than the flight could cover in ${duration} s at its top speed of ${maxSpeed} m/s (${bound?.toFixed(0)} m): ${then}`,
    );
  if (stated !== null && !plausible(stated))
    say(
      'distance the file states',
      stated,
      fromTrack === null ? 'it is left out' : "the track's length is used",
    );
  if (fromTrack !== null) {
    if (!plausible(fromTrack)) say("track's length", fromTrack, 'check the track for jumps');
    else if (stated !== null && plausible(stated) && stated > 0 && fromTrack / stated > 3)
      warnings.push(
        `The track (${fromTrack.toFixed(1)} m) is over 3 times the distance the file states (${stated.toFixed(1)} m)`,
      );
    return fromTrack;
  }
  return stated !== null && plausible(stated) ? stated : null;
}
