import { GrowableColumn, TimedColumn } from './column.ts';
import type {
  Flight,
  FlightEvent,
  FlightEventKind,
  FlightLogFormat,
  FlightModeChange,
  FlightTrack,
  SampleChannel,
  StatedFigures,
} from './flight.ts';
import { SAMPLE_CHANNELS } from './flight.ts';
import { ParameterCollector } from './parameters.ts';
import {
  CHANNEL_BOUNDS,
  FLIGHT_LIMITS,
  isPlausibleTime,
  plausibleStart,
  plausibleStated,
  withinBounds,
} from './plausible.ts';
import { type ChannelData, resampleChannels } from './resample.ts';

/** Formats whose every point carries its own calendar date (see FLIGHT_LIMITS.maxCalendarSpanS). */
const CALENDAR_FORMATS: ReadonlySet<FlightLogFormat> = new Set(['gpx', 'kml']);

/**
 * How an importer builds the flight model: the rate of the common sample grid.
 *
 * @example
 * const options: BuildOptions = { sampleRateHz: 5 };
 * const flight = parseULog(bytes, options);
 */
export interface BuildOptions {
  /** Rate of the common sample grid, Hz (default 10: the DJI/Airdata rate, enough for charts). */
  sampleRateHz?: number;
}

/**
 * What every importer fills while it reads: fixes, channel samples, events, modes, counts and warnings.
 * Importers stay small because merging streams of different rates happens here, once.
 */
export class FlightBuilder {
  readonly format: FlightLogFormat;
  start: string | null = null;
  duration_s: number | null = null;
  aircraft: string | null = null;
  app: string | null = null;
  messages: Record<string, number> = {};
  readonly warnings: string[] = [];
  stated: StatedFigures = {};
  /** Frames that failed their checksum; stays null for formats without one. */
  crcFailures: number | null = null;
  private readonly fixT = new GrowableColumn();
  private readonly fixLat = new GrowableColumn();
  private readonly fixLon = new GrowableColumn();
  private readonly fixAlt = new GrowableColumn();
  /** Segment number of each fix (see `segment()`). */
  private readonly fixSeg = new GrowableColumn();
  private segmentNo = 0;
  private readonly channels = new Map<SampleChannel, TimedColumn>();
  private readonly events: FlightEvent[] = [];
  private readonly modes: FlightModeChange[] = [];
  private readonly params = new ParameterCollector();
  /** Records dropped for a time beyond `maxSpanS` from t = 0 (a corrupt clock). */
  private badTimes = 0;
  /** FLIGHT_LIMITS.maxSpanS, or maxCalendarSpanS for formats that date every point (see there). */
  private readonly maxSpanS: number;
  /** Values dropped for lying outside CHANNEL_BOUNDS, by channel. */
  private readonly badValues = new Map<string, number>();
  /** Latest time kept, so an absurd stated duration can be replaced by what the data shows. */
  private lastKept = Number.NEGATIVE_INFINITY;

  constructor(format: FlightLogFormat) {
    this.format = format;
    this.maxSpanS = CALENDAR_FORMATS.has(format) ? FLIGHT_LIMITS.maxCalendarSpanS : FLIGHT_LIMITS.maxSpanS;
  }

  /** A validated fix (the caller has applied the format's fix-quality rule). */
  addFix(t_s: number, lat_deg: number, lon_deg: number, alt_amsl_m: number): void {
    if (!isPlausibleFix(lat_deg, lon_deg)) return;
    // NaN is "no time" (KML); anything else must be a moment of this flight.
    if (!Number.isNaN(t_s) && !this.keepTime(t_s)) return;
    this.fixT.push(t_s);
    this.fixLat.push(lat_deg);
    this.fixLon.push(lon_deg);
    this.fixAlt.push(this.bounded('alt_amsl_m', alt_amsl_m));
    this.fixSeg.push(this.segmentNo);
    if (Number.isFinite(t_s)) {
      this.sample('lat_deg', t_s, lat_deg);
      this.sample('lon_deg', t_s, lon_deg);
    }
  }

