/**
 * The one flight model every importer produces. Units are SI and part of every field name, because
 * the sources mix int·1e-7 degrees, millimetres, feet, mph, raw RC microseconds and km-vs-m distances.
 * Series are stored column-wise in Float64Arrays (NaN = not known at that time): a 20-minute flight at
 * 10 Hz is ~12k rows × 14 columns ≈ 1.3 MB, and typed columns feed charts without copying.
 */

/**
 * Formats the importers understand.
 *
 * @example
 * const format: FlightLogFormat | null = detectFlightLogFormat('log171.bin', bytes); // 'dataflash'
 */
export type FlightLogFormat =
  | 'ulog'
  | 'dataflash'
  | 'tlog'
  | 'airdata-csv'
  | 'gpx'
  | 'kml'
  | 'dji-txt'
  /** AFLR, the SDK recorder's own format (formats/airlock/). */
  | 'airlock';

/**
 * Validated GPS fixes only (ULog/tlog fix_type ≥ 3, DataFlash Status ≥ 3, CSV rows other than 0,0),
 * in time order, exactly as logged (never resampled), so distances match the reference tools.
 *
 * @example
 * const { track } = parseFlightLog(bytes).flight;
 * for (let i = 0; i < track.lat_deg.length; i++) plot(track.lon_deg[i], track.lat_deg[i], track.alt_amsl_m[i]);
 */
export interface FlightTrack {
  /** Seconds since the flight's t = 0; NaN when the format has no time (KML). */
  t_s: Float64Array;
  /** WGS-84 latitude, degrees. */
  lat_deg: Float64Array;
  /** WGS-84 longitude, degrees. */
  lon_deg: Float64Array;
  /** Altitude above mean sea level, metres; NaN when unknown. */
  alt_amsl_m: Float64Array;
  /**
   * Index of the first fix of each segment, ascending, starting with 0 (empty without fixes). A GPX
   * with several `trk`/`trkseg` or a KML with several tracks holds separate lines: joining them would
   * draw (and measure) jumps between them, and interleave tracks recorded at the same time.
   */
  segment_starts: Uint32Array;
}

/**
 * Names of the sampled channels, all on the common time base `t_s`.
 *
 * @example
 * const header = ['t_s', ...SAMPLE_CHANNELS].join(','); // the CSV export's columns
 */
export const SAMPLE_CHANNELS = [
  'lat_deg',
  'lon_deg',
  'alt_rel_m',
  'alt_amsl_m',
  'h_speed_mps',
  'v_speed_mps',
  'heading_deg',
  'stick_roll',
  'stick_pitch',
  'stick_yaw',
  'stick_throttle',
  'battery_pct',
  'battery_v',
] as const;
/**
 * One channel of `FlightSamples`, named with its unit.
 *
 * @example
 * const channel: SampleChannel = 'h_speed_mps';
 * const speeds = flight.samples[channel];
 */
export type SampleChannel = (typeof SAMPLE_CHANNELS)[number];

/**
 * The flight sampled on one regular time base (sample-and-hold of each source stream), for charts and
 * CSV export. Every column has the same length as `t_s`; NaN means no value (yet, or any more).
 *
 * @example
 * const { samples } = parseFlightLog(bytes).flight;
 * chart(samples.t_s, samples.alt_rel_m); // one time base for every channel; NaN = no value
 */
export interface FlightSamples {
  /** Seconds since the flight's t = 0. */
  t_s: Float64Array;
  /** Latitude of the last valid fix, degrees. */
  lat_deg: Float64Array;
  /** Longitude of the last valid fix, degrees. */
  lon_deg: Float64Array;
  /** Height above the take-off point, metres (positive up). */
  alt_rel_m: Float64Array;
  /** Altitude above mean sea level, metres. */
  alt_amsl_m: Float64Array;
  /** Horizontal (ground) speed, m/s. */
  h_speed_mps: Float64Array;
  /** Vertical speed, m/s, positive up. */
  v_speed_mps: Float64Array;
  /** Heading (yaw) of the aircraft, degrees clockwise from true north, 0..360. */
  heading_deg: Float64Array;
  /** Roll stick, -1 (full left) .. 1 (full right). */
  stick_roll: Float64Array;
  /** Pitch stick, -1 (full back) .. 1 (full forward). */
  stick_pitch: Float64Array;
  /** Yaw stick, -1 (full left) .. 1 (full right). */
  stick_yaw: Float64Array;
  /** Throttle stick, -1 (full down) .. 1 (full up). */
  stick_throttle: Float64Array;
  /** Battery remaining, percent 0..100. */
  battery_pct: Float64Array;
  /** Battery pack voltage, volts. */
  battery_v: Float64Array;
}

/**
 * What kind of moment a `FlightEvent` marks.
 *
 * @example
 * const photos = flight.events.filter((e) => e.kind === ('photo' satisfies FlightEventKind)).length;
 */
export type FlightEventKind =
  | 'photo'
  | 'video_start'
  | 'video_stop'
  | 'armed'
  | 'disarmed'
  | 'info'
  | 'warning'
  | 'error';

/**
 * Something that happened at one moment: a photo, a recording start/stop, an arm, a message.
 *
 * @example
 * for (const e of flight.events as FlightEvent[]) timeline(e.t_s, e.kind, e.text);
 */
