import type { FlightEventKind } from '../../model/index.ts';

/**
 * AFLR, "Airlock Flight Log Record": the on-device recording format. The specification is
 * docs/formats/airlock-flight-record.md; these constants are its tables, shared by writer and reader.
 */

/**
 * "AFLR", version 1, three reserved zero bytes.
 *
 * @example
 * const isAflr = AFLR_MAGIC.every((b, i) => bytes[i] === b);
 */
export const AFLR_MAGIC = [0x41, 0x46, 0x4c, 0x52] as const;
/**
 * The AFLR format version this code writes and reads (byte 4 of the header).
 *
 * @example
 * encodeAirlockHeader()[4] === AFLR_VERSION; // true
 */
export const AFLR_VERSION = 1;
export const AFLR_HEADER_BYTES = 8;

/** A record body above this is not one the writer makes: the length prefix is damaged. */
export const AFLR_MAX_RECORD_BYTES = 1 << 20;
/** The length prefix of a record of at most AFLR_MAX_RECORD_BYTES takes at most 3 bytes. */
export const AFLR_MAX_LENGTH_BYTES = 3;

export const RECORD = {
  info: 0x01,
  samples: 0x02,
  event: 0x03,
  mode: 0x04,
  end: 0x05,
} as const;
export type RecordKind = keyof typeof RECORD;

/**
 * One sample as the format stores it: SI units as in the flight model, NaN = unknown.
 *
 * @example
 * const sample: AirlockSample = {
 *   t_ms: 1200, lat_deg: 47.3769, lon_deg: 8.5417, alt_rel_m: 42.5, alt_amsl_m: Number.NaN,
 *   h_speed_mps: 6.1, v_speed_mps: 0.3, heading_deg: 92, stick_roll: 0, stick_pitch: 0.6, stick_yaw: 0,
 *   stick_throttle: 0.5, battery_pct: 81, battery_v: 15.9, fix_ok: 1,
 * };
 * const chunk = encodeAirlockSamples([sample]);
 */
export interface AirlockSample {
  /** Milliseconds since the flight's start (t = 0). */
  t_ms: number;
  lat_deg: number;
  lon_deg: number;
  /** Height above take-off, m. */
  alt_rel_m: number;
  alt_amsl_m: number;
  h_speed_mps: number;
  /** Positive up. */
  v_speed_mps: number;
  /** Degrees clockwise from true north, 0..360. */
  heading_deg: number;
  stick_roll: number;
  stick_pitch: number;
  stick_yaw: number;
  stick_throttle: number;
  battery_pct: number;
  battery_v: number;
  /** 1 when the GNSS fix is good enough to trust lat/lon (3D fix), 0 when not, NaN when unknown. */
  fix_ok: number;
}

/**
 * A sample field of the AFLR format: every key of `AirlockSample` but its time.
 *
 * @example
 * const field: AirlockSampleField = 'alt_rel_m';
 * AFLR_SAMPLE_FIELDS.find((f) => f.name === field)?.scale; // 100: centimetres
 */
export type SampleField = Exclude<keyof AirlockSample, 't_ms'>;

/**
 * The sample fields in bit order, each stored as round(value × scale). Scales keep every value's
 * error below what the source can measure (1e-7° ≈ 1.1 cm of latitude).
 *
 * @example
 * for (const { name, scale } of AFLR_SAMPLE_FIELDS) console.log(name, 1 / scale); // lat_deg 1e-7 ...
 */
export const SAMPLE_FIELDS: readonly { name: SampleField; scale: number; wrap?: number }[] = [
  { name: 'lat_deg', scale: 1e7 },
  { name: 'lon_deg', scale: 1e7 },
  { name: 'alt_rel_m', scale: 100 },
  { name: 'alt_amsl_m', scale: 100 },
  { name: 'h_speed_mps', scale: 100 },
  { name: 'v_speed_mps', scale: 100 },
  // Stored modulo 3600 (tenths of a degree) so 359.9° → 0.1° is a delta of +2, not −3598.
  { name: 'heading_deg', scale: 10, wrap: 3600 },
  { name: 'stick_roll', scale: 1000 },
  { name: 'stick_pitch', scale: 1000 },
  { name: 'stick_yaw', scale: 1000 },
  { name: 'stick_throttle', scale: 1000 },
  { name: 'battery_pct', scale: 10 },
  { name: 'battery_v', scale: 100 },
  { name: 'fix_ok', scale: 1 },
];

/**
 * Event kinds by code (1-based; 0 is never written).
 *
 * @example
 * AFLR_EVENT_KINDS.indexOf('photo') + 1; // 1: the code written for a photo event
 */
export const EVENT_KINDS: readonly FlightEventKind[] = [
  'photo',
  'video_start',
  'video_stop',
  'armed',
  'disarmed',
  'info',
  'warning',
  'error',
];

/**
 * What an AFLR file says about the flight before its first sample.
 *
 * @example
 * const info: AirlockInfo = { start_ms: Date.now(), aircraft: 'Quad X4', app: 'MyFlightApp 2.1' };
 * const record = encodeAirlockInfo(info);
 */
export interface AirlockInfo {
  /** UTC epoch milliseconds of t = 0, or null when the device clock was not trusted. */
  start_ms: number | null;
  aircraft: string | null;
  app: string | null;
}