  /**
   * Fixes added from now on belong to a new segment (a GPX `trkseg`, a KML track): segments are kept
   * apart, never joined into one line, and each is ordered by time on its own.
   */
  segment(): void {
    const n = this.fixSeg.length;
    if (n > 0 && this.fixSeg.data[n - 1] === this.segmentNo) this.segmentNo++;
  }

  sample(channel: SampleChannel, t_s: number, value: number): void {
    if (Number.isNaN(value) || Number.isNaN(this.bounded(channel, value)) || !this.keepTime(t_s)) return;
    let col = this.channels.get(channel);
    if (!col) {
      col = new TimedColumn();
      this.channels.set(channel, col);
    }
    col.push(t_s, value);
  }

  hasChannel(channel: SampleChannel): boolean {
    return (this.channels.get(channel)?.length ?? 0) > 0;
  }

  get fixCount(): number {
    return this.fixT.length;
  }

  event(t_s: number, kind: FlightEventKind, text?: string): void {
    if (!Number.isNaN(t_s) && !this.keepTime(t_s)) return;
    this.events.push(text === undefined ? { t_s, kind } : { t_s, kind, text });
  }

  /** Records a mode only when it differs from the one in force. */
  mode(t_s: number, mode: string): void {
    if (!Number.isNaN(t_s) && !this.keepTime(t_s)) return;
    if (this.modes.length > 0 && this.modes[this.modes.length - 1].mode === mode) return;
    this.modes.push({ t_s, mode });
  }

  /**
   * A parameter value as logged: the first of a name is its value at the start, a later different one
   * a change at `t_s` (NaN: no time known; then only the value in force is updated). Float32 values
   * should pass through `shortestFloat32` first.
   */
  parameter(name: string, value: number, t_s = Number.NaN): void {
    if (!Number.isNaN(t_s) && !this.keepTime(t_s)) t_s = Number.NaN;
    this.params.value(name, value, t_s);
  }

  /** The firmware's default of a parameter, when the log states it. */
  parameterDefault(name: string, value: number): void {
    this.params.defaultValue(name, value);
  }