export interface FlightEvent {
  /** Seconds since the flight's t = 0. */
  t_s: number;
  kind: FlightEventKind;
  /** Message text for info/warning/error (as logged: may name hardware). */
  text?: string;
}

/**
 * The flight mode in force from `t_s` on.
 *
 * @example
 * for (const m of flight.modes as FlightModeChange[]) band(m.t_s, m.mode); // e.g. 0 'STABILIZE', 12.4 'LOITER'
 */
export interface FlightModeChange {
  /** Seconds since the flight's t = 0. */
  t_s: number;
  /** Mode name as the autopilot calls it (e.g. "LOITER", "POSCTL", "P-GPS"). */
  mode: string;
}

/**
 * One autopilot parameter as the log recorded it when logging started.
 *
 * @example
 * for (const p of flight.parameters.values as FlightParameter[]) row(p.name, p.value, p.default);
 */
export interface FlightParameter {
  /** Name as the autopilot spells it (e.g. "MPC_XY_VEL_MAX", "WPNAV_SPEED"). */
  name: string;
  /** Value in force when logging started (the first one the log records). */
  value: number;
  /** The firmware's default when the log states it (ULog 'Q', DataFlash PARM.Default), else null. */
  default: number | null;
}

/**
 * A parameter set to a new value while the log ran.
 *
 * @example
 * for (const c of flight.parameters.changes as FlightParameterChange[]) timeline(c.t_s, `${c.name} = ${c.value}`);
 */
export interface FlightParameterChange {
  /** Seconds since the flight's t = 0 (ULog: the last data timestamp before the change). */
  t_s: number;
  name: string;
  value: number;
}

/**
 * The autopilot's parameters in a log (ULog, DataFlash, tlog; empty for formats without any):
 * every name with its value at the start, and the changes made during the flight in time order.
 * 32-bit float values are given as the shortest decimal that reads back to the same float (0.15, not
 * 0.15000000596).
 *
 * @example
 * const { values, changes } = parseFlightLog(bytes).flight.parameters;
 * console.log(values.length, 'parameters,', changes.length, 'changed in flight');
 */
export interface FlightParameters {
  /** Sorted by name, each name once. */
  values: FlightParameter[];
  /** In time order; only values that differ from the one in force. */
  changes: FlightParameterChange[];
}

/**
 * Figures the file states about itself (the DJI .txt details block), used by `summarize` where the
 * flight has no samples to compute them from.
 *
 * @example
 * const { stated } = parseDjiTxt(bytes); // a v13+ record: only its own summary is readable
 * console.log(stated.duration_s, stated.distance_m, stated.max_alt_m, stated.max_speed_mps);
 */
export interface StatedFigures {
  duration_s?: number;
  distance_m?: number;
  max_alt_m?: number;
  max_speed_mps?: number;
}

/**
 * One flight as every importer gives it, in SI units: the track of valid fixes, the channels on one time
 * base, events, flight modes, figures the file states itself, and warnings about what was skipped.
 *
 * @example
 * const flight: Flight = parseULog(bytes);
 * console.log(flight.format, flight.start, flight.duration_s, flight.track.lat_deg.length, flight.warnings);
 * const gpx = flightToGpx(flight);
 */
export interface Flight {
  format: FlightLogFormat;
  /** UTC time of t = 0 as ISO-8601, or null when the log carries no absolute time. */
  start: string | null;
  /** Seconds from t = 0 to the last timestamp in the file; null when the format has no time (KML). */
  duration_s: number | null;
  track: FlightTrack;
  samples: FlightSamples;
  events: FlightEvent[];
  modes: FlightModeChange[];
  parameters: FlightParameters;
  /** Aircraft model or autopilot board, never a serial number or a user-given name. */
  aircraft: string | null;
  /** Firmware or app that wrote the log (e.g. "ArduCopter V3.3-dev", "PX4 v1.14.0"). */
  app: string | null;
  /** Count per message type, topic or record kind, as the format names them. */
  messages: Record<string, number>;
  /** What was skipped, guessed or cut, in words a pilot can act on. */
  warnings: string[];
  stated: StatedFigures;
  /** Frames that failed their checksum (tlog), kept out of `messages`; null when the format has none. */
  crc_failures: number | null;
}

/**
 * Summary of one flight; figures a format does not carry are null, never a made-up 0.
 *
 * @example
 * const { summary } = parseFlightLog(bytes, { name: 'log171.bin' });
 * row(summary.format, summary.start, summary.duration_s, summary.distance_m, summary.max_alt_m);
 */
export interface FlightSummary {
  format: FlightLogFormat;
  start: string | null;
  duration_s: number | null;
  /** Haversine length of the valid track, metres. */
  distance_m: number | null;
  /** Highest point above take-off, metres. */
  max_alt_m: number | null;
  /** Highest point above mean sea level, metres. */
  max_alt_amsl_m: number | null;
  max_speed_mps: number | null;
  /** Farthest valid fix from the first valid fix (home), metres. */
  max_distance_from_home_m: number | null;
  /** First minus last known battery percentage. */
  battery_used_pct: number | null;
  /** Frames that failed their checksum (tlog: MAVLink CRC), not counted in `messages`; null when the format has none. */
  crc_failures: number | null;
  aircraft: string | null;
  app: string | null;
  messages: Record<string, number>;
  warnings: string[];
}
