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
import { type ChannelData, resampleChannels } from './resample.ts';

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
  private readonly fixT = new GrowableColumn();
  private readonly fixLat = new GrowableColumn();
  private readonly fixLon = new GrowableColumn();
  private readonly fixAlt = new GrowableColumn();
  private readonly channels = new Map<SampleChannel, TimedColumn>();
  private readonly events: FlightEvent[] = [];
  private readonly modes: FlightModeChange[] = [];

  constructor(format: FlightLogFormat) {
    this.format = format;
  }

  /** A validated fix (the caller has applied the format's fix-quality rule). */
  addFix(t_s: number, lat_deg: number, lon_deg: number, alt_amsl_m: number): void {
    if (!isPlausibleFix(lat_deg, lon_deg)) return;
    this.fixT.push(t_s);
    this.fixLat.push(lat_deg);
    this.fixLon.push(lon_deg);
    this.fixAlt.push(alt_amsl_m);
    if (Number.isFinite(t_s)) {
      this.sample('lat_deg', t_s, lat_deg);
      this.sample('lon_deg', t_s, lon_deg);
    }
  }

  sample(channel: SampleChannel, t_s: number, value: number): void {
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
    this.events.push(text === undefined ? { t_s, kind } : { t_s, kind, text });
  }

  /** Records a mode only when it differs from the one in force. */
  mode(t_s: number, mode: string): void {
    if (this.modes.length > 0 && this.modes[this.modes.length - 1].mode === mode) return;
    this.modes.push({ t_s, mode });
  }

  count(name: string, n = 1): void {
    this.messages[name] = (this.messages[name] ?? 0) + n;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  build(options: BuildOptions = {}): Flight {
    const channels: Partial<Record<SampleChannel, ChannelData>> = {};
    for (const name of SAMPLE_CHANNELS) {
      const col = this.channels.get(name);
      if (col && col.length > 0) channels[name] = col.ordered();
    }
    const events = [...this.events].sort((a, b) => a.t_s - b.t_s);
    const modes = [...this.modes].sort((a, b) => a.t_s - b.t_s);
    return {
      format: this.format,
      start: this.start,
      duration_s: this.duration_s,
      track: this.buildTrack(),
      samples: resampleChannels(channels, options.sampleRateHz ?? 10),
      events,
      modes,
      aircraft: this.aircraft,
      app: this.app,
      messages: this.messages,
      warnings: this.warnings,
      stated: this.stated,
    };
  }

  private buildTrack(): FlightTrack {
    const t = this.fixT.toArray();
    const lat = this.fixLat.toArray();
    const lon = this.fixLon.toArray();
    const alt = this.fixAlt.toArray();
    let sorted = true;
    for (let i = 1; i < t.length && sorted; i++) if (t[i] < t[i - 1]) sorted = false;
    if (sorted) return { t_s: t, lat_deg: lat, lon_deg: lon, alt_amsl_m: alt };
    const idx = Array.from(t.keys()).sort((a, b) => t[a] - t[b] || a - b);
    const pick = (c: Float64Array) => Float64Array.from(idx, (i) => c[i]);
    return { t_s: pick(t), lat_deg: pick(lat), lon_deg: pick(lon), alt_amsl_m: pick(alt) };
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