  count(name: string, n = 1): void {
    this.messages[name] = (this.messages[name] ?? 0) + n;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /** Whether a record at `t_s` is kept; counts the ones dropped for a corrupt clock (NaN: no time). */
  private keepTime(t_s: number): boolean {
    if (!isPlausibleTime(t_s, this.maxSpanS)) {
      if (!Number.isNaN(t_s)) this.badTimes++;
      return false;
    }
    if (t_s > this.lastKept) this.lastKept = t_s;
    return true;
  }

  /** The value, or NaN (counted) when it lies outside its channel's physical bounds. */
  private bounded(channel: SampleChannel, v: number): number {
    if (Number.isNaN(v) || withinBounds(v, CHANNEL_BOUNDS[channel])) return v;
    this.badValues.set(channel, (this.badValues.get(channel) ?? 0) + 1);
    return Number.NaN;
  }

  /**
   * The figures a parser set, held to FLIGHT_LIMITS: an absurd start is dropped, an absurd duration
   * replaced by the span of the data kept, and every drop is named in a warning.
   */
  private plausibleFigures(): { start: string | null; duration_s: number | null; stated: StatedFigures } {
    const start = plausibleStart(this.start);
    if (this.start !== null && start === null)
      this.warn(
        `The log's start time (${this.start.slice(0, 40)}) is not a plausible date: it is left unknown`,
      );
    let duration_s = this.duration_s;
    if (duration_s !== null && !(duration_s >= 0 && duration_s <= this.maxSpanS)) {
      const kept = Number.isFinite(this.lastKept) ? Math.max(0, this.lastKept) : null;
      this.warn(
        `The log's clock gives a duration of ${duration_s} s, which is not plausible: ` +
          (kept === null
            ? 'the duration is left unknown'
            : `the duration is taken from the data kept (${kept} s)`),
      );
      duration_s = kept;
    }
    if (this.badTimes > 0)
      this.warn(
        `${this.badTimes} records with timestamps more than ${Math.round(this.maxSpanS / 86_400)} days from the log's start were dropped (corrupt clock)`,
      );
    if (this.params.skipped > 0)
      this.warn(
        `${this.params.skipped} parameter records were skipped (a name no autopilot writes, a value that is not a number, or more than the limit)`,
      );
    for (const [channel, n] of this.badValues)
      this.warn(`${n} ${channel} values outside physical bounds were dropped as corrupt`);
    const droppedStated: string[] = [];
    const stated = plausibleStated(this.stated, droppedStated);
    if (droppedStated.length > 0)
      this.warn(
        `Figures the file states about itself are not plausible and were left out: ${droppedStated.join(', ')}`,
      );
    return { start, duration_s, stated };
  }

  build(options: BuildOptions = {}): Flight {
    const figures = this.plausibleFigures();
    const channels: Partial<Record<SampleChannel, ChannelData>> = {};
    for (const name of SAMPLE_CHANNELS) {
      const col = this.channels.get(name);
      if (col && col.length > 0) channels[name] = col.ordered();
    }
    const events = [...this.events].sort((a, b) => a.t_s - b.t_s);
    const modes = [...this.modes].sort((a, b) => a.t_s - b.t_s);
    return {
      format: this.format,
      start: figures.start,
      duration_s: figures.duration_s,
      track: this.buildTrack(),
      samples: resampleChannels(channels, options.sampleRateHz ?? 10),
      events,
      modes,
      parameters: this.params.build(),
      aircraft: this.aircraft,
      app: this.app,
      messages: this.messages,
      warnings: this.warnings,
      stated: figures.stated,
      crc_failures: this.crcFailures,
    };
  }

  /**
   * The fixes by segment: each segment in time order (stable for equal or missing times), segments
   * ordered by their first time (file order where they have none).
   */
  private buildTrack(): FlightTrack {
    const t = this.fixT.toArray();
    const seg = this.fixSeg.toArray();
    const cols = [t, this.fixLat.toArray(), this.fixLon.toArray(), this.fixAlt.toArray()];
    const groups = new Map<number, number[]>();
    for (let i = 0; i < t.length; i++) {
      let g = groups.get(seg[i]);
      if (!g) groups.set(seg[i], (g = []));
      g.push(i);
    }
    const ordered = [...groups.values()].map((idx) =>
      idx.some((i, k) => k > 0 && t[i] < t[idx[k - 1]]) ? idx.sort((a, b) => t[a] - t[b] || a - b) : idx,
    );
    const firstTime = (idx: number[]) => idx.map((i) => t[i]).find(Number.isFinite) ?? Number.NaN;
    const keys = ordered.map((idx, k) => ({ idx, k, t0: firstTime(idx) }));
    keys.sort((a, b) => (Number.isNaN(a.t0) || Number.isNaN(b.t0) ? a.k - b.k : a.t0 - b.t0 || a.k - b.k));
    const order: number[] = [];
    const starts: number[] = [];
    for (const { idx } of keys) {
      starts.push(order.length);
      for (const i of idx) order.push(i);
    }
    const identity = order.every((v, i) => v === i);
    const [ts, lat, lon, alt] = identity ? cols : cols.map((c) => Float64Array.from(order, (i) => c[i]));
    return { t_s: ts, lat_deg: lat, lon_deg: lon, alt_amsl_m: alt, segment_starts: Uint32Array.from(starts) };
  }
}

/** 0,0 is what receivers report before a lock; out-of-range values are decoding garbage. */
export function isPlausibleFix(lat: number, lon: number): boolean {
  if (!(Number.isFinite(lat) && Number.isFinite(lon))) return false;
  if (lat === 0 && lon === 0) return false;
  return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

/** ISO-8601 UTC for an epoch in milliseconds, or null when it is not a plausible flight date. */
export function isoFromEpochMs(ms: number): string | null {
  // Before 2000 is a receiver without time (or a SITL clock near epoch 0), not a real flight date.
  if (!Number.isFinite(ms) || ms < 946_684_800_000 || ms > 4_102_444_800_000) return null;
  return new Date(Math.round(ms)).toISOString();
}
